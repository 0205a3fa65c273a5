import { describe, expect, it } from "vitest";
import { createRandom, integrate, normalCdf, sampleMoments } from "../../../src/numeric/index";
import { boundedRangeOracle } from "../../../src/oracles/index";

const Z = 4.5;
const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);

describe("boundedRangeOracle", () => {
  it("bias(x) equals a quadrature of the clipped / truncated Gaussian's mean", () => {
    const sigma = 0.8;
    const M = 2;
    const theta = [0, 0, 0, 0];
    const x = new Float64Array([0, 1.5, -2.5, 4]);
    const clip = boundedRangeOracle({ theta, sigma, range: M, rng: createRandom(1) }).bias(x);
    const trunc = boundedRangeOracle({ theta, sigma, range: M, mode: "truncate", rng: createRandom(1) }).bias(x);
    for (let i = 0; i < 4; i++) {
      const m = x[i];
      const density = (g: number) => phi((g - m) / sigma) / sigma;
      const inside = integrate((g) => g * density(g), -M, M).value;
      const mass = integrate(density, -M, M).value;
      const clipped = inside + M * (1 - normalCdf((M - m) / sigma)) - M * normalCdf((-M - m) / sigma);
      expect(Math.abs(clip[i] - (clipped - m))).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(trunc[i] - (inside / mass - m))).toBeLessThanOrEqual(1e-11);
    }
    expect(clip[0]).toBe(0);
  });

  it("Monte Carlo mean of the gradients matches μ(x − θ) + bias, every coordinate in [−M, M], clipped count", () => {
    const M = 1.5;
    const x = new Float64Array([1.2, -0.3]);
    for (const mode of ["clip", "truncate"] as const) {
      const oracle = boundedRangeOracle({ theta: [0, 0], sigma: 1, range: M, mode, mu: 1, rng: createRandom(7) });
      const bias = oracle.bias(x);
      const n = 40_000;
      const cols = [new Float64Array(n), new Float64Array(n)];
      const g = new Float64Array(2);
      for (let k = 0; k < n; k++) {
        oracle.gradient(x, g);
        for (let i = 0; i < 2; i++) {
          expect(Math.abs(g[i])).toBeLessThanOrEqual(M);
          cols[i][k] = g[i];
        }
      }
      for (let i = 0; i < 2; i++) {
        const m = sampleMoments(cols[i]);
        expect(Math.abs(m.mean - (x[i] + bias[i]))).toBeLessThanOrEqual(Z * m.standardError);
      }
      if (mode === "clip") {
        // expected clipped count: n·Σ_i P(|x_i + Z| > M)
        const p = [0, 1].reduce((s, i) => s + 1 - normalCdf(M - x[i]) + normalCdf(-M - x[i]), 0);
        expect(Math.abs(oracle.clipped - n * p)).toBeLessThanOrEqual(Z * Math.sqrt(n * 2 * 0.25));
      } else expect(oracle.clipped).toBe(0);
    }
  });

  it("far tails: truncation returns the nearer end, the bias stays finite", () => {
    const o = boundedRangeOracle({ theta: [0], sigma: 0.01, range: 1, mode: "truncate", rng: createRandom(2) });
    expect(o.gradient(new Float64Array([5]))[0]).toBe(1);
    expect(o.bias(new Float64Array([5]))[0]).toBeCloseTo(-4, 12);
    const c = boundedRangeOracle({ theta: [0], sigma: 0, range: 1, rng: createRandom(2) });
    expect(c.bias(new Float64Array([3]))[0]).toBe(-2);
    expect(c.gradient(new Float64Array([3]))[0]).toBe(1);
  });

  it("bad input names the parameter", () => {
    const rng = createRandom(1);
    expect(() => boundedRangeOracle({ theta: [0], sigma: 1, range: 0, rng })).toThrow(/range must be a finite number > 0/);
    expect(() => boundedRangeOracle({ theta: [0], sigma: -1, range: 1, rng })).toThrow(/sigma/);
    expect(() => boundedRangeOracle({ theta: [0], sigma: 0, range: 1, mode: "truncate", rng })).toThrow(/sigma must be > 0 with mode "truncate"/);
    expect(() => boundedRangeOracle({ theta: [0], sigma: 1, range: 1, mode: "wrap" as never, rng })).toThrow(/mode must be one of "clip", "truncate"/);
    expect(() => boundedRangeOracle({ theta: [0], sigma: 1, range: 1, rng: null as never })).toThrow(TypeError);
  });
});
