import { describe, expect, it } from "vitest";
import { statisticalBound } from "../../../src/bounds/index";
import { createRandom, zigguratNormal, monteCarlo } from "../../../src/numeric/index";
import { quadraticOracle } from "../../../src/oracles/index";
import { sgdQuadratic } from "../../../src/optim/index";

const Z = 4.5; // standard errors allowed in Monte Carlo comparisons

describe("sgdQuadratic with step 1/(μt) is the running mean of X_t = θ − σZ_t/μ", () => {
  it.each([
    [1, 1],
    [3, 0.7],
    [0.25, 5],
  ])("μ = %s, σ = %s: x_{t+1} = (X_1 + … + X_t)/t to a few ulps, every t", (mu, sigma) => {
    const d = 5;
    const T = 2000;
    const theta = Float64Array.from([1.5, -2, 0.25, 10, -0.125]);
    const oracle = quadraticOracle({ theta, sigma, mu, rng: createRandom(77) });
    // The samples, from the test's own copy of the noise stream (the oracle draws d normals per round, in order).
    const noise = createRandom(77);
    const sum = new Float64Array(d);
    let worst = 0;
    let scale = 0;
    sgdQuadratic({
      oracle,
      mu,
      x0: [100, -100, 3, 0, 7],
      rounds: T,
      record: false,
      onRound: (t, x) => {
        for (let i = 0; i < d; i++) {
          const X = theta[i] - (sigma * zigguratNormal(noise)) / mu;
          sum[i] += X;
          scale = Math.max(scale, Math.abs(X));
          worst = Math.max(worst, Math.abs(x[i] - sum[i] / t));
        }
      },
    });
    // Both routes round once or twice per round; errors made at round s shrink by s/t afterwards, so they
    // add up to at most about t/2 roundings of size ulp(max|X|) ≤ 2^−52·max|X| in the worst case and to
    // ~√t of them typically. Allow 64 ulps of the largest sample: far below t/2 = 1000, well above √t ≈ 45.
    expect(worst).toBeLessThanOrEqual(64 * Number.EPSILON * scale);
    expect(oracle.calls).toBe(T);
  });

  it("the first step lands on X_1 whatever x_1 is", () => {
    const theta = [2, -1];
    for (const x0 of [
      [0, 0],
      [1e3, -5e2],
    ]) {
      const r = sgdQuadratic({ oracle: quadraticOracle({ theta, sigma: 0.5, mu: 2, rng: createRandom(3) }), mu: 2, x0, rounds: 1 });
      const z = createRandom(3);
      const X1 = theta.map((th) => th - (0.5 * zigguratNormal(z)) / 2);
      for (let i = 0; i < 2; i++) expect(Math.abs(r.x[i] - X1[i])).toBeLessThanOrEqual(8 * Number.EPSILON * Math.max(...x0.map(Math.abs), 2));
    }
  });

  it("its risk is σ²d/(μ²T) (Monte Carlo) and meets the statistical bound at T = statisticalBound", () => {
    const d = 4;
    const sigma = 2;
    const mu = 2;
    const D = 0.05;
    const T = statisticalBound({ d, sigma, mu, D }); // ⌈σ²d/(μ²D)⌉ = 80
    const theta = [0.3, -0.7, 1.1, 0];
    const m = monteCarlo({
      trials: 4000,
      seed: 2026,
      run: (rng) => {
        const oracle = quadraticOracle({ theta, sigma, mu, rng });
        const { x } = sgdQuadratic({ oracle, mu, x0: [5, 5, 5, 5], rounds: T, record: false });
        return (2 / mu) * oracle.value(x); // ‖x̂ − θ‖²
      },
    });
    expect(Math.abs(m.mean - (sigma * sigma * d) / (mu * mu * T))).toBeLessThanOrEqual(Z * m.stderr);
    expect(m.mean).toBeLessThanOrEqual(D + Z * m.stderr);
  });

  it("records the transcript: x_1 … x_T and g_1 … g_T, consistent with the update", () => {
    const oracle = quadraticOracle({ theta: [1, 1, 1], sigma: 1, rng: createRandom(8) });
    const r = sgdQuadratic({ oracle, x0: [0, 0, 0], rounds: 4, step: () => 0.1 });
    expect(r.queries.length).toBe(4);
    expect(r.gradients.length).toBe(4);
    expect(Array.from(r.queries[0])).toEqual([0, 0, 0]);
    for (let t = 0; t < 3; t++) for (let i = 0; i < 3; i++) expect(r.queries[t + 1][i]).toBe(r.queries[t][i] - 0.1 * r.gradients[t][i]);
    for (let i = 0; i < 3; i++) expect(r.x[i]).toBe(r.queries[3][i] - 0.1 * r.gradients[3][i]);
    const none = sgdQuadratic({ oracle, x0: [4, 5, 6], rounds: 0 });
    expect(Array.from(none.x)).toEqual([4, 5, 6]);
    expect(none.queries).toEqual([]);
  });

  it("rejects bad options, naming them", () => {
    const oracle = quadraticOracle({ theta: [0, 0], sigma: 1, rng: createRandom(1) });
    expect(() => sgdQuadratic({ oracle, x0: [0], rounds: 3 })).toThrow(/^x0.length must equal d = 2/);
    expect(() => sgdQuadratic({ oracle, x0: [0, 0], rounds: -1 })).toThrow(/^rounds must be an integer >= 0/);
    expect(() => sgdQuadratic({ oracle, x0: [0, 0], rounds: 1.5 })).toThrow(RangeError);
    expect(() => sgdQuadratic({ oracle, x0: [0, 0], rounds: 3, mu: 0 })).toThrow(/^mu must/);
    expect(() => sgdQuadratic({ oracle, x0: [0, 0], rounds: 3, step: () => NaN })).toThrow(/^step\(1\) must be a finite number/);
    expect(() => sgdQuadratic({ oracle, x0: [0, 0], rounds: 3, step: 0.1 as unknown as () => number })).toThrow(TypeError);
    expect(() => sgdQuadratic({ oracle: {} as never, x0: [0, 0], rounds: 3 })).toThrow(/^oracle must/);
    expect(() => sgdQuadratic({ oracle, x0: "00" as never, rounds: 3 })).toThrow(TypeError);
  });
});
