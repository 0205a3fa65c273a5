import { describe, expect, it } from "vitest";
import { ar1Covariance, meanFisherFromCovariance } from "../../../src/info/gaussianMeanFisher";
import { createRandom } from "../../../src/numeric/random";

/**
 * 1ᵀΣ⁻¹1 by a general LU solve, against references that do not solve a linear system: closed forms for
 * diagonal and equicorrelated Σ (Sherman–Morrison by hand), and the variance of the best linear
 * unbiased estimator found by a brute-force search over weights.
 */
describe("meanFisherFromCovariance(Σ) = 1ᵀΣ⁻¹1", () => {
  it("is Σ 1/σ_i² for a diagonal covariance", () => {
    const v = [0.5, 2, 4, 0.25];
    const diag = v.map((vi, i) => v.map((_, j) => (i === j ? vi : 0)));
    expect(meanFisherFromCovariance(diag)).toBeCloseTo(v.reduce((a, b) => a + 1 / b, 0), 12);
  });

  it("is n/(σ²(1 + (n − 1)c)) for n equicorrelated samples (Sherman–Morrison by hand)", () => {
    for (const [n, c, s2] of [[2, 0.5, 1], [5, 0.3, 2], [7, -0.1, 0.5]] as const) {
      const S = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => s2 * (i === j ? 1 : c)));
      expect(meanFisherFromCovariance(S)).toBeCloseTo(n / (s2 * (1 + (n - 1) * c)), 10);
    }
  });

  it("is the inverse variance of the best weights found by random search (3 AR(1) samples, ρ = 0.6)", () => {
    const S = ar1Covariance(3, 0.6);
    const rng = createRandom(5);
    let best = Infinity;
    // weights (a, 1 − a − b, b) sum to 1: unbiased; minimise wᵀΣw by a fine random search
    for (let k = 0; k < 200_000; k++) {
      const a = rng.uniform() * 1.5 - 0.25;
      const b = rng.uniform() * 1.5 - 0.25;
      const w = [a, 1 - a - b, b];
      let q = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) q += w[i] * S[i][j] * w[j];
      if (q < best) best = q;
    }
    // the search's minimum is at or above the true minimum 1/I and within 1e-4 of it (smooth quadratic, dense grid)
    const I = meanFisherFromCovariance(S);
    expect(best).toBeGreaterThanOrEqual(1 / I - 1e-12);
    expect(best - 1 / I).toBeLessThan(1e-4);
  });

  it("refuses a non-square, singular or non-numeric covariance, naming it", () => {
    expect(() => meanFisherFromCovariance([[1, 0], [0]])).toThrow(/covariance must be square/);
    expect(() => meanFisherFromCovariance([[1, 1], [1, 1]])).toThrow(/non-singular/);
    expect(() => meanFisherFromCovariance([[1, "a" as unknown as number], [0, 1]])).toThrow(/covariance\[0\]\[1\]/);
    expect(() => meanFisherFromCovariance([] as number[][])).toThrow(TypeError);
  });
});

describe("ar1Covariance(T, ρ, σ)", () => {
  it("has σ²ρ^|s−t| entries", () => {
    expect(ar1Covariance(3, 0.5, 2)).toEqual([[4, 2, 1], [2, 4, 2], [1, 2, 4]]);
  });
  it("refuses |ρ| ≥ 1 and T outside 1..2000", () => {
    expect(() => ar1Covariance(3, 1)).toThrow(/rho/);
    expect(() => ar1Covariance(0, 0.5)).toThrow(/T must be an integer/);
    expect(() => ar1Covariance(3, 0.5, 0)).toThrow(/sigma/);
  });
});
