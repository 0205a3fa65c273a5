import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Matrix } from "ml-matrix";
import { sylvester } from "../../support/sylvester";
import {
  createRandom,
  fwht,
  inverseRandomizedHadamard,
  nextPowerOfTwo,
  randomizedHadamard,
} from "../../../src/numeric/index";


function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

// Tolerance for transforms of O(1) data: each output is a sum of n terms computed in log2(n)
// butterfly levels, so the rounding error is a few units of 2^-53 · n · max|x|; 1e-12 leaves room.
const TOL = 1e-12;

describe("nextPowerOfTwo(n)", () => {
  it("returns the smallest power of two >= n", () => {
    expect([1, 2, 3, 4, 5, 7, 8, 9, 1000, 1024, 1025].map(nextPowerOfTwo)).toEqual([
      1, 2, 4, 4, 8, 8, 8, 16, 1024, 1024, 2048,
    ]);
  });
  it("rejects non-integers and n < 1, naming n", () => {
    expect(() => nextPowerOfTwo(0)).toThrow(RangeError);
    expect(() => nextPowerOfTwo(2.5)).toThrow(/n must be/);
    expect(() => nextPowerOfTwo("4" as unknown as number)).toThrow(TypeError);
  });
});

describe("fwht(x)", () => {
  it("equals the product with the explicit Sylvester matrix for n = 1 .. 64", () => {
    const rng = createRandom(11);
    for (let n = 1; n <= 64; n *= 2) {
      const x = rng.fillNormal(new Float64Array(n));
      const expected = sylvester(n).mmul(Matrix.columnVector(Array.from(x))).getColumn(0);
      const y = fwht(Float64Array.from(x));
      for (let i = 0; i < n; i++) expect(Math.abs(y[i] - expected[i])).toBeLessThanOrEqual(TOL * n);
    }
  });
  it("works in place and returns its argument", () => {
    const x = new Float64Array([1, 2, 3, 4]);
    expect(fwht(x)).toBe(x);
    expect(Array.from(x)).toEqual([10, -2, -4, 0]);
  });
  it("applied twice multiplies by n (H·H = n·I)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 1000 }), (log2n, seed) => {
        const n = 2 ** log2n;
        const x = createRandom(seed).fillNormal(new Float64Array(n));
        const y = fwht(fwht(Float64Array.from(x)));
        for (let i = 0; i < n; i++) {
          if (Math.abs(y[i] / n - x[i]) > TOL * (1 + log2n)) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 100 },
    );
  });
  it("rejects a length that is not a power of two, naming x.length", () => {
    expect(() => fwht(new Float64Array(6))).toThrow(RangeError);
    expect(() => fwht(new Float64Array(6))).toThrow(/x\.length/);
    expect(() => fwht(new Float64Array(0))).toThrow(/x\.length/);
    expect(() => fwht([1, 2] as unknown as Float64Array)).toThrow(TypeError);
  });
});

describe("randomizedHadamard(x, signs) and its inverse", () => {
  it("equals (1/√n)·H·D·x with the explicit matrices", () => {
    const rng = createRandom(12);
    for (const n of [1, 2, 8, 32]) {
      const x = rng.fillNormal(new Float64Array(n));
      const signs = rng.fillSigns(new Float64Array(n));
      const d = Matrix.zeros(n, n);
      for (let i = 0; i < n; i++) d.set(i, i, signs[i]);
      const expected = sylvester(n)
        .mmul(d)
        .mul(1 / Math.sqrt(n))
        .mmul(Matrix.columnVector(Array.from(x)))
        .getColumn(0);
      const y = randomizedHadamard(x, signs);
      for (let i = 0; i < n; i++) expect(Math.abs(y[i] - expected[i])).toBeLessThanOrEqual(TOL);
    }
  });
  it("is orthogonal: preserves the norm and the inverse round-trips (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 0, max: 1000 }), (log2n, seed) => {
        const n = 2 ** log2n;
        const rng = createRandom(seed);
        const x = rng.fillNormal(new Float64Array(n));
        const signs = rng.fillSigns(new Int8Array(n));
        const y = randomizedHadamard(x, signs);
        const back = inverseRandomizedHadamard(y, signs);
        const nx = norm(x);
        if (Math.abs(norm(y) - nx) > TOL * (1 + log2n) * nx) return false;
        for (let i = 0; i < n; i++) if (Math.abs(back[i] - x[i]) > TOL * (1 + log2n) * nx) return false;
        return true;
      }),
      { seed: 42, numRuns: 100 },
    );
  });
  it("spreads a spike evenly: every |y_j| = |x_0|/√n", () => {
    const n = 16;
    const x = new Float64Array(n);
    x[3] = 8;
    const y = randomizedHadamard(x, createRandom(3).fillSigns(new Float64Array(n)));
    for (let j = 0; j < n; j++) expect(Math.abs(y[j])).toBeCloseTo(2, 14);
  });
  it("accepts out, including out = x (in place)", () => {
    const signs = new Float64Array([1, -1, -1, 1]);
    const x = new Float64Array([1, 2, 3, 4]);
    const expected = randomizedHadamard(x, signs);
    const out = new Float64Array(4);
    expect(randomizedHadamard(x, signs, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(expected));
    const same = Float64Array.from(x);
    randomizedHadamard(same, signs, same);
    expect(Array.from(same)).toEqual(Array.from(expected));
    inverseRandomizedHadamard(same, signs, same);
    for (let i = 0; i < 4; i++) expect(same[i]).toBeCloseTo(x[i], 14);
  });
  it("rejects bad signs, lengths and out, naming the parameter", () => {
    const x = new Float64Array(4);
    expect(() => randomizedHadamard(x, new Float64Array([1, -1, 0, 1]))).toThrow(/signs\[2\]/);
    expect(() => randomizedHadamard(x, new Float64Array(2).fill(1))).toThrow(/signs\.length/);
    expect(() => randomizedHadamard(x, [1, 1, 1, 1] as unknown as Float64Array)).toThrow(TypeError);
    expect(() => randomizedHadamard(new Float64Array(3), new Float64Array(3).fill(1))).toThrow(/x\.length/);
    expect(() => randomizedHadamard(x, new Float64Array(4).fill(1), new Float64Array(8))).toThrow(/out\.length/);
    expect(() => inverseRandomizedHadamard(new Float64Array(5), new Float64Array(5).fill(1))).toThrow(/y\.length/);
  });
});
