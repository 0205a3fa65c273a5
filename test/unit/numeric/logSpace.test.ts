import { describe, expect, it } from "vitest";
import { LOG_SPACE_MAX_COUNT, logSpace } from "../../../src/numeric/index";

describe("logSpace(from, to, count)", () => {
  it("returns powers of ten from 1 to 1000 within a few ulps, endpoints exact", () => {
    const x = logSpace(1, 1000, 4);
    expect(x[0]).toBe(1);
    expect(x[3]).toBe(1000);
    expect(x[1]).toBeCloseTo(10, 12);
    expect(x[2]).toBeCloseTo(100, 10);
  });

  it("has a constant ratio between neighbours (relative tolerance 1e-12)", () => {
    const x = logSpace(2 ** -24, 65504, 1000);
    const r = (65504 / 2 ** -24) ** (1 / 999);
    for (let i = 1; i < x.length; i++) expect(Math.abs(x[i] / x[i - 1] - r)).toBeLessThan(1e-12 * r);
  });

  it("is strictly increasing from a subnormal double to a huge one", () => {
    const x = logSpace(5e-324 * 2 ** 10, 1e300, 5000);
    for (let i = 1; i < x.length; i++) expect(x[i]).toBeGreaterThan(x[i - 1]);
  });

  it("decreases when from > to, and gives [from] for count 1", () => {
    expect(Array.from(logSpace(100, 1, 3)).map((v) => Number(v.toPrecision(12)))).toEqual([100, 10, 1]);
    expect(Array.from(logSpace(3, 7, 1))).toEqual([3]);
  });

  it("rejects non-positive ends and bad counts, naming the parameter", () => {
    expect(() => logSpace(0, 1, 3)).toThrow(/from/);
    expect(() => logSpace(1, -1, 3)).toThrow(/to/);
    expect(() => logSpace(1, Infinity, 3)).toThrow(RangeError);
    expect(() => logSpace(1, 2, 0)).toThrow(/count/);
    expect(() => logSpace(1, 2, 2.5)).toThrow(RangeError);
    expect(() => logSpace(1, "2" as unknown as number, 2)).toThrow(TypeError);
  });

  it("caps count at 10^7 points (80 MB) with a RangeError naming count and the maximum", () => {
    expect(LOG_SPACE_MAX_COUNT).toBe(1e7);
    expect(() => logSpace(1, 10, 1e9)).toThrow(RangeError);
    expect(() => logSpace(1, 10, 1e9)).toThrow(/^count must be an integer from 1 to 10000000, got 1000000000$/);
    expect(() => logSpace(1, 10, 1e7 + 1)).toThrow(/^count must be an integer from 1 to 10000000/);
    const x = logSpace(1, 10, 1e7); // the maximum itself is allowed
    expect(x.length).toBe(1e7);
    expect(x[0]).toBe(1);
    expect(x[1e7 - 1]).toBe(10);
  });
});
