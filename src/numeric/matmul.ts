/**
 * Dense matrix products on row-major Float64Arrays: C = A·B and the Gram matrix X·Xᵀ. Written for the
 * inner loops of Muon's Newton–Schulz iteration (lesson 12). They run on the WebAssembly SIMD kernel of
 * src/numeric/wasmGemm.ts where the engine has it (Node ≥ 16.4), else on scalar JavaScript loops; both
 * add the products of each entry one at a time in increasing p, so both return the bits of the naive loop
 * `s = 0; for p: s += a[i,p]·b[p,j]` (no fused multiply-add), whichever runs.
 *
 * Speed (bench/optim.bench.ts, 256², one core, CPU time): the SIMD product 1.8–2.0 ms, 8–9 G multiply-adds/s
 * (kernel 1.6 ms, the rest packing); scalar loops 1.4 G/s (scalar Gram 0.7: one dependent sum per entry);
 * ml-matrix's `mmul` 3–7× slower than those; numpy's OpenBLAS dgemm (AVX-512, 1 thread) 0.7–0.8 ms, 20–25 G/s.
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger } from "../validation";
import { gemmKernel } from "./wasmGemm";

/**
 * Which kernel {@link matmul} and {@link gram} run on: `"wasm-simd"` (src/numeric/wasmGemm.ts) or
 * `"javascript"` (the scalar loops, where WebAssembly SIMD is missing). The results are the same bits.
 *
 * @example
 * ```ts
 * matmulBackend(); // "wasm-simd" in Node 20
 * ```
 */
export function matmulBackend(): "wasm-simd" | "javascript" {
  return gemmKernel() === null ? "javascript" : "wasm-simd";
}

function expectMatrix(name: string, value: unknown, length: number, shape: string): asserts value is Float64Array {
  if (!(value instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array (row-major), got ${describeValue(value)}`);
  if (value.length !== length) throw new RangeError(`${name}.length must be ${shape} = ${length}, got ${value.length}`);
}

/**
 * C = A·B for A (m×k) and B (k×n), row-major: C_ij = Σ_p a_ip·b_pj, the products added one at a time in
 * increasing p (the bits of the naive triple loop, on either kernel: see {@link matmulBackend}).
 *
 * @param a - m·k entries
 * @param b - k·n entries
 * @param m - rows of A
 * @param k - columns of A = rows of B
 * @param n - columns of B
 * @param out - m·n entries to overwrite (a new array by default); must not share memory with a or b
 * @throws RangeError naming `m`, `k`, `n`, `a`, `b` or `out` for bad sizes; TypeError for non-Float64Arrays.
 * @example
 * ```ts
 * matmul(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2); // [19, 22, 43, 50]
 * ```
 */
export function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out?: Float64Array): Float64Array {
  expectInteger("m", m, 1);
  expectInteger("k", k, 1);
  expectInteger("n", n, 1);
  expectMatrix("a", a, m * k, "m·k");
  expectMatrix("b", b, k * n, "k·n");
  const c = out ?? new Float64Array(m * n);
  expectMatrix("out", c, m * n, "m·n");
  if (c.buffer === a.buffer || c.buffer === b.buffer) throw new RangeError("out must not share memory with a or b");
  matmulUnchecked(a, b, m, k, n, c);
  return c;
}

/** {@link matmul} without validation (inner loops); `c` must not share memory with `a` or `b`. */
export function matmulUnchecked(a: Float64Array, b: Float64Array, m: number, k: number, n: number, c: Float64Array): void {
  const kernel = gemmKernel();
  if (kernel === null) matmulScalar(a, b, m, k, n, c);
  else kernel.matmul(a, b, m, k, n, c);
}

/**
 * {@link matmul}'s scalar JavaScript kernel (the fallback where WebAssembly SIMD is missing), without
 * validation. The loop order i-p-j streams rows of B and C contiguously, two rows of C and four rows of B
 * at a time, so each load of B feeds two rows; each entry still adds its products one at a time in
 * increasing p: c = (((c + a_ip·b_pj) + a_i(p+1)·b_(p+1)j) + …).
 *
 * @example
 * ```ts
 * const c = new Float64Array(4);
 * matmulScalar(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2, c); // [19, 22, 43, 50]
 * ```
 */
export function matmulScalar(a: Float64Array, b: Float64Array, m: number, k: number, n: number, c: Float64Array): void {
  c.fill(0, 0, m * n);
  let i = 0;
  // two rows of C at a time: each load of four B entries feeds eight multiply-adds
  for (; i + 1 < m; i += 2) {
    const c0 = i * n;
    const c1 = c0 + n;
    const r0 = i * k;
    const r1 = r0 + k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const x0 = a[r0 + p];
      const x1 = a[r0 + p + 1];
      const x2 = a[r0 + p + 2];
      const x3 = a[r0 + p + 3];
      const y0 = a[r1 + p];
      const y1 = a[r1 + p + 1];
      const y2 = a[r1 + p + 2];
      const y3 = a[r1 + p + 3];
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const v0 = b[b0 + j];
        const v1 = b[b1 + j];
        const v2 = b[b2 + j];
        const v3 = b[b3 + j];
        c[c0 + j] = c[c0 + j] + x0 * v0 + x1 * v1 + x2 * v2 + x3 * v3;
        c[c1 + j] = c[c1 + j] + y0 * v0 + y1 * v1 + y2 * v2 + y3 * v3;
      }
    }
    for (; p < k; p++) {
      const x = a[r0 + p];
      const y = a[r1 + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        c[c0 + j] += x * b[bp + j];
        c[c1 + j] += y * b[bp + j];
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const x = a[ai + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += x * b[bp + j];
    }
  }
}

/**
 * The Gram matrix G = X·Xᵀ of X (r×c, row-major): G_ij = Σ_p x_ip·x_jp (products added one at a time in
 * increasing p, as in {@link matmul}), computed once per pair i ≤ j and mirrored, so G is exactly
 * symmetric. Half the work of `matmul(X, Xᵀ)`. For a symmetric A, A·A = A·Aᵀ = gram(A).
 *
 * @param x - r·c entries
 * @param r - rows
 * @param c - columns
 * @param out - r·r entries to overwrite (a new array by default); must not share memory with x
 * @throws RangeError naming `r`, `c`, `x` or `out`; TypeError for non-Float64Arrays.
 * @example
 * ```ts
 * gram(new Float64Array([1, 2, 3, 4]), 2, 2); // [5, 11, 11, 25]
 * ```
 */
export function gram(x: Float64Array, r: number, c: number, out?: Float64Array): Float64Array {
  expectInteger("r", r, 1);
  expectInteger("c", c, 1);
  expectMatrix("x", x, r * c, "r·c");
  const g = out ?? new Float64Array(r * r);
  expectMatrix("out", g, r * r, "r·r");
  if (g.buffer === x.buffer) throw new RangeError("out must not share memory with x");
  gramUnchecked(x, r, c, g);
  return g;
}

/** {@link gram} without validation (inner loops); `g` must not share memory with `x`. */
export function gramUnchecked(x: Float64Array, r: number, c: number, g: Float64Array): void {
  const kernel = gemmKernel();
  if (kernel === null) gramScalar(x, r, c, g);
  else kernel.gram(x, r, c, g);
}

/**
 * {@link gram}'s scalar JavaScript kernel (the fallback where WebAssembly SIMD is missing), without
 * validation: one dot product per pair i ≤ j, mirrored.
 *
 * @example
 * ```ts
 * const g = new Float64Array(4);
 * gramScalar(new Float64Array([1, 2, 3, 4]), 2, 2, g); // [5, 11, 11, 25]
 * ```
 */
export function gramScalar(x: Float64Array, r: number, c: number, g: Float64Array): void {
  for (let i = 0; i < r; i++) {
    const xi = i * c;
    for (let j = i; j < r; j++) {
      const xj = j * c;
      let s = 0;
      for (let p = 0; p < c; p++) s += x[xi + p] * x[xj + p];
      g[i * r + j] = s;
      g[j * r + i] = s;
    }
  }
}
