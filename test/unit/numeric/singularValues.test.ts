import { describe, expect, it } from "vitest";
import { singularValues } from "../../../src/numeric/singularValues";

describe("singularValues", () => {
  it("a diagonal matrix: the absolute diagonal, sorted", () => {
    expect(singularValues(new Float64Array([3, 0, 0, -0.5]), 2, 2)).toEqual([3, 0.5]);
  });
  it("a rotation times diag(2, 1) times another rotation: 2 and 1 (built by hand)", () => {
    const c1 = Math.cos(0.7), s1 = Math.sin(0.7), c2 = Math.cos(-1.3), s2 = Math.sin(-1.3);
    // R1 · diag(2, 1) · R2ᵀ, entries written out
    const a = [2 * c1 * c2 + s1 * s2, 2 * c1 * s2 - s1 * c2, 2 * s1 * c2 - c1 * s2, 2 * s1 * s2 + c1 * c2];
    const sv = singularValues(a, 2, 2);
    expect(sv[0]).toBeCloseTo(2, 12);
    expect(sv[1]).toBeCloseTo(1, 12);
  });
  it("a rank-one 3 × 2 matrix u vᵀ: ‖u‖‖v‖ and 0; Σσ² = ‖A‖_F² for a wide matrix", () => {
    const sv = singularValues([1 * 3, 1 * 4, 2 * 3, 2 * 4, 2 * 3, 2 * 4], 3, 2);
    expect(sv[0]).toBeCloseTo(3 * 5, 12);
    expect(Math.abs(sv[1])).toBeLessThan(1e-12);
    const wide = [1, -2, 0.5, 3, 0.25, -1];
    const s = singularValues(wide, 2, 3);
    expect(s.length).toBe(2);
    expect(s[0] ** 2 + s[1] ** 2).toBeCloseTo(wide.reduce((acc, v) => acc + v * v, 0), 12);
  });
  it("rejects a wrong length naming x", () => {
    expect(() => singularValues([1, 2, 3], 2, 2)).toThrow(/x.length/);
    expect(() => singularValues([1], 0, 1)).toThrow(/rows/);
  });
});
