/**
 * A linear regression problem with Gaussian inputs (lesson 11): x ~ N(0, H), H = Q diag(λ) Qᵀ,
 * y = ⟨w*, x⟩ + ξ with ξ ~ N(0, σ²), and its excess risk on clean inputs.
 *
 * @packageDocumentation
 */
import { createRandom, Random } from "../numeric/random";
import { fillScaledZigguratUnchecked, zigguratUnchecked } from "../numeric/ziggurat";
import { describeValue, expectFinite, expectInteger, expectNumericArray, expectOneOf } from "../validation";
import type { NumericArray } from "../validation";
import { sourceConditionTarget } from "./sourceCondition";
import { expectSpectrum, randomOrthogonal } from "./spectrum";

/** A regression problem: everything a simulation and the per-direction formulas need. */
export interface RegressionProblem {
  /** The dimension d. */
  readonly d: number;
  /** The eigenvalues λ_1 ≥ … ≥ λ_d > 0 of H = E[x xᵀ]. */
  readonly lambdas: Float64Array;
  /** √λ_i, the standard deviations of x along the eigenvectors (kept for the sampling loop). */
  readonly sqrtLambdas: Float64Array;
  /**
   * The eigenbasis Q (row-major d×d, column i = eigenvector i, H = Q diag(λ) Qᵀ), or `null` when H is
   * diagonal in the coordinate basis (Q = I).
   */
  readonly basis: Float64Array | null;
  /** w* in the eigenbasis (Qᵀw*). */
  readonly wStarEigen: Float64Array;
  /** w* in the coordinate basis (Q w*_eigen; the same array values when `basis` is null). */
  readonly wStar: Float64Array;
  /** σ², the label-noise variance. */
  readonly noiseVariance: number;
}

/** Options of {@link regressionProblem}. */
export interface RegressionProblemOptions {
  /** The eigenvalues λ_1 ≥ … ≥ λ_d > 0 (e.g. `polynomialSpectrum(d, a)`). */
  lambdas: NumericArray;
  /** w* in the eigenbasis; or give `beta` for the source condition λ_i (w*_i)² = i^(−β). */
  wStarEigen?: NumericArray;
  /** β of the source condition (used when `wStarEigen` is absent). */
  beta?: number;
  /** σ² ≥ 0, the label-noise variance. */
  noiseVariance: number;
  /** `"none"` (default: H diagonal) or `"random"` (a Haar rotation Q drawn from `seed`). */
  rotation?: "none" | "random";
  /** Seed for the rotation (default 0). */
  seed?: number;
}

/**
 * Builds a {@link RegressionProblem}. Either `wStarEigen` or `beta` fixes the true parameter
 * (positive signs in the eigenbasis under the source condition, `sourceConditionTarget`).
 *
 * Source: the setting of math.md §7.1 (Zou et al., arXiv:2103.12692; paper B, arXiv:2510.18259).
 *
 * @throws RangeError naming `lambdas`, `wStarEigen`, `beta`, `noiseVariance`, `rotation` or `seed`.
 * @example
 * ```ts
 * const p = regressionProblem({ lambdas: polynomialSpectrum(100, 2), beta: 1.5, noiseVariance: 0.01 });
 * p.wStarEigen[1]; // √(2^−1.5 / 2^−2) = 1.189
 * ```
 */
export function regressionProblem(options: RegressionProblemOptions): RegressionProblem {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  expectSpectrum("lambdas", options.lambdas);
  const d = options.lambdas.length;
  expectFinite("noiseVariance", options.noiseVariance);
  if (options.noiseVariance < 0) throw new RangeError(`noiseVariance must be >= 0, got ${options.noiseVariance}`);
  const rotation = options.rotation ?? "none";
  expectOneOf("rotation", rotation, ["none", "random"]);
  const seed = options.seed ?? 0;
  expectInteger("seed", seed);
  let wEig: Float64Array;
  if (options.wStarEigen !== undefined) {
    expectNumericArray("wStarEigen", options.wStarEigen);
    if (options.wStarEigen.length !== d) {
      throw new RangeError(`wStarEigen.length must equal lambdas.length = ${d}, got ${options.wStarEigen.length}`);
    }
    wEig = Float64Array.from(options.wStarEigen);
  } else if (options.beta !== undefined) {
    wEig = sourceConditionTarget(options.lambdas, options.beta);
  } else {
    throw new TypeError(`options must give wStarEigen or beta (the source condition λ_i w*_i² = i^(−β))`);
  }
  const lambdas = Float64Array.from(options.lambdas);
  const basis = rotation === "random" ? randomOrthogonal(d, createRandom(seed, 0xb0b)) : null;
  const wStar = basis === null ? Float64Array.from(wEig) : rotate(basis, wEig, d, new Float64Array(d));
  const sqrtLambdas = lambdas.map(Math.sqrt);
  return { d, lambdas, sqrtLambdas, basis, wStarEigen: wEig, wStar, noiseVariance: options.noiseVariance };
}

/** out = Q v (Q row-major d×d). */
function rotate(q: Float64Array, v: Float64Array, d: number, out: Float64Array): Float64Array {
  for (let r = 0; r < d; r++) {
    let s = 0;
    const row = r * d;
    for (let c = 0; c < d; c++) s += q[row + c] * v[c];
    out[r] = s;
  }
  return out;
}

/**
 * Draws one example (x, y) of `problem` into `x` (length d) and returns y: z ~ N(0, I_d) (ziggurat normals),
 * x = Q (√λ ⊙ z) (x = √λ ⊙ z when H is diagonal), y = ⟨w*, x⟩ + σ ξ. `scratch` (length d) is needed
 * for a rotated problem. No validation: an inner-loop helper for {@link sgdRegression} and tests.
 *
 * @example
 * ```ts
 * const x = new Float64Array(p.d);
 * const y = sampleExample(p, createRandom(1), x);
 * ```
 */
export function sampleExample(problem: RegressionProblem, rng: Random, x: Float64Array, scratch?: Float64Array): number {
  const { d, sqrtLambdas, basis, wStarEigen, noiseVariance } = problem;
  // x = Λ^{1/2} z (in the eigenbasis) and ⟨w*, x⟩ in one pass over the d normals, drawn in a batch (the same
  // values as one call each)
  let y: number;
  if (basis === null) {
    y = fillScaledZigguratUnchecked(x, rng, sqrtLambdas, wStarEigen);
  } else {
    const z = scratch as Float64Array;
    y = fillScaledZigguratUnchecked(z, rng, sqrtLambdas, wStarEigen); // ⟨w*, x⟩ = ⟨Qᵀw*, Qᵀx⟩
    rotate(basis, z, d, x);
  }
  return noiseVariance === 0 ? y : y + Math.sqrt(noiseVariance) * zigguratUnchecked(rng);
}

/**
 * The excess risk on clean inputs, E(w) = (w − w*)ᵀ H (w − w*) = Σ_i λ_i (Qᵀ(w − w*))_i²: the mean
 * squared prediction error on fresh unquantized inputs minus σ² (math.md §7.1; twice Zou et al.'s
 * L(w) − L(w*) with L = ½E(y − ⟨w, x⟩)²).
 *
 * @param problem - the problem
 * @param w - a parameter in the coordinate basis (length d)
 * @throws RangeError naming `w` when its length is not d; TypeError when not numeric.
 * @example
 * ```ts
 * cleanRisk(p, new Float64Array(p.d)); // ‖w*‖²_H = Σ i^(−β) under the source condition
 * ```
 */
export function cleanRisk(problem: RegressionProblem, w: NumericArray): number {
  expectNumericArray("w", w);
  if (w.length !== problem.d) throw new RangeError(`w.length must equal d = ${problem.d}, got ${w.length}`);
  return cleanRiskUnchecked(problem, w);
}

/** {@link cleanRisk} without validation, for inner loops. */
export function cleanRiskUnchecked(problem: RegressionProblem, w: NumericArray): number {
  const { d, lambdas, basis, wStar } = problem;
  let risk = 0;
  if (basis === null) {
    for (let i = 0; i < d; i++) {
      const e = w[i] - wStar[i];
      risk += lambdas[i] * e * e;
    }
    return risk;
  }
  for (let c = 0; c < d; c++) {
    let s = 0; // (Qᵀ(w − w*))_c = Σ_r Q[r][c] (w − w*)_r
    for (let r = 0; r < d; r++) s += basis[r * d + c] * (w[r] - wStar[r]);
    risk += lambdas[c] * s * s;
  }
  return risk;
}
