import { communicationBound } from "./communicationBound";
import { type EstimationTarget, expectBitsPerRound, expectSigma, resolveTarget } from "./problem";
import { productBound } from "./productBound";
import { type Regime, crossoverBits, regime } from "./regime";
import { statisticalBound } from "./statisticalBound";

/** Arguments of {@link lowerBounds}. */
export type LowerBoundsArgs = EstimationTarget & {
  /** B > 0, the bits of each round's message. */
  bits: number;
  /** σ > 0, the standard deviation of the gradient noise per coordinate. */
  sigma: number;
};

/** What {@link lowerBounds} returns: each bound in rounds, with the quantities that explain it. */
export interface LowerBounds {
  /** D = E‖x̂ − θ‖², the target mean squared error (2ε²/μ when ε was given). */
  D: number;
  /** The statistical bound in rounds (any protocol, even unquantized). */
  statistical: number;
  /** The product bound in rounds (B-bit memoryless encoder). */
  product: number;
  /** The communication bound in rounds, ⌈communicationBits/B⌉ (∞ without a prior). */
  communication: number;
  /** The communication bound in bits: T·B ≥ communicationBits (∞ without a prior). */
  communicationBits: number;
  /** The largest of the three: the best lower bound on T here (∞ without a prior, see `communication`). */
  rounds: number;
  /**
   * Which bound gives `rounds`: "communication" when it exceeds the others, else "product" when the bits
   * bind (product > statistical), else "statistical" (noise-limited: the two are equal).
   */
  binding: "statistical" | "product" | "communication";
  /** "bits-limited" when 2 ln 2·B < d, else "noise-limited". */
  regime: Regime;
  /** B* = d/(2 ln 2), the bits per round where the product bound meets the statistical one. */
  crossoverBits: number;
}

/**
 * Paper A's lower bounds (arXiv:2606.00703) for one setting, as a calculator: how many rounds T of
 * B-bit gradient messages any optimizer needs to reach accuracy ε on f_θ(x) = (μ/2)‖x − θ‖² with
 * gradient noise σ per coordinate.
 *
 * Paper A's statements (order level): the statistical bound T = Ω(σ²d/ε²), the communication bound
 * T·B = Ω(d), the product bound T = Ω((σ²d/ε²)·max{1, d/B}).
 *
 * Our explicit constants (derived in lessons 4–7; math.md §3.5):
 *  - statistical: T ≥ (σ/μ)²(d²/D − J)/d, = σ²d/(2με²) without a prior ({@link statisticalBound});
 *  - product: T ≥ (σ/μ)²(d²/D − J)/min(d, 2 ln 2·B), with the constant 2 ln 2 our derivation
 *    (math.md §3.4), for the memoryless encoder: each message depends on the current gradient, the
 *    public coin and past messages, not on earlier gradients ({@link productBound});
 *  - communication: T·B ≥ R(D), (d/2)·log2(dτ²/D) bits for the Gaussian prior, the Shannon lower bound
 *    (d/2)·log2(4r²d/(2πe·D)) for the box [−r, r]^d, ∞ without a prior ({@link communicationBound});
 *  - the regime and the crossover B* = d/(2 ln 2) ({@link regime}, {@link crossoverBits}).
 * J is dπ²/r² (cos² prior on the box), d/τ² (Gaussian prior) or 0.
 *
 * Accuracy: ε means f(x̂) − f* ≤ ε², so D = 2ε²/μ (D = 2ε² for paper A's μ = 1). This is paper A's
 * convention (math.md §0); the sources do not fix the factor, and reading ε as D = ε² doubles every T.
 * D may be given instead of ε.
 *
 * Rounds are whole numbers (the least integer ≥ each real bound). Without a prior (the default
 * priorRadius = ∞) the communication bound is ∞: no finite transcript reaches a bounded error for
 * every θ ∈ R^d; give `priorRadius` or `priorVariance` to get a finite value.
 *
 * @throws RangeError naming `d` (not an integer ≥ 1), `bits`, `sigma`, `eps`, `D`, `mu`, `priorRadius` or
 * `priorVariance` (not > 0), or when both eps and D, or both priors, are given; TypeError for non-numbers.
 * @example
 * ```ts
 * const b = lowerBounds({ d: 1024, bits: 64, sigma: 1, eps: 0.1, priorRadius: 1 });
 * // b.D ≈ 0.02, b.statistical = 51191, b.product = 590814, b.communicationBits = 6937.43,
 * // b.communication = 109, b.rounds = 590814, b.binding = "product", b.regime = "bits-limited",
 * // b.crossoverBits = 738.66
 * ```
 */
export function lowerBounds(args: LowerBoundsArgs): LowerBounds {
  const { D } = resolveTarget(args);
  expectSigma(args.sigma);
  expectBitsPerRound(args.bits);
  const statistical = statisticalBound(args);
  const product = productBound(args);
  const comm = communicationBound(args);
  const rounds = Math.max(statistical, product, comm.rounds);
  // product ≥ statistical always (the cap min(d, 2 ln 2·B) is at most d); equal in the noise-limited regime.
  const binding = comm.rounds > product ? "communication" : product > statistical ? "product" : "statistical";
  return {
    D,
    statistical,
    product,
    communication: comm.rounds,
    communicationBits: comm.totalBits,
    rounds,
    binding,
    regime: regime(args),
    crossoverBits: crossoverBits(args.d),
  };
}
