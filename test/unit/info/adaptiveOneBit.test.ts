import { describe, expect, it } from "vitest";
import { adaptiveOneBitRisk } from "../../../src/info/adaptiveOneBit";
import { monteCarlo } from "../../../src/numeric/monteCarlo";

describe("adaptiveOneBitRisk({ n, trials, seed }): n·MSE/σ² of the adaptive one-bit estimator", () => {
  it("approaches π/2 (Kipnis and Duchi, arXiv:1708.00952) within 4 standard errors at n = 2000 (finite-n excess measured below 3%)", () => {
    const r = adaptiveOneBitRisk({ n: 2000, trials: 6000, seed: 11 });
    expect(Math.abs(r.mean - Math.PI / 2)).toBeLessThan(4 * r.stderr + 0.03 * Math.PI / 2);
    expect(r.stderr).toBeLessThan(0.04);
  });

  it("costs a factor π/2 over the unquantized sample mean, simulated with the same seeds (n·MSE = 1)", () => {
    const n = 500;
    const mean = monteCarlo({ trials: 6000, seed: 12, run: (rng) => { let s = 0; for (let t = 0; t < n; t++) s += rng.normal(); return (s / n) ** 2 * n; } });
    const oneBit = adaptiveOneBitRisk({ n, trials: 6000, seed: 12 });
    expect(Math.abs(mean.mean - 1)).toBeLessThan(4 * mean.stderr);
    expect(oneBit.mean / mean.mean).toBeGreaterThan(1.4);
    expect(oneBit.mean / mean.mean).toBeLessThan(1.75);
  });

  it("is translation and scale equivariant: θ and σ only shift and scale the estimates (same draws, same risk)", () => {
    const a = adaptiveOneBitRisk({ n: 200, trials: 50, seed: 3, theta: 0.3, sigma: 1, start: 0 });
    const b = adaptiveOneBitRisk({ n: 200, trials: 50, seed: 3, theta: 5 + 0.3 * 2.5, sigma: 2.5, start: 5 });
    expect(b.mean).toBeCloseTo(a.mean, 9);
  });

  it("refuses bad options, naming them", () => {
    expect(() => adaptiveOneBitRisk({ n: 0, trials: 10, seed: 1 })).toThrow(/n must be an integer/);
    expect(() => adaptiveOneBitRisk({ n: 10, trials: 1, seed: 1 })).toThrow(/trials/);
    expect(() => adaptiveOneBitRisk({ n: 10, trials: 10, seed: 1, sigma: 0 })).toThrow(/sigma/);
    expect(() => adaptiveOneBitRisk({ n: 10, trials: 10, seed: 1, theta: NaN })).toThrow(/theta/);
    expect(() => adaptiveOneBitRisk({ n: 10, trials: 10, seed: 1, start: Infinity })).toThrow(/start/);
    expect(() => adaptiveOneBitRisk(null as never)).toThrow(TypeError);
  });
});
