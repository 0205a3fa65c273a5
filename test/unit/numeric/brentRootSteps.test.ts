import { describe, expect, it } from "vitest";
import { brentRoot } from "../../../src/numeric/index";

/**
 * brentRoot's steps seen from outside, against what each step of Brent's method must give by its
 * definition: the secant through two points is exact for a linear f, inverse quadratic interpolation
 * through three points is exact for an f whose inverse is a quadratic, an exact zero ends the search at
 * once, and every point evaluated lies strictly inside the bracket of a sign change known so far.
 */
function trace(f: (x: number) => number, lo: number, hi: number, tolerance?: number) {
  const points: number[] = [];
  const x = brentRoot((v) => (points.push(v), f(v)), lo, hi, tolerance === undefined ? {} : { tolerance });
  return { x, points };
}

describe("brentRoot's interpolation steps", () => {
  it("secant: for f(x) = x − 0.5 on [0, 1] the third point is the root, where f is exactly 0: three calls", () => {
    const { x, points } = trace((v) => v - 0.5, 0, 1);
    expect(points).toEqual([0, 1, 0.5]);
    expect(x).toBe(0.5);
    const other = trace((v) => 2 * v - 0.75, 1, -3);
    expect(other.points.length).toBe(3);
    expect(other.x).toBe(0.375);
  });

  it("inverse quadratic interpolation: for x(y) = 0.3 + y + y² (f its inverse) the first step through three distinct points is the root 0.3", () => {
    // f(x) = (−1 + √(1 + 4(x − 0.3)))/2, increasing on [0.1, 2], root 0.3; the secant gives the third point
    // and, the bracket's far end unchanged, the fourth; then the quadratic through three (f, x) pairs is
    // x(y) itself, so the fifth point is x(0) = 0.3
    const f = (v: number) => (-1 + Math.sqrt(1 + 4 * (v - 0.3))) / 2;
    const { x, points } = trace(f, 0.1, 2);
    expect(points.slice(0, 2)).toEqual([0.1, 2]);
    // the secant through (0.1, f(0.1)) and (2, f(2))
    const [fa, fb] = [f(0.1), f(2)];
    expect(Math.abs(points[2] - (2 - (fb * (2 - 0.1)) / (fb - fa)))).toBeLessThan(1e-14);
    expect(Math.abs(points[3] - 0.3)).toBeGreaterThan(0.01); // a secant step is not exact here
    expect(Math.abs(points[4] - 0.3)).toBeLessThan(1e-12);
    expect(Math.abs(x - 0.3)).toBeLessThan(4e-16 + 2e-15);
    expect(points.length).toBeLessThanOrEqual(6);
  });

  it("every point evaluated lies strictly inside the tightest sign-change bracket known before it (6 functions)", () => {
    const cases: [(v: number) => number, number, number][] = [
      [(v) => v * v * v - 2 * v - 5, 2, 3],
      [(v) => Math.cos(v) - v, 0, 1],
      [(v) => Math.exp(v) - 2, -4, 4],
      [(v) => (v < 0.3 ? -1 : 1), 0, 1],
      [(v) => Math.atan(50 * (v - 0.7)), -2, 5],
      [(v) => v ** 9 - 1e-9, 0, 4],
    ];
    for (const [f, lo, hi] of cases) {
      let neg = f(lo) < 0 ? lo : hi;
      let pos = f(lo) < 0 ? hi : lo;
      const { x, points } = trace(f, lo, hi, 1e-12);
      for (const p of points.slice(2)) {
        expect(p).toBeGreaterThan(Math.min(neg, pos));
        expect(p).toBeLessThan(Math.max(neg, pos));
        if (f(p) < 0) neg = p;
        else pos = p;
      }
      // the answer is one end of the last bracket, no wider than the tolerance allows (or f(x) is exactly 0)
      if (f(x) !== 0) expect(Math.abs(neg - pos)).toBeLessThanOrEqual(4 * 2 ** -52 * Math.abs(x) + 2 * 1e-12 + 1e-300);
      expect([neg, pos]).toContain(x);
      // superlinear on the continuous ones: fewer calls than bisection's 2 + log2((hi − lo)/(2·1e−12))
      const bisection = 2 + Math.ceil(Math.log2((hi - lo) / 2e-12));
      if (f(0.29) !== -1) expect(points.length).toBeLessThan(bisection - 15);
    }
  });

  it("an end where f is exactly 0 is returned whatever the sign at the other end (f = 1 − x on [1, 3])", () => {
    const { x, points } = trace((v) => 1 - v, 1, 3);
    expect(x).toBe(1);
    expect(points).toEqual([1, 3]);
  });
});
