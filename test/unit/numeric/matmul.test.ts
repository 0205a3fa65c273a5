import { Matrix } from "ml-matrix";
import { describe, expect, it, vi } from "vitest";
import { createRandom } from "../../../src/numeric/random";
import { gram, gramScalar, gramUnchecked, matmul, matmulBackend, matmulScalar, matmulUnchecked } from "../../../src/numeric/matmul";
import { createGemmKernel, gemmKernel, gemmModuleBytes, GEMM_MR, GEMM_NR } from "../../../src/numeric/wasmGemm";

/** The naive triple loop, written here: s = 0; for p in increasing order: s += a[i,p]·b[p,j]. */
function naiveProduct(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  }
  return c;
}

/** X·Xᵀ by the same naive loop over rows i and j. */
function naiveGram(x: Float64Array, r: number, c: number): Float64Array {
  const g = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let p = 0; p < c; p++) s += x[i * c + p] * x[j * c + p];
      g[i * r + j] = s;
    }
  }
  return g;
}

/** The WebAssembly global, typed here (the project's TypeScript libraries do not declare it). */
const wasmGlobal = () => (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
const setWasmGlobal = (value: unknown) => {
  (globalThis as { WebAssembly?: unknown }).WebAssembly = value;
};

const toMatrix = (a: Float64Array, rows: number, cols: number) => new Matrix(Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, (i + 1) * cols))));

/** Index of the first entry whose bits differ (NaN equals NaN), or -1. */
function firstDifference(got: Float64Array, want: Float64Array): number {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) return i;
  return -1;
}

// shapes around the 4×4 tile: multiples, one less, one more, a single row or column, k = 1
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [2, 3, 2],
  [3, 5, 7],
  [4, 4, 4],
  [5, 1, 9],
  [6, 13, 11],
  [8, 12, 16],
  [9, 7, 3],
  [17, 9, 4],
  [1, 20, 33],
  [33, 70, 31],
  [64, 64, 64],
];

describe("matmul", () => {
  it("runs on the WebAssembly SIMD kernel in Node", () => {
    expect(matmulBackend()).toBe("wasm-simd");
    expect(gemmKernel()).not.toBeNull();
    expect([GEMM_MR, GEMM_NR]).toEqual([4, 4]);
  });

  it("returns the bits of the naive triple loop on every shape, and on the scalar fallback too", () => {
    const rng = createRandom(11);
    for (const [m, k, n] of SHAPES) {
      const a = rng.fillNormal(new Float64Array(m * k));
      const b = rng.fillNormal(new Float64Array(k * n));
      const want = naiveProduct(a, b, m, k, n);
      expect(firstDifference(matmul(a, b, m, k, n), want), `${m}×${k}·${k}×${n}`).toBe(-1);
      const scalar = new Float64Array(m * n).fill(Number.NaN); // overwritten, not added to
      matmulScalar(a, b, m, k, n, scalar);
      expect(firstDifference(scalar, want), `scalar ${m}×${k}·${k}×${n}`).toBe(-1);
    }
  });

  it("agrees with ml-matrix's mmul (another implementation) to 1e-13 relative", () => {
    const rng = createRandom(12);
    for (const [m, k, n] of [[7, 300, 5], [40, 33, 19]] as const) {
      const a = rng.fillNormal(new Float64Array(m * k));
      const b = rng.fillNormal(new Float64Array(k * n));
      const ref = toMatrix(a, m, k).mmul(toMatrix(b, k, n));
      const c = matmul(a, b, m, k, n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) expect(Math.abs(c[i * n + j] - ref.get(i, j))).toBeLessThanOrEqual(1e-13 * Math.sqrt(k) * (1 + Math.abs(ref.get(i, j))));
      }
    }
  });

  it("writes into out (garbage in it is overwritten) and returns it; a second product reuses the grown scratch", () => {
    const rng = createRandom(13);
    const big = rng.fillNormal(new Float64Array(50 * 50));
    matmul(big, big, 50, 50, 50); // grows the kernel's memory first
    const a = rng.fillNormal(new Float64Array(6 * 5));
    const b = rng.fillNormal(new Float64Array(5 * 7));
    const out = new Float64Array(42).fill(123);
    expect(matmul(a, b, 6, 5, 7, out)).toBe(out);
    expect(firstDifference(out, naiveProduct(a, b, 6, 5, 7))).toBe(-1);
    const unchecked = new Float64Array(42).fill(-5);
    matmulUnchecked(a, b, 6, 5, 7, unchecked);
    expect(firstDifference(unchecked, out)).toBe(-1);
  });

  it("keeps infinities and NaN where the naive loop has them (padding adds no 0·∞)", () => {
    const a = Float64Array.from({ length: 5 * 3 }, (_, i) => i - 7);
    const b = Float64Array.from({ length: 3 * 5 }, (_, i) => (i % 4) - 1);
    a[13] = Infinity; // row 4: ∞·b, and ∞·0 = NaN where b is 0
    b[4] = Number.NaN; // row 0 of B: NaN in column 4 of every row of C
    const want = naiveProduct(a, b, 5, 3, 5);
    expect(want.some(Number.isNaN) && want.some((v) => v === Infinity || v === -Infinity)).toBe(true);
    expect(firstDifference(matmul(a, b, 5, 3, 5), want)).toBe(-1);
    const c = new Float64Array(25);
    matmulScalar(a, b, 5, 3, 5, c);
    expect(firstDifference(c, want)).toBe(-1);
  });

  it("refuses bad sizes, non-Float64Arrays and aliasing, naming the parameter", () => {
    const six = new Float64Array(6);
    expect(() => matmul(six, six, 2, 3, 3)).toThrow(RangeError);
    expect(() => matmul(six, six, 2, 3, 3)).toThrow(/b\.length must be k·n = 9, got 6/);
    expect(() => matmul(new Float64Array(5), six, 2, 3, 2)).toThrow(/a\.length must be m·k = 6, got 5/);
    expect(() => matmul(six, six, 2, 3, 2, new Float64Array(5))).toThrow(/out\.length must be m·n = 4, got 5/);
    expect(() => matmul([1, 2] as unknown as Float64Array, six, 1, 2, 3)).toThrow(TypeError);
    expect(() => matmul([1, 2] as unknown as Float64Array, six, 1, 2, 3)).toThrow(/a must be a Float64Array/);
    expect(() => matmul(six, [1] as unknown as Float64Array, 2, 3, 2)).toThrow(/b must be a Float64Array/);
    expect(() => matmul(six, six, 2, 3, 2, [0, 0, 0, 0] as unknown as Float64Array)).toThrow(/out must be a Float64Array/);
    for (const [m, k, n, bad] of [[0, 3, 2, "m"], [2, 1.5, 2, "k"], [2, 3, -1, "n"]] as const) expect(() => matmul(six, six, m, k, n)).toThrow(new RegExp(`^${bad}`));
    const buf = new Float64Array(12);
    expect(() => matmul(buf.subarray(0, 4), six, 2, 2, 3, buf.subarray(4, 10))).toThrow(/out must not share memory with a or b/);
    expect(() => matmul(six, buf.subarray(0, 4), 3, 2, 2, buf.subarray(6, 12))).toThrow(/out must not share memory with a or b/);
  });
});

describe("gram", () => {
  it("returns the bits of the naive X·Xᵀ loop, exactly symmetric, on every shape and on the scalar fallback", () => {
    const rng = createRandom(21);
    for (const [r, c] of [[1, 1], [2, 5], [3, 3], [4, 8], [5, 2], [7, 13], [16, 16], [21, 40], [64, 33]]) {
      const x = rng.fillNormal(new Float64Array(r * c));
      const want = naiveGram(x, r, c);
      const g = gram(x, r, c);
      expect(firstDifference(g, want), `${r}×${c}`).toBe(-1);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) expect(g[i * r + j]).toBe(g[j * r + i]);
      const scalar = new Float64Array(r * r).fill(Number.NaN);
      gramScalar(x, r, c, scalar);
      expect(firstDifference(scalar, want), `scalar ${r}×${c}`).toBe(-1);
      const unchecked = new Float64Array(r * r).fill(7);
      gramUnchecked(x, r, c, unchecked);
      expect(firstDifference(unchecked, want)).toBe(-1);
    }
  });

  it("agrees with ml-matrix's X·Xᵀ to 1e-13 relative", () => {
    const rng = createRandom(22);
    const x = rng.fillNormal(new Float64Array(19 * 45));
    const ref = toMatrix(x, 19, 45).mmul(toMatrix(x, 19, 45).transpose());
    const g = gram(x, 19, 45);
    for (let i = 0; i < 19; i++) for (let j = 0; j < 19; j++) expect(Math.abs(g[i * 19 + j] - ref.get(i, j))).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(ref.get(i, j))));
  });

  it("writes into out and refuses bad sizes and aliasing, naming the parameter", () => {
    const out = new Float64Array(4).fill(9);
    expect(gram(new Float64Array([1, 2, 3, 4]), 2, 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([5, 11, 11, 25]);
    expect(() => gram(new Float64Array(5), 2, 3)).toThrow(/x\.length must be r·c = 6, got 5/);
    expect(() => gram(new Float64Array(6), 2, 3, new Float64Array(3))).toThrow(/out\.length must be r·r = 4, got 3/);
    expect(() => gram(new Float64Array(6), 0, 3)).toThrow(/^r/);
    expect(() => gram(new Float64Array(6), 2, 2.5)).toThrow(/^c/);
    expect(() => gram([1] as unknown as Float64Array, 1, 1)).toThrow(/x must be a Float64Array/);
    const buf = new Float64Array(10);
    expect(() => gram(buf.subarray(0, 6), 2, 3, buf.subarray(6, 10))).toThrow(/out must not share memory with x/);
  });
});

describe("the SIMD kernel's module", () => {
  it("validates for other register tiles, and each tile gives the naive loop's bits", () => {
    const rng = createRandom(31);
    for (const [mr, nr] of [[1, 2], [3, 2], [2, 6], [8, 8], [17, 18]]) {
      expect(wasmGlobal().validate(gemmModuleBytes(mr, nr))).toBe(true);
      const kernel = createGemmKernel(mr, nr);
      expect(kernel).not.toBeNull();
      expect([kernel?.mr, kernel?.nr]).toEqual([mr, nr]);
      for (const [m, k, n] of [[5, 9, 7], [19, 3, 20], [1, 1, 1]]) {
        const a = rng.fillNormal(new Float64Array(m * k));
        const b = rng.fillNormal(new Float64Array(k * n));
        const c = new Float64Array(m * n).fill(Number.NaN);
        kernel?.matmul(a, b, m, k, n, c);
        expect(firstDifference(c, naiveProduct(a, b, m, k, n)), `tile ${mr}×${nr}, ${m}×${k}·${k}×${n}`).toBe(-1);
        const g = new Float64Array(m * m).fill(Number.NaN);
        kernel?.gram(a, m, k, g);
        expect(firstDifference(g, naiveGram(a, m, k)), `tile ${mr}×${nr}, gram ${m}×${k}`).toBe(-1);
      }
    }
  });

  it("grows its memory for a product larger than one 64 KiB page, and still matches after", () => {
    const kernel = createGemmKernel(2, 2);
    const rng = createRandom(32);
    for (const size of [3, 90, 40, 130]) {
      const a = rng.fillNormal(new Float64Array(size * size));
      const b = rng.fillNormal(new Float64Array(size * size));
      const c = new Float64Array(size * size);
      kernel?.matmul(a, b, size, size, size, c);
      expect(firstDifference(c, naiveProduct(a, b, size, size, size)), `size ${size}`).toBe(-1);
    }
  });

  it("is null where WebAssembly or its SIMD is missing; matmul and gram then run the scalar loops, same bits", async () => {
    const saved = wasmGlobal();
    const rng = createRandom(33);
    const a = rng.fillNormal(new Float64Array(6 * 9));
    const b = rng.fillNormal(new Float64Array(9 * 5));
    try {
      setWasmGlobal({ ...saved, validate: () => false });
      expect(createGemmKernel(4, 4)).toBeNull();
      setWasmGlobal(undefined);
      expect(createGemmKernel(4, 4)).toBeNull();
      vi.resetModules();
      const fresh = await import("../../../src/numeric/matmul");
      expect(fresh.matmulBackend()).toBe("javascript");
      expect(firstDifference(fresh.matmul(a, b, 6, 9, 5), naiveProduct(a, b, 6, 9, 5))).toBe(-1);
      expect(firstDifference(fresh.gram(a, 6, 9), naiveGram(a, 6, 9))).toBe(-1);
    } finally {
      setWasmGlobal(saved);
      vi.resetModules();
    }
  });
});
