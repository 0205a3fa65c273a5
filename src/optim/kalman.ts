/**
 * The Kalman filter for a drifting optimum observed in Gaussian noise, and its steady state (lesson 10).
 *
 * @packageDocumentation
 */
import { type NumericArray, describeValue, expectFinite, expectInteger, expectNumericArray } from "../validation";
import { expectNonNegative } from "../oracles/oracleOptions";

/** Throws unless σ ≥ 0 and q ≥ 0 are finite and a finite. */
function expectModel(q: unknown, sigma: unknown, a: unknown): void {
  expectNonNegative("q", q);
  expectNonNegative("sigma", sigma);
  expectFinite("a", a);
}

/**
 * P∞, the steady-state filtered error variance per coordinate of the Kalman filter for the state
 * θ_{t+1} = a·θ_t + w_t (w_t ~ N(0, q)) observed as y_t = θ_t + σZ_t: the fixed point of the Riccati
 * recursion
 *
 *     P⁻ = a²P + q,     P = P⁻σ²/(P⁻ + σ²),
 *
 * i.e. the positive root of a²P² + (q + σ²(1 − a²))P − qσ² = 0,
 *
 *     P∞ = 2qσ² / (b + √(b² + 4a²qσ²)),    b = q + σ²(1 − a²);
 *
 * for the random walk (a = 1) P∞ = (−q + √(q² + 4qσ²))/2 ≈ σ√q when q ≪ σ². Written as the ratio above
 * it keeps its digits when q ≪ σ² (the textbook form subtracts nearly equal numbers). No estimator of θ_t
 * from y_1 … y_t does better in steady state: the estimation floor of `trackingLowerBound`.
 *
 * Source: R. E. Kalman, "A new approach to linear filtering and prediction problems", J. Basic Eng.
 * 82(1), 1960 (the recursion); the closed form is the quadratic's root (math.md §4.5); lesson 10.
 *
 * Edge cases: q = 0 or σ = 0 give 0 (a fixed state is eventually known exactly; exact observations
 * leave no error). For |a| < 1 and σ → ∞, P∞ → q/(1 − a²), the stationary variance.
 *
 * @param q - the drift variance per step, finite ≥ 0
 * @param sigma - the observation noise's standard deviation, finite ≥ 0
 * @param a - the state's coefficient, finite (default 1: random walk)
 * @returns P∞ ≥ 0 (the error variance after each update)
 * @throws RangeError naming `q`, `sigma` (not finite ≥ 0) or `a` (not finite); TypeError for non-numbers.
 * @example
 * ```ts
 * steadyStateKalmanVariance(1e-3, 1); // 0.031127 (math.md §4.5)
 * ```
 */
export function steadyStateKalmanVariance(q: number, sigma: number, a = 1): number {
  expectModel(q, sigma, a);
  const s2 = sigma * sigma;
  if (q === 0 || s2 === 0) return 0;
  const b = q + s2 * (1 - a * a);
  const root = Math.sqrt(b * b + 4 * a * a * q * s2);
  // for b < 0 (|a| > 1) the sum b + root cancels; use the other form of the same root
  return b >= 0 ? (2 * q * s2) / (b + root) : (root - b) / (2 * a * a);
}

/** Options of {@link kalmanFilter}. */
export interface KalmanFilterOptions {
  /** d, the dimension (integer ≥ 1); every coordinate is filtered independently with the same model. */
  d: number;
  /** q ≥ 0, the drift variance per coordinate and step. */
  q: number;
  /** σ ≥ 0, the observation noise per coordinate. */
  sigma: number;
  /** a, the state's coefficient (default 1: random walk). */
  a?: number;
  /** The prior mean of θ_1 (d numbers; default 0). */
  mean?: NumericArray;
  /** The prior variance of θ_1 per coordinate, ≥ 0 or +∞ (default +∞: the first estimate is the first observation). */
  variance?: number;
}

/** The filter returned by {@link kalmanFilter}. */
export interface KalmanFilter {
  readonly d: number;
  /** θ̂_t, the current estimate (a live view, updated in place; copy it to keep it). */
  readonly estimate: Float64Array;
  /** P_t, the current error variance per coordinate (the same for every coordinate). */
  readonly variance: number;
  /** The number of observations taken so far. */
  readonly steps: number;
  /** Takes y_t (d numbers): predicts θ_t from θ̂_{t−1} (after the first step), then updates with y_t. Returns `estimate`. */
  update(observation: Float64Array): Float64Array;
}

/**
 * The Kalman filter for θ_{t+1} = a·θ_t + w_t (w_t ~ N(0, qI)) observed as y_t = θ_t + σZ_t, coordinate
 * by coordinate (the model is isotropic, so one variance serves all coordinates):
 *
 *     predict:  θ̂⁻ = a·θ̂_{t−1},   P⁻ = a²P_{t−1} + q          (skipped before the first observation)
 *     update:   K = P⁻/(P⁻ + σ²),  θ̂_t = θ̂⁻ + K(y_t − θ̂⁻),   P_t = (1 − K)P⁻.
 *
 * With the drifting oracle's samples y_t = x_t − G_t(x_t)/μ (the reduction of lesson 4), θ̂_t is the
 * minimum-mean-squared-error estimate of θ_t from all samples so far, and P_t → `steadyStateKalmanVariance`.
 * It allocates nothing per step.
 *
 * Source: R. E. Kalman, J. Basic Eng. 82(1), 1960; math.md §4.5; lesson 10.
 *
 * Edge cases: prior variance +∞ makes the first update θ̂_1 = y_1 with P_1 = σ²; σ = 0 copies each
 * observation. NaN in an observation flows through.
 *
 * @throws TypeError for a non-object or non-numeric `mean`; RangeError naming `d`, `q`, `sigma`, `a`,
 * `mean` (length ≠ d or not finite), `variance` (not ≥ 0), or `observation` (not a Float64Array of length d).
 * @example
 * ```ts
 * const filter = kalmanFilter({ d: 1, q: 1e-3, sigma: 1 });
 * for (let t = 0; t < 2000; t++) filter.update(new Float64Array([0]));
 * filter.variance; // 0.031127 = steadyStateKalmanVariance(1e-3, 1)
 * ```
 */
export function kalmanFilter(options: KalmanFilterOptions): KalmanFilter {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { d, q, sigma } = options;
  const a = options.a === undefined ? 1 : options.a;
  expectInteger("d", d, 1);
  expectModel(q, sigma, a);
  const estimate = new Float64Array(d);
  if (options.mean !== undefined) {
    expectNumericArray("mean", options.mean);
    if (options.mean.length !== d) throw new RangeError(`mean.length must equal d = ${d}, got ${options.mean.length}`);
    estimate.set(options.mean);
    for (let i = 0; i < d; i++) if (!Number.isFinite(estimate[i])) throw new RangeError(`mean[${i}] must be finite, got ${describeValue(estimate[i])}`);
  }
  let P = options.variance === undefined ? Infinity : options.variance;
  if (!(P >= 0)) throw new RangeError(`variance must be a number >= 0 or Infinity, got ${describeValue(P)}`);
  const s2 = sigma * sigma;
  let steps = 0;
  return {
    d,
    estimate,
    get variance() {
      return P;
    },
    get steps() {
      return steps;
    },
    update(observation: Float64Array): Float64Array {
      if (!(observation instanceof Float64Array) || observation.length !== d) {
        throw new RangeError(`observation must be a Float64Array of length d = ${d}, got ${describeValue(observation)}`);
      }
      if (steps > 0) {
        for (let i = 0; i < d; i++) estimate[i] *= a;
        P = a * a * P + q;
      }
      // K = P⁻/(P⁻ + σ²), written so that P⁻ = ∞ gives K = 1
      const K = P === Infinity ? 1 : s2 === 0 ? 1 : P / (P + s2);
      for (let i = 0; i < d; i++) estimate[i] += K * (observation[i] - estimate[i]);
      P = P === Infinity ? s2 : (1 - K) * P;
      steps++;
      return estimate;
    },
  };
}
