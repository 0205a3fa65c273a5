/**
 * The multivariate van Trees (Bayesian Cramér–Rao) inequality with C = I_d (lesson 6).
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger, expectNumber } from "../validation";

/** Parameters of {@link vanTreesBound}. */
export interface VanTreesParameters {
  /** The dimension d of θ, a positive integer. */
  d: number;
  /** E_π[tr I(θ)], the prior-averaged Fisher trace of the whole observation (all rounds), ≥ 0. */
  fisherTrace: number;
  /** J(π) = ∫‖∇π‖²/π, the trace of the prior's Fisher information, ≥ 0. */
  priorFisher: number;
}

function expectNonNegative(name: string, value: unknown): asserts value is number {
  expectNumber(name, value);
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${describeValue(value)}`);
  }
}

/**
 * The van Trees lower bound on the Bayes risk of ANY estimator θ̂ of θ ∈ R^d (biased or not):
 *
 *     E‖θ̂ − θ‖² ≥ d² / (E_π[tr I(θ)] + J(π))
 *
 * the multivariate van Trees inequality with C ≡ I_d (Gill and Levit, Bernoulli 1(1/2) 59–79, 1995,
 * the form paper A, arXiv:2606.00703, cites; math.md §2.1). The prior π must be a product of densities
 * vanishing at the ends of their supports (a Gaussian, or the cos² prior of {@link priorFisherCos2};
 * not a uniform, whose J is infinite). The Bayes risk is at most the worst-case risk on the prior's
 * support, so the bound is also a minimax bound.
 *
 * Equality case: a Gaussian prior N(0, τ²I_d) with T Gaussian observations N(θ, σ²I_d) gives
 * d/(T/σ² + 1/τ²), exactly the risk of the posterior mean.
 *
 * Units: (units of θ)². Domain: d a positive integer, fisherTrace and priorFisher finite, ≥ 0, not
 * both 0.
 *
 * @throws TypeError when the parameters are not an object; RangeError naming `d`, `fisherTrace` or
 * `priorFisher`, or both when their sum is 0.
 * @example
 * ```ts
 * // T = 100 unquantized samples of N(θ, I_8), Gaussian prior with τ = 1:
 * vanTreesBound({ d: 8, fisherTrace: 100 * 8, priorFisher: priorFisherGaussian(1, 8) }); // 0.0792 = 8/101
 * ```
 */
export function vanTreesBound(parameters: VanTreesParameters): number {
  if (parameters === null || typeof parameters !== "object") {
    throw new TypeError(`parameters must be an object { d, fisherTrace, priorFisher }, got ${describeValue(parameters)}`);
  }
  const { d, fisherTrace, priorFisher } = parameters;
  expectInteger("d", d, 1);
  expectNonNegative("fisherTrace", fisherTrace);
  expectNonNegative("priorFisher", priorFisher);
  const total = fisherTrace + priorFisher;
  if (!(total > 0)) throw new RangeError("fisherTrace + priorFisher must be > 0 (with no information the bound is infinite)");
  return (d * d) / total;
}
