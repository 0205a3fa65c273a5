/**
 * The quadratic oracle whose optimum drifts: θ_t a random walk or an AR(1) process (lesson 10).
 *
 * @packageDocumentation
 */
import type { Random } from "../numeric/random";
import { fillZigguratUnchecked } from "../numeric/ziggurat";
import { type NumericArray, describeValue, expectNumber, expectPositive } from "../validation";
import { expectNonNegative, expectOracleOptions, expectRandom, gradientTarget, halfSquaredDistance, readOptimum } from "./oracleOptions";
import { type GradientOracle, expectPoint } from "./quadraticOracle";

/** Options of {@link driftingOracle}. */
export interface DriftingOracleOptions {
  /** θ_1, the optimum at the first round (copied): d ≥ 1 finite numbers. */
  theta: NumericArray;
  /** σ ≥ 0, the standard deviation of the gradient noise per coordinate. */
  sigma: number;
  /** q ≥ 0, the drift variance per coordinate and round: θ_{t+1} = a·θ_t + w_t, w_t ~ N(0, q I). */
  q: number;
  /** a, the drift's coefficient: 1 (default) is the random walk, |a| < 1 an AR(1) optimum; any finite number. */
  a?: number;
  /** μ > 0, the curvature (default 1). */
  mu?: number;
  /** The seeded source of the drift and of the noise (each round: d drift draws, then d noise draws, `zigguratNormal` deviates). */
  rng: Random;
}

/** The oracle returned by {@link driftingOracle}. */
export interface DriftingOracle extends GradientOracle {
  /**
   * θ_t, the optimum of the last answered round (θ_1 before any round): a live view, overwritten when
   * the next round moves it. Copy it to keep it; do not write to it.
   */
  readonly theta: Float64Array;
  readonly sigma: number;
  readonly q: number;
  readonly a: number;
  readonly mu: number;
  /** The number of gradients answered so far. */
  readonly calls: number;
  /** f_{θ_t}(x) − f* = (μ/2)‖x − θ_t‖² against the current optimum (no round spent). */
  value(x: Float64Array): number;
}

/**
 * A stochastic gradient oracle for a moving target: round t answers for f_{θ_t}(x) = (μ/2)‖x − θ_t‖²,
 *
 *     G_t(x) = μ(x − θ_t) + σZ_t,      θ_{t+1} = a·θ_t + w_t,   w_t ~ N(0, q I_d),   Z_t ~ N(0, I_d),
 *
 * a random walk for a = 1 (the tracking problem of math.md §4.5) and an AR(1) optimum for |a| < 1
 * (stationary variance q/(1 − a²) per coordinate). The optimum moves just before each round after the
 * first, so round t's gradient and `theta` (after the call) refer to the same θ_t, and an estimate
 * x̂_t formed after round t is scored by `value(x̂_t)` or ‖x̂_t − θ_t‖². By the reduction,
 * X_t = x_t − G_t/μ = θ_t − (σ/μ)Z_t: a noisy look at a moving target, the state-space model a Kalman
 * filter tracks (`kalmanFilter`). Its best tracking error, and the price of sending B bits a round, are
 * `steadyStateKalmanVariance` and `trackingLowerBound`.
 *
 * Source: the drifting-optimum extension of paper A (arXiv:2606.00703, abstract level); the model and
 * its bound are our derivation (math.md §4.5, lesson 10).
 *
 * Edge cases: q = 0 (and a = 1) is the fixed-θ oracle; σ = 0 gives exact gradients of the moving
 * target. NaN in x flows through.
 *
 * @throws TypeError naming `options`, `theta`, `rng` or `x`; RangeError naming `theta`, `sigma`, `q`
 * (not finite ≥ 0), `a` (not finite), `mu` (not finite > 0), or `x` / `out` (length ≠ d).
 * @example
 * ```ts
 * const oracle = driftingOracle({ theta: [0, 0], sigma: 1, q: 1e-3, rng: createRandom(5) });
 * oracle.gradient(new Float64Array(2)); // answers for θ_1 = [0, 0]
 * oracle.gradient(new Float64Array(2)); // θ_2 = θ_1 + w_1, w_1 ~ N(0, 0.001 I)
 * oracle.theta; // θ_2
 * ```
 */
export function driftingOracle(options: DriftingOracleOptions): DriftingOracle {
  expectOracleOptions(options);
  const theta = readOptimum("theta", options.theta);
  const { sigma, q, rng } = options;
  const a = options.a === undefined ? 1 : options.a;
  const mu = options.mu === undefined ? 1 : options.mu;
  expectNonNegative("sigma", sigma);
  expectNonNegative("q", q);
  expectNumber("a", a);
  if (!Number.isFinite(a)) throw new RangeError(`a must be a finite number, got ${describeValue(a)}`);
  expectPositive("mu", mu);
  expectRandom("rng", rng);
  const d = theta.length;
  const step = Math.sqrt(q);
  let calls = 0;
  const noise = new Float64Array(d); // a batch of d normals (the same values as one call each)
  return {
    d,
    theta,
    sigma,
    q,
    a,
    mu,
    get calls() {
      return calls;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      const g = gradientTarget(x, out, d);
      if (calls > 0) {
        fillZigguratUnchecked(noise, rng, 0, d);
        for (let i = 0; i < d; i++) theta[i] = a * theta[i] + step * noise[i];
      }
      fillZigguratUnchecked(noise, rng, 0, d);
      for (let i = 0; i < d; i++) g[i] = mu * (x[i] - theta[i]) + sigma * noise[i];
      calls++;
      return g;
    },
    value(x: Float64Array): number {
      expectPoint("x", x, d);
      return halfSquaredDistance(mu, x, theta);
    },
  };
}
