import { describe, expect, it } from "vitest";
import { reverseWaterFilling } from "../../../src/info/index";
import { createRandom } from "../../../src/numeric/index";

/** Σ_i max(0, ½log2(σ_i²/D_i)): the rate of an allocation. */
const rateOf = (variances: number[], alloc: number[]): number =>
  variances.reduce((s, v, i) => s + Math.max(0, 0.5 * Math.log2(v / alloc[i])), 0);

/**
 * Greedy bit allocation, an independent route: hand out the rate in steps of δ bits, each step to the
 * component whose error σ_i²·2^{−2R_i} drops the most, until Σ_i D_i ≤ D. For convex decreasing
 * distortion–rate curves the greedy allocation is optimal on the δ-grid, so its total rate is within δ
 * of the optimum (from above).
 */
function greedyRate(variances: number[], D: number, delta: number): number {
  const rates = variances.map(() => 0);
  const err = (i: number, r: number) => variances[i] * 2 ** (-2 * r);
  let total = variances.reduce((a, b) => a + b, 0);
  let spent = 0;
  while (total > D) {
    let best = 0;
    let gain = -Infinity;
    for (let i = 0; i < variances.length; i++) {
      const g = err(i, rates[i]) - err(i, rates[i] + delta);
      if (g > gain) {
        gain = g;
        best = i;
      }
    }
    rates[best] += delta;
    total -= gain;
    spent += delta;
  }
  return spent;
}

describe("reverseWaterFilling(variances, D)", () => {
  it("matches greedy bit allocation in steps of 1e−5 bit (three components, random variances and budgets)", () => {
    const rng = createRandom(21);
    for (let trial = 0; trial < 8; trial++) {
      const variances = [0.1 + 4 * rng.uniform(), 0.1 + 2 * rng.uniform(), 0.05 + rng.uniform()];
      const total = variances.reduce((a, b) => a + b, 0);
      const D = total * (0.05 + 0.9 * rng.uniform());
      const r = reverseWaterFilling(variances, D);
      const delta = 1e-5;
      const greedy = greedyRate(variances, D, delta);
      // the greedy total is at or above the optimum, and within δ of it (plus the running sum's rounding)
      expect(r.rate).toBeLessThanOrEqual(greedy + 1e-9);
      expect(greedy - r.rate).toBeLessThanOrEqual(delta + 1e-9);
      expect(Math.abs(r.distortions.reduce((a, b) => a + b, 0) - D)).toBeLessThanOrEqual(1e-12 * total);
      expect(Math.abs(rateOf(variances, Array.from(r.distortions)) - r.rate)).toBeLessThanOrEqual(1e-12);
    }
  });

  it("water level: D_i = min(λ, σ_i²); quiet components get no bits", () => {
    const r = reverseWaterFilling([4, 1, 0.25], 1.5);
    expect(r.level).toBeCloseTo(0.625, 14);
    expect(Array.from(r.distortions)).toEqual([0.625, 0.625, 0.25]);
    expect(r.rate).toBeCloseTo(0.5 * Math.log2(4 / 0.625) + 0.5 * Math.log2(1 / 0.625), 14);
  });

  it("edge cases: D at or above Σσ² costs nothing; a zero-variance component gets D_i = 0", () => {
    const r = reverseWaterFilling([2, 1], 5);
    expect(r.rate).toBe(0);
    expect(r.level).toBe(2);
    expect(Array.from(r.distortions)).toEqual([2, 1]);
    const z = reverseWaterFilling([0, 1], 0.25);
    expect(Array.from(z.distortions)).toEqual([0, 0.25]);
    expect(z.rate).toBe(1);
  });

  it("bad input: a clear error naming the parameter", () => {
    expect(() => reverseWaterFilling([1, 2], 0)).toThrow(/D must be a finite number > 0, got 0/);
    expect(() => reverseWaterFilling([1, 2], -1)).toThrow(/D/);
    expect(() => reverseWaterFilling([], 1)).toThrow(/variances must have at least one entry/);
    expect(() => reverseWaterFilling([1, -2], 1)).toThrow(/variances\[1\] must be a finite number >= 0, got -2/);
    expect(() => reverseWaterFilling([0, 0], 1)).toThrow(/must not all be 0/);
    expect(() => reverseWaterFilling("x" as never, 1)).toThrow(TypeError);
  });
});
