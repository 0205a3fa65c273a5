import { describe, expect, it } from "vitest";
import { kalmanTrackingRisk } from "../../../src/optim/kalmanTracking";

const Z = 4.5; // standard errors allowed in Monte Carlo comparisons

describe("kalmanTrackingRisk", () => {
  it("records the filter's variance P_t, which follows the Riccati recursion typed out by hand", () => {
    const { variances } = kalmanTrackingRisk({ d: 2, q: 0.01, sigma: 0.5, rounds: 50, trials: 2, seed: 1 });
    let P = 0; // θ_1 known
    for (let t = 1; t <= 50; t++) {
      const prior = t === 1 ? P : P + 0.01;
      P = (prior * 0.25) / (prior + 0.25);
      expect(variances[t - 1]).toBeCloseTo(P, 14);
    }
  });

  it("measures a mean error per round d·P_t and a time average d·P∞ (Monte Carlo, random walk and AR(1))", () => {
    for (const a of [1, 0.8]) {
      const r = kalmanTrackingRisk({ d: 3, q: 0.02, sigma: 1, a, rounds: 400, trials: 400, seed: 7 });
      // the time average against the fixed point found by iterating the recursion 10^4 times
      let P = 0;
      for (let k = 0; k < 10000; k++) P = ((a * a * P + 0.02) * 1) / (a * a * P + 0.02 + 1);
      expect(Math.abs(r.mse.mean - 3 * P)).toBeLessThanOrEqual(Z * r.mse.stderr);
      expect(r.steadyState).toBeCloseTo(3 * P, 12);
      // per round, at a few rounds of the transient: 400 runs of a χ²-like error with 3 coordinates
      for (const t of [2, 5, 20]) {
        const expected = 3 * r.variances[t - 1];
        const se = expected * Math.sqrt(2 / 3 / 400);
        expect(Math.abs(r.perRound[t - 1] - expected)).toBeLessThanOrEqual(Z * se);
      }
    }
  });

  it("refuses bad options, naming them", () => {
    expect(() => kalmanTrackingRisk({ d: 0, q: 1, sigma: 1, rounds: 10, trials: 2, seed: 1 })).toThrow(/d/);
    expect(() => kalmanTrackingRisk({ d: 1, q: 0, sigma: 1, rounds: 10, trials: 2, seed: 1 })).toThrow(/q/);
    expect(() => kalmanTrackingRisk({ d: 1, q: 1, sigma: 1, rounds: 10, burnIn: 10, trials: 2, seed: 1 })).toThrow(/burnIn/);
    expect(() => kalmanTrackingRisk({ d: 1, q: 1, sigma: 1, a: NaN, rounds: 10, trials: 2, seed: 1 })).toThrow(/a/);
  });
});
