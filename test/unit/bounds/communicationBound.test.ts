import { describe, expect, it } from "vitest";
import { communicationBound, lowerBounds } from "../../../src/bounds/index";
import { blahutArimotoPoint, discretize } from "./blahutArimoto";

describe("communicationBound", () => {
  it("Gaussian prior: d·R(D/d) from reverse water-filling, found here by bisection on the water level", () => {
    // Reverse water-filling over d coordinates of variance τ²: D_i = min(λ, τ²), Σ D_i = D, R = Σ ½ log2(τ²/D_i).
    const d = 37;
    const tau2 = 2.5;
    const D = 3.1;
    let lo = 0;
    let hi = tau2;
    for (let k = 0; k < 200; k++) {
      const lambda = (lo + hi) / 2;
      if (d * Math.min(lambda, tau2) > D) hi = lambda;
      else lo = lambda;
    }
    const lambda = (lo + hi) / 2;
    let rate = 0;
    for (let i = 0; i < d; i++) rate += 0.5 * Math.log2(tau2 / Math.min(lambda, tau2));
    const c = communicationBound({ d, D, bits: 10, priorVariance: tau2 });
    expect(Math.abs(c.totalBits - rate)).toBeLessThanOrEqual(1e-12 * rate);
    expect(c.rounds).toBe(Math.ceil(rate / 10));
  });

  it("needs no bits once the prior alone meets D (D ≥ dτ², or the Shannon bound ≤ 0)", () => {
    expect(communicationBound({ d: 4, D: 4, bits: 1, priorVariance: 1 })).toEqual({ totalBits: 0, rounds: 0 });
    expect(communicationBound({ d: 4, D: 100, bits: 1, priorVariance: 1 })).toEqual({ totalBits: 0, rounds: 0 });
    // box: 4r²d/(2πe·D) ≤ 1 ⇔ D ≥ 4r²d/(2πe)
    const Dzero = (4 * 1 * 3) / (2 * Math.PI * Math.E);
    expect(communicationBound({ d: 3, D: 1.01 * Dzero, bits: 1, priorRadius: 1 })).toEqual({ totalBits: 0, rounds: 0 });
    expect(communicationBound({ d: 3, D: 0.99 * Dzero, bits: 1, priorRadius: 1 }).totalBits).toBeGreaterThan(0);
  });

  it("is a lower bound on R(D) from Blahut–Arimoto, and nearly tight for small D (box and Gaussian, d = 1)", () => {
    // Uniform prior on [−1, 1] on a 120-point grid; the Shannon lower bound must stay below the true
    // R(D) (up to the grid's effect, < 0.01 bit: checked against the Gaussian case below), and the gap
    // shrinks as D → 0 (the Shannon lower bound is asymptotically tight).
    const u = discretize(-1, 1, 120, () => 1);
    const gaps: number[] = [];
    for (const slope of [10, 100]) {
      const { D, R } = blahutArimotoPoint(u.xs, u.px, u.xs, slope, 300);
      const lower = communicationBound({ d: 1, D, bits: 1, priorRadius: 1 }).totalBits;
      expect(lower).toBeLessThanOrEqual(R + 0.01);
      gaps.push(R - lower);
    }
    expect(gaps[1]).toBeLessThan(gaps[0]);
    expect(gaps[1]).toBeLessThan(0.05);
    // Gaussian prior N(0, 1): the bound is R(D) itself
    const g = discretize(-7, 7, 141, (x) => Math.exp((-x * x) / 2));
    const { D, R } = blahutArimotoPoint(g.xs, g.px, g.xs, 5, 200);
    expect(Math.abs(communicationBound({ d: 1, D, bits: 1, priorVariance: 1 }).totalBits - R)).toBeLessThanOrEqual(1e-6);
  });

  it("without a prior θ can be anywhere in R^d: no finite transcript suffices", () => {
    const c = communicationBound({ d: 10, eps: 0.1, bits: 64 });
    expect(c).toEqual({ totalBits: Infinity, rounds: Infinity });
    const all = lowerBounds({ d: 10, eps: 0.1, bits: 64, sigma: 1 });
    expect(all.communication).toBe(Infinity);
    expect(all.rounds).toBe(Infinity);
    expect(all.binding).toBe("communication");
  });

  it("rounds = ⌈bits/B⌉ with B real; ε and μ enter through D = 2ε²/μ", () => {
    const a = communicationBound({ d: 100, eps: 0.1, mu: 2, bits: 3.5, priorVariance: 1 });
    const b = communicationBound({ d: 100, D: 0.01, bits: 3.5, priorVariance: 1 });
    expect(a).toEqual(b);
    expect(a.totalBits).toBeCloseTo(50 * Math.log2(100 / 0.01), 9);
    let t = 0;
    while (t * 3.5 < a.totalBits) t++;
    expect(a.rounds).toBe(t);
  });
});
