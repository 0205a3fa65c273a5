import { describe, expect, it } from "vitest";
import { cyclingOneBitRisk } from "../../../src/optim/index";

const Z = 4;

/** (π/2)·[1 + (4/π)·Σ_k arcsin(x^k)], the arcsine-law prediction, summed in the test. */
function prediction(x: number): number {
  let s = 0;
  for (let k = 1; k <= 2000; k++) s += Math.asin(x ** k);
  return (Math.PI / 2) * (1 + (4 / Math.PI) * s);
}

describe("cyclingOneBitRisk (math.md §4.4's counterexample)", () => {
  it("ρ = 0.9, d/B = 16: n·MSE ≈ 2.0, far below the naive correlated product bound 13.67", () => {
    const r = cyclingOneBitRisk({ d: 16, bits: 1, rho: 0.9, visits: 2000, trials: 120, seed: 4 });
    expect(r.naiveBound).toBeCloseTo(13.669, 3);
    expect(r.visitCorrelation).toBeCloseTo(0.9 ** 16, 15);
    // the arcsine-law prediction is asymptotic in n; at n = 2000 the adaptive threshold's transient from
    // θ̂ = 0 to θ ∈ [−5, 5] adds a few percent (the independent-visits case ρ^L ≈ 0 measures 1.61 ± 0.02
    // against π/2 = 1.571), hence the 5% margin
    const p = prediction(0.9 ** 16);
    expect(Math.abs(r.risk.mean - p)).toBeLessThanOrEqual(Z * r.risk.stderr + 0.05 * p);
    expect(r.risk.ci[1]).toBeLessThan(r.naiveBound / 5);
    expect(r.rounds).toBe(32000);
  });

  it("ρ = 0 is Kipnis and Duchi's adaptive one-bit estimator: n·MSE → π/2", () => {
    // prior radius 0.5 keeps the threshold's transient small (it starts at 0, within 0.5 of θ);
    // 64 coordinates × 240 runs give a standard error near 0.9%; margin 4 SE + 1.5% for the finite n
    const r = cyclingOneBitRisk({ d: 64, bits: 64, rho: 0, visits: 2000, trials: 240, seed: 8, priorRadius: 0.5 });
    expect(r.prediction).toBeCloseTo(Math.PI / 2, 14);
    expect(Math.abs(r.risk.mean - Math.PI / 2)).toBeLessThanOrEqual(Z * r.risk.stderr + 0.015 * (Math.PI / 2));
  });

  it("the same bits on the block schedule (successive visits one round apart) pay for the correlation", () => {
    const r = cyclingOneBitRisk({ d: 4, bits: 1, rho: 0.9, visits: 2000, trials: 150, seed: 6, schedule: "block" });
    expect(r.visitCorrelation).toBe(0.9);
    const p = prediction(0.9);
    expect(Math.abs(r.risk.mean - p)).toBeLessThanOrEqual(Z * r.risk.stderr + 0.05 * p);
    expect(r.risk.ci[0]).toBeGreaterThan(r.naiveBound);
  });

  it("bad input names the parameter", () => {
    const ok = { d: 8, bits: 2, rho: 0.5, visits: 10, trials: 2, seed: 1 };
    expect(() => cyclingOneBitRisk({ ...ok, rho: 1 })).toThrow(/rho must be a number with \|rho\| < 1/);
    expect(() => cyclingOneBitRisk({ ...ok, bits: 3 })).toThrow(/bits must divide d = 8/);
    expect(() => cyclingOneBitRisk({ ...ok, bits: 9 })).toThrow(/bits/);
    expect(() => cyclingOneBitRisk({ ...ok, schedule: "random" as never })).toThrow(/schedule/);
    expect(() => cyclingOneBitRisk({ ...ok, priorRadius: 0 })).toThrow(/priorRadius/);
  });
});
