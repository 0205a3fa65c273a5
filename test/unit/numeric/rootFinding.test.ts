import { describe, expect, it } from "vitest";
import { brentRoot } from "../../../src/numeric/index";

const EPS = 2 ** -52;

describe("brentRoot(f, lo, hi)", () => {
  it("meets Brent's guarantee |x − x*| ≤ 4ε|x| + 2t on smooth roots (∛2, π/2, ln 3, a root at 1e−8)", () => {
    const cases: [(x: number) => number, number, number, number][] = [
      [(x) => x * x * x - 2, 0, 2, Math.cbrt(2)],
      [Math.cos, 0, 3, Math.PI / 2],
      [(x) => Math.exp(x) - 3, -5, 5, Math.log(3)],
      [(x) => x - 1e-8, -1, 1, 1e-8],
    ];
    for (const [f, lo, hi, root] of cases) {
      const x = brentRoot(f, lo, hi);
      expect(Math.abs(x - root), `root ${root}`).toBeLessThanOrEqual(4 * EPS * Math.abs(x) + 2 * 1e-15);
    }
  });
  it("converges superlinearly on a smooth root (x³ − 2 on [0, 2]: fewer than 15 evaluations)", () => {
    let n = 0;
    brentRoot((x) => (n++, x * x * x - 2), 0, 2);
    expect(n).toBeLessThan(15);
  });
  it("finds a sign change of a discontinuous function to the tolerance (step at 0.3)", () => {
    const x = brentRoot((v) => (v < 0.3 ? -1 : 1), 0, 1, { tolerance: 1e-12 });
    expect(Math.abs(x - 0.3)).toBeLessThanOrEqual(4 * EPS + 2e-12);
  });
  it("returns an end where f is exactly 0, and works with lo > hi", () => {
    expect(brentRoot((x) => x - 1, 1, 3)).toBe(1);
    expect(Math.abs(brentRoot((x) => x * x - 2, 2, 0) - Math.SQRT2)).toBeLessThanOrEqual(4 * EPS * 2 + 2e-15);
  });
  it("refuses ends that do not bracket a root, naming lo and hi, and a non-function f", () => {
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError);
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(/lo and hi must bracket a root/);
    expect(() => brentRoot(null as unknown as (x: number) => number, 0, 1)).toThrow(TypeError);
    expect(() => brentRoot(Math.sin, -1, Infinity)).toThrow(/hi must be a finite number/);
  });
});
