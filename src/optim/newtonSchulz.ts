/**
 * Muon's orthogonalization (lesson 12): the quintic Newton–Schulz iteration of KellerJordan/Muon, and
 * the exact polar factor U Vᵀ by SVD for comparison (math.md §8.3, §8.0.4).
 *
 * @packageDocumentation
 */
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { gramUnchecked, matmulUnchecked } from "../numeric/matmul";
import { describeValue, expectInteger } from "../validation";

/** The quintic's coefficients (a, b, c) in KellerJordan/Muon `zeropower_via_newtonschulz5`. */
export const NEWTON_SCHULZ_COEFFICIENTS = Object.freeze({ a: 3.4445, b: -4.775, c: 2.0315 });

/** Added to ‖X‖_F before dividing, as in KellerJordan/Muon (`X.norm() + 1e-7`). */
const NORM_EPSILON = 1e-7;

function expectShape(x: unknown, rows: number, cols: number): asserts x is Float64Array {
  expectInteger("rows", rows, 1);
  expectInteger("cols", cols, 1);
  if (!(x instanceof Float64Array)) throw new TypeError(`x must be a Float64Array (row-major rows × cols), got ${describeValue(x)}`);
  if (x.length !== rows * cols) throw new RangeError(`x.length must be rows·cols = ${rows * cols}, got ${x.length}`);
}

/** Scratch buffers of {@link newtonSchulz5}, reusable across calls of the same shape. */
export interface NewtonSchulzWorkspace {
  readonly rows: number;
  readonly cols: number;
  /** Five r×c / r×r buffers, r = min(rows, cols), c = max(rows, cols). */
  readonly buffers: Float64Array[];
}

/**
 * Scratch space for {@link newtonSchulz5} on rows × cols matrices (allocate once, reuse every step).
 *
 * @example
 * ```ts
 * const ws = newtonSchulzWorkspace(256, 256);
 * ```
 */
export function newtonSchulzWorkspace(rows: number, cols: number): NewtonSchulzWorkspace {
  expectInteger("rows", rows, 1);
  expectInteger("cols", cols, 1);
  const r = Math.min(rows, cols);
  const c = Math.max(rows, cols);
  return {
    rows,
    cols,
    buffers: [new Float64Array(r * c), new Float64Array(r * c), new Float64Array(r * r), new Float64Array(r * r), new Float64Array(r * r)],
  };
}

/**
 * The quintic Newton–Schulz iteration of Muon (KellerJordan/Muon, `zeropower_via_newtonschulz5`):
 *
 *     X ← G/(‖G‖_F + 1e−7)   (transposed first when rows > cols, so that X X ᵀ is the smaller Gram matrix)
 *     repeat `steps` times:  A = X Xᵀ,  B = b A + c A²,  X ← a X + B X      (a, b, c) = (3.4445, −4.7750, 2.0315)
 *
 * Each step maps every singular value s of X to φ(s) = a s + b s³ + c s⁵ and keeps the singular vectors,
 * so the result is U φ⁵(S/‖G‖_F) Vᵀ: close to the polar factor U Vᵀ only where the normalized singular
 * values were not too small. φ'(0) = 3.4445, φ(1) = 0.701; after 5 steps singular values starting in
 * [0.01, 1] land in about [0.68, 1.13], from 1e−3 in about [0.47, 1.20] (math.md §8.3, ✓ by our test).
 * On real inputs the normalized singular values are small: a 256² Gaussian matrix (seed 1) has them in
 * [4.4e−5, 0.125], three of them below 1e−3, so the output is NOT the polar
 * factor: its relative Frobenius distance to U Vᵀ is 21% there (15–21% on Gaussian 256²/512² matrices,
 * math.md §8.0.4); measure it with {@link polarFactor}.
 *
 * Arithmetic: binary64 throughout (Muon casts X to bf16; math.md §8.0.4 found bf16-emulated NS5 ≈ float64).
 * A² is formed as the Gram matrix of the symmetric A (half the products).
 *
 * Cost: r²c/2 + r³/2 + r²c multiply-adds per step (X Xᵀ and A² computed as half, B X in full), 168 M for
 * five steps on 256×256, on the WebAssembly SIMD kernel of `matmul` (src/numeric/wasmGemm.ts). Measured in
 * bench/optim.bench.ts (process CPU time, one core, AMD EPYC Zen 4 at about 3.6 GHz, Node 20): 24–30 ms,
 * 1.2–1.5× the time of numpy 2.2 (17–23 ms; OpenBLAS 0.3.29's AVX-512 kernels on one thread, 210 M
 * multiply-adds since its `A @ A` is a full dgemm). Before the SIMD kernel, scalar JavaScript: 160–180 ms, 9×.
 * What limits it: WebAssembly SIMD has two float64 lanes and no fused multiply-add, a peak of 4 multiply-adds
 * per cycle (two 128-bit multiplies and two adds) where AVX-512 FMA has 8 on this core; our product reaches
 * 7–8 G multiply-adds/s (about 55% of its peak), OpenBLAS's dgemm 20–25 G/s (about 85% of its own), so one
 * 256² product takes 3× numpy's time; the half-work Gram products, and numpy's temporaries (a fresh 512 KiB
 * array per operation), win back half of that.
 *
 * @param g - the input, row-major rows × cols (not modified)
 * @param rows - r ≥ 1
 * @param cols - c ≥ 1
 * @param steps - default 5 (an integer ≥ 0)
 * @param out - where to write the rows × cols result (default a new array); may be `g`
 * @param workspace - scratch from {@link newtonSchulzWorkspace}(rows, cols) (default: allocated per call)
 * @throws RangeError naming `rows`, `cols`, `steps`, `x`, `out` or `workspace`; TypeError for non-arrays.
 * @example
 * ```ts
 * const o = newtonSchulz5(new Float64Array([3, 0, 0, 0.5]), 2, 2); // ≈ diag(0.87, 0.88): both near 1
 * ```
 */
export function newtonSchulz5(
  g: Float64Array,
  rows: number,
  cols: number,
  steps = 5,
  out?: Float64Array,
  workspace?: NewtonSchulzWorkspace,
): Float64Array {
  expectShape(g, rows, cols);
  expectInteger("steps", steps, 0);
  const result = out ?? new Float64Array(rows * cols);
  if (!(result instanceof Float64Array) || result.length !== rows * cols) {
    throw new RangeError(`out must be a Float64Array of length rows·cols = ${rows * cols}, got ${describeValue(out)}`);
  }
  const ws = workspace ?? newtonSchulzWorkspace(rows, cols);
  if (ws.rows !== rows || ws.cols !== cols) {
    throw new RangeError(`workspace must be for ${rows}×${cols} matrices, got ${ws.rows}×${ws.cols}`);
  }
  newtonSchulzUnchecked(g, rows, cols, steps, result, ws);
  return result;
}

/** {@link newtonSchulz5} without validation (Muon's inner loop). */
export function newtonSchulzUnchecked(
  g: Float64Array,
  rows: number,
  cols: number,
  steps: number,
  out: Float64Array,
  ws: NewtonSchulzWorkspace,
): void {
  const transpose = rows > cols;
  const r = transpose ? cols : rows;
  const c = transpose ? rows : cols;
  let x = ws.buffers[0];
  let next = ws.buffers[1];
  const a = ws.buffers[2];
  const b = ws.buffers[3];
  const a2 = ws.buffers[4];
  let norm2 = 0;
  for (let i = 0; i < g.length; i++) norm2 += g[i] * g[i];
  const scale = 1 / (Math.sqrt(norm2) + NORM_EPSILON);
  if (transpose) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) x[j * c + i] = g[i * cols + j] * scale;
  } else {
    for (let i = 0; i < g.length; i++) x[i] = g[i] * scale;
  }
  const { a: ca, b: cb, c: cc } = NEWTON_SCHULZ_COEFFICIENTS;
  for (let s = 0; s < steps; s++) {
    gramUnchecked(x, r, c, a); // A = X Xᵀ
    gramUnchecked(a, r, r, a2); // A² = A Aᵀ (A symmetric)
    for (let i = 0; i < r * r; i++) b[i] = cb * a[i] + cc * a2[i];
    matmulUnchecked(b, x, r, r, c, next); // B X
    for (let i = 0; i < r * c; i++) next[i] += ca * x[i];
    const t = x;
    x = next;
    next = t;
  }
  if (transpose) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = x[j * c + i];
  } else {
    out.set(x.subarray(0, rows * cols));
  }
}

/**
 * The polar factor U Vᵀ of G = U S Vᵀ (thin SVD by ml-matrix): the orthogonal (or semi-orthogonal)
 * matrix nearest to G in Frobenius norm, what Muon's Newton–Schulz approximates. Singular values below
 * ml-matrix's rank threshold still get their singular vectors (U Vᵀ over all min(rows, cols) pairs).
 *
 * @param g - row-major rows × cols
 * @returns rows × cols, row-major
 * @throws RangeError or TypeError as {@link newtonSchulz5}.
 * @example
 * ```ts
 * polarFactor(new Float64Array([3, 0, 0, 0.5]), 2, 2); // [1, 0, 0, 1]
 * ```
 */
export function polarFactor(g: Float64Array, rows: number, cols: number): Float64Array {
  expectShape(g, rows, cols);
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, g[i * cols + j]);
  const svd = new SingularValueDecomposition(m, { autoTranspose: true });
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  const k = Math.min(rows, cols);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += u.get(i, p) * v.get(j, p);
      out[i * cols + j] = s;
    }
  }
  return out;
}
