import { describe, expect, it } from "vitest";
import { brentMinimize } from "../../../src/numeric/index";

const EPS = 2 ** -52;

describe("brentMinimize(f, lo, hi)", () => {
  const sqrtEps = Math.sqrt(EPS);
  it("finds a smooth minimum within 3·tol, tol = √ε·|x| + 1e−12 ((x − 1)², cos on [0, 6], x·ln x on [0.01, 2])", () => {
    const cases: [(x: number) => number, number, number, number][] = [
      [(x) => (x - 1) ** 2, 0, 3, 1],
      [Math.cos, 0, 6, Math.PI],
      [(x) => x * Math.log(x), 0.01, 2, 1 / Math.E],
    ];
    for (const [f, lo, hi, xmin] of cases) {
      const r = brentMinimize(f, lo, hi);
      expect(Math.abs(r.x - xmin), `minimum at ${xmin}`).toBeLessThanOrEqual(3 * (sqrtEps * Math.abs(r.x) + 1e-12));
      expect(r.value).toBe(f(r.x));
    }
  });
  it("gives the minimum value to machine precision (cos: −1 within 4ε)", () => {
    expect(Math.abs(brentMinimize(Math.cos, 0, 6).value + 1)).toBeLessThanOrEqual(4 * EPS);
  });
  it("returns an end's neighbourhood for a monotone function (e^x on [0, 1]: x near 0)", () => {
    expect(brentMinimize(Math.exp, 0, 1).x).toBeLessThan(1e-7);
  });
  it("refuses lo ≥ hi and bad options, naming them", () => {
    expect(() => brentMinimize(Math.cos, 2, 1)).toThrow(/lo must be less than hi/);
    expect(() => brentMinimize(Math.cos, 0, 1, { relTolerance: 0 })).toThrow(/options.relTolerance/);
  });
});
