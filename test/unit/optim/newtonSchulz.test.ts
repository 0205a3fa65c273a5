import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { createRandom, gram, matmul } from "../../../src/numeric/index";
import { NEWTON_SCHULZ_COEFFICIENTS, newtonSchulz5, polarFactor } from "../../../src/optim/index";

it("exports KellerJordan/Muon's coefficients", () => {
  expect(NEWTON_SCHULZ_COEFFICIENTS).toEqual({ a: 3.4445, b: -4.775, c: 2.0315 });
});
import { randomOrthogonal } from "../../../src/regression/index";

/** Singular values by ml-matrix's SVD (another algorithm than the iteration), decreasing. */
function singularValues(x: Float64Array, rows: number, cols: number): number[] {
  return new SingularValueDecomposition(new Matrix(Array.from({ length: rows }, (_, i) => Array.from(x.subarray(i * cols, (i + 1) * cols)))), {
    autoTranspose: true,
  }).diagonal;
}

/** The scalar quintic φ(s) = a s + b s³ + c s⁵ applied `steps` times: what NS5 does to each singular value. */
function phiIterated(s: number, steps = 5): number {
  const [a, b, c] = [3.4445, -4.775, 2.0315]; // KellerJordan/Muon, written here, not read from the library
  for (let k = 0; k < steps; k++) s = a * s + b * s ** 3 + c * s ** 5;
  return s;
}

/** U diag(σ) Vᵀ (rows × cols, rows ≥ cols here) from Haar-random U, V. */
function withSingularValues(sigma: number[], rows: number, cols: number, seed: number): Float64Array {
  const u = randomOrthogonal(rows, createRandom(seed, 1));
  const v = randomOrthogonal(cols, createRandom(seed, 2));
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < sigma.length; k++) s += u[i * rows + k] * sigma[k] * v[j * cols + k];
      out[i * cols + j] = s;
    }
  }
  return out;
}

describe("matmul and gram", () => {
  it("equal ml-matrix's mmul (relative 1e-13) on odd shapes", () => {
    const rng = createRandom(1);
    for (const [m, k, n] of [[1, 1, 1], [3, 5, 7], [17, 9, 4], [6, 13, 11]]) {
      const a = rng.fillNormal(new Float64Array(m * k));
      const b = rng.fillNormal(new Float64Array(k * n));
      const ref = new Matrix(Array.from({ length: m }, (_, i) => Array.from(a.subarray(i * k, (i + 1) * k)))).mmul(
        new Matrix(Array.from({ length: k }, (_, i) => Array.from(b.subarray(i * n, (i + 1) * n)))),
      );
      const c = matmul(a, b, m, k, n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(Math.abs(c[i * n + j] - ref.get(i, j))).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(ref.get(i, j))));
      const g = gram(a, m, k);
      const refG = new Matrix(Array.from({ length: m }, (_, i) => Array.from(a.subarray(i * k, (i + 1) * k))));
      const gg = refG.mmul(refG.transpose());
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) expect(Math.abs(g[i * m + j] - gg.get(i, j))).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(gg.get(i, j))));
    }
  });
  it("refuses mismatched shapes, naming the array", () => {
    expect(() => matmul(new Float64Array(6), new Float64Array(6), 2, 3, 3)).toThrow(/b\.length/);
    expect(() => gram(new Float64Array(5), 2, 3)).toThrow(/x\.length/);
  });
});

describe("newtonSchulz5", () => {
  it("maps each normalized singular value σ ≥ 1e-3 to φ⁵(σ), inside the documented band [0.47, 1.20]", () => {
    const rows = 24;
    const cols = 16;
    // singular values log-spaced over [1.5e-3, 1]; normalized by ‖σ‖₂ (the Frobenius norm) they run from ~1.1e-3 to ~0.77
    const raw = Array.from({ length: cols }, (_, k) => 1.5e-3 * Math.pow(1 / 1.5e-3, k / (cols - 1))).reverse();
    const norm = Math.sqrt(raw.reduce((s, v) => s + v * v, 0));
    const sigma = raw.map((v) => (7 * v) / (7 * norm + 1e-7)); // NS divides by ‖G‖_F + 1e-7, G = 7·U diag(raw) Vᵀ
    expect(Math.min(...sigma)).toBeGreaterThanOrEqual(1e-3);
    expect(Math.min(...sigma)).toBeLessThan(1.5e-3); // the low end of the band is exercised
    const g = withSingularValues(raw.map((v) => 7 * v), rows, cols, 3); // any scale: NS normalizes
    const out = newtonSchulz5(g, rows, cols);
    const got = singularValues(out, rows, cols);
    const expected = sigma.map((s) => phiIterated(s)).sort((x, y) => y - x);
    for (let k = 0; k < cols; k++) {
      expect(Math.abs(got[k] - expected[k])).toBeLessThanOrEqual(1e-9);
      expect(got[k]).toBeGreaterThanOrEqual(0.47);
      expect(got[k]).toBeLessThanOrEqual(1.203);
    }
    // the band itself, by a fine scan of the scalar map over [1e-3, 1] and [1e-2, 1] (math.md §8.3)
    for (const [lo, min, max] of [[1e-3, 0.4705, 1.2024], [1e-2, 0.6818, 1.1344]]) {
      let a = Infinity;
      let b = -Infinity;
      for (let k = 0; k <= 20000; k++) {
        const v = phiIterated(lo * Math.pow(1 / lo, k / 20000));
        a = Math.min(a, v);
        b = Math.max(b, v);
      }
      expect(a).toBeCloseTo(min, 3);
      expect(b).toBeCloseTo(max, 3);
    }
  });

  it("handles wide and tall matrices alike (transpose symmetry)", () => {
    const rng = createRandom(4);
    const g = rng.fillNormal(new Float64Array(6 * 10));
    const gt = new Float64Array(60);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 10; j++) gt[j * 6 + i] = g[i * 10 + j];
    const a = newtonSchulz5(g, 6, 10);
    const b = newtonSchulz5(gt, 10, 6);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 10; j++) expect(a[i * 10 + j]).toBeCloseTo(b[j * 6 + i], 14);
  });

  it("is not the polar factor on a Gaussian 256×256 matrix: relative distance 15–25% (reported, math.md §8.0.4)", () => {
    const n = 256;
    const g = createRandom(1).fillNormal(new Float64Array(n * n));
    const ns = newtonSchulz5(g, n, n);
    const polar = polarFactor(g, n, n);
    // the polar factor is orthogonal: PᵀP = I (checks polarFactor itself)
    const ptp = gram(polar, n, n);
    for (let i = 0; i < n; i += 37) for (let j = 0; j < n; j += 29) expect(Math.abs(ptp[i * n + j] - (i === j ? 1 : 0))).toBeLessThan(1e-10);
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < n * n; i++) {
      diff += (ns[i] - polar[i]) ** 2;
      norm += polar[i] ** 2;
    }
    const distance = Math.sqrt(diff / norm);
    console.log(`NS5 vs polar factor, Gaussian 256x256: relative Frobenius distance ${distance.toFixed(4)}`);
    expect(distance).toBeGreaterThan(0.15);
    expect(distance).toBeLessThan(0.25);
  });

  it("refuses bad shapes and steps, naming them", () => {
    expect(() => newtonSchulz5(new Float64Array(5), 2, 3)).toThrow(/x\.length/);
    expect(() => newtonSchulz5(new Float64Array(6), 2, 3, -1)).toThrow(/steps/);
    expect(() => newtonSchulz5(new Float64Array(6), 0, 3)).toThrow(/rows/);
  });
});
