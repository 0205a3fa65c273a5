import { describe, expect, it } from "vitest";
import { productBound } from "../../../src/bounds/index";
import { quantizedSgdSweep } from "../../../src/optim/index";

const Z = 4;

describe("quantizedSgdSweep", () => {
  it("one row per (d, B, T), each Monte Carlo mean beside V/T (b = 1 and B > d), bits within B", () => {
    const rows = quantizedSgdSweep({ dims: [16], bits: [8, 48], rounds: [150, 300], sigma: 1, trials: 60, seed: 3, priorRadius: 0.5, D: 0.5 });
    expect(rows.map((r) => [r.d, r.bits, r.rounds])).toEqual([
      [16, 8, 150],
      [16, 8, 300],
      [16, 48, 150],
      [16, 48, 300],
    ]);
    for (const r of rows) {
      expect(r.maxMeasuredBits).toBeLessThanOrEqual(r.bits);
      expect(r.maxMeasuredBits).toBe(r.k * r.bitsPerCoordinate);
      // the start x_0 = 0 against θ in [−0.5, 0.5]^16 and t_0 > 1 leave a transient that fades like
      // (t_0/T)²; with the default M the rounds stay in range. Margin: 4 SE + 8%
      expect(Math.abs(r.mse.mean - r.predictedMse)).toBeLessThanOrEqual(Z * r.mse.stderr + 0.08 * r.predictedMse);
      expect(r.lowerBoundRounds).toBe(productBound({ d: 16, sigma: 1, bits: r.bits, D: 0.5 }));
      expect(r.predictedRounds).toBe(Math.ceil(r.predictedVariance / 0.5));
      expect(r.predictedRounds!).toBeGreaterThan(r.lowerBoundRounds!);
    }
    expect(rows[0].k).toBe(8);
    expect(rows[2].k).toBe(16);
    expect(rows[2].bitsPerCoordinate).toBe(3);
  });

  it("bad input names the parameter", () => {
    const ok = { dims: [4], bits: [2], rounds: [10], sigma: 1, trials: 2, seed: 1 };
    expect(() => quantizedSgdSweep({ ...ok, dims: [] })).toThrow(/dims must be a non-empty array/);
    expect(() => quantizedSgdSweep({ ...ok, rounds: [0] })).toThrow(/rounds\[0\] must be an integer >= 1/);
    expect(() => quantizedSgdSweep({ ...ok, trials: 1 })).toThrow(/trials/);
    expect(() => quantizedSgdSweep({ ...ok, t0: -1 })).toThrow(/t0/);
    expect(() => quantizedSgdSweep({ ...ok, range: 0 })).toThrow(/range/);
  });
});
