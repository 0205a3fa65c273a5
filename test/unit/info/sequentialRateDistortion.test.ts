import { describe, expect, it } from "vitest";
import { gaussianDistortionRate, gaussianRateDistortion, sequentialDistortionRate, sequentialRateDistortion, shannonLowerBound } from "../../../src/info/index";

/** The steady state of D ← (a²D + σ_w²)·2^{−2R}, iterated from D = σ_w² (the decoder's error recursion). */
function iterateDistortion(a: number, w: number, R: number): number {
  let D = w;
  for (let t = 0; t < 100000; t++) {
    const next = (a * a * D + w) * 2 ** (-2 * R);
    if (Math.abs(next - D) <= 1e-16 * next) return next;
    D = next;
  }
  return D;
}

describe("sequential rate–distortion of a Gauss–Markov source", () => {
  it("sequentialDistortionRate is the fixed point of the error recursion (iterated), and inverts sequentialRateDistortion", () => {
    for (const a of [0, 0.5, -0.9, 1, 1.5]) {
      for (const R of [0.25, 1, 2, 3]) {
        if (2 ** (2 * R) <= a * a) continue;
        const D = sequentialDistortionRate(a, 0.7, R);
        expect(Math.abs(D - iterateDistortion(a, 0.7, R))).toBeLessThanOrEqual(1e-12 * D);
        expect(Math.abs(sequentialRateDistortion(a, 0.7, D) - R)).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it("math.md §4.5's random walk: q = 1e−3 gives 0.002414 (R = .25), 3.33e−4 (R = 1), 6.67e−5 (R = 2)", () => {
    expect(sequentialDistortionRate(1, 1e-3, 0.25)).toBeCloseTo(0.0024142, 7);
    expect(sequentialDistortionRate(1, 1e-3, 1)).toBeCloseTo(3.3333e-4, 8);
    expect(sequentialDistortionRate(1, 1e-3, 2)).toBeCloseTo(6.6667e-5, 9);
    // near R = 0 the random walk's D ≈ q/(2R ln2) keeps its digits (expm1)
    expect(Math.abs(sequentialDistortionRate(1, 1, 1e-12) * 2e-12 * Math.LN2 - 1)).toBeLessThanOrEqual(1e-9);
  });

  it("edge cases: R = 0 below the stationary variance of a stable source; Infinity when 2^{2R} ≤ a²; a = 0 is the memoryless R(D)", () => {
    expect(sequentialRateDistortion(0.5, 1, 4 / 3)).toBe(0);
    expect(sequentialRateDistortion(0.5, 1, 1.2)).toBeGreaterThan(0);
    expect(sequentialDistortionRate(0.5, 1, 0)).toBeCloseTo(4 / 3, 14);
    expect(sequentialDistortionRate(2, 1, 1)).toBe(Infinity);
    expect(sequentialDistortionRate(1, 1, 0)).toBe(Infinity);
    expect(sequentialRateDistortion(0, 2, 0.3)).toBeCloseTo(gaussianRateDistortion(2, 0.3), 14);
    // an unstable source needs more than log2|a| bits at any D
    expect(sequentialRateDistortion(3, 1, 1e6)).toBeGreaterThan(Math.log2(3));
  });

  it("shannonLowerBound: tight for a Gaussian, the uniform box's form, negative at large D", () => {
    const sigma2 = 3;
    const hGauss = 0.5 * Math.log2(2 * Math.PI * Math.E * sigma2);
    expect(shannonLowerBound(hGauss, 0.4)).toBeCloseTo(gaussianRateDistortion(sigma2, 0.4), 13);
    const d = 8;
    const r = 1.5;
    const D = 0.02;
    expect(shannonLowerBound(d * Math.log2(2 * r), D, d)).toBeCloseTo((d / 2) * Math.log2((4 * r * r * d) / (2 * Math.PI * Math.E * D)), 12);
    expect(shannonLowerBound(0, 10)).toBeLessThan(0);
  });

  it("bad input names the parameter", () => {
    expect(() => sequentialRateDistortion(1, 1, 0)).toThrow(/D must be a finite number > 0, got 0/);
    expect(() => sequentialRateDistortion(1, 0, 1)).toThrow(/innovationVariance/);
    expect(() => sequentialRateDistortion(Number.POSITIVE_INFINITY, 1, 1)).toThrow(/a must be a finite number/);
    expect(() => sequentialDistortionRate(1, 1, -1)).toThrow(/R must be a finite number >= 0/);
    expect(() => shannonLowerBound(1, -1)).toThrow(/D/);
    expect(() => shannonLowerBound(Number.NaN, 1)).toThrow(/entropyBits/);
    expect(() => shannonLowerBound(1, 1, 0)).toThrow(/d must be an integer >= 1/);
  });
});

describe("gaussianDistortionRate(variance, R)", () => {
  it("inverts gaussianRateDistortion and is the a = 0 case of the sequential D(R)", () => {
    for (const R of [0.1, 1, 3.7]) {
      const D = gaussianDistortionRate(2.5, R);
      expect(gaussianRateDistortion(2.5, D)).toBeCloseTo(R, 13);
      expect(D).toBeCloseTo(sequentialDistortionRate(0, 2.5, R), 14);
    }
    expect(gaussianDistortionRate(4, 0)).toBe(4);
    expect(() => gaussianDistortionRate(0, 1)).toThrow(/variance/);
    expect(() => gaussianDistortionRate(1, -1)).toThrow(/R must be a finite number >= 0/);
  });
});
