/**
 * The cap on the Fisher information that a B-bit message can carry about a Gaussian mean (lesson 5).
 *
 * @packageDocumentation
 */
import { expectInteger, expectPositive } from "../validation";

/**
 * 2·ln 2 ≈ 1.3863: the Fisher information per bit, in units of 1/σ², that no B-bit message about a
 * Gaussian mean can beat. Our derivation (math.md §3.4 [D], lesson 5); paper A (arXiv:2606.00703)
 * states only the order O(B/σ²).
 *
 * @example
 * ```ts
 * FISHER_PER_BIT_CAP / (2 / Math.PI); // 2.178 = π·ln 2: the gap to one bit per coordinate
 * ```
 */
export const FISHER_PER_BIT_CAP = 2 * Math.LN2;

/** Parameters of {@link fisherCap}. */
export interface FisherCapParameters {
  /** The dimension d of the mean θ, a positive integer. */
  d: number;
  /** The message length B in bits, a finite number > 0 (fractional B is allowed: an entropy). */
  bits: number;
  /** The noise standard deviation σ per coordinate (default 1), a finite number > 0. */
  sigma?: number;
}

/** Parameters of {@link fisherCapRounds}: those of {@link fisherCap} and the number of rounds T. */
export interface FisherCapRoundsParameters extends FisherCapParameters {
  /** The number of rounds T, a positive integer. */
  T: number;
}

function readCap(p: FisherCapParameters): number {
  if (p === null || typeof p !== "object") throw new TypeError("parameters must be an object { d, bits, sigma }");
  const sigma = p.sigma ?? 1;
  expectInteger("d", p.d, 1);
  expectPositive("bits", p.bits);
  expectPositive("sigma", sigma);
  return Math.min(p.d, FISHER_PER_BIT_CAP * p.bits) / (sigma * sigma);
}

/**
 * The largest trace of the Fisher information matrix about θ that any B-bit message Y (any
 * deterministic or randomized function of one observation X ~ N(θ, σ²I_d), with any public coin) can
 * carry:
 *
 *     tr I_Y(θ) ≤ min(d, 2 ln 2 · B) / σ²          (math.md §3.4, (★))
 *
 * The d/σ² side is the unquantized observation (data processing). The 2 ln 2 · B side is OUR
 * DERIVATION (math.md §3.4, status [D]; lesson 5): the score's projection on any unit vector is
 * N(0, 1/σ²), hence sub-Gaussian, so ‖E[S | Y = y]‖² ≤ 2·ln(1/p(y))/σ² (Donsker–Varadhan), and
 * averaging over y gives tr I_Y ≤ 2·H(Y)/σ² ≤ 2·ln 2·B/σ² (H in nats). Barnes, Han and Özgür
 * (arXiv:1902.02890) and Barnes and Özgür (arXiv:2102.05802) state this form with an unspecified or
 * tight constant (their abstracts; the theorem statements were not read here); paper A (Kim,
 * arXiv:2606.00703) states only the order, in its abstract: a B-bit transcript carries O(TB/σ²) of
 * Fisher trace.
 * The constant matters: one bit per coordinate gives only 2/π ≈ 0.637 per bit, while vector messages
 * approach 2 ln 2 ≈ 1.386 per bit at low rate (see {@link fisherTraceIndexOfMax}).
 *
 * Units: 1/(units of θ)². The crossover where the two sides meet is B = d/(2 ln 2).
 *
 * @throws TypeError when the parameters are not an object; RangeError naming `d` (not a positive
 * integer), `bits` (not > 0) or `sigma` (not > 0).
 * @example
 * ```ts
 * fisherCap({ d: 1024, bits: 64 }); // 88.72 = 2·ln 2·64
 * fisherCap({ d: 16, bits: 64, sigma: 2 }); // 4 = 16/2²
 * ```
 */
export function fisherCap(parameters: FisherCapParameters): number {
  return readCap(parameters);
}

/**
 * The Fisher-trace cap of a T-round transcript of B-bit messages, one per round, each about a fresh
 * observation X_t ~ N(θ, σ²I_d), sequentially interactive with a public coin:
 *
 *     tr I_{M^T}(θ) ≤ T · min(d, 2 ln 2 · B) / σ²
 *
 * by the chain rule for Fisher information (each round's message given the past obeys
 * {@link fisherCap}, because X_t is independent of the past given θ). The constant 2 ln 2 is our
 * derivation (math.md §3.4 [D], lesson 5); paper A (arXiv:2606.00703) states the order O(TB/σ²). The
 * model is the memoryless encoder of math.md §1.1 (a message depends on the current observation, the
 * public coin and past messages, never on earlier observations).
 *
 * @throws TypeError when the parameters are not an object; RangeError naming `d`, `bits`, `sigma` or
 * `T` (not a positive integer).
 * @example
 * ```ts
 * fisherCapRounds({ d: 1024, bits: 64, T: 1000 }); // 88722.8
 * ```
 */
export function fisherCapRounds(parameters: FisherCapRoundsParameters): number {
  const cap = readCap(parameters);
  expectInteger("T", parameters.T, 1);
  return parameters.T * cap;
}
