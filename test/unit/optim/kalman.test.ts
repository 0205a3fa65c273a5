import { describe, expect, it } from "vitest";
import { createRandom, sampleMoments } from "../../../src/numeric/index";
import { driftingOracle } from "../../../src/oracles/index";
import { kalmanFilter, steadyStateKalmanVariance } from "../../../src/optim/index";

const Z = 4.5;

/** The Riccati recursion P⁻ = a²P + q, P = P⁻σ²/(P⁻ + σ²), iterated from P = σ² to its fixed point. */
function riccati(q: number, sigma: number, a: number): number {
  let P = sigma * sigma;
  for (let t = 0; t < 1_000_000; t++) {
    const prior = a * a * P + q;
    const next = (prior * sigma * sigma) / (prior + sigma * sigma);
    if (Math.abs(next - P) <= 1e-17 * next) return next;
    P = next;
  }
  return P;
}

describe("steadyStateKalmanVariance(q, σ, a)", () => {
  it("is the fixed point of the Riccati recursion iterated in the test", () => {
    for (const a of [1, 0.5, 0, -0.9, 1.3]) {
      for (const q of [1e-6, 1e-3, 0.5, 4]) {
        for (const sigma of [0.3, 1, 3]) {
          const P = steadyStateKalmanVariance(q, sigma, a);
          // the iteration stops within 1e−17 relative of a step, each step rounds: 1e−12 relative covers it
          expect(Math.abs(P - riccati(q, sigma, a))).toBeLessThanOrEqual(1e-12 * P);
        }
      }
    }
  });

  it("math.md §4.5: P∞ = 0.031127 at q = 1e−3, σ = 1; ≈ σ√q for q ≪ σ²; 0 for q = 0", () => {
    expect(steadyStateKalmanVariance(1e-3, 1)).toBeCloseTo(0.031127, 6);
    expect(Math.abs(steadyStateKalmanVariance(1e-12, 2) / (2 * 1e-6) - 1)).toBeLessThanOrEqual(1e-5);
    expect(steadyStateKalmanVariance(0, 1)).toBe(0);
    expect(steadyStateKalmanVariance(1, 0)).toBe(0);
  });
});

describe("kalmanFilter", () => {
  it("tracks the drifting oracle's optimum with time-averaged error P∞ per coordinate (Monte Carlo)", () => {
    const d = 40;
    const q = 1e-2;
    const sigma = 1;
    const oracle = driftingOracle({ theta: new Float64Array(d), sigma, q, rng: createRandom(17) });
    const filter = kalmanFilter({ d, q, sigma });
    const x = new Float64Array(d);
    const g = new Float64Array(d);
    const y = new Float64Array(d);
    const T = 6000;
    const burnIn = 200;
    // block means over 200 rounds: the errors of one coordinate are correlated over ~1/K ≈ 10 rounds
    const blocks = new Float64Array((T - burnIn) / 200);
    for (let t = 0; t < T; t++) {
      oracle.gradient(x, g);
      for (let i = 0; i < d; i++) y[i] = x[i] - g[i];
      filter.update(y);
      if (t >= burnIn) {
        let e = 0;
        for (let i = 0; i < d; i++) e += (filter.estimate[i] - oracle.theta[i]) ** 2;
        blocks[Math.floor((t - burnIn) / 200)] += e / d / 200;
      }
    }
    const m = sampleMoments(blocks);
    const P = steadyStateKalmanVariance(q, sigma);
    expect(Math.abs(m.mean - P)).toBeLessThanOrEqual(Z * m.standardError);
    expect(Math.abs(filter.variance - P)).toBeLessThanOrEqual(1e-12 * P);
  });

  it("an AR(1) optimum (a = 0.6): the filter's variance reaches the steady state and its error matches it (Monte Carlo)", () => {
    const d = 40;
    const q = 0.05;
    const a = 0.6;
    const sigma = 0.8;
    const oracle = driftingOracle({ theta: new Float64Array(d), sigma, q, a, rng: createRandom(19) });
    const filter = kalmanFilter({ d, q, sigma, a, variance: q / (1 - a * a) });
    const x = new Float64Array(d);
    const g = new Float64Array(d);
    const T = 4000;
    const blocks = new Float64Array(T / 100);
    for (let t = 0; t < T; t++) {
      oracle.gradient(x, g);
      for (let i = 0; i < d; i++) g[i] = x[i] - g[i];
      filter.update(g);
      let e = 0;
      for (let i = 0; i < d; i++) e += (filter.estimate[i] - oracle.theta[i]) ** 2;
      blocks[Math.floor(t / 100)] += e / d / 100;
    }
    const P = steadyStateKalmanVariance(q, sigma, a);
    expect(Math.abs(filter.variance - P)).toBeLessThanOrEqual(1e-12 * P);
    const m = sampleMoments(blocks.subarray(1));
    expect(Math.abs(m.mean - P)).toBeLessThanOrEqual(Z * m.standardError);
  });

  it("first update copies the observation (prior variance ∞); a finite prior shrinks toward its mean", () => {
    const f = kalmanFilter({ d: 2, q: 0.1, sigma: 1 });
    expect(Array.from(f.update(new Float64Array([3, -1])))).toEqual([3, -1]);
    expect(f.variance).toBe(1);
    const g = kalmanFilter({ d: 1, q: 0.1, sigma: 1, mean: [1], variance: 1 });
    expect(g.update(new Float64Array([3]))[0]).toBe(2);
    expect(g.variance).toBe(0.5);
    expect(g.steps).toBe(1);
  });

  it("bad input names the parameter", () => {
    expect(() => steadyStateKalmanVariance(-1, 1)).toThrow(/q must be a finite number >= 0, got -1/);
    expect(() => steadyStateKalmanVariance(1, -1)).toThrow(/sigma/);
    expect(() => steadyStateKalmanVariance(1, 1, Number.NaN)).toThrow(/a must be a finite number/);
    expect(() => kalmanFilter({ d: 0, q: 1, sigma: 1 })).toThrow(/d must be an integer >= 1/);
    expect(() => kalmanFilter({ d: 2, q: 1, sigma: 1, mean: [0] })).toThrow(/mean.length must equal d = 2/);
    expect(() => kalmanFilter({ d: 1, q: 1, sigma: 1, variance: -1 })).toThrow(/variance/);
    expect(() => kalmanFilter({ d: 2, q: 1, sigma: 1 }).update(new Float64Array(3))).toThrow(/observation/);
  });
});
