import { describe, expect, it } from "vitest";
import { createRandom, zigguratNormal, sampleMoments } from "../../../src/numeric/index";
import { sgdSquaredErrors } from "../../../src/optim/index";

const Z = 4.5; // standard errors allowed in Monte Carlo comparisons

describe("sgdSquaredErrors", () => {
  it("records, run by run, the squared norm of the running mean of the run's own samples (few ulps)", () => {
    const d = 3;
    const sigma = 0.8;
    const mu = 2;
    const checkpoints = [0, 1, 5, 40];
    const { errors } = sgdSquaredErrors({ d, sigma, mu, checkpoints, trials: 6, seed: 9, start: 7 });
    for (let i = 0; i < 6; i++) {
      // Independent route: the samples X_t = θ − σZ_t/μ (θ = 0) from a copy of run i's noise stream, averaged directly.
      const z = createRandom(9, i);
      const sum = new Float64Array(d);
      const byHand: number[] = [];
      for (let t = 1; t <= 40; t++) {
        for (let j = 0; j < d; j++) sum[j] += (-sigma * zigguratNormal(z)) / mu;
        if (checkpoints.includes(t)) byHand.push(sum.reduce((s, v) => s + (v / t) ** 2, 0));
      }
      expect(errors[0][i]).toBe(d * 49); // T = 0: the start (7, 7, 7) itself
      for (let k = 1; k < checkpoints.length; k++) {
        expect(Math.abs(errors[k][i] - byHand[k - 1])).toBeLessThanOrEqual(256 * Number.EPSILON * byHand[k - 1]);
      }
    }
  });

  it("has mean σ²d/(μ²T) and the variance 2d(σ²/(μ²T))² of a scaled χ²_d (Monte Carlo)", () => {
    const d = 4;
    const sigma = 1.5;
    const mu = 0.5;
    const checkpoints = [1, 10, 100];
    const { errors } = sgdSquaredErrors({ d, sigma, mu, checkpoints, trials: 4000, seed: 21 });
    checkpoints.forEach((T, k) => {
      const m = sampleMoments(errors[k]);
      const scale = (sigma * sigma) / (mu * mu * T);
      expect(Math.abs(m.mean - d * scale)).toBeLessThanOrEqual(Z * m.standardError);
      expect(Math.abs(m.variance - 2 * d * scale * scale)).toBeLessThanOrEqual(Z * m.varianceStandardError);
    });
  });

  it("with a constant step η follows the exact recursion E‖e_{T+1}‖² = d[(1 − ημ)^{2T}s² + η²σ²(1 − (1 − ημ)^{2T})/(1 − (1 − ημ)²)]", () => {
    const d = 2;
    const sigma = 1;
    const mu = 1;
    const eta = 0.1;
    const start = 3;
    const checkpoints = [5, 50];
    const { errors } = sgdSquaredErrors({ d, sigma, mu, checkpoints, trials: 4000, seed: 5, start, step: () => eta });
    const a = 1 - eta * mu;
    checkpoints.forEach((T, k) => {
      const expected = d * (a ** (2 * T) * start * start + (eta * eta * sigma * sigma * (1 - a ** (2 * T))) / (1 - a * a));
      const m = sampleMoments(errors[k]);
      expect(Math.abs(m.mean - expected)).toBeLessThanOrEqual(Z * m.standardError);
    });
  });

  it("gives each run the same values whatever the number of trials", () => {
    const few = sgdSquaredErrors({ d: 2, sigma: 1, checkpoints: [3], trials: 2, seed: 4 });
    const many = sgdSquaredErrors({ d: 2, sigma: 1, checkpoints: [3], trials: 5, seed: 4 });
    expect(Array.from(many.errors[0].slice(0, 2))).toEqual(Array.from(few.errors[0]));
  });

  it("refuses bad input, naming the parameter", () => {
    const ok = { d: 2, sigma: 1, checkpoints: [1, 2], trials: 3, seed: 1 };
    expect(() => sgdSquaredErrors({ ...ok, d: 0 })).toThrow(/d/);
    expect(() => sgdSquaredErrors({ ...ok, sigma: -1 })).toThrow(/sigma/);
    expect(() => sgdSquaredErrors({ ...ok, mu: 0 })).toThrow(/mu/);
    expect(() => sgdSquaredErrors({ ...ok, trials: 0 })).toThrow(/trials/);
    expect(() => sgdSquaredErrors({ ...ok, checkpoints: [] })).toThrow(/checkpoints/);
    expect(() => sgdSquaredErrors({ ...ok, checkpoints: [2, 2] })).toThrow(/strictly increasing/);
    expect(() => sgdSquaredErrors({ ...ok, checkpoints: [1.5] })).toThrow(/checkpoints\[0\]/);
    expect(() => sgdSquaredErrors({ ...ok, start: Infinity })).toThrow(/start/);
  });
});
