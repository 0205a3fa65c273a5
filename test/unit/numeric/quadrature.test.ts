import { describe, expect, it } from "vitest";
import { integrate } from "../../../src/numeric/index";

// References: integrals known in closed form. Tolerance: 1e−12 relative (the default target) and
// never more than the routine's own error estimate, which must therefore be honest.
function expectIntegral(f: (x: number) => number, a: number, b: number, exact: number, rel = 1e-12): void {
  const r = integrate(f, a, b);
  expect(r.converged).toBe(true);
  const err = Math.abs(r.value - exact);
  expect(err, `value ${r.value}, exact ${exact}, estimate ${r.errorEstimate}`).toBeLessThanOrEqual(Math.max(rel * Math.abs(exact), 1e-14));
  expect(err, `error ${err} above the estimate ${r.errorEstimate}`).toBeLessThanOrEqual(r.errorEstimate + 4e-16 * Math.abs(exact));
}

describe("integrate(f, a, b) — adaptive 15-point Gauss–Kronrod", () => {
  it("is exact for a polynomial of degree 22 on one panel (∫₀¹ x²² = 1/23)", () => {
    const r = integrate((x) => x ** 22, 0, 1, { maxIntervals: 1 }); // one 15-point panel, no bisection
    expect(r.evaluations).toBe(15);
    expect(Math.abs(r.value - 1 / 23)).toBeLessThanOrEqual(4e-16);
  });
  it("integrates smooth functions on finite intervals: ∫₀^π sin = 2, ∫₀^{20π} sin² = 10π, ∫₀¹ eˣ = e − 1", () => {
    expectIntegral(Math.sin, 0, Math.PI, 2);
    expectIntegral((x) => Math.sin(x) ** 2, 0, 20 * Math.PI, 10 * Math.PI);
    expectIntegral(Math.exp, 0, 1, Math.E - 1);
  });
  it("maps infinite ends: ∫ e^(−x²/2) over ℝ = √(2π), ∫₀^∞ e^(−x) = 1, ∫_{−∞}^0 1/(1 + x²) = π/2, ∫_1^∞ x^(−2) = 1", () => {
    expectIntegral((x) => Math.exp((-x * x) / 2), -Infinity, Infinity, Math.sqrt(2 * Math.PI));
    expectIntegral((x) => Math.exp(-x), 0, Infinity, 1);
    expectIntegral((x) => 1 / (1 + x * x), -Infinity, 0, Math.PI / 2);
    expectIntegral((x) => 1 / (x * x), 1, Infinity, 1);
  });
  it("handles integrable endpoint singularities by bisection: ∫₀¹ √x = 2/3, ∫₀¹ ln x = −1, ∫₀¹ x^(−1/2) = 2", () => {
    expectIntegral(Math.sqrt, 0, 1, 2 / 3);
    expectIntegral(Math.log, 0, 1, -1, 1e-11);
    expectIntegral((x) => 1 / Math.sqrt(x), 0, 1, 2, 1e-10);
  });
  it("a kink inside the interval converges too (∫_{−1}^{2} |x| = 5/2)", () => {
    expectIntegral(Math.abs, -1, 2, 2.5);
  });
  it("returns −∫ᵇₐ when b < a, and 0 when a = b", () => {
    expect(integrate(Math.exp, 1, 0).value).toBeCloseTo(-(Math.E - 1), 14);
    expect(integrate(Math.exp, 2, 2).value).toBe(0);
  });
  it("says converged: false when the interval budget runs out", () => {
    const r = integrate((x) => Math.sin(1 / x), 1e-6, 1, { maxIntervals: 5 });
    expect(r.converged).toBe(false);
  });
  it("refuses a non-function f, NaN limits and out-of-range tolerances, naming them", () => {
    expect(() => integrate(3 as unknown as (x: number) => number, 0, 1)).toThrow(/f must be a function/);
    expect(() => integrate(Math.sin, NaN, 1)).toThrow(/a must be/);
    expect(() => integrate(Math.sin, 0, NaN)).toThrow(/b must be/);
    expect(() => integrate(Math.sin, 0, 1, { relTolerance: 1e-16 })).toThrow(/options.relTolerance must be at least/);
    expect(() => integrate(Math.sin, 0, 1, { absTolerance: -1 })).toThrow(RangeError);
  });
});
