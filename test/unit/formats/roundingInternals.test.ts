import { describe, expect, it } from "vitest";
import { decode, quantize } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import {
  NEAREST_EVEN,
  STOCHASTIC,
  TOWARD_ZERO,
  apartFrom,
  outputArray,
  roundingPlan,
} from "../../../src/formats/rounding";
import { formatDefinition } from "../../../src/formats/traits";

/**
 * The contracts of rounding.ts's internal helpers that the public functions cannot show: the plan
 * cache (one plan per format and options), the overlap test that decides whether quantizeArray copies
 * its input, the block formats' output check, and the exact ends of the stochastic and overflow
 * comparisons (a draw equal to the fraction, 2^(emax + 2) itself), against values from the definitions.
 */
describe("roundingPlan: one cached plan per (format, mode, saturate, flush, symmetric)", () => {
  it("returns the same plan for the same options and distinct plans for different ones", () => {
    const def = formatDefinition("int8");
    const plans = new Set<unknown>();
    for (const mode of [NEAREST_EVEN, TOWARD_ZERO, STOCHASTIC]) {
      for (const saturate of [false, true]) {
        for (const flush of [false, true]) {
          for (const symmetric of [false, true]) {
            const p = roundingPlan(def, mode, saturate, flush, symmetric);
            expect(roundingPlan(def, mode, saturate, flush, symmetric)).toBe(p);
            expect([p.mode, p.saturate]).toEqual([mode, saturate]);
            // MXINT8's symmetric range leaves −128 unused; plain int8 reaches it
            expect(p.intMin).toBe(symmetric ? -127 : -128);
            plans.add(p);
          }
        }
      }
    }
    expect(plans.size).toBe(24);
    expect(roundingPlan(formatDefinition("int4"), NEAREST_EVEN, false, false)).not.toBe(roundingPlan(def, NEAREST_EVEN, false, false));
  });

  it("flushes only in formats with subnormals", () => {
    expect(roundingPlan(formatDefinition("fp16"), NEAREST_EVEN, false, true).flush).toBe(true);
    expect(roundingPlan(formatDefinition("fp16"), NEAREST_EVEN, false, false).flush).toBe(false);
    expect(roundingPlan(formatDefinition("e8m0"), NEAREST_EVEN, false, true).flush).toBe(false);
  });
});

describe("apartFrom(xs, out): a copy exactly when a write could clobber an input not yet read", () => {
  const buffer = new ArrayBuffer(8 * 16);
  const f64 = (start: number, n: number) => new Float64Array(buffer, 8 * start, n);
  const f32 = (start: number, n: number) => new Float32Array(buffer, 4 * start, n);

  it("returns xs itself for separate memory, adjacent ranges and the very same elements", () => {
    const cases: [Float32Array | Float64Array, Float32Array | Float64Array][] = [
      [f64(0, 4), new Float64Array(4)], // another buffer
      [f64(0, 4), f64(4, 4)], // adjacent: out starts where xs ends
      [f64(4, 4), f64(0, 4)], // adjacent: xs starts where out ends
      [f64(2, 4), f64(2, 4)], // in place
      [f32(2, 4), f32(2, 4)],
      [f32(0, 4), f32(4, 4)],
    ];
    for (const [xs, out] of cases) expect(apartFrom(xs, out)).toBe(xs);
    const plain = [1, 2, 3];
    expect(apartFrom(plain, f64(0, 3))).toBe(plain);
  });

  it("returns a copy with the same elements when the ranges overlap in any other way", () => {
    const cases: [Float32Array | Float64Array, Float32Array | Float64Array][] = [
      [f64(0, 4), f64(1, 4)], // out one element ahead
      [f64(1, 4), f64(0, 4)], // out one element behind
      [f64(0, 4), f64(3, 4)], // one element shared at the end of xs
      [f64(3, 4), f64(0, 4)], // one element shared at the start of xs
      [f32(0, 4), f64(0, 4)], // same start, different element sizes
      [f64(0, 2), f32(0, 4)],
      [f64(0, 8), f64(2, 2)], // out inside xs
      [f64(2, 2), f64(0, 8)], // xs inside out
    ];
    f64(0, 16).set(Array.from({ length: 16 }, (_, i) => i + 0.5));
    for (const [xs, out] of cases) {
      const copy = apartFrom(xs, out);
      expect(copy).not.toBe(xs);
      expect(copy.buffer).not.toBe(buffer);
      expect(copy.constructor).toBe(xs.constructor);
      expect(Array.from(copy)).toEqual(Array.from(xs));
    }
  });
});

describe("outputArray(out, n): the block formats' output check", () => {
  it("returns a new Float64Array of length n, or out itself when it fits", () => {
    const fresh = outputArray(undefined, 5);
    expect(fresh).toBeInstanceOf(Float64Array);
    expect(fresh).toHaveLength(5);
    const out = new Float64Array(3);
    expect(outputArray(out, 3)).toBe(out);
  });

  it("refuses another type or length, naming options.out, the allowed type and the lengths", () => {
    expect(() => outputArray(new Float32Array(3), 3)).toThrow(TypeError);
    expect(() => outputArray(new Float32Array(3), 3)).toThrow("options.out must be a Float64Array, got a Float32Array");
    expect(() => outputArray([0, 0, 0], 3)).toThrow("options.out must be a Float64Array, got an array of length 3");
    expect(() => outputArray(new Float64Array(2), 3)).toThrow(RangeError);
    expect(() => outputArray(new Float64Array(2), 3)).toThrow("options.out must have the length of values (3), got length 2");
  });
});

describe("the exact ends of the rounding comparisons", () => {
  const sr = (u: number) => ({ rounding: "stochastic" as const, random: () => u });

  it("stochastic rounding goes up iff u < p strictly: a draw equal to p goes down, u = 0 keeps a grid value", () => {
    // E4M3: 1.0625 lies halfway between 1 and 1.125 (p = 1/2); 1.09375 three quarters (p = 3/4);
    // int8: 2.5 between 2 and 3 (p = 1/2), 2.25 (p = 1/4); E8M0: 3 between 2 and 4 (p = 1/2)
    const cases: [FormatName, number, number, number, number][] = [
      ["e4m3", 1.0625, 0.5, 1, 1.125],
      ["e4m3", -1.09375, 0.75, -1, -1.125],
      ["e2m1", 0.25, 0.5, 0, 0.5], // subnormal binade
      ["int8", 2.5, 0.5, 2, 3],
      ["int8", -2.25, 0.25, -2, -3],
      ["e8m0", 3, 0.5, 2, 4],
    ];
    for (const [name, x, p, toward, away] of cases) {
      expect(quantize(name, x, sr(p)), `${name} ${x} u = p`).toBe(toward);
      expect(quantize(name, x, sr(p - 2 ** -20)), `${name} ${x} u < p`).toBe(away);
    }
    // every representable value stays where it is, even for the draw 0
    for (const name of ["e4m3", "e2m1", "int4", "e8m0"] as FormatName[]) {
      for (const code of [1, 2, 3, 5, 6]) {
        const v = decode(name, code);
        expect(quantize(name, v, sr(0)), `${name} code ${code}`).toBe(v);
      }
    }
  });

  it("2^(emax + 2), the first magnitude of the special path, overflows by the format's rule", () => {
    // fp16 emax 15: 2^17 → Inf; E2M1 emax 2: 16 → 6 (no Inf, no NaN); E4M3 emax 8: 2^10 → NaN, or 448 saturating
    expect(quantize("fp16", 2 ** 17)).toBe(Infinity);
    expect(quantize("fp16", -(2 ** 17))).toBe(-Infinity);
    expect(quantize("fp16", 2 ** 17, { rounding: "toward-zero" })).toBe(65504);
    expect(quantize("e2m1", 16)).toBe(6);
    expect(quantize("e2m1", 16, { rounding: "stochastic", random: () => 0.5 })).toBe(6);
    expect(quantize("e4m3", 1024)).toBeNaN();
    expect(quantize("e4m3", 1024, { saturate: true })).toBe(448);
    // and just below it, through the table path: the last table row (binade emax + 1)
    expect(quantize("fp16", 2 ** 17 - 2 ** 6)).toBe(Infinity);
    expect(quantize("e2m1", 15.9)).toBe(6);
    expect(quantize("e4m3", 1023, { saturate: true })).toBe(448);
  });

  it("refuses options that are not an object and a random that is not a function, whatever the rounding", () => {
    for (const options of [null, [], 5, "fast"]) {
      expect(() => quantize("fp16", 1, options as never)).toThrow(TypeError);
      expect(() => quantize("fp16", 1, options as never)).toThrow(/^options must be an object, got /);
    }
    // a random given with a deterministic rounding is still checked (it would be a mistake to ignore it)
    expect(() => quantize("fp16", 1, { random: 5 as never })).toThrow(/^options\.random must be a function, got 5/);
    expect(() => quantize("fp16", 1, { rounding: "toward-zero", random: "x" as never })).toThrow(TypeError);
    expect(quantize("fp16", 1.0001, { random: () => 0.9 })).toBe(1);
  });
});
