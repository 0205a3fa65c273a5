import { describe, expect, it } from "vitest";
import { bracket, formatInfo, formatNames, representableValues, ulp } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";

const LISTED: FormatName[] = formatNames.filter((n) => n !== "fp32");

/** Neighbours of x by linear search in the value table (checked against the definition in codes.test.ts). */
function searchNeighbours(values: Float64Array, x: number): [number, number] {
  let lower = NaN;
  let upper = NaN;
  for (const v of values) {
    if (v <= x) lower = v;
    if (v >= x && Number.isNaN(upper)) upper = v;
  }
  return [lower, upper];
}

describe("bracket(name, x)", () => {
  it("returns the adjacent representable values found by searching the value table", () => {
    const rng = createRandom(41);
    for (const name of LISTED) {
      const values = representableValues(name);
      const info = formatInfo(name);
      const max = info.maxFinite;
      for (let i = 0; i < 400; i++) {
        const x = (rng.uniform() < 0.5 ? -1 : 1) * 2 ** (Math.log2(info.minSubnormal) - 2 + (Math.log2(max) - Math.log2(info.minSubnormal) + 3) * rng.uniform());
        let [lower, upper] = searchNeighbours(values, x);
        if (info.hasInf && x > max) upper = Infinity;
        if (info.hasInf && x < -max) lower = -Infinity;
        const got = bracket(name, x);
        // a float zero neighbour carries the sign of x (bracket works on |x|); integers have no −0
        const zero = x < 0 && info.kind !== "int" ? -0 : 0;
        const want = { lower: lower === 0 ? zero : lower, upper: upper === 0 ? zero : upper };
        if (!Object.is(got.lower, want.lower) || !Object.is(got.upper, want.upper)) {
          expect({ name, x, got }).toEqual({ name, x, got: want });
        }
        expect(got.lower <= x || Number.isNaN(got.lower)).toBe(true);
        expect(got.upper >= x || Number.isNaN(got.upper)).toBe(true);
      }
    }
  });

  it("collapses on representable values, and marks a missing side with NaN", () => {
    expect(bracket("e2m1", 3)).toEqual({ lower: 3, upper: 3 });
    expect(bracket("e2m1", 2.4)).toEqual({ lower: 2, upper: 3 });
    expect(bracket("e2m1", -0.2)).toEqual({ lower: -0.5, upper: -0 });
    expect(bracket("e4m3", 1000)).toEqual({ lower: 448, upper: NaN });
    expect(bracket("fp16", 1e6)).toEqual({ lower: 65504, upper: Infinity });
    expect(bracket("fp16", -Infinity)).toEqual({ lower: -Infinity, upper: -Infinity });
    expect(bracket("e8m0", 1e-40)).toEqual({ lower: NaN, upper: 2 ** -127 });
    expect(bracket("e8m0", 3)).toEqual({ lower: 2, upper: 4 });
    expect(bracket("int4", 9)).toEqual({ lower: 7, upper: NaN });
    expect(bracket("int4", -8.5)).toEqual({ lower: NaN, upper: -8 });
    expect(bracket("int4", -0.5)).toEqual({ lower: -1, upper: 0 });
    expect(bracket("fp32", 0.1)).toEqual({ lower: 0.09999999403953552, upper: 0.10000000149011612 });
    expect(bracket("e4m3", NaN)).toEqual({ lower: NaN, upper: NaN });
  });

  it("collapses exactly on the ends of each range, and treats ±Inf and −0 by the format's definition", () => {
    // the largest and least values of each format (E4M3 448, fp16 65504, int4 −8 … 7, E8M0 2^−127 … 2^127)
    expect(bracket("fp16", 65504)).toEqual({ lower: 65504, upper: 65504 });
    expect(bracket("e4m3", -448)).toEqual({ lower: -448, upper: -448 });
    expect(bracket("int4", 7)).toEqual({ lower: 7, upper: 7 });
    expect(bracket("int4", -8)).toEqual({ lower: -8, upper: -8 });
    expect(bracket("e8m0", 2 ** -127)).toEqual({ lower: 2 ** -127, upper: 2 ** -127 });
    expect(bracket("e8m0", 2 ** 127)).toEqual({ lower: 2 ** 127, upper: 2 ** 127 });
    expect(bracket("e8m0", 1.5 * 2 ** 127)).toEqual({ lower: 2 ** 127, upper: NaN });
    // E4M3 has no Inf: +Inf lies beyond 448 with nothing above; fp16's Inf is a value of the format
    expect(bracket("e4m3", Infinity)).toEqual({ lower: 448, upper: NaN });
    expect(bracket("e4m3", -Infinity)).toEqual({ lower: NaN, upper: -448 });
    expect(bracket("fp16", Infinity)).toEqual({ lower: Infinity, upper: Infinity });
    // +0 is its own bracket with both sides +0, −0 with both sides −0 (float formats), and 0 in an integer format
    for (const name of ["e2m1", "fp16"] as FormatName[]) {
      const zero = bracket(name, 0);
      expect(Object.is(zero.lower, 0) && Object.is(zero.upper, 0)).toBe(true);
    }
    const negativeZero = bracket("e2m1", -0);
    expect(Object.is(negativeZero.lower, -0) && Object.is(negativeZero.upper, -0)).toBe(true);
    const intZero = bracket("int8", -0);
    expect(Object.is(intZero.lower, 0) && Object.is(intZero.upper, 0)).toBe(true);
    const intSmall = bracket("int8", -0.25);
    expect(Object.is(intSmall.lower, -1) && Object.is(intSmall.upper, 0)).toBe(true);
  });
});

describe("ulp(name, x)", () => {
  it("is the distance from a representable |x| to the next value above it, and the subnormal step at 0", () => {
    for (const name of LISTED) {
      const values = Array.from(representableValues(name)).filter((v) => v >= 0);
      for (let i = 0; i + 1 < values.length; i++) {
        const want = values[i + 1] - values[i];
        if (ulp(name, values[i]) !== want && values[i] !== 0) expect({ name, x: values[i], got: ulp(name, values[i]) }).toEqual({ name, x: values[i], got: want });
        if (formatInfo(name).signed && ulp(name, -values[i]) !== ulp(name, values[i])) expect(name).toBe("odd ulp");
      }
      const info = formatInfo(name);
      expect(ulp(name, 0)).toBe(info.kind === "int" ? 1 : info.signed ? info.minSubnormal : NaN); // E8M0: no zero
    }
    expect(ulp("fp16", 1)).toBe(2 ** -10);
    expect(ulp("fp32", 1)).toBe(2 ** -23);
    expect(ulp("e4m3", 300)).toBe(32);
    expect(ulp("e4m3", 1000)).toBe(64); // beyond max: the formula continues as if unbounded
    expect(ulp("int8", 3.7)).toBe(1);
    expect(ulp("fp16", Infinity)).toBe(Infinity);
    expect(ulp("fp16", NaN)).toBeNaN();
  });

  it("E8M0 (powers of two 2^−127 … 2^127, no sign, no zero): the gap above x for x > 0, NaN for x ≤ 0", () => {
    // the grid from the definition: 2^e for e = −127 … 127; the gap above 2^e is 2^(e+1) − 2^e = 2^e
    for (let e = -127; e < 127; e++) {
      expect(ulp("e8m0", 2 ** e)).toBe(2 ** (e + 1) - 2 ** e);
      expect(ulp("e8m0", 1.5 * 2 ** e)).toBe(2 ** e); // inside [2^e, 2^(e+1))
    }
    expect(ulp("e8m0", 3)).toBe(2);
    expect(ulp("e8m0", 2 ** -140)).toBe(2 ** -127); // below the least value: the first gap
    for (const x of [-3, -0.5, -(2 ** -127), 0, -0, -Infinity]) expect(ulp("e8m0", x)).toBeNaN();
    expect(ulp("e8m0", Infinity)).toBe(Infinity);
  });
});

describe("representableValues(name)", () => {
  it("refuses fp32, naming the parameter, the format and its 2^32 codes", () => {
    expect(() => representableValues("fp32")).toThrow(RangeError);
    expect(() => representableValues("fp32")).toThrow('name must be a format of at most 16 bits to list its values, got "fp32" (2^32 codes)');
  });

  it("returns a fresh array each time", () => {
    const a = representableValues("e2m1");
    a[0] = 123;
    expect(representableValues("e2m1")[0]).toBe(-6);
  });
});
