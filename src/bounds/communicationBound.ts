import { gaussianRateDistortion } from "../info/rateDistortion";
import { type EstimationTarget, expectBitsPerRound, resolveTarget, roundsAtLeast } from "./problem";

/** Arguments of {@link communicationBound}: the estimation target and the bits per round B. */
export type CommunicationBoundArgs = EstimationTarget & {
  /** B > 0, the bits of each round's message (only the round count depends on it). */
  bits: number;
};

/** What {@link communicationBound} returns. */
export interface CommunicationBound {
  /** The least total number of bits T·B of any transcript that reaches E‖x̂ − θ‖² ≤ D (real, ≥ 0; ∞ without a prior). */
  totalBits: number;
  /** The least number of rounds: ⌈totalBits/B⌉ (an integer ≥ 0; ∞ without a prior). */
  rounds: number;
}

/**
 * The communication bound: however small the noise, the T messages of B bits must describe θ to
 * within D, so T·B is at least the rate–distortion function of θ's prior at distortion D.
 *
 * Paper A's statement (arXiv:2606.00703, order level): T·B = Ω(d).
 *
 * Our explicit form (derived in lesson 7, math.md §3.5(c); paper A's exact argument is not available
 * to us): T·B ≥ H(M^T | U) ≥ I(θ; M^T | U) ≥ I(θ; x̂) ≥ R_θ(D), for the transcript M^T and the public
 * coin U (independent of θ). With the prior of `priorVariance` or `priorRadius`:
 *
 *  - Gaussian prior N(0, τ² I_d): R(D) = (d/2)·log2(dτ²/D) bits for D < dτ², else 0 (reverse
 *    water-filling over d equal coordinates, {@link gaussianRateDistortion} of τ² at D/d, times d);
 *  - box [−r, r]^d with the uniform prior: the Shannon lower bound R(D) ≥ h(θ) − (d/2)·log2(2πe·D/d)
 *    with h(θ) = d·log2(2r), i.e. (d/2)·log2(4r²d/(2πe·D)) bits, or 0 when that is negative;
 *  - no prior (θ anywhere in R^d): ∞. Finitely many bits give finitely many estimates (for each coin
 *    value), which cannot be within a bounded distance of every θ ∈ R^d. Give a radius or a variance.
 *
 * Both finite forms are Θ(d) times the log of the ratio of the prior's spread to the accuracy. σ does
 * not enter. The bound holds for any encoder, memory included; the model's messages have exactly B
 * bits (a variable length ≤ B could carry information in the length itself).
 *
 * Rounds: ⌈totalBits/B⌉, the least whole T with T·B ≥ totalBits (read as the integer when within
 * 16 ulps of one). Accuracy: ε means f(x̂) − f* ≤ ε², so D = 2ε²/μ (D = 2ε² for μ = 1), paper A's
 * convention (math.md §0); the sources do not fix the factor, and D = ε² would change the log's argument
 * by a factor 2 (d/2 bits in all).
 *
 * @returns `{ totalBits, rounds }`
 * @throws RangeError naming `d`, `bits`, `eps`, `D`, `mu`, `priorRadius` or `priorVariance`, or when
 * both eps and D, or both priors, are given; TypeError for non-numbers.
 * @example
 * ```ts
 * communicationBound({ d: 1024, eps: 0.1, bits: 64, priorVariance: 1 }); // { totalBits: 8009.65, rounds: 126 }
 * communicationBound({ d: 1024, eps: 0.1, bits: 64, priorRadius: 1 }); // { totalBits: 6937.43, rounds: 109 }
 * ```
 */
export function communicationBound(args: CommunicationBoundArgs): CommunicationBound {
  const { d, D, prior, priorRadius: r, priorVariance: tau2 } = resolveTarget(args);
  expectBitsPerRound(args.bits);
  let totalBits: number;
  if (prior === "gaussian") {
    totalBits = d * gaussianRateDistortion(tau2, D / d);
  } else if (prior === "box") {
    // h(uniform on [−r, r]^d) = d·log2(2r); the Gaussian of the same error, d·½·log2(2πe·D/d), is subtracted.
    totalBits = Math.max(0, (d / 2) * Math.log2((4 * r * r * d) / (2 * Math.PI * Math.E * D)));
  } else {
    totalBits = Infinity;
  }
  return { totalBits, rounds: roundsAtLeast(totalBits / args.bits) };
}
