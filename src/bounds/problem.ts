/**
 * The estimation problem every lower bound of paper A (arXiv:2606.00703) is about, read once from the
 * caller's argument object: the dimension d, the gradient noise σ, the curvature μ, the target mean
 * squared error D (given directly or through the accuracy ε) and what is known about θ (a box of
 * radius r, a Gaussian prior of variance τ² per coordinate, or nothing).
 *
 * @packageDocumentation
 */
import { priorFisherCos2, priorFisherGaussian } from "../info/priors";
import { describeValue, expectInteger, expectPositive } from "../validation";

/**
 * The target accuracy: either ε in paper A's convention (f(x̂) − f* ≤ ε², hence D = 2ε²/μ) or the
 * target mean squared error D = E‖x̂ − θ‖² itself. Give exactly one.
 */
export type Accuracy = { eps: number; D?: undefined } | { D: number; eps?: undefined };

/** What is known about θ before the first round. Give at most one of the two (finite). */
export interface PriorKnowledge {
  /**
   * r: θ lies in the box [−r, r]^d (default ∞: no box). The Fisher-information bounds use the cos²
   * prior on the box (prior Fisher information dπ²/r²), the communication bound the uniform prior on it.
   */
  priorRadius?: number;
  /** τ²: θ ~ N(0, τ² I_d), the Gaussian prior of variance τ² per coordinate (prior Fisher information d/τ²). */
  priorVariance?: number;
}

/** The common arguments of the bounds: dimension, curvature, accuracy and prior. */
export type EstimationTarget = Accuracy &
  PriorKnowledge & {
    /** d, the dimension of θ: an integer ≥ 1. */
    d: number;
    /** μ > 0, the curvature of f_θ(x) = (μ/2)‖x − θ‖² (default 1, paper A's choice). */
    mu?: number;
  };

/** The problem after validation, with the derived quantities every bound uses. */
export interface ResolvedTarget {
  d: number;
  mu: number;
  /** D = E‖x̂ − θ‖², the target mean squared error (2ε²/μ when ε was given). */
  D: number;
  /** "box" (priorRadius finite), "gaussian" (priorVariance finite) or "none". */
  prior: "box" | "gaussian" | "none";
  /** r (∞ unless the prior is a box). */
  priorRadius: number;
  /** τ² (∞ unless the prior is Gaussian). */
  priorVariance: number;
  /** J, the trace of the prior's Fisher information: dπ²/r² (cos² prior on the box), d/τ², or 0. */
  priorFisher: number;
}

/**
 * D = 2ε²/μ: the target mean squared error E‖x̂ − θ‖² that an accuracy ε means in paper A's
 * convention, f_θ(x̂) − f* ≤ ε² for f_θ(x) = (μ/2)‖x − θ‖² (so D = 2ε² for paper A's μ = 1).
 *
 * D = 2ε² is a convention: the sources fix ε only on a distance scale (T = Ω(σ²d/ε²)), not the
 * factor; reading the accuracy as D = ε² instead would double every round count. Source: paper A's
 * convention as quoted by a secondary source (math.md §0); the general-μ form is ours (lesson 4).
 *
 * @param eps - ε > 0, finite
 * @param mu - μ > 0, finite (default 1)
 * @throws RangeError naming `eps` or `mu` when not a finite number > 0; TypeError when not a number.
 * @example
 * ```ts
 * targetDistortion(0.1); // 0.02 (up to rounding: 2·0.1²)
 * targetDistortion(0.1, 4); // 0.005
 * ```
 */
export function targetDistortion(eps: number, mu = 1): number {
  expectPositive("eps", eps);
  expectPositive("mu", mu);
  return (2 * eps * eps) / mu;
}

/** Throws a TypeError unless `value` is a non-null object. */
export function expectArgumentObject(name: string, value: unknown): asserts value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) {
    throw new TypeError(`${name} must be an object, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a number > 0, +∞ allowed (a radius or variance of "no prior"). */
function expectPositiveOrInfinity(name: string, value: unknown): asserts value is number {
  if (value === Infinity) return;
  expectPositive(name, value);
}

/**
 * Validates the common arguments and derives D and the prior Fisher information J.
 *
 * @throws TypeError when `args` is not an object or a field is not a number; RangeError naming the field
 * when d is not an integer ≥ 1, μ, ε, D, τ² or r is not > 0, when both or neither of ε and D are
 * given, or when both priorRadius and priorVariance are finite.
 */
export function resolveTarget(args: unknown): ResolvedTarget {
  expectArgumentObject("the argument", args);
  const a = args as Record<string, unknown>;
  expectInteger("d", a.d, 1);
  const d = a.d as number;
  const mu = a.mu === undefined ? 1 : a.mu;
  expectPositive("mu", mu);
  let D: number;
  if (a.eps !== undefined && a.D !== undefined) {
    throw new RangeError(`give eps or D, not both (got eps = ${describeValue(a.eps)}, D = ${describeValue(a.D)})`);
  } else if (a.eps !== undefined) {
    D = targetDistortion(a.eps as number, mu);
  } else if (a.D !== undefined) {
    expectPositive("D", a.D);
    D = a.D;
  } else {
    throw new RangeError("give the accuracy: eps (f − f* ≤ ε², so D = 2ε²/μ) or D (the target E‖x̂ − θ‖²)");
  }
  const r = a.priorRadius === undefined ? Infinity : a.priorRadius;
  const tau2 = a.priorVariance === undefined ? Infinity : a.priorVariance;
  expectPositiveOrInfinity("priorRadius", r);
  expectPositiveOrInfinity("priorVariance", tau2);
  if (r !== Infinity && tau2 !== Infinity) {
    throw new RangeError(
      `give priorRadius or priorVariance, not both (got priorRadius = ${describeValue(r)}, priorVariance = ${describeValue(tau2)})`,
    );
  }
  const prior = r !== Infinity ? "box" : tau2 !== Infinity ? "gaussian" : "none";
  // cos² prior on [−r, r] per coordinate: J = π²/r² (math.md §2.2); Gaussian N(0, τ²): J = 1/τ².
  const priorFisher =
    prior === "box" ? priorFisherCos2(r, d) : prior === "gaussian" ? priorFisherGaussian(Math.sqrt(tau2), d) : 0;
  return { d, mu, D, prior, priorRadius: r, priorVariance: tau2, priorFisher };
}

/** Throws unless σ is a finite number > 0 (named `sigma`). */
export function expectSigma(sigma: unknown): asserts sigma is number {
  expectPositive("sigma", sigma);
}

/** Throws unless B, the bits per round, is a finite number > 0 (named `bits`). */
export function expectBitsPerRound(bits: unknown): asserts bits is number {
  expectPositive("bits", bits);
}

// A bound is an exact real number evaluated with a handful of roundings (each ≤ 2^−53 relative); when
// the exact value is an integer n its computed value can land a few ulps above n, and a plain ceil
// would then add a whole round. 16·EPSILON = 32 unit roundoffs covers that with room to spare, and is
// far below one round for any count under 10^14.
const INTEGER_SNAP = 16 * Number.EPSILON;

/**
 * The least integer T ≥ x (rounds are whole), with x read as the integer n when it is within 16 ulps
 * of n (floating-point noise of an exact integer, see above). Negative x gives 0 (no round is
 * needed); +∞ stays +∞.
 */
export function roundsAtLeast(x: number): number {
  if (!(x > 0)) return 0;
  const n = Math.round(x);
  if (Math.abs(x - n) <= INTEGER_SNAP * x) return n;
  return Math.ceil(x);
}
