import { describe, expect, it } from "vitest";
import { erf, erfc } from "../../../src/numeric/index";
import { compare, reference } from "./normalReference";

// Reference: 60-digit mpmath values (test/fixtures/normal_reference.json). Tolerance 4 units of
// ε·|value| (Cody's approximations are ~1e−18 relative; the rest is double rounding in the rational
// function and exp, a few ulps); where the value is subnormal it must be the correctly rounded one.
const ULPS = 4;

describe("erf(x)", () => {
  it(`matches 60-digit reference values at ${reference.erf.length} points in [−6, 6] (with tiny and subnormal x) to ${ULPS} ulps`, () => {
    const { failures } = compare(reference.erf, erf, ULPS);
    expect(failures).toEqual([]);
  });
  it("is odd, and ±1 at ±∞, NaN at NaN", () => {
    for (const x of [1e-300, 0.3, 0.46875, 0.5, 2, 4, 5.9]) expect(erf(-x)).toBe(-erf(x));
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(0)).toBe(0);
    expect(erf(NaN)).toBeNaN();
  });
  it("refuses a non-number with a TypeError naming x", () => {
    expect(() => erf("1" as unknown as number)).toThrow(TypeError);
    expect(() => erf("1" as unknown as number)).toThrow(/x must be a number/);
  });
});

describe("erfc(x)", () => {
  it(`matches 60-digit reference values at ${reference.erfc.length} points in [−6, 27.3], subnormal tail included, to ${ULPS} ulps`, () => {
    const { failures } = compare(reference.erfc, erfc, ULPS);
    expect(failures).toEqual([]);
  });
  it("keeps relative accuracy where 1 − erf(x) cancels: erfc(10) = 2.088487583762545e−45", () => {
    expect(1 - erf(10)).toBe(0);
    expect(Math.abs(erfc(10) - 2.088487583762544757e-45)).toBeLessThanOrEqual(4 * 2 ** -52 * 2.09e-45);
  });
  it("is 2 at −∞, 0 at +∞ and from 27.3 on, NaN at NaN; erfc(−x) = 2 − erfc(x)", () => {
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(27.3)).toBe(0);
    expect(erfc(27.2)).toBeGreaterThan(0);
    expect(erfc(NaN)).toBeNaN();
    for (const x of [0.2, 0.7, 3, 5]) expect(erfc(-x)).toBe(2 - erfc(x));
  });
});
