import { type EstimationTarget, expectBitsPerRound, expectSigma, resolveTarget, roundsAtLeast } from "./problem";
import { fisherCap } from "../info/fisherCap";

/** Arguments of {@link productBound}: the estimation target, the noise σ and the bits per round B. */
export type ProductBoundArgs = EstimationTarget & {
  /** σ > 0, the standard deviation of the gradient noise per coordinate. */
  sigma: number;
  /** B > 0, the bits of each round's message (real values allowed, for smooth curves). */
  bits: number;
};

/**
 * The product bound: the fewest rounds T an optimizer needs to reach E‖x̂ − θ‖² ≤ D on
 * f_θ(x) = (μ/2)‖x − θ‖² when each round's gradient reaches it as a B-bit message.
 *
 * Paper A's statement (arXiv:2606.00703, order level): T = Ω((σ²d/ε²)·max{1, d/B}); according to its
 * abstract, proved by combining the Fisher-information/mutual-information constraint of Barnes and
 * Özgür (arXiv:2102.05802) with the multivariate van Trees inequality (Gill and Levit, 1995).
 *
 * Our explicit form (derived in lessons 5–7, math.md §3.4 and §3.5(a), (d)): each B-bit message about
 * a sample X_t ~ N(θ, (σ/μ)² I_d) carries Fisher trace at most min(d, 2 ln 2·B)·μ²/σ², the chain rule
 * adds T of them, and van Trees gives D ≥ d²/(T·min(d, 2 ln 2·B)·μ²/σ² + J), hence
 *
 *     T ≥ (σ/μ)²·(d²/D − J) / min(d, 2 ln 2·B),     r = ∞:  T ≥ (σ²d/(2με²))·max{1, d/(2 ln 2·B)}.
 *
 * The constant 2 ln 2 ≈ 1.386 Fisher per bit is our derivation (math.md §3.4), not paper A's; it is
 * larger than the 2/π per bit of one-bit-per-coordinate quantizers because vector messages do better.
 * J is the prior's Fisher information: dπ²/r² (cos² prior on [−r, r]^d), d/τ² (N(0, τ² I_d)), or 0.
 *
 * Model: the **memoryless encoder** (math.md §1.1): round t's message may depend on that round's
 * gradient, the public coin and all past messages (adaptive, sequentially interactive), but not on
 * earlier gradients. An encoder that stores past gradients can average them before compressing and
 * escape the product form. For B ≥ d/(2 ln 2) the bound equals the {@link statisticalBound}.
 *
 * Accuracy: ε means f(x̂) − f* ≤ ε², so D = 2ε²/μ (D = 2ε² for μ = 1). This is paper A's convention
 * (math.md §0); the sources do not fix the factor, and reading ε as D = ε² doubles every T.
 *
 * Edge cases: a whole number of rounds (the least integer ≥ the real bound, read as the integer when
 * within 16 ulps of one); 0 when the prior alone achieves D.
 *
 * @returns the minimum number of rounds T (an integer ≥ 0)
 * @throws RangeError naming `d`, `sigma`, `bits`, `eps`, `D`, `mu`, `priorRadius` or `priorVariance`, or
 * when both eps and D, or both priors, are given; TypeError for non-numbers.
 * @example
 * ```ts
 * productBound({ d: 1024, sigma: 1, eps: 0.1, bits: 64 }); // 590928 (math.md §3.5 worked example)
 * productBound({ d: 1024, sigma: 1, eps: 0.1, bits: 64, priorRadius: 1 }); // 590814
 * ```
 */
export function productBound(args: ProductBoundArgs): number {
  const target = resolveTarget(args);
  expectSigma(args.sigma);
  expectBitsPerRound(args.bits);
  const { d, mu, D, priorFisher } = target;
  // per round, a B-bit message about X_t ~ N(θ, (σ/μ)² I_d) carries Fisher trace ≤ min(d, 2 ln 2·B)·μ²/σ²
  const perRound = fisherCap({ d, bits: args.bits, sigma: args.sigma / mu });
  return roundsAtLeast(((d * d) / D - priorFisher) / perRound);
}
