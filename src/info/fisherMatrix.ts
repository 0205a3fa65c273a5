/**
 * The Fisher information matrix of a vector scheme built from per-coordinate threshold quantizers,
 * optionally after an orthogonal rotation (lesson 5).
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger, expectNumericArray, expectPositive } from "../validation";
import type { NumericArray } from "../validation";
import { readMeanVector } from "./meanVector";
import { expectIncreasingThresholds, standardizedCellFisher } from "./fisherQuantizedGaussian";

/** The largest dimension for which the d×d matrix is built (4096² numbers = 128 MiB). */
export const MAX_FISHER_MATRIX_DIMENSION = 4096;

/** A per-coordinate scheme: Y_i = q_i(⟨u_i, X⟩), i = 1 … d, X ~ N(θ, σ²I_d). */
export interface PerCoordinateScheme {
  /**
   * The thresholds of each coordinate's quantizer: one increasing list for all coordinates (then `d` is
   * required), or one list per coordinate.
   */
  thresholds: NumericArray | readonly NumericArray[];
  /** The dimension (required when one list of thresholds serves every coordinate). */
  d?: number;
  /** The mean θ: a number (every coordinate) or an array of length d (default 0). */
  theta?: number | NumericArray;
  /** σ > 0 (default 1). */
  sigma?: number;
  /**
   * An orthogonal d×d matrix whose rows u_i are the directions quantized (default: the identity, each
   * coordinate of X itself). Rows must be orthonormal to 1e−9.
   */
  rotation?: readonly NumericArray[];
}

/** What {@link fisherMatrixPerCoordinate} returns. */
export interface PerCoordinateFisher {
  /** I(θ) = Σ_i I_i·u_i u_iᵀ, a symmetric d×d matrix (rows), in 1/(units of θ)². */
  matrix: number[][];
  /** I_i, the Fisher information of coordinate i's quantizer about ⟨u_i, θ⟩ (the eigenvalues of I). */
  perCoordinate: Float64Array;
  /** tr I = Σ_i I_i (invariant under the rotation). */
  trace: number;
  /** The message length Σ_i ⌈log₂ K_i⌉ bits with a fixed-length code (K_i = thresholds_i.length + 1). */
  bits: number;
}

function isListOfLists(t: unknown): t is readonly NumericArray[] {
  return Array.isArray(t) && t.length > 0 && typeof t[0] !== "number";
}

/**
 * Fisher information matrix about θ ∈ R^d of the message (Y_1, …, Y_d), Y_i = q_i(⟨u_i, X⟩), where
 * X ~ N(θ, σ²I_d), the u_i are the orthonormal rows of `rotation` (default: the coordinate axes) and
 * q_i is a threshold quantizer. Because the projections ⟨u_i, X⟩ ~ N(⟨u_i, θ⟩, σ²) are independent, the
 * Y_i are independent and the information adds:
 *
 *     I(θ) = Σ_i I_{K_i}(⟨u_i, θ⟩)·u_i u_iᵀ,     tr I(θ) = Σ_i I_{K_i}(⟨u_i, θ⟩)
 *
 * with I_K of math.md §3.3 ({@link fisherQuantizedGaussian}). Without rotation the matrix is diagonal.
 * The message costs Σ_i ⌈log₂ K_i⌉ bits; one bit per coordinate at θ gives tr I = (2/π)·d/σ², i.e.
 * 2/π per bit, below the 2 ln 2 per bit of {@link fisherCap}.
 *
 * Source: additivity of Fisher information over independent observations (standard); lesson 5.
 *
 * @throws TypeError for non-numeric inputs; RangeError naming `thresholds` (not increasing, or the
 * wrong number of lists), `d`, `theta`, `sigma` or `rotation` (wrong shape or not orthonormal), or `d`
 * when it exceeds 4096 (use the per-coordinate values and their sum instead).
 * @example
 * ```ts
 * const f = fisherMatrixPerCoordinate({ thresholds: [0], d: 3 }); // one bit per coordinate
 * // f.matrix = diag(0.6366, 0.6366, 0.6366), f.trace = 1.9099, f.bits = 3
 * ```
 */
export function fisherMatrixPerCoordinate(scheme: PerCoordinateScheme): PerCoordinateFisher {
  if (scheme === null || typeof scheme !== "object") {
    throw new TypeError(`scheme must be an object { thresholds, d, theta, sigma, rotation }, got ${describeValue(scheme)}`);
  }
  const perList = isListOfLists(scheme.thresholds);
  let d: number;
  let lists: NumericArray[];
  if (perList) {
    lists = (scheme.thresholds as readonly NumericArray[]).slice();
    d = scheme.d ?? lists.length;
    expectInteger("d", d, 1, MAX_FISHER_MATRIX_DIMENSION);
    if (lists.length !== d) throw new RangeError(`thresholds must hold d = ${d} lists, got ${lists.length}`);
    lists.forEach((l, i) => expectIncreasingThresholds(`thresholds[${i}]`, l));
  } else {
    const one = scheme.thresholds as NumericArray;
    expectIncreasingThresholds("thresholds", one);
    d = scheme.d as number;
    expectInteger("d", d, 1, MAX_FISHER_MATRIX_DIMENSION);
    lists = new Array<NumericArray>(d).fill(one);
  }
  const sigma = scheme.sigma ?? 1;
  expectPositive("sigma", sigma);
  const theta = readMeanVector("theta", scheme.theta ?? 0, d);
  const rotation = scheme.rotation;
  if (rotation !== undefined) {
    if (!Array.isArray(rotation) || rotation.length !== d) {
      throw new RangeError(`rotation must be a d×d array of rows (d = ${d}), got ${describeValue(rotation)}`);
    }
    rotation.forEach((row, i) => {
      expectNumericArray(`rotation[${i}]`, row);
      if (row.length !== d) throw new RangeError(`rotation[${i}] must have length d = ${d}, got ${row.length}`);
    });
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++) {
        let dot = 0;
        for (let l = 0; l < d; l++) dot += rotation[i][l] * rotation[j][l];
        if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-9) {
          throw new RangeError(`rotation must have orthonormal rows: rows ${i} and ${j} have inner product ${dot}`);
        }
      }
    }
  }
  const perCoordinate = new Float64Array(d);
  let bits = 0;
  for (let i = 0; i < d; i++) {
    let center = theta[i];
    if (rotation) {
      center = 0;
      for (let l = 0; l < d; l++) center += rotation[i][l] * theta[l];
    }
    const a = Array.from(lists[i], (v) => (v - center) / sigma);
    perCoordinate[i] = standardizedCellFisher(a) / (sigma * sigma);
    bits += Math.ceil(Math.log2(lists[i].length + 1));
  }
  const matrix: number[][] = [];
  for (let r = 0; r < d; r++) matrix.push(new Array<number>(d).fill(0));
  if (rotation) {
    for (let i = 0; i < d; i++) {
      const w = perCoordinate[i];
      if (w === 0) continue;
      const u = rotation[i];
      for (let r = 0; r < d; r++) {
        const wr = w * u[r];
        for (let c = 0; c < d; c++) matrix[r][c] += wr * u[c];
      }
    }
  } else {
    for (let i = 0; i < d; i++) matrix[i][i] = perCoordinate[i];
  }
  let trace = 0;
  for (let i = 0; i < d; i++) trace += perCoordinate[i];
  return { matrix, perCoordinate, trace, bits };
}
