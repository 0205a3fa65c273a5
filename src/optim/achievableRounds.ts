/**
 * The rounds the achievability analysis of lesson 8 predicts for quantized SGD to reach a target error:
 * the counterpart of the lower bounds of lesson 7, for a reader's own numbers (`bitbound bounds`).
 *
 * @packageDocumentation
 */
import { achievabilityScheme, achievabilityVariance, dynamicRange, type AchievabilityScheme } from "./achievability";
import { expectInRange, expectInteger, expectPositive } from "../validation";

/** Arguments of {@link achievableRounds}. */
export interface AchievableRoundsArgs {
  /** d, the dimension (integer ≥ 1). */
  d: number;
  /** B, the bits of each round's message (integer ≥ 1). */
  bits: number;
  /** σ > 0, the gradient noise per coordinate. */
  sigma: number;
  /** D > 0, the target E‖x_T − θ‖² (paper A's convention: D = 2ε²/μ). */
  D: number;
  /** μ > 0, the curvature of f(x) = (μ/2)‖x − θ‖² (default 1). */
  mu?: number;
  /** r: θ in [−r, r]^d and SGD started at 0, so gradients carry at most μr besides the noise (default 0: started at θ). */
  priorRadius?: number;
  /** δ in (0, 1): the allowed probability that some gradient coordinate leaves the range (default 0.01). */
  delta?: number;
}

/** What {@link achievableRounds} returns. */
export interface AchievableRounds extends AchievabilityScheme {
  /** T: the smallest whole number of rounds with V/(μ²T) ≤ D, for the range that covers T rounds. */
  rounds: number;
  /** M: the stochastic-rounding range that covers every gradient coordinate of the T rounds (probability ≥ 1 − δ). */
  range: number;
  /** V: the per-round variance of the compressed gradient at the optimum. */
  variance: number;
}

/**
 * Rounds for quantized SGD with B-bit random-subset stochastic rounding to reach E‖x_T − θ‖² ≤ D, by the
 * analysis of lesson 8 (math.md §5):
 *
 *     T = ⌈V(M_T) / (μ²D)⌉,   M_T = μr + σ√(2 ln(2dT/δ)),   V = achievabilityVariance(d, k, b, M_T, σ),
 *
 * with the scheme (k, b) = achievabilityScheme(d, B) and step 1/(μ(t + 1)), for which x_T − θ is the
 * average of the T compression-and-noise errors divided by μ, so E‖x_T − θ‖² = V/(μ²T) once the iterates
 * sit near θ. M_T grows with T, so T is found as a fixed point (T ↦ ⌈V(M_T)/(μ²D)⌉ is non-decreasing
 * and grows only logarithmically; the iteration starts at the unquantized σ²d/(μ²D) and stops when it
 * repeats). For B ≤ d (one bit on B coordinates) V = d²M²/B, so T exceeds the product lower bound by about
 * 2 ln 2·M²/σ²: the logarithmic gap of paper A's achievability result (arXiv:2606.00703, stated there at
 * the order level, for a bounded dynamic range).
 *
 * An estimate, not a guarantee: it ignores the transient before the iterates reach θ and assumes the
 * step-size offset of `stepSizeRule` keeps them in range (lesson 8).
 *
 * Source: math.md §5.1–§5.4 (our derivation, lesson 8).
 *
 * @throws RangeError naming `d`, `bits` (integers ≥ 1), `sigma`, `D`, `mu` (finite > 0), `priorRadius`
 *   (finite ≥ 0) or `delta` (in (0, 1)).
 * @example
 * ```ts
 * achievableRounds({ d: 64, bits: 32, sigma: 1, D: 1 }); // { k: 32, bitsPerCoordinate: 1, rounds ≈ 3.3e3, … }
 * ```
 */
export function achievableRounds(args: AchievableRoundsArgs): AchievableRounds {
  const { d, bits, sigma, D } = args;
  const mu = args.mu ?? 1;
  const priorRadius = args.priorRadius ?? 0;
  const delta = args.delta ?? 0.01;
  expectInteger("d", d, 1);
  expectInteger("bits", bits, 1);
  expectPositive("sigma", sigma);
  expectPositive("D", D);
  expectPositive("mu", mu);
  expectInRange("priorRadius", priorRadius, 0, Number.MAX_VALUE);
  expectInRange("delta", delta, Number.MIN_VALUE, 1 - Number.EPSILON);
  const scheme = achievabilityScheme(d, bits);
  let rounds = Math.max(1, Math.ceil((sigma * sigma * d) / (mu * mu * D)));
  let range = 0;
  let variance = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    range = dynamicRange({ d, rounds, sigma, delta, offset: mu * priorRadius });
    variance = achievabilityVariance({ d, k: scheme.k, bitsPerCoordinate: scheme.bitsPerCoordinate, range, sigma });
    const next = Math.max(1, Math.ceil(variance / (mu * mu * D)));
    if (next <= rounds) break;
    rounds = next;
  }
  return { ...scheme, rounds, range, variance };
}
