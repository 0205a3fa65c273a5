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

describe("integrate: error estimate, bookkeeping and where it stops", () => {
  const EPS = 2 ** -52;
  it("one smooth panel: the estimate is QUADPACK's round-off floor 50·ε·∫|f| (∫₀¹ eˣ: 50·ε·(e − 1)); tiny integrands skip the floor", () => {
    const r = integrate(Math.exp, 0, 1, { maxIntervals: 1 });
    expect(r.evaluations).toBe(15);
    expect(Math.abs(r.errorEstimate / (50 * EPS * (Math.E - 1)) - 1)).toBeLessThan(1e-12);
    // |∫ f| = 1e−300/3 is below 2.2e−308/(50ε): the floor would underflow, so the raw estimate stays (~1e−321 here)
    const tiny = integrate((x) => 1e-300 * x * x, 0, 1, { maxIntervals: 1 });
    expect(Math.abs(tiny.value / (1e-300 / 3) - 1)).toBeLessThan(1e-14);
    expect(tiny.errorEstimate).toBeLessThan(1e-318); // the floor would give 50ε·3.3e−301 ≈ 3.7e−315
  });
  it("counts every evaluation of f on mapped infinite ranges; ∫_{−∞}^1 eˣ = e, ∫_{−∞}^{−1} e^{2x} = e^{−2}/2", () => {
    for (const [f, a, b, exact] of [
      [Math.exp, -Infinity, 1, Math.E],
      [(x: number) => Math.exp(2 * x), -Infinity, -1, Math.exp(-2) / 2],
      [(x: number) => Math.exp(-x), 2, Infinity, Math.exp(-2)],
      [(x: number) => Math.exp(-x * x), -Infinity, Infinity, Math.sqrt(Math.PI)],
    ] as [(x: number) => number, number, number, number][]) {
      let calls = 0;
      const r = integrate((x) => (calls++, f(x)), a, b);
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - exact)).toBeLessThanOrEqual(1e-12 * exact);
      expect(r.evaluations).toBe(calls);
      expect(r.evaluations % 15).toBe(0);
    }
  });
  it("a = b costs nothing; b < a bisects like a < b and negates (∫₁⁰ √x = −2/3, same evaluations)", () => {
    let calls = 0;
    expect(integrate(() => (calls++, 1), 3, 3)).toEqual({ value: 0, errorEstimate: 0, converged: true, evaluations: 0 });
    expect(calls).toBe(0);
    const forward = integrate(Math.sqrt, 0, 1);
    const backward = integrate(Math.sqrt, 1, 0);
    expect(backward.converged).toBe(true);
    expect(forward.evaluations).toBeGreaterThan(15); // √x needs bisection at 0
    expect(backward.evaluations).toBe(forward.evaluations);
    expect(backward.value).toBe(-forward.value);
    expect(Math.abs(backward.value + 2 / 3)).toBeLessThan(1e-12);
  });
  it("stops, not converged, when the worst panel spans two adjacent doubles (nothing left to bisect)", () => {
    const r = integrate((x) => (x === 1 ? 0 : 1e200), 1, 1 + 2 ** -52, { absTolerance: 1e-300, relTolerance: 1e-13 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBe(15);
    expect(r.value).toBeGreaterThan(0);
    expect(r.errorEstimate).toBeGreaterThan(1e-13 * r.value);
    // the midpoint of [1 − 2⁻⁵³, 1] rounds up to the right end instead (ties to even); a pole there makes the
    // estimate NaN, and the panel cannot be split either
    const up = integrate((x) => 1 / (1 - x), 1 - 2 ** -53, 1);
    expect(up.converged).toBe(false);
    expect(up.evaluations).toBe(15);
  });
  it("a divergent integral is not reported converged, even once a node hits the pole (a NaN estimate)", () => {
    // bisection puts a node on 1/3 after about 50 panels: f = Infinity there, the estimate NaN
    const r = integrate((x) => 1 / Math.abs(x - 1 / 3), 0, 1);
    expect(r.value).toBe(Infinity);
    expect(r.converged).toBe(false);
  });
  it("refusals name the option and the bad value; relTolerance 1e−13 itself is allowed", () => {
    expect(integrate(Math.exp, 0, 1, { relTolerance: 1e-13 }).converged).toBe(true);
    expect(() => integrate(Math.sin, 0, 1, { relTolerance: 9e-14 })).toThrow(
      new RangeError("options.relTolerance must be at least 1e-13 (the round-off floor of the error estimate), got 9e-14"),
    );
    expect(() => integrate(Math.sin, NaN, 1)).toThrow(new RangeError("a must be a number or ±Infinity, got NaN"));
    expect(() => integrate(Math.sin, 0, NaN)).toThrow(new RangeError("b must be a number or ±Infinity, got NaN"));
    expect(() => integrate(Math.sin, "0" as never, 1)).toThrow(/^a must be a number, got "0"/);
    expect(() => integrate(Math.sin, 0, null as never)).toThrow(/^b must be a number, got null/);
    expect(() => integrate(Math.sin, 0, 1, { absTolerance: 0 })).toThrow(/^options\.absTolerance must be .*got 0/);
    expect(() => integrate(Math.sin, 0, 1, { relTolerance: -1 })).toThrow(/^options\.relTolerance must be .*got -1/);
    expect(() => integrate(Math.sin, 0, 1, { maxIntervals: -2 })).toThrow(/^options\.maxIntervals must be .*got -2/);
  });
});
