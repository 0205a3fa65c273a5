import { describe, expect, it } from "vitest";
import {
  createRandom,
  fillGaussianWithOutliers,
  fillLaplace,
  fillStudentT,
  studentTVariance,
} from "../../../src/numeric/index";

// Monte Carlo tolerances: 5 standard errors of the estimated mean (a false failure has probability
// below 1e-6 per comparison), the standard error computed from the exact moments of the distribution.
const Z = 5;
const N = 200_000;

function mean(x: ArrayLike<number>, f: (v: number) => number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += f(x[i]);
  return s / x.length;
}

/** |estimate − exact| ≤ Z·SE, with SE = √(variance of one term / n); prints both on failure. */
function expectWithinSE(estimate: number, exact: number, termVariance: number, n: number): void {
  const se = Math.sqrt(termVariance / n);
  expect(Math.abs(estimate - exact), `estimate ${estimate}, exact ${exact}, tolerance ${Z * se}`).toBeLessThanOrEqual(Z * se);
}

/** Student-t distribution function for ν = 3 (closed form): ½ + (1/π)[t/(√3(1 + t²/3)) + atan(t/√3)]. */
function studentT3Cdf(t: number): number {
  return 0.5 + (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
}

describe("fillStudentT(out, nu, rng)", () => {
  it("has variance ν/(ν − 2) for ν = 10 (fourth moment 3ν²/((ν − 2)(ν − 4)) sets the standard error)", () => {
    const nu = 10;
    const x = fillStudentT(new Float64Array(N), nu, createRandom(1));
    const v = nu / (nu - 2);
    const m4 = (3 * nu * nu) / ((nu - 2) * (nu - 4));
    expectWithinSE(mean(x, (t) => t * t), v, m4 - v * v, N);
    expectWithinSE(mean(x, (t) => t), 0, v, N);
  });
  it("matches the closed-form ν = 3 distribution function at several points", () => {
    const x = fillStudentT(new Float64Array(N), 3, createRandom(2));
    for (const t of [-4, -1, 0.5, 1, 2.5, 10]) {
      const p = studentT3Cdf(t);
      expectWithinSE(mean(x, (v) => (v <= t ? 1 : 0)), p, p * (1 - p), N);
    }
  });
  it("is the Cauchy distribution for ν = 1 (shape 1/2 < 1 exercises the boosted Gamma): P(|T| ≤ 1) = 1/2, P(T ≤ 3) = ½ + atan(3)/π", () => {
    const x = fillStudentT(new Float64Array(N), 1, createRandom(3));
    expectWithinSE(mean(x, (v) => (Math.abs(v) <= 1 ? 1 : 0)), 0.5, 0.25, N);
    const p = 0.5 + Math.atan(3) / Math.PI;
    expectWithinSE(mean(x, (v) => (v <= 3 ? 1 : 0)), p, p * (1 - p), N);
  });
  it("accepts a non-integer ν and is symmetric (P(T ≤ 0) = 1/2 for ν = 2.5)", () => {
    const x = fillStudentT(new Float64Array(N), 2.5, createRandom(4));
    expectWithinSE(mean(x, (v) => (v <= 0 ? 1 : 0)), 0.5, 0.25, N);
  });
  it("is reproducible: the same seed gives the same draws, and it returns out", () => {
    const a = new Float64Array(64);
    expect(fillStudentT(a, 3, createRandom(9))).toBe(a);
    expect(Array.from(fillStudentT(new Float64Array(64), 3, createRandom(9)))).toEqual(Array.from(a));
  });
  it("rejects bad arguments, naming them", () => {
    expect(() => fillStudentT(new Float64Array(2), 0, createRandom(1))).toThrow(/nu/);
    expect(() => fillStudentT(new Float64Array(2), Infinity, createRandom(1))).toThrow(RangeError);
    expect(() => fillStudentT([0, 0] as unknown as Float64Array, 3, createRandom(1))).toThrow(TypeError);
    expect(() => fillStudentT(new Float64Array(2), 3, {} as never)).toThrow(/rng/);
  });
});

describe("studentTVariance(nu)", () => {
  it("is ν/(ν − 2) above 2, infinite on (1, 2], NaN at or below 1", () => {
    expect(studentTVariance(3)).toBe(3);
    expect(studentTVariance(10)).toBe(1.25);
    expect(studentTVariance(2)).toBe(Infinity);
    expect(studentTVariance(1)).toBeNaN();
    expect(() => studentTVariance(-1)).toThrow(/nu/);
  });
});

describe("fillLaplace(out, scale, rng)", () => {
  it("has E|X| = b and Var X = 2b² (Var X² = 20b⁴) for b = 0.7", () => {
    const b = 0.7;
    const x = fillLaplace(new Float64Array(N), b, createRandom(5));
    expectWithinSE(mean(x, Math.abs), b, b * b, N); // Var|X| = 2b² − b² = b²
    expectWithinSE(mean(x, (v) => v * v), 2 * b * b, 20 * b ** 4, N);
    const p = 1 - Math.exp(-1);
    expectWithinSE(mean(x, (v) => (Math.abs(v) <= b ? 1 : 0)), p, p * (1 - p), N);
    expectWithinSE(mean(x, (v) => (v <= 0 ? 1 : 0)), 0.5, 0.25, N);
  });
  it("rejects a non-positive scale, naming it", () => {
    expect(() => fillLaplace(new Float64Array(2), 0, createRandom(1))).toThrow(/scale/);
  });
});

describe("fillGaussianWithOutliers(out, { probability, scale }, rng)", () => {
  it("has E X² = 1 − p + p·s² and the outlier fraction p (p = 0.02, s = 10)", () => {
    const p = 0.02;
    const s = 10;
    const x = fillGaussianWithOutliers(new Float64Array(N), { probability: p, scale: s }, createRandom(6));
    const m2 = 1 - p + p * s * s;
    const m4 = 3 * (1 - p + p * s ** 4);
    expectWithinSE(mean(x, (v) => v * v), m2, m4 - m2 * m2, N);
    // P(|X| > 5) = (1 − p)·P(|Z| > 5) + p·P(|Z| > 0.5); P(|Z| > 5) = 5.733e-7, P(|Z| > 0.5) = 0.6170751
    const q = (1 - p) * 5.733031437583878e-7 + p * 0.6170750774519738;
    expectWithinSE(mean(x, (v) => (Math.abs(v) > 5 ? 1 : 0)), q, q * (1 - q), N);
  });
  it("is a standard normal for p = 0 and a N(0, s²) for p = 1", () => {
    const a = fillGaussianWithOutliers(new Float64Array(N), { probability: 0, scale: 30 }, createRandom(7));
    expectWithinSE(mean(a, (v) => v * v), 1, 2, N);
    const b = fillGaussianWithOutliers(new Float64Array(N), { probability: 1, scale: 3 }, createRandom(7));
    expectWithinSE(mean(b, (v) => v * v), 9, 2 * 81, N);
  });
  it("rejects bad options, naming them", () => {
    const r = createRandom(1);
    expect(() => fillGaussianWithOutliers(new Float64Array(2), { probability: 1.5, scale: 3 }, r)).toThrow(/options.probability/);
    expect(() => fillGaussianWithOutliers(new Float64Array(2), { probability: 0.1, scale: -3 }, r)).toThrow(/options.scale/);
    expect(() => fillGaussianWithOutliers(new Float64Array(2), null as never, r)).toThrow(TypeError);
  });
});
