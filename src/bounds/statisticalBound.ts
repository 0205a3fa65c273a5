import { type EstimationTarget, expectSigma, resolveTarget, roundsAtLeast } from "./problem";

/** Arguments of {@link statisticalBound}: the estimation target and the gradient noise σ. */
export type StatisticalBoundArgs = EstimationTarget & {
  /** σ > 0, the standard deviation of the gradient noise per coordinate. */
  sigma: number;
};

/**
 * The statistical bound: the fewest rounds T any optimizer needs to reach E‖x̂ − θ‖² ≤ D on
 * f_θ(x) = (μ/2)‖x − θ‖² with the oracle G(x) = μ(x − θ) + σZ, even with unquantized gradients.
 *
 * Paper A's statement (arXiv:2606.00703, order level): T = Ω(σ²d/ε²).
 *
 * Our explicit form (derived in lessons 4–6, math.md §2.3 and §3.5(b)): by the reduction the T gradients
 * are T samples X_t ~ N(θ, (σ/μ)² I_d), whose Fisher information has trace T·dμ²/σ², and the van Trees
 * inequality gives D ≥ d²/(T·dμ²/σ² + J), hence
 *
 *     T ≥ (σ/μ)²·(d²/D − J)/d,        without a prior (r = ∞):  T ≥ σ²d/(μ²D) = σ²d/(2με²),
 *
 * with J the prior's Fisher information: dπ²/r² for the cos² prior on the box [−r, r]^d (a valid
 * prior for θ in the box), d/τ² for the Gaussian prior N(0, τ² I_d), 0 without one.
 *
 * Accuracy: ε means f(x̂) − f* ≤ ε², so D = 2ε²/μ (D = 2ε² for μ = 1). This is paper A's convention
 * (math.md §0); the sources do not fix the factor, and reading ε as D = ε² doubles every T.
 *
 * Model: any protocol, quantized or not, with any memory: no message can carry more Fisher
 * information than the samples it is computed from (data processing).
 *
 * Tightness: without a prior the unquantized sample mean (SGD with step 1/(μt)) has risk σ²d/(μ²T)
 * exactly; with the Gaussian prior the posterior mean has Bayes risk d/(Tμ²/σ² + 1/τ²) exactly. Both
 * meet the bound. For the box the cos² prior gives a valid, not tight, bound.
 *
 * Edge cases: the result is a whole number of rounds, the least integer ≥ the real bound (read as the
 * integer when within 16 ulps of one); 0 when the prior alone already achieves D (d²/D ≤ J).
 *
 * @returns the minimum number of rounds T (an integer ≥ 0)
 * @throws RangeError naming `d` (not an integer ≥ 1), `sigma`, `eps`, `D`, `mu`, `priorRadius` or
 * `priorVariance` (not > 0), or when both eps and D, or both priors, are given; TypeError for non-numbers.
 * @example
 * ```ts
 * statisticalBound({ d: 1024, sigma: 1, eps: 0.1 }); // 51200 = σ²d/(2ε²)
 * statisticalBound({ d: 1, sigma: 1, D: 0.01, priorVariance: 1 }); // 99 = 1/D − 1/τ²
 * ```
 */
export function statisticalBound(args: StatisticalBoundArgs): number {
  const target = resolveTarget(args);
  expectSigma(args.sigma);
  const { d, mu, D, priorFisher } = target;
  const noise = args.sigma / mu; // the samples X_t = x_t − g_t/μ have standard deviation σ/μ
  return roundsAtLeast((noise * noise * ((d * d) / D - priorFisher)) / d);
}
