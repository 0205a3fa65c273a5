import { describe, expect, it, vi } from "vitest";
import { createRandom } from "../../../src/numeric/random";
import { singularValues } from "../../../src/numeric/singularValues";

describe("singularValues", () => {
  it("a diagonal matrix: the absolute diagonal, sorted", () => {
    expect(singularValues(new Float64Array([3, 0, 0, -0.5]), 2, 2)).toEqual([3, 0.5]);
  });
  it("a rotation times diag(2, 1) times another rotation: 2 and 1 (built by hand)", () => {
    const c1 = Math.cos(0.7), s1 = Math.sin(0.7), c2 = Math.cos(-1.3), s2 = Math.sin(-1.3);
    // R1 · diag(2, 1) · R2ᵀ, entries written out
    const a = [2 * c1 * c2 + s1 * s2, 2 * c1 * s2 - s1 * c2, 2 * s1 * c2 - c1 * s2, 2 * s1 * s2 + c1 * c2];
    const sv = singularValues(a, 2, 2);
    expect(sv[0]).toBeCloseTo(2, 12);
    expect(sv[1]).toBeCloseTo(1, 12);
  });
  it("a rank-one 3 × 2 matrix u vᵀ: ‖u‖‖v‖ and 0; Σσ² = ‖A‖_F² for a wide matrix", () => {
    const sv = singularValues([1 * 3, 1 * 4, 2 * 3, 2 * 4, 2 * 3, 2 * 4], 3, 2);
    expect(sv[0]).toBeCloseTo(3 * 5, 12);
    expect(Math.abs(sv[1])).toBeLessThan(1e-12);
    const wide = [1, -2, 0.5, 3, 0.25, -1];
    const s = singularValues(wide, 2, 3);
    expect(s.length).toBe(2);
    expect(s[0] ** 2 + s[1] ** 2).toBeCloseTo(wide.reduce((acc, v) => acc + v * v, 0), 12);
  });
  it("rejects a wrong length naming x", () => {
    expect(() => singularValues([1, 2, 3], 2, 2)).toThrow(/x.length/);
    expect(() => singularValues([1], 0, 1)).toThrow(/rows/);
  });
});

/** One-sided Jacobi (Hestenes): rotate column pairs of a tall copy until orthogonal; σ = the column norms. */
function jacobiSingularValues(x: ArrayLike<number>, rows: number, cols: number): number[] {
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  const a: number[][] = []; // n columns of length m
  for (let c = 0; c < n; c++) a.push(Array.from({ length: m }, (_, r) => (tall ? x[r * cols + c] : x[c * cols + r])));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0, beta = 0, gamma = 0;
        for (let k = 0; k < m; k++) {
          alpha += a[p][k] ** 2;
          beta += a[q][k] ** 2;
          gamma += a[p][k] * a[q][k];
        }
        if (gamma === 0) continue;
        off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < m; k++) {
          const u = a[p][k];
          const v = a[q][k];
          a[p][k] = c * u - s * v;
          a[q][k] = s * u + c * v;
        }
      }
    if (off < 1e-15) break;
  }
  return a.map((col) => Math.hypot(...col)).sort((u, v) => v - u);
}

describe("singularValues against independent references", () => {
  const rng = createRandom(31);
  const gauss = (n: number) => Array.from({ length: n }, () => rng.normal());

  it("2 × 2: the closed form σ² = (S ± √(S² − 4·det²))/2, S = ‖A‖_F², in decreasing order (200 matrices)", () => {
    for (let t = 0; t < 200; t++) {
      const [a, b, c, d] = gauss(4);
      const s = a * a + b * b + c * c + d * d;
      const det = a * d - b * c;
      const root = Math.sqrt(s * s - 4 * det * det);
      const big = Math.sqrt((s + root) / 2);
      const small = Math.abs(det) / big; // σ1·σ2 = |det|, without the cancellation of (S − root)/2
      const sv = singularValues([a, b, c, d], 2, 2);
      expect(sv.length).toBe(2);
      expect(Math.abs(sv[0] - big)).toBeLessThan(1e-12 * big);
      expect(Math.abs(sv[1] - small)).toBeLessThan(1e-12 * big);
    }
  });

  it("tall, wide, a row and a column: one-sided Jacobi's values (1e-12 of σ_1), k = min(rows, cols) of them", () => {
    for (const [rows, cols] of [[5, 3], [3, 5], [4, 4], [1, 6], [6, 1], [1, 1], [7, 2], [2, 7]]) {
      const x = Float64Array.from(gauss(rows * cols));
      const copy = Float64Array.from(x);
      const sv = singularValues(x, rows, cols);
      const ref = jacobiSingularValues(x, rows, cols);
      expect(x).toEqual(copy); // not modified
      expect(sv.length).toBe(Math.min(rows, cols));
      for (let i = 0; i < sv.length; i++) {
        expect(Math.abs(sv[i] - ref[i])).toBeLessThan(1e-12 * ref[0]);
        if (i > 0) expect(sv[i]).toBeLessThanOrEqual(sv[i - 1]);
      }
    }
  });

  it("a wide matrix is transposed, not handed over as it is: nothing is written to the console", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      singularValues([1, 2, 3, 4, 5, 7], 2, 3);
      singularValues([1, 2, 3], 1, 3);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("orthogonal invariance: a Householder reflection H on the left leaves σ(HA) = σ(A)", () => {
    const rows = 4, cols = 3;
    const a = gauss(rows * cols);
    const v = gauss(rows);
    const vv = v.reduce((s, t) => s + t * t, 0);
    const ha: number[] = [];
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        let vta = 0;
        for (let k = 0; k < rows; k++) vta += v[k] * a[k * cols + j];
        ha.push(a[i * cols + j] - (2 * v[i] * vta) / vv);
      }
    const s1 = singularValues(a, rows, cols);
    const s2 = singularValues(ha, rows, cols);
    for (let i = 0; i < cols; i++) expect(Math.abs(s1[i] - s2[i])).toBeLessThan(1e-12 * s1[0]);
  });

  it("refusals name the parameter and the bad value", () => {
    expect(() => singularValues([1, 2, 3], 2, 2)).toThrow(new RangeError("x.length must be rows·cols = 4, got 3"));
    expect(() => singularValues([1], 0, 1)).toThrow(new RangeError("rows must be an integer >= 1, got 0"));
    expect(() => singularValues([1], 1, 0)).toThrow(new RangeError("cols must be an integer >= 1, got 0"));
    expect(() => singularValues([1, 2], 1.5, 1)).toThrow(/^rows must be an integer >= 1, got 1.5/);
    expect(() => singularValues("abcd" as never, 2, 2)).toThrow(new TypeError('x must be an array of numbers, got "abcd"'));
    expect(() => singularValues(null as never, 1, 1)).toThrow(new TypeError("x must be an array of numbers, got null"));
    expect(() => singularValues(4 as never, 1, 1)).toThrow(new TypeError("x must be an array of numbers, got 4"));
    expect(() => singularValues({ length: "1", 0: 2 } as never, 1, 1)).toThrow(
      new TypeError("x must be an array of numbers, got an object (Object)"),
    );
  });
});
