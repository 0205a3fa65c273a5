import { describe, expect, it } from "vitest";
import { createRandom, normalSf, sampleMoments } from "../../../src/numeric/index";
import { achievabilityScheme, achievabilityVariance, dynamicRange, stepSizeRule } from "../../../src/optim/index";
import { randomSubsetStochastic } from "../../../src/quantizers/index";

const Z = 4.5;

describe("achievability analysis (math.md §5)", () => {
  it("achievabilityVariance = E‖ĝ‖² at x = θ, against Monte Carlo through the compressor (clipping included)", () => {
    const d = 32;
    const sigma = 1;
    for (const [k, b, M] of [[8, 1, 3], [32, 3, 2.5], [16, 2, 1.5], [32, 5, 4]]) {
      const c = randomSubsetStochastic({ k, bits: b, range: M });
      const n = 6000;
      const values = new Float64Array(n);
      const g = new Float64Array(d);
      const est = new Float64Array(d);
      for (let t = 0; t < n; t++) {
        const rng = createRandom(40 + k + b, t);
        for (let i = 0; i < d; i++) g[i] = sigma * rng.normal();
        c.compress(g, rng, est);
        let s = 0;
        for (let i = 0; i < d; i++) s += est[i] * est[i];
        values[t] = s;
      }
      const m = sampleMoments(values);
      const V = achievabilityVariance({ d, k, bitsPerCoordinate: b, range: M, sigma });
      expect(Math.abs(m.mean - V)).toBeLessThanOrEqual(Z * m.standardError);
    }
    expect(achievabilityVariance({ d: 64, k: 8, bitsPerCoordinate: 1, range: 5, sigma: 1 })).toBe(12800);
  });

  it("b ≥ 2, k = d: V ≤ σ²d + dM²/(2^b − 1)² (math.md §5.4), approaching σ²d as b grows", () => {
    for (const b of [2, 4, 8]) {
      const V = achievabilityVariance({ d: 10, k: 10, bitsPerCoordinate: b, range: 6, sigma: 1 });
      expect(V).toBeLessThanOrEqual(10 + (10 * 36) / (2 ** b - 1) ** 2);
      expect(V).toBeGreaterThan(10 * (1 - 2 * normalSf(6)) - 1e-9);
    }
  });

  it("dynamicRange: the union bound's M covers all dT coordinates with probability ≥ 1 − δ (exact probability)", () => {
    for (const [d, T, delta] of [[64, 4000, 0.01], [1024, 100, 0.1], [1, 1, 0.5]]) {
      const M = dynamicRange({ d, rounds: T, sigma: 2, delta });
      const pOut = 1 - (1 - 2 * normalSf(M / 2)) ** (d * T);
      expect(pOut).toBeLessThanOrEqual(delta);
      expect(pOut).toBeGreaterThan(delta / 50); // not wildly conservative
    }
    expect(dynamicRange({ d: 64, rounds: 4000, sigma: 1 })).toBeCloseTo(Math.sqrt(2 * Math.log(2 * 64 * 4000 / 0.01)), 12);
    expect(dynamicRange({ d: 2, rounds: 3, sigma: 1, offset: 1.5 }) - dynamicRange({ d: 2, rounds: 3, sigma: 1 })).toBeCloseTo(1.5, 12);
  });

  it("stepSizeRule and achievabilityScheme", () => {
    expect(stepSizeRule({ d: 64, k: 8, bitsPerCoordinate: 1 })).toEqual({ t0: 16, c: 7, reason: "dynamic range" });
    expect(stepSizeRule({ d: 64, k: 8, bitsPerCoordinate: 4 })).toEqual({ t0: 4, c: 7, reason: "contraction" });
    expect(stepSizeRule({ d: 64, k: 64, bitsPerCoordinate: 2 }).t0).toBe(1);
    expect(achievabilityScheme(1024, 64)).toEqual({ k: 64, bitsPerCoordinate: 1 });
    expect(achievabilityScheme(1024, 1024)).toEqual({ k: 1024, bitsPerCoordinate: 1 });
    expect(achievabilityScheme(1024, 5000)).toEqual({ k: 1024, bitsPerCoordinate: 4 });
    expect(achievabilityScheme(2, 1000)).toEqual({ k: 2, bitsPerCoordinate: 32 });
  });

  it("bad input names the parameter", () => {
    expect(() => achievabilityVariance({ d: 8, k: 9, bitsPerCoordinate: 1, range: 1, sigma: 1 })).toThrow(/k must be an integer from 1 to 8/);
    expect(() => achievabilityVariance({ d: 8, k: 4, bitsPerCoordinate: 0, range: 1, sigma: 1 })).toThrow(/bitsPerCoordinate/);
    expect(() => achievabilityVariance({ d: 8, k: 4, bitsPerCoordinate: 1, range: 0, sigma: 1 })).toThrow(/range/);
    expect(() => achievabilityVariance({ d: 8, k: 4, bitsPerCoordinate: 1, range: 1, sigma: -1 })).toThrow(/sigma/);
    expect(() => dynamicRange({ d: 8, rounds: 1, sigma: 1, delta: 1 })).toThrow(/delta must be a probability in \(0, 1\)/);
    expect(() => dynamicRange({ d: 8, rounds: 0, sigma: 1 })).toThrow(/rounds/);
    expect(() => stepSizeRule({ d: 8, k: 0, bitsPerCoordinate: 1 })).toThrow(/k/);
    expect(() => achievabilityScheme(0, 8)).toThrow(/d must be an integer >= 1/);
  });
});
