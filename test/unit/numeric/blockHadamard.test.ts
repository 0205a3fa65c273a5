import { describe, expect, it } from "vitest";
import { Matrix } from "ml-matrix";
import { sylvester } from "../../support/sylvester";
import { blockRandomizedHadamard, createRandom, inverseBlockRandomizedHadamard } from "../../../src/numeric/index";


// O(1) data through log2(n) butterfly levels: rounding errors are a few units of 2^-53·n; 1e-12 leaves room.
const TOL = 1e-12;

describe("blockRandomizedHadamard(x, blockSize, signs)", () => {
  it("equals (1/√n)·H_n·D_b·x_b computed with the explicit matrix, block by block", () => {
    const rng = createRandom(21);
    for (const n of [1, 2, 4, 16, 32]) {
      const blocks = 3;
      const x = rng.fillNormal(new Float64Array(n * blocks));
      const signs = rng.fillSigns(new Float64Array(n * blocks));
      const y = blockRandomizedHadamard(x, n, signs);
      const h = sylvester(n);
      for (let b = 0; b < blocks; b++) {
        const dx = Array.from({ length: n }, (_, i) => signs[b * n + i] * x[b * n + i]);
        const expected = h.mmul(Matrix.columnVector(dx)).getColumn(0).map((v) => v / Math.sqrt(n));
        for (let i = 0; i < n; i++) expect(Math.abs(y[b * n + i] - expected[i])).toBeLessThanOrEqual(TOL);
      }
    }
  });
  it("spreads a spike evenly: a block M·e_j becomes n entries of magnitude M/√n", () => {
    const n = 32;
    const x = new Float64Array(2 * n);
    x[5] = 100;
    x[n + 17] = -3;
    const y = blockRandomizedHadamard(x, n, createRandom(3).fillSigns(new Float64Array(2 * n)));
    for (let i = 0; i < n; i++) expect(Math.abs(Math.abs(y[i]) - 100 / Math.sqrt(n))).toBeLessThanOrEqual(TOL * 100);
    for (let i = n; i < 2 * n; i++) expect(Math.abs(Math.abs(y[i]) - 3 / Math.sqrt(n))).toBeLessThanOrEqual(TOL);
  });
  it("preserves the norm of every block (Parseval) and is undone by the inverse", () => {
    const rng = createRandom(5);
    const n = 16;
    const x = rng.fillNormal(new Float64Array(8 * n));
    const signs = rng.fillSigns(new Float64Array(8 * n));
    const y = blockRandomizedHadamard(x, n, signs);
    for (let b = 0; b < 8; b++) {
      let nx = 0;
      let ny = 0;
      for (let i = b * n; i < (b + 1) * n; i++) {
        nx += x[i] * x[i];
        ny += y[i] * y[i];
      }
      expect(Math.abs(ny - nx)).toBeLessThanOrEqual(TOL * nx);
    }
    const back = inverseBlockRandomizedHadamard(y, n, signs);
    for (let i = 0; i < x.length; i++) expect(Math.abs(back[i] - x[i])).toBeLessThanOrEqual(TOL);
  });
  it("works in place when out is the input", () => {
    const x = new Float64Array([1, 2, 3, 4]);
    const signs = new Float64Array([1, -1, 1, 1]);
    const expected = blockRandomizedHadamard(x, 2, signs);
    expect(blockRandomizedHadamard(x, 2, signs, x)).toBe(x);
    expect(Array.from(x)).toEqual(Array.from(expected));
    expect(Array.from(inverseBlockRandomizedHadamard(x, 2, signs, x)).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, 2, 3, 4]);
  });
  it("matches its documented example", () => {
    const signs = new Float64Array([1, 1, 1, 1, 1, -1, 1, 1]);
    expect(Array.from(blockRandomizedHadamard(new Float64Array([2, 0, 0, 0, 0, 4, 0, 0]), 4, signs))).toEqual([1, 1, 1, 1, -2, 2, -2, 2]);
  });
  it("rejects bad arguments, naming them", () => {
    const s4 = new Float64Array([1, 1, 1, 1]);
    expect(() => blockRandomizedHadamard(new Float64Array(4), 3, s4)).toThrow(/blockSize must be a power of two/);
    expect(() => blockRandomizedHadamard(new Float64Array(6), 4, new Float64Array(6).fill(1))).toThrow(/x.length must be a multiple/);
    expect(() => blockRandomizedHadamard(new Float64Array(4), 2, new Float64Array([1, 0, 1, 1]))).toThrow(/signs\[1\]/);
    expect(() => blockRandomizedHadamard(new Float64Array(4), 2, new Float64Array(2).fill(1))).toThrow(/signs.length/);
    expect(() => blockRandomizedHadamard([1, 2] as unknown as Float64Array, 2, s4)).toThrow(TypeError);
    expect(() => inverseBlockRandomizedHadamard(new Float64Array(4), 2, s4, new Float64Array(3))).toThrow(/out.length/);
    expect(() => inverseBlockRandomizedHadamard(new Float64Array(4), 0, s4)).toThrow(/blockSize/);
  });
});
