import { describe, expect, it } from "vitest";
import { gaussianRateDistortion } from "../../../src/info/rateDistortion";
import { createRandom, sampleMoments } from "../../../src/numeric/index";
import { blahutArimotoPoint, discretize } from "../bounds/blahutArimoto";

describe("gaussianRateDistortion(variance, D)", () => {
  it("matches Blahut–Arimoto on a discretized Gaussian (grid of 141 points on ±7σ)", () => {
    // The grid's own effect is far below the tolerance: 1e-6 bit (observed differences ~1e-10).
    for (const sigma2 of [1, 4]) {
      const s = Math.sqrt(sigma2);
      const g = discretize(-7 * s, 7 * s, 141, (x) => Math.exp((-x * x) / (2 * sigma2)));
      for (const slope of [2 / sigma2, 20 / sigma2]) {
        const { D, R } = blahutArimotoPoint(g.xs, g.px, g.xs, slope, 200);
        expect(Math.abs(gaussianRateDistortion(sigma2, D) - R)).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it("is achieved by the test channel X = X̂ + N: distortion D and I(X; X̂) = −½log2(1 − ρ²) (Monte Carlo)", () => {
    const sigma2 = 2;
    const D = 0.3;
    const n = 200_000;
    const rng = createRandom(5);
    const xs = new Float64Array(n);
    const xh = new Float64Array(n);
    const err = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      xh[k] = Math.sqrt(sigma2 - D) * rng.normal();
      xs[k] = xh[k] + Math.sqrt(D) * rng.normal();
      err[k] = (xs[k] - xh[k]) ** 2;
    }
    const m = sampleMoments(err);
    expect(Math.abs(m.mean - D)).toBeLessThanOrEqual(4.5 * m.standardError);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = 0; k < n; k++) {
      sxy += xs[k] * xh[k];
      sxx += xs[k] ** 2;
      syy += xh[k] ** 2;
    }
    const rho2 = (sxy * sxy) / (sxx * syy);
    // ρ̂² has standard error ≈ 2ρ(1 − ρ²)/√n ≈ 6e-4 at ρ² = 0.85; through the slope 1/(2 ln 2·(1 − ρ²)) ≈ 4.8
    // of −½log2(1 − ρ²) that is ≈ 3e-3 bit, so 0.02 bit is more than 6 standard errors
    expect(Math.abs(-0.5 * Math.log2(1 - rho2) - gaussianRateDistortion(sigma2, D))).toBeLessThanOrEqual(0.02);
  });

  it("is 0 for D ≥ σ², and each bit quarters D", () => {
    expect(gaussianRateDistortion(1, 1)).toBe(0);
    expect(gaussianRateDistortion(1, 5)).toBe(0);
    expect(gaussianRateDistortion(1, 1.5)).toBe(0);
    expect(gaussianRateDistortion(2, 1.999)).toBeGreaterThan(0);
    expect(gaussianRateDistortion(3, 3 / 4 ** 5)).toBeCloseTo(5, 12);
  });

  it("rejects a variance or D that is not a finite number > 0, naming it", () => {
    expect(() => gaussianRateDistortion(0, 1)).toThrow(/variance/);
    expect(() => gaussianRateDistortion(-1, 1)).toThrow(RangeError);
    expect(() => gaussianRateDistortion(1, 0)).toThrow(/D must be/);
    expect(() => gaussianRateDistortion(1, Infinity)).toThrow(RangeError);
    expect(() => gaussianRateDistortion(1, "1" as unknown as number)).toThrow(TypeError);
  });
});
