import { describe, expect, it } from "vitest";
import { createRandom, sampleMoments } from "../../../src/numeric/index";

describe("sampleMoments(xs)", () => {
  it("returns the mean, the unbiased variance and their standard errors of [1, 2, 3, 4]", () => {
    // By hand: deviations ±1.5, ±0.5; Σc² = 5, Σc⁴ = 10.25; m2 = 1.25, m4 = 2.5625.
    const m = sampleMoments([1, 2, 3, 4]);
    expect(m.count).toBe(4);
    expect(m.mean).toBe(2.5);
    expect(m.variance).toBeCloseTo(5 / 3, 15);
    expect(m.standardError).toBeCloseTo(Math.sqrt(5 / 12), 15);
    expect(m.varianceStandardError).toBeCloseTo(Math.sqrt((2.5625 - 1.25 ** 2) / 4), 15); // = 0.5
  });

  it("gives zero spread for a constant sample, even far from zero", () => {
    const m = sampleMoments(new Float64Array(1000).fill(1e12 + 0.1));
    expect(m.variance).toBe(0);
    expect(m.standardError).toBe(0);
    expect(m.varianceStandardError).toBe(0);
  });

  it("keeps the variance accurate when the mean dwarfs the spread (two passes)", () => {
    const xs = Float64Array.from([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(sampleMoments(xs).variance).toBe(1);
  });

  it("matches the Bernoulli(p) moments within 5 standard errors (closed form against Monte Carlo)", () => {
    const p = 0.3;
    const n = 200_000;
    const rng = createRandom(11);
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = rng.uniform() < p ? 1 : 0;
    const m = sampleMoments(xs);
    expect(Math.abs(m.mean - p)).toBeLessThan(5 * m.standardError);
    // Bernoulli: Var = p(1 − p); μ4 = p(1 − p)(1 − 3p + 3p²), so SE(s²) = √((μ4 − Var²)/n)
    const v = p * (1 - p);
    const mu4 = v * (1 - 3 * p + 3 * p * p);
    expect(m.varianceStandardError).toBeCloseTo(Math.sqrt((mu4 - v * v) / n), 5);
    expect(Math.abs(m.variance - v)).toBeLessThan(5 * m.varianceStandardError);
  });

  it("lets a NaN value flow through", () => {
    const m = sampleMoments([1, NaN, 3]);
    expect(m.mean).toBeNaN();
    expect(m.variance).toBeNaN();
    expect(m.varianceStandardError).toBeNaN();
  });

  it("refuses ±Infinity naming its index, wherever it sits, while NaN and finite overflow flow through", () => {
    const message = /^xs\[(\d+)\] must be finite \(a sample holding ±Infinity has no finite mean or variance\), got -?Infinity$/;
    const cases: [number[] | Float64Array | Float32Array, number][] = [
      [[Infinity, 1], 0],
      [[1, 2, -Infinity], 2],
      [[1, NaN, Infinity, 3], 2],
      [Float64Array.from([5, 6, 7, -Infinity, Infinity]), 3],
      [Float32Array.from([1, 1e39]), 1], // 1e39 is Infinity in FP32
    ];
    for (const [xs, index] of cases) {
      expect(() => sampleMoments(xs)).toThrow(RangeError);
      expect(() => sampleMoments(xs)).toThrow(message);
      expect(() => sampleMoments(xs)).toThrow(`xs[${index}]`);
    }
    // finite values whose differences overflow binary64: documented non-finite moments, no error
    expect(Number.isFinite(sampleMoments([-1.5e308, 1.5e308, 0]).variance)).toBe(false);
  });

  it("rejects fewer than two values and non-arrays, naming xs", () => {
    expect(() => sampleMoments([1])).toThrow(RangeError);
    expect(() => sampleMoments([1])).toThrow(/xs/);
    expect(() => sampleMoments("12" as unknown as number[])).toThrow(TypeError);
    expect(() => sampleMoments([1, "2"] as unknown as number[])).toThrow(/xs\[1\]/);
  });
});
