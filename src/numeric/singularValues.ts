/**
 * Singular values of a small dense matrix (lesson 12: what Newton–Schulz does to them).
 *
 * @packageDocumentation
 */
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { describeValue, expectInteger } from "../validation";

/**
 * The singular values σ_1 ≥ … ≥ σ_k ≥ 0 (k = min(rows, cols)) of a row-major rows × cols matrix, by
 * ml-matrix's one-sided Jacobi-free Golub–Kahan SVD (`SingularValueDecomposition`, autoTranspose), sorted
 * in decreasing order. Σσ_i² equals the squared Frobenius norm up to rounding.
 *
 * @param x - row-major rows × cols (not modified)
 * @throws RangeError naming `rows`, `cols` or `x` (length rows·cols); TypeError when `x` is not an array.
 * @example
 * ```ts
 * singularValues(new Float64Array([3, 0, 0, -0.5]), 2, 2); // [3, 0.5]
 * ```
 */
export function singularValues(x: ArrayLike<number>, rows: number, cols: number): number[] {
  expectInteger("rows", rows, 1);
  expectInteger("cols", cols, 1);
  if (x === null || typeof x !== "object" || typeof x.length !== "number") throw new TypeError(`x must be an array of numbers, got ${describeValue(x)}`);
  if (x.length !== rows * cols) throw new RangeError(`x.length must be rows·cols = ${rows * cols}, got ${x.length}`);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, x[i * cols + j]);
  const svd = new SingularValueDecomposition(m, { autoTranspose: true, computeLeftSingularVectors: false, computeRightSingularVectors: false });
  return Array.from(svd.diagonal).slice(0, Math.min(rows, cols)).sort((a, b) => b - a);
}
