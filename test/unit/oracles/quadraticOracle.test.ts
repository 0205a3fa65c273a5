import { describe, expect, it } from "vitest";
import { createRandom, sampleMoments } from "../../../src/numeric/index";
import { quadraticOracle } from "../../../src/oracles/index";

const Z = 4.5;

describe("quadraticOracle", () => {
  it("G(x) has mean μ(x − θ) and variance σ² per coordinate (Monte Carlo over rounds)", () => {
    const theta = [1, -2, 0.5];
    const mu = 3;
    const sigma = 0.8;
    const oracle = quadraticOracle({ theta, sigma, mu, rng: createRandom(12) });
    const x = new Float64Array([0.2, 0.4, -1]);
    const n = 20_000;
    const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    const g = new Float64Array(3);
    for (let k = 0; k < n; k++) {
      oracle.gradient(x, g);
      for (let i = 0; i < 3; i++) cols[i][k] = g[i];
    }
    for (let i = 0; i < 3; i++) {
      const m = sampleMoments(cols[i]);
      expect(Math.abs(m.mean - mu * (x[i] - theta[i]))).toBeLessThanOrEqual(Z * m.standardError);
      expect(Math.abs(m.variance - sigma * sigma)).toBeLessThanOrEqual(Z * m.varianceStandardError);
    }
    // coordinates and rounds uncorrelated: the sample correlation of coordinates 0 and 1 is within 4.5/√n of 0
    let c = 0;
    for (let k = 0; k < n; k++) c += (cols[0][k] - mu * (x[0] - theta[0])) * (cols[1][k] - mu * (x[1] - theta[1]));
    expect(Math.abs(c / n / (sigma * sigma))).toBeLessThanOrEqual(Z / Math.sqrt(n));
    expect(oracle.calls).toBe(n);
  });

  it("round t's noise does not depend on the query", () => {
    const a = quadraticOracle({ theta: [3, 4], sigma: 2, mu: 0.5, rng: createRandom(9) });
    const b = quadraticOracle({ theta: [3, 4], sigma: 2, mu: 0.5, rng: createRandom(9) });
    for (let t = 0; t < 50; t++) {
      const xa = new Float64Array([t, -t]);
      const xb = new Float64Array([1e3 * Math.sin(t), 7]);
      const ga = a.gradient(xa);
      const gb = b.gradient(xb);
      for (let i = 0; i < 2; i++) {
        const na = ga[i] - 0.5 * (xa[i] - [3, 4][i]);
        const nb = gb[i] - 0.5 * (xb[i] - [3, 4][i]);
        expect(Math.abs(na - nb)).toBeLessThanOrEqual(4 * Number.EPSILON * 1e3); // rounding at the scale of μ|x − θ| ≤ 500
      }
    }
  });

  it("value(x) = (μ/2)‖x − θ‖², spends no round; σ = 0 gives exact gradients; θ is copied", () => {
    const theta = Float64Array.from([1, 2]);
    const o = quadraticOracle({ theta, sigma: 0, mu: 4, rng: createRandom(1) });
    theta[0] = 100;
    expect(o.value(new Float64Array([0, 0]))).toBe(10);
    expect(o.calls).toBe(0);
    expect(Array.from(o.gradient(new Float64Array([0, 0])))).toEqual([-4, -8]);
    expect(Array.from(o.theta)).toEqual([1, 2]);
  });

  it("rejects bad options and queries, naming them", () => {
    const rng = createRandom(1);
    expect(() => quadraticOracle({ theta: [1], sigma: -1, rng })).toThrow(/^sigma must be a finite number >= 0, got -1/);
    expect(() => quadraticOracle({ theta: [1], sigma: NaN, rng })).toThrow(/^sigma/);
    expect(() => quadraticOracle({ theta: [1], sigma: 1, mu: 0, rng })).toThrow(/^mu must be a finite number > 0/);
    expect(() => quadraticOracle({ theta: [], sigma: 1, rng })).toThrow(/^theta must have at least one/);
    expect(() => quadraticOracle({ theta: [1, Infinity], sigma: 1, rng })).toThrow(/^theta\[1\] must be finite/);
    expect(() => quadraticOracle({ theta: [1], sigma: 1, rng: Math.random as never })).toThrow(/^rng must be a Random/);
    const o = quadraticOracle({ theta: [1, 2], sigma: 1, rng });
    expect(() => o.gradient(new Float64Array(3))).toThrow(/^x.length must equal d = 2/);
    expect(() => o.gradient([1, 2] as never)).toThrow(/^x must be a Float64Array/);
    expect(() => o.gradient(new Float64Array(2), new Float64Array(1))).toThrow(/^out.length/);
  });
});
