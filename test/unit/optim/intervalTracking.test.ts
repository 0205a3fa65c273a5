import { describe, expect, it } from "vitest";
import { intervalTracking } from "../../../src/optim/intervalTracking";

describe("intervalTracking", () => {
  it("keeps x_t inside a shared interval whose length solves L = |a|L/2^b + 2W, error ≤ L/2^(b+1)", () => {
    for (const [a, b] of [[1.9, 1], [-1.5, 1], [3.5, 2], [2.1, 1]] as const) {
      const r = intervalTracking({ a, bits: b, noiseHalfWidth: 0.5, rounds: 60, trials: 20, seed: 3 });
      expect(r.misses).toBe(0);
      const ratio = Math.abs(a) / 2 ** b;
      const fixed = 1 / (1 - ratio); // 2W/(1 − |a|/2^b) with W = 0.5
      for (let t = 1; t <= 60; t++) {
        // closed form of the linear recursion from L_1 = 2W = 1
        const byHand = fixed + (1 - fixed) * ratio ** (t - 1);
        expect(r.widths[t - 1]).toBeCloseTo(byHand, 8);
        expect(r.meanSquaredError[t - 1]).toBeLessThanOrEqual((r.widths[t - 1] / 2 ** (b + 1)) ** 2);
      }
    }
  });

  it("tracks below the threshold and loses the source above it", () => {
    const stable = intervalTracking({ a: 1.9, bits: 1, noiseHalfWidth: 1, rounds: 300, trials: 50, seed: 5 });
    const lost = intervalTracking({ a: 2.1, bits: 1, noiseHalfWidth: 1, rounds: 300, trials: 50, seed: 5 });
    expect(stable.maxError).toBeLessThanOrEqual(40 / 4 + 1e-9);
    expect(lost.meanSquaredError[299] / lost.meanSquaredError[9]).toBeGreaterThan(1e8);
  });

  it("refuses bad options, naming them", () => {
    expect(() => intervalTracking({ a: 2, bits: 0, noiseHalfWidth: 1, rounds: 5, trials: 1, seed: 1 })).toThrow(/bits/);
    expect(() => intervalTracking({ a: 2, bits: 1, noiseHalfWidth: 0, rounds: 5, trials: 1, seed: 1 })).toThrow(/noiseHalfWidth/);
    expect(() => intervalTracking({ a: Infinity, bits: 1, noiseHalfWidth: 1, rounds: 5, trials: 1, seed: 1 })).toThrow(/a/);
  });
});
