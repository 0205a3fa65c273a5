import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { type Compressor, empiricalError, randomSubsetStochastic, scaledSign, uniformStochastic } from "../../../src/quantizers/index";

const Z = 5; // standard errors allowed in Monte Carlo comparisons

describe("empiricalError(compressor, g, { trials, rng })", () => {
  it("reproduces the exact MSE of 1-bit stochastic rounding, M² − g_i² per coordinate, within 5 SE", () => {
    const g = new Float64Array([0.3, -0.5, 0.9, 0]);
    const M = 1;
    // 1-bit SR on {−M, M}: the output is ±M, so E(q − g)² = M² − g² (from the definition, not the library)
    let exact = 0;
    for (const x of g) exact += M * M - x * x;
    const est = empiricalError(uniformStochastic({ bits: 1, range: M }), g, { trials: 40_000, rng: createRandom(3) });
    expect(est.trials).toBe(40_000);
    expect(est.bits).toBe(4);
    expect(Math.abs(est.meanSquaredError - exact)).toBeLessThan(Z * est.standardError);
  });

  it("finds an unbiased compressor unbiased: squared bias near 0 and chi-square near its degrees of freedom", () => {
    const d = 64;
    const g = createRandom(5).fillNormal(new Float64Array(d));
    const c = randomSubsetStochastic({ k: 16, bits: 2, range: 4 });
    const est = empiricalError(c, g, { trials: 20_000, rng: createRandom(6) });
    expect(est.biasDegreesOfFreedom).toBe(d);
    // chi-square with d degrees of freedom: mean d, standard deviation √(2d)
    expect(Math.abs(est.biasChiSquare - d)).toBeLessThan(Z * Math.sqrt(2 * d));
    // squaredBias has mean ‖b‖² = 0 here; R·squaredBias ≈ Σ_i V_i(χ²₁ − 1), whose standard deviation
    // √(2·Σ V_i²) is at most √2·MSE (all variance in one coordinate): allow 5 of those.
    expect(Math.abs(est.squaredBias)).toBeLessThan((Z * Math.SQRT2 * est.meanSquaredError) / 20_000);
    for (let i = 0; i < d; i++) expect(est.mean[i]).toBeCloseTo(g[i] + est.bias[i], 12);
  });

  it("reports a deterministic compressor's bias exactly: zero spread, all error is bias, no chi-square terms", () => {
    const g = new Float64Array([3, -1, 0, 0]);
    // scaled sign by hand: s = ‖g‖₁/d = 1, ĝ = [1, −1, 1, 1], bias ĝ − g = [−2, 0, 1, 1]
    const est = empiricalError(scaledSign(), g, { trials: 5, rng: createRandom(0) });
    expect(Array.from(est.bias)).toEqual([-2, 0, 1, 1]);
    expect(Array.from(est.biasStandardError)).toEqual([0, 0, 0, 0]);
    expect(est.meanSquaredError).toBe(6);
    expect(est.standardError).toBe(0);
    expect(est.squaredBias).toBeCloseTo(6, 12);
    expect(est.biasChiSquare).toBe(0);
    expect(est.biasDegreesOfFreedom).toBe(0);
    expect(est.bits).toBe(4 + 32);
  });

  it("gives a deterministic compressor exactly zero spread even when its errors are not binary fractions (errors 0.9, 0.3, −0.7, −1.9)", () => {
    // scaled sign by hand: s = (0.1 + 0.7 + 0.3 + 2.9)/4 = 1, ĝ = [1, 1, −1, 1]; the same errors in every trial.
    // Summed without the first trial's shift, 1000 copies of 0.9 leave a variance of ~1e−14 by rounding alone.
    const g = new Float64Array([0.1, 0.7, -0.3, 2.9]);
    const est = empiricalError(scaledSign(), g, { trials: 1000, rng: createRandom(0) });
    expect(Array.from(est.bias)).toEqual([1 - 0.1, 1 - 0.7, -1 + 0.3, 1 - 2.9]);
    expect(Array.from(est.mean)).toEqual([1, 1, -1, 1]);
    expect(Array.from(est.biasStandardError)).toEqual([0, 0, 0, 0]);
    expect(est.biasDegreesOfFreedom).toBe(0);
    expect(est.biasChiSquare).toBe(0);
    expect(est.standardError).toBe(0);
    const squaredError = (1 - 0.1) ** 2 + (1 - 0.7) ** 2 + (-1 + 0.3) ** 2 + (1 - 2.9) ** 2;
    expect(Math.abs(est.meanSquaredError - squaredError)).toBeLessThanOrEqual(1e-14 * squaredError);
    expect(Math.abs(est.squaredBias - squaredError)).toBeLessThanOrEqual(1e-12 * squaredError);
  });

  it("an entry clipped from ±Infinity has an infinite error: no statistic that sums it is finite (the chi-square is NaN)", () => {
    const est = empiricalError(uniformStochastic({ bits: 1, range: 1 }), new Float64Array([Infinity, 0.5]), { trials: 50, rng: createRandom(2) });
    expect(Number.isFinite(est.meanSquaredError)).toBe(false);
    expect(est.biasChiSquare).toBeNaN();
    expect(est.biasDegreesOfFreedom).toBe(1); // only the finite coordinate varied measurably
    expect(Number.isFinite(est.bias[1])).toBe(true);
  });

  /** A compressor that returns the listed estimates in turn (no randomness, no check of its coin), sending `bits` each time. */
  function scripted(estimates: number[][], bits: number): Compressor {
    let t = 0;
    return {
      compress(_g: Float64Array, _rng: unknown, out: Float64Array) {
        out.set(estimates[t++ % estimates.length]);
        return { estimate: out, bits };
      },
    } as unknown as Compressor;
  }

  it("two scripted trials, every statistic by hand: errors (−1, 0) then (2, 0) on g = (1, 1)", () => {
    // e_1 = (−1, 0), e_2 = (2, 0): ‖e‖² = 1, 4; mean 2.5, sample variance (1.5² + 1.5²)/(2 − 1) = 4.5, SE √(4.5/2) = 1.5.
    // Coordinate 0: mean error 0.5, sample variance 4.5, SE 1.5; coordinate 1 never varies (SE 0, left out).
    // chi-square (0.5/1.5)² = 1/9 on 1 degree of freedom; squared bias (2·0.25 − 2.5)/(2 − 1) = −2.
    const est = empiricalError(scripted([[0, 1], [3, 1]], 5), new Float64Array([1, 1]), { trials: 2, rng: createRandom(1) });
    expect(est.trials).toBe(2);
    expect(est.bits).toBe(5);
    expect(est.meanSquaredError).toBe(2.5);
    expect(est.standardError).toBeCloseTo(1.5, 14);
    expect(Array.from(est.bias)).toEqual([0.5, 0]);
    expect(Array.from(est.mean)).toEqual([1.5, 1]);
    expect(est.biasStandardError[0]).toBeCloseTo(1.5, 14);
    expect(est.biasStandardError[1]).toBe(0);
    expect(est.biasDegreesOfFreedom).toBe(1);
    expect(est.biasChiSquare).toBeCloseTo(1 / 9, 14);
    expect(est.squaredBias).toBeCloseTo(-2, 14);
    // three trials, errors 1, 2, 6 on g = (0): mean 3, sample variance (4 + 1 + 9)/2 = 7, SE √(7/3); ‖e‖² = 1, 4, 36
    // with mean 41/3 and sample variance ((38/3)² + (29/3)² + (67/3)²)/2 = 1129/3, SE √(1129/9)
    const three = empiricalError(scripted([[1], [2], [6]], 3), new Float64Array([0]), { trials: 3, rng: createRandom(1) });
    expect(three.biasStandardError[0]).toBeCloseTo(Math.sqrt(7 / 3), 14);
    expect(three.meanSquaredError).toBeCloseTo(41 / 3, 13);
    expect(three.standardError).toBeCloseTo(Math.sqrt(1129 / 9), 13);
  });

  it("checks its own coin: a compressor that ignores the coin still gets a refused rng named", () => {
    const c = scripted([[0]], 1);
    expect(() => empiricalError(c, new Float64Array([1]), { trials: 2, rng: {} as never })).toThrow(
      /^rng must be a Random \(createRandom\(seed, stream\)\), got an object \(Object\)$/,
    );
  });

  it("the standard error of each bias coordinate is √((1 − g_i²)/R) for 1-bit rounding on {−1, 1} (Var ĝ_i = 1 − g_i² by the definition)", () => {
    const g = new Float64Array([0.3, -0.5, 0.9, 0]);
    const R = 10_000;
    const est = empiricalError(uniformStochastic({ bits: 1, range: 1 }), g, { trials: R, rng: createRandom(12) });
    // ĝ_i is two-point, so the sample SD's relative standard error is ½·√((κ − 1)/R), κ the kurtosis; the
    // largest, at g = 0.9 (p = 0.05, κ ≈ 18), is 0.021: a tolerance of 0.1 is more than 4.5 of those.
    for (let i = 0; i < g.length; i++) {
      const exact = Math.sqrt((1 - g[i] ** 2) / R);
      expect(Math.abs(est.biasStandardError[i] / exact - 1), `coordinate ${i}`).toBeLessThan(0.1);
    }
  });

  it("is reproducible with the same seed", () => {
    const g = new Float64Array([0.2, 0.7]);
    const c = uniformStochastic({ bits: 3, range: 1 });
    const a = empiricalError(c, g, { trials: 100, rng: createRandom(9) });
    const b = empiricalError(c, g, { trials: 100, rng: createRandom(9) });
    expect(a.meanSquaredError).toBe(b.meanSquaredError);
  });

  it("passes on the compressor's refusal of NaN in g (a message cannot carry it)", () => {
    const c = uniformStochastic({ bits: 2, range: 1 });
    expect(() => empiricalError(c, new Float64Array([NaN, 0.5]), { trials: 3, rng: createRandom(1) })).toThrow(/g\[0\] must not be NaN/);
  });

  it("reports the standard error of its MSE estimate: the spread of 400 independent estimates and the exact value agree with it", () => {
    // 1-bit SR on {−1, 1}: coordinate i's squared error is (1 − g_i)² with probability (1 + g_i)/2, else
    // (1 + g_i)², independently across coordinates; so Var‖e‖² = Σ_i Var(e_i²), by enumeration.
    const g = new Float64Array([0.3, -0.5, 0.9, 0]);
    let variance = 0;
    for (const x of g) {
      const pUp = (1 + x) / 2;
      const up = (1 - x) ** 2;
      const down = (1 + x) ** 2;
      const mean = pUp * up + (1 - pUp) * down;
      variance += pUp * up * up + (1 - pUp) * down * down - mean * mean;
    }
    const R = 50;
    const M = 400;
    const exactSe = Math.sqrt(variance / R);
    const c = uniformStochastic({ bits: 1, range: 1 });
    const estimates: number[] = [];
    let meanSquaredSe = 0;
    for (let m = 0; m < M; m++) {
      const est = empiricalError(c, g, { trials: R, rng: createRandom(1000 + m) });
      estimates.push(est.meanSquaredError);
      meanSquaredSe += est.standardError ** 2 / M;
    }
    const mean = estimates.reduce((a, v) => a + v, 0) / M;
    const spread = Math.sqrt(estimates.reduce((a, v) => a + (v - mean) ** 2, 0) / (M - 1));
    const reported = Math.sqrt(meanSquaredSe); // E[SE²] = Var/R exactly (the sample variance is unbiased)
    // The sample standard deviation of M near-normal estimates has relative standard error ≈ 1/√(2(M − 1))
    // = 0.035; the mean of M squared SEs is tighter. A tolerance of 0.2 is more than 5 of those, and a
    // standard error without the division by √R (√50 ≈ 7× too large) is far outside it.
    expect(Math.abs(spread / exactSe - 1)).toBeLessThan(0.2);
    expect(Math.abs(reported / exactSe - 1)).toBeLessThan(0.2);
    expect(Math.abs(reported / spread - 1)).toBeLessThan(0.2);
  });

  it("rejects bad arguments with messages naming the parameter", () => {
    const c = uniformStochastic({ bits: 1, range: 1 });
    const g = new Float64Array([0.1]);
    expect(() => empiricalError({} as never, g, { trials: 10, rng: createRandom(1) })).toThrow(
      /^compressor must be a Compressor \(an object with a compress method\), got an object \(Object\)$/,
    );
    for (const [bad, shown] of [[null, "null"], [c.compress, "a function"], [Object.assign(() => 0, { compress: c.compress }), "a function"], ["c", '"c"']] as const) {
      expect(() => empiricalError(bad as never, g, { trials: 10, rng: createRandom(1) })).toThrow(
        new RegExp(`^compressor must be a Compressor \\(an object with a compress method\\), got ${shown}$`),
      );
    }
    expect(() => empiricalError(c, g, { trials: 1, rng: createRandom(1) })).toThrow(/^trials must be an integer >= 2, got 1$/);
    expect(() => empiricalError(c, g, { trials: 10, rng: { uniform: () => 0.5 } as never })).toThrow(/^rng must be a Random \(createRandom\(seed, stream\)\), got an object/);
    expect(() => empiricalError(c, [0.1] as never, { trials: 10, rng: createRandom(1) })).toThrow(TypeError);
    expect(() => empiricalError(c, g, { trials: 1, rng: createRandom(1) })).toThrow(RangeError);
    expect(() => empiricalError(c, g, { trials: 1.5, rng: createRandom(1) })).toThrow(/trials/);
    expect(() => empiricalError(c, g, { trials: 10, rng: Math.random as never })).toThrow(/rng/);
    expect(() => empiricalError(c, g, null as never)).toThrow(/options/);
  });
});
