import { Matrix, inverse } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { ar1FisherMean, ar1Inflation, ar1VarianceOfMean, correlatedStatisticalBound } from "../../../src/info/index";
import { statisticalBound } from "../../../src/bounds/index";

/** Σ_{st} = σ²ρ^|s−t|, the AR(1) covariance of T samples. */
function covariance(T: number, rho: number, sigma: number): Matrix {
  const S = new Matrix(T, T);
  for (let s = 0; s < T; s++) for (let t = 0; t < T; t++) S.set(s, t, sigma * sigma * rho ** Math.abs(s - t));
  return S;
}

describe("AR(1) noise: Fisher information about the mean and the variance of the sample mean", () => {
  it("ar1FisherMean(T, ρ, σ) equals 1ᵀΣ⁻¹1 computed with ml-matrix (negative ρ included)", () => {
    for (const T of [1, 2, 5, 10, 40]) {
      for (const rho of [-0.8, -0.3, 0, 0.5, 0.9]) {
        for (const sigma of [1, 2]) {
          const P = inverse(covariance(T, rho, sigma));
          let sum = 0;
          for (let s = 0; s < T; s++) for (let t = 0; t < T; t++) sum += P.get(s, t);
          // the inverse of a matrix with condition number up to (1 + ρ)²/(1 − ρ)² ≈ 361 loses a few digits
          expect(Math.abs(ar1FisherMean(T, rho, sigma) - sum)).toBeLessThanOrEqual(1e-10 * Math.abs(sum) * T);
        }
      }
    }
  });

  it("ar1VarianceOfMean(T, ρ, σ) equals 1ᵀΣ1/T² (the definition, summed term by term)", () => {
    for (const T of [1, 2, 3, 10, 57, 1000]) {
      for (const rho of [-0.95, -0.5, 0, 0.2, 0.5, 0.9, 0.999]) {
        let sum = 0;
        for (let s = 0; s < T; s++) for (let t = 0; t < T; t++) sum += rho ** Math.abs(s - t);
        const direct = (4 * sum) / (T * T);
        // the reference adds T² terms one by one: its own rounding reaches ~1e−13 relative at T = 1000
        expect(Math.abs(ar1VarianceOfMean(T, rho, 2) - direct)).toBeLessThanOrEqual(1e-11 * direct);
      }
    }
  });

  it("keeps its digits for ρ near 1, where the closed form's two terms nearly cancel", () => {
    for (const rho of [1 - 1e-6, 1 - 1e-9, 1 - 1e-12]) {
      for (const T of [2, 10, 100]) {
        let sum = 0; // all terms ≈ 1: the direct sum is accurate to ~T²·ε
        for (let s = 0; s < T; s++) for (let t = 0; t < T; t++) sum += rho ** Math.abs(s - t);
        expect(Math.abs(ar1VarianceOfMean(T, rho) - sum / (T * T))).toBeLessThanOrEqual(1e-13);
      }
    }
  });

  it("math.md test vectors: I_10(ρ = .5) = 4/σ², Var(mean) = 0.2600390625σ²; T = 1, 2 checks; the factor", () => {
    expect(ar1FisherMean(10, 0.5)).toBeCloseTo(4, 14);
    expect(ar1FisherMean(10, 0.5, 2)).toBeCloseTo(1, 14);
    expect(ar1VarianceOfMean(10, 0.5)).toBeCloseTo(0.2600390625, 14);
    expect(ar1FisherMean(100, 0.9)).toBeCloseTo(6.2105263158, 9);
    expect(ar1VarianceOfMean(1, 0.7, 3)).toBeCloseTo(9, 13);
    expect(ar1VarianceOfMean(2, 0.6)).toBeCloseTo(0.8, 14);
    expect(ar1Inflation(0.9)).toBeCloseTo(19, 13);
    expect(ar1Inflation(-0.5)).toBeCloseTo(1 / 3, 15);
    // T·Var(mean) → σ²·(1 + ρ)/(1 − ρ)
    expect(Math.abs(1e6 * ar1VarianceOfMean(1e6, 0.5) - 3)).toBeLessThanOrEqual(1e-5);
  });

  it("correlatedStatisticalBound: the least T with d/I_T(ρ) ≤ D (integer search on the Fisher information)", () => {
    for (const rho of [-0.5, 0, 0.5, 0.9]) {
      for (const [d, D] of [[64, 1], [10, 0.05]]) {
        let T = 1;
        // 1e−12 of slack: where the exact bound is an integer the search's rounding could land on either side
        while (d / ar1FisherMean(T, rho) > D * (1 + 1e-12)) T++;
        const bound = correlatedStatisticalBound({ d, sigma: 1, rho, D });
        expect(Math.max(bound, 1)).toBe(T);
      }
    }
    expect(correlatedStatisticalBound({ d: 64, sigma: 1, rho: 0, D: 1 })).toBe(statisticalBound({ d: 64, sigma: 1, D: 1 }));
    // positive ρ raises the bound, negative lowers it
    const base = correlatedStatisticalBound({ d: 100, sigma: 1, rho: 0, D: 0.1 });
    expect(correlatedStatisticalBound({ d: 100, sigma: 1, rho: 0.5, D: 0.1 })).toBeGreaterThan(2.9 * base);
    expect(correlatedStatisticalBound({ d: 100, sigma: 1, rho: -0.5, D: 0.1 })).toBeLessThan(base / 2.9);
  });

  it("bad input: |ρ| ≥ 1, T not a positive integer, σ ≤ 0 name the parameter", () => {
    for (const f of [(r: number) => ar1FisherMean(10, r), (r: number) => ar1VarianceOfMean(10, r), (r: number) => ar1Inflation(r)]) {
      expect(() => f(1)).toThrow(/rho must be a number with \|rho\| < 1.*got 1/);
      expect(() => f(-1.5)).toThrow(RangeError);
      expect(() => f(Number.NaN)).toThrow(/rho/);
    }
    expect(() => ar1FisherMean(0, 0.5)).toThrow(/T must be an integer >= 1, got 0/);
    expect(() => ar1VarianceOfMean(2.5, 0.5)).toThrow(/T/);
    expect(() => ar1FisherMean(3, 0.5, 0)).toThrow(/sigma/);
    expect(() => correlatedStatisticalBound({ d: 4, sigma: 1, rho: 1, D: 1 })).toThrow(/rho/);
    expect(() => correlatedStatisticalBound({ d: 4, sigma: 1, rho: 0.2, D: 0 })).toThrow(/D/);
  });
});
