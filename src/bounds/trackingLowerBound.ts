import { steadyStateKalmanVariance } from "../optim/kalman";
import { describeValue, expectInteger, expectPositive } from "../validation";

/** Arguments of {@link trackingLowerBound}. */
export interface TrackingLowerBoundArgs {
  /** d, the dimension (integer ≥ 1). */
  d: number;
  /** q > 0, the drift variance per coordinate and round: θ_{t+1} = θ_t + w_t, w_t ~ N(0, q I). */
  q: number;
  /** σ > 0, the gradient noise per coordinate. */
  sigma: number;
  /** B > 0, the bits per round (real values allowed, for smooth curves). */
  bits: number;
  /** True when x_t must be chosen before round t's message arrives (prediction): adds d·q. Default false. */
  prediction?: boolean;
}

/**
 * A lower bound on the steady-state tracking error of a random-walk optimum through B bits a round:
 *
 *     E‖θ_t − x̂_t‖² ≥ d·[ P∞ + q/(2^{2B/d} − 1) ]        (+ d·q when x̂_t is chosen before round t's bits),
 *
 * per round, summed over the d coordinates, for the drifting oracle (`driftingOracle`, a = 1) with
 * μ = 1: θ_{t+1} = θ_t + w_t, w_t ~ N(0, qI), each round's sample θ_t + σZ_t compressed to B bits.
 *
 * Our derivation (math.md §4.5, lesson 10), in two terms:
 * 1. **Estimation floor** d·P∞, P∞ = `steadyStateKalmanVariance(q, σ)`: even with every sample in full,
 *    no estimate beats the Kalman filter's θ̂_t, and by orthogonality
 *    E‖θ_t − x̂_t‖² = E‖θ_t − θ̂_t‖² + E‖θ̂_t − x̂_t‖² for any x̂_t computed from the samples.
 * 2. **Coding floor** d·q/(2^{2B/d} − 1): in steady state θ̂_t is itself a Gaussian random walk with
 *    increment variance P⁻ − P = q per coordinate, and describing a random walk causally at R = B/d bits
 *    per coordinate per round leaves at least q/(2^{2R} − 1) (`sequentialDistortionRate` with a = 1;
 *    the equal split of the bits over coordinates is optimal by symmetry and convexity).
 *
 * **A genie bound.** Term 2 pictures an encoder that holds the Kalman estimate θ̂_t. The memoryless
 * encoder of paper A's model sees only the current round's sample (and past messages), so it cannot
 * compute θ̂_t; but an encoder with more information can only do better, so the bound holds for it
 * too, and may not be attained by it. How far a real scheme stays above it is what
 * `predictiveQuantizerRisk` measures.
 *
 * Source: our derivation (math.md §4.5, lesson 10), from the sequential rate–distortion function of
 * a Gauss–Markov source (Tatikonda, Sahai and Mitter, IEEE TAC 2004) and the Kalman filter; the
 * drifting-optimum extension is paper A's (arXiv:2606.00703, abstract level).
 *
 * @returns the bound on E‖θ_t − x̂_t‖² in steady state (squared units of θ)
 * @throws TypeError for a non-object or non-boolean `prediction`; RangeError naming `d` (not an integer
 * ≥ 1), `q`, `sigma` or `bits` (not finite > 0).
 * @example
 * ```ts
 * trackingLowerBound({ d: 1, q: 1e-3, sigma: 1, bits: 0.25 }); // 0.033541 = 0.031127 + 0.002414
 * trackingLowerBound({ d: 4, q: 1e-3, sigma: 1, bits: 4 });    // 4·(0.031127 + 0.000333)
 * ```
 */
export function trackingLowerBound(args: TrackingLowerBoundArgs): number {
  if (typeof args !== "object" || args === null) throw new TypeError(`args must be an object, got ${describeValue(args)}`);
  const { d, q, sigma, bits } = args;
  const prediction = args.prediction === undefined ? false : args.prediction;
  expectInteger("d", d, 1);
  expectPositive("q", q);
  expectPositive("sigma", sigma);
  expectPositive("bits", bits);
  if (typeof prediction !== "boolean") throw new TypeError(`prediction must be a boolean, got ${describeValue(prediction)}`);
  const perCoordinate = steadyStateKalmanVariance(q, sigma) + q / Math.expm1((2 * bits * Math.LN2) / d);
  return d * (perCoordinate + (prediction ? q : 0));
}
