/**
 * The Fisher information about a common mean θ carried by one Gaussian vector X = θ·1 + ξ, ξ ~ N(0, Σ),
 * for any covariance Σ: I(θ) = 1ᵀΣ⁻¹1 (lesson 9).
 *
 * It is computed by solving Σz = 1 with ml-matrix's LU decomposition and summing z, a general route that
 * knows nothing about the structure of Σ; lesson 9 uses it to check the AR(1) closed form
 * `ar1FisherMean`, which relies on the tridiagonal AR(1) precision matrix.
 *
 * @packageDocumentation
 */
import { LuDecomposition, Matrix } from "ml-matrix";
import { describeValue, expectInteger, expectNumber, expectPositive } from "../validation";

/**
 * Fisher information 1ᵀΣ⁻¹1 about θ in X ~ N(θ·1, Σ), from a general linear solve.
 *
 * Source: the Gaussian location model's Fisher information, I(θ) = (∂μ/∂θ)ᵀΣ⁻¹(∂μ/∂θ) with ∂μ/∂θ = 1
 * (standard; e.g. lesson 5's definition applied to a vector observation).
 *
 * @param covariance - Σ as rows (an n×n array of arrays), symmetric positive definite, n ≥ 1
 * @returns 1ᵀΣ⁻¹1, in units of 1/(units of Σ)
 * @throws TypeError when `covariance` is not an array of numeric rows; RangeError when it is not square
 *   or is singular.
 * @example
 * ```ts
 * meanFisherFromCovariance([[1, 0.5], [0.5, 1]]); // 4/3: two samples with correlation 0.5
 * ```
 */
export function meanFisherFromCovariance(covariance: ArrayLike<ArrayLike<number>>): number {
  if (!Array.isArray(covariance) || covariance.length === 0) {
    throw new TypeError(`covariance must be a non-empty array of rows, got ${describeValue(covariance)}`);
  }
  const n = covariance.length;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = covariance[i];
    if (row === null || typeof row !== "object" || row.length !== n) {
      throw new RangeError(`covariance must be square: row ${i} has length ${row?.length ?? describeValue(row)}, expected ${n}`);
    }
    const r: number[] = [];
    for (let j = 0; j < n; j++) {
      expectNumber(`covariance[${i}][${j}]`, row[j]);
      r.push(row[j]);
    }
    rows.push(r);
  }
  const lu = new LuDecomposition(new Matrix(rows));
  if (lu.isSingular()) throw new RangeError("covariance must be non-singular (positive definite)");
  const z = lu.solve(Matrix.ones(n, 1));
  let sum = 0;
  for (let i = 0; i < n; i++) sum += z.get(i, 0);
  return sum;
}

/**
 * The covariance of T samples of stationary AR(1) noise, Σ_st = σ²ρ^|s−t|, as rows.
 *
 * Source: math.md §4.4 (the stationary AR(1) process ξ_t = ρξ_{t−1} + √(1 − ρ²)σ·η_t).
 *
 * @param T - the number of samples, an integer from 1 to 2000 (the matrix has T² entries)
 * @param rho - the lag-one correlation, −1 < ρ < 1
 * @param sigma - σ > 0 (default 1)
 * @example
 * ```ts
 * ar1Covariance(3, 0.5); // [[1, 0.5, 0.25], [0.5, 1, 0.5], [0.25, 0.5, 1]]
 * ```
 */
export function ar1Covariance(T: number, rho: number, sigma = 1): number[][] {
  expectInteger("T", T, 1, 2000);
  expectNumber("rho", rho);
  if (!(rho > -1 && rho < 1)) throw new RangeError(`rho must be a number with |rho| < 1, got ${describeValue(rho)}`);
  expectPositive("sigma", sigma);
  const s2 = sigma * sigma;
  return Array.from({ length: T }, (_, s) => Array.from({ length: T }, (_, t) => s2 * rho ** Math.abs(s - t)));
}
