import { describe, expect, it } from "vitest";
import { createRandom, sampleMoments } from "../../../src/numeric/index";
import { driftingOracle } from "../../../src/oracles/index";

const Z = 4.5;

describe("driftingOracle", () => {
  it("θ moves by N(0, q) increments (a = 1) or as AR(1) (a < 1); the noise around θ_t has variance σ²", () => {
    for (const a of [1, 0.7]) {
      const q = 0.04;
      const sigma = 0.5;
      const T = 20_000;
      const oracle = driftingOracle({ theta: [0], sigma, q, a, rng: createRandom(3) });
      const x = new Float64Array(1);
      const increments = new Float64Array(T - 1);
      const noise = new Float64Array(T);
      let previous = 0;
      for (let t = 0; t < T; t++) {
        const g = oracle.gradient(x)[0];
        const theta = oracle.theta[0];
        if (t > 0) increments[t - 1] = theta - a * previous;
        noise[t] = g - (x[0] - theta);
        previous = theta;
      }
      const inc = sampleMoments(increments);
      expect(Math.abs(inc.variance - q)).toBeLessThanOrEqual(Z * inc.varianceStandardError);
      expect(Math.abs(inc.mean)).toBeLessThanOrEqual(Z * inc.standardError);
      const nz = sampleMoments(noise);
      expect(Math.abs(nz.variance - sigma * sigma)).toBeLessThanOrEqual(Z * nz.varianceStandardError);
      expect(oracle.calls).toBe(T);
    }
  });

  it("the first round answers for θ_1 = theta; value(x) scores against the current θ_t", () => {
    const o = driftingOracle({ theta: [1, 2], sigma: 0, q: 1, rng: createRandom(1) });
    expect(Array.from(o.gradient(new Float64Array([0, 0])))).toEqual([-1, -2]);
    expect(o.value(new Float64Array([1, 2]))).toBe(0);
    o.gradient(new Float64Array([0, 0]));
    expect(o.value(new Float64Array([1, 2]))).toBeGreaterThan(0);
  });

  it("bad input names the parameter", () => {
    const rng = createRandom(1);
    expect(() => driftingOracle({ theta: [0], sigma: 1, q: -1, rng })).toThrow(/q must be a finite number >= 0, got -1/);
    expect(() => driftingOracle({ theta: [0], sigma: Number.NaN, q: 1, rng })).toThrow(/sigma/);
    expect(() => driftingOracle({ theta: [0], sigma: 1, q: 1, a: Number.POSITIVE_INFINITY, rng })).toThrow(/a must be a finite number/);
    expect(() => driftingOracle({ theta: [0], sigma: 1, q: 1, rng: 3 as never })).toThrow(TypeError);
  });
});
