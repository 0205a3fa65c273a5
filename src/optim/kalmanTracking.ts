/**
 * Monte Carlo tracking error of the Kalman filter with every sample in full (infinite bits): the
 * estimation floor of lesson 10, measured.
 *
 * @packageDocumentation
 */
import { type MonteCarloResult, monteCarlo } from "../numeric/monteCarlo";
import { createRandom } from "../numeric/random";
import { driftingOracle } from "../oracles/driftingOracle";
import { describeValue, expectFinite, expectInteger, expectPositive } from "../validation";
import { kalmanFilter, steadyStateKalmanVariance } from "./kalman";

/** Options of {@link kalmanTrackingRisk}. */
export interface KalmanTrackingOptions {
  /** d, the dimension (integer ≥ 1). */
  d: number;
  /** q > 0, the drift variance per coordinate and round. */
  q: number;
  /** σ > 0, the gradient noise per coordinate. */
  sigma: number;
  /** a, the drift's coefficient (default 1: random walk); finite. */
  a?: number;
  /** T, the rounds per run (integer ≥ 2). */
  rounds: number;
  /** Rounds left out of the time average while the filter settles (default ⌊T/2⌋; 0 … T − 1). */
  burnIn?: number;
  /** Independent runs (integer ≥ 2). */
  trials: number;
  /** The seed: run i draws the oracle's drift and noise from stream i of it. */
  seed: number;
}

/** What {@link kalmanTrackingRisk} returns. */
export interface KalmanTrackingRisk {
  /** The time-averaged error (1/(T − burnIn))·Σ_{t > burnIn} ‖θ_t − θ̂_t‖², over runs. */
  mse: MonteCarloResult;
  /** The mean over runs of ‖θ_t − θ̂_t‖² at each round t = 1 … T. */
  perRound: Float64Array;
  /** The filter's own error variance P_t per coordinate after round t (the same in every run). */
  variances: Float64Array;
  /** d·P∞ with P∞ = `steadyStateKalmanVariance(q, sigma, a)`: the steady state the time average should reach. */
  steadyState: number;
}

/**
 * Runs `kalmanFilter` on `driftingOracle`'s samples with nothing compressed, and measures its error.
 * Each round the filter's current estimate is the query x_t; the sample X_t = x_t − G_t(x_t) = θ_t + σZ_t
 * (μ = 1, the reduction of lesson 4) is fed to the filter, and ‖θ_t − θ̂_t‖² is recorded after the update
 * (the filtered error). θ_1 = 0 is known to the filter (prior mean 0, variance 0), as in
 * `predictiveQuantizerRisk`, so the two start alike.
 *
 * By the Kalman recursion E‖θ_t − θ̂_t‖² = d·P_t exactly, and P_t → P∞; the simulation measures what
 * the recursion predicts, so the two can be compared (lesson 10's estimation floor).
 *
 * Source: R. E. Kalman, J. Basic Eng. 82(1), 1960; math.md §4.5; lesson 10.
 *
 * Cost: trials·T·2d normal draws. Allocates nothing per round.
 *
 * @throws TypeError for a non-object; RangeError naming `d`, `q`, `sigma`, `a`, `rounds`, `burnIn`,
 * `trials` or `seed`.
 * @example
 * ```ts
 * const r = kalmanTrackingRisk({ d: 4, q: 1e-3, sigma: 1, rounds: 2000, trials: 20, seed: 3 });
 * r.steadyState; // 0.124508 = 4·0.031127
 * r.mse.mean;    // ≈ 0.1245 (within a few standard errors)
 * ```
 */
export function kalmanTrackingRisk(options: KalmanTrackingOptions): KalmanTrackingRisk {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { d, q, sigma, rounds: T, trials, seed } = options;
  const a = options.a === undefined ? 1 : options.a;
  expectInteger("d", d, 1);
  expectPositive("q", q);
  expectPositive("sigma", sigma);
  expectFinite("a", a);
  expectInteger("rounds", T, 2);
  const burnIn = options.burnIn === undefined ? Math.floor(T / 2) : options.burnIn;
  expectInteger("burnIn", burnIn, 0, T - 1);
  expectInteger("trials", trials, 2);
  expectInteger("seed", seed);
  const perRound = new Float64Array(T);
  const variances = new Float64Array(T);
  const x = new Float64Array(d);
  const g = new Float64Array(d);
  const y = new Float64Array(d);
  const mse = monteCarlo({
    trials,
    seed,
    run: (_rng, i) => {
      const oracle = driftingOracle({ theta: new Float64Array(d), sigma, q, a, rng: createRandom(seed, i) });
      const filter = kalmanFilter({ d, q, sigma, a, variance: 0 });
      let sum = 0;
      for (let t = 1; t <= T; t++) {
        // the query: the filter's prediction a·θ̂_{t−1} (the sample does not depend on it)
        for (let j = 0; j < d; j++) x[j] = t === 1 ? 0 : a * filter.estimate[j];
        oracle.gradient(x, g);
        for (let j = 0; j < d; j++) y[j] = x[j] - g[j];
        const estimate = filter.update(y);
        const theta = oracle.theta;
        let e2 = 0;
        for (let j = 0; j < d; j++) e2 += (theta[j] - estimate[j]) ** 2;
        perRound[t - 1] += e2 / trials;
        variances[t - 1] = filter.variance;
        if (t > burnIn) sum += e2;
      }
      return sum / (T - burnIn);
    },
  });
  return { mse, perRound, variances, steadyState: d * steadyStateKalmanVariance(q, sigma, a) };
}
