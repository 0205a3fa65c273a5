import { describe, expect, it } from "vitest";
import { secondMomentTrajectory } from "../../../src/optim/index";

describe("secondMomentTrajectory (math.md §8.2: BF16 v with β2 = 0.999)", () => {
  const exact = 2 - Math.pow(0.999, 1000); // v_T = g² − (g² − v0)β2^T, the closed form of the affine recursion

  it("stays at exactly 1.0 for 1,000 steps under round-to-nearest-even", () => {
    const v = secondMomentTrajectory();
    expect(v.length).toBe(1000);
    expect(v.every((x) => x === 1)).toBe(true);
  });

  it("reaches 2 − 0.999^1000 ≈ 1.632 in binary64", () => {
    const v = secondMomentTrajectory({ quantizer: { kind: "none" } });
    expect(exact).toBeCloseTo(1.632, 3);
    expect(Math.abs(v[999] - exact)).toBeLessThanOrEqual(1e-13);
  });

  it("is freed by stochastic rounding: the mean over 200 seeds is within 4.5 SE of 1.632", () => {
    const finals: number[] = [];
    for (let seed = 0; seed < 200; seed++) {
      finals.push(secondMomentTrajectory({ quantizer: { kind: "format", format: "bf16", rounding: "stochastic" }, seed }).at(-1) as number);
    }
    const mean = finals.reduce((a, b) => a + b, 0) / finals.length;
    const sd = Math.sqrt(finals.reduce((a, b) => a + (b - mean) ** 2, 0) / (finals.length - 1));
    const se = sd / Math.sqrt(finals.length);
    expect(Math.abs(mean - exact)).toBeLessThanOrEqual(4.5 * se);
    expect(se).toBeGreaterThan(0); // a real spread, not a lucky constant
  });

  it("refuses β2 outside [0, 1)", () => {
    expect(() => secondMomentTrajectory({ beta2: 1 })).toThrow(/beta2/);
    expect(() => secondMomentTrajectory({ beta2: -0.1 })).toThrow(/beta2/);
    expect(() => secondMomentTrajectory({ steps: 0 })).toThrow(/steps/);
  });
});
