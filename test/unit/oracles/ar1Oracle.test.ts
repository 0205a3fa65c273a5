import { describe, expect, it } from "vitest";
import { createRandom, sampleMoments } from "../../../src/numeric/index";
import { ar1Oracle } from "../../../src/oracles/index";

const Z = 4.5;

describe("ar1Oracle", () => {
  it("noise has variance σ² from the first round and lag-k autocorrelation ρ^k (Monte Carlo over independent runs)", () => {
    const sigma = 1.5;
    const mu = 2;
    const theta = [1, -1];
    const x = new Float64Array([0.5, 0.5]);
    for (const rho of [0.8, -0.6]) {
      const runs = 4000;
      const T = 6;
      // noise[t][run], coordinate 0, rounds 1 … T
      const noise = Array.from({ length: T }, () => new Float64Array(runs));
      const g = new Float64Array(2);
      for (let r = 0; r < runs; r++) {
        const oracle = ar1Oracle({ theta, sigma, rho, mu, rng: createRandom(31, r) });
        for (let t = 0; t < T; t++) {
          oracle.gradient(x, g);
          noise[t][r] = g[0] - mu * (x[0] - theta[0]);
        }
      }
      for (const t of [0, T - 1]) {
        const m = sampleMoments(noise[t]);
        expect(Math.abs(m.variance - sigma * sigma)).toBeLessThanOrEqual(Z * m.varianceStandardError);
        expect(Math.abs(m.mean)).toBeLessThanOrEqual(Z * m.standardError);
      }
      for (const lag of [1, 2, 4]) {
        const products = new Float64Array(runs);
        for (let r = 0; r < runs; r++) products[r] = (noise[0][r] * noise[lag][r]) / (sigma * sigma);
        const m = sampleMoments(products);
        expect(Math.abs(m.mean - rho ** lag)).toBeLessThanOrEqual(Z * m.standardError);
      }
    }
  });

  it("one long run: sample variance and lag-1 autocorrelation of the noise (time averages)", () => {
    const rho = 0.9;
    const T = 200_000;
    const oracle = ar1Oracle({ theta: [0], sigma: 1, rho, rng: createRandom(8) });
    const x = new Float64Array(1);
    const xi = new Float64Array(T);
    for (let t = 0; t < T; t++) xi[t] = oracle.gradient(x)[0];
    let v = 0;
    let c = 0;
    for (let t = 0; t < T; t++) v += xi[t] * xi[t];
    for (let t = 1; t < T; t++) c += xi[t] * xi[t - 1];
    // time averages of a ρ = 0.9 process: effective sample size ≈ T(1 − ρ²)/(1 + ρ²) ≈ 19,000, so the
    // variance estimate has SE ≈ √(2/19000) ≈ 0.010 and the autocorrelation ≈ (1 − ρ²)/√(T(1 − ρ²)/(1+ρ²))·… ≲ 0.005
    expect(Math.abs(v / T - 1)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(c / v - rho)).toBeLessThanOrEqual(0.01);
    expect(oracle.calls).toBe(T);
  });

  it("ρ = 0 is the i.i.d. Gaussian oracle; value(x) spends no round", () => {
    const o = ar1Oracle({ theta: [3, 4], sigma: 0, rho: 0.5, mu: 2, rng: createRandom(1) });
    expect(o.value(new Float64Array([0, 0]))).toBe(25);
    expect(o.calls).toBe(0);
    expect(Array.from(o.gradient(new Float64Array([0, 0])))).toEqual([-6, -8]);
  });

  it("bad input names the parameter", () => {
    const rng = createRandom(1);
    expect(() => ar1Oracle({ theta: [0], sigma: 1, rho: 1, rng })).toThrow(/rho must be a number with \|rho\| < 1/);
    expect(() => ar1Oracle({ theta: [0], sigma: 1, rho: -1, rng })).toThrow(/rho/);
    expect(() => ar1Oracle({ theta: [0], sigma: -1, rho: 0, rng })).toThrow(/sigma must be a finite number >= 0/);
    expect(() => ar1Oracle({ theta: [], sigma: 1, rho: 0, rng })).toThrow(/theta must have at least one coordinate/);
    expect(() => ar1Oracle({ theta: [Number.NaN], sigma: 1, rho: 0, rng })).toThrow(/theta\[0\]/);
    expect(() => ar1Oracle({ theta: [0], sigma: 1, rho: 0, rng: {} as never })).toThrow(TypeError);
    expect(() => ar1Oracle({ theta: [0], sigma: 1, rho: 0, mu: 0, rng })).toThrow(/mu/);
    const o = ar1Oracle({ theta: [0, 0], sigma: 1, rho: 0, rng });
    expect(() => o.gradient(new Float64Array(3))).toThrow(/x.length must equal d = 2/);
  });
});
