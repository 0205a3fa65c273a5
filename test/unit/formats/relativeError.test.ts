import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatInfo, relativeRoundingError, representableValues } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";

/**
 * The reference is a brute-force nearest-value search over the format's list of values: the distance
 * to the nearest value is the round-to-nearest error whichever way a tie goes, so the comparison is exact.
 */
function nearestDistance(values: Float64Array, x: number): number {
  let best = Infinity;
  for (let i = 0; i < values.length; i++) {
    const d = Math.abs(values[i] - x);
    if (d < best) best = d;
  }
  return best;
}

const small: FormatName[] = ["e5m2", "e4m3", "e3m2", "e2m3", "e2m1"];

describe("relativeRoundingError(name, xs, options)", () => {
  it.each(small)("equals the brute-force nearest-value distance over |x| for %s (exact)", (name) => {
    const values = representableValues(name);
    const max = formatInfo(name).maxFinite;
    fc.assert(
      fc.property(fc.double({ min: -max, max, noNaN: true }), (x) => {
        fc.pre(x !== 0);
        const [e] = relativeRoundingError(name, [x]);
        expect(e).toBe(nearestDistance(values, x) / Math.abs(x));
      }),
      { seed: 42, numRuns: 400 },
    );
  });

  it.each(["fp16", "bf16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1"] as FormatName[])(
    "stays ≤ u/(1 + u) with u = 2^−(m+1) over the normal range of %s and comes within 1% of it",
    (name) => {
      const info = formatInfo(name);
      const u = 2 ** -(info.mantissaBits + 1);
      const rng = createRandom(7);
      const xs = new Float64Array(20000);
      const lo = Math.log2(info.minNormal);
      const hi = Math.log2(info.maxFinite);
      for (let i = 0; i < xs.length; i++) xs[i] = 2 ** (lo + (hi - lo) * rng.uniform());
      const e = relativeRoundingError(name, xs);
      const worst = e.reduce((a, b) => Math.max(a, b), 0);
      expect(worst).toBeLessThanOrEqual(u / (1 + u));
      expect(worst).toBeGreaterThan(0.99 * (u / (1 + u)));
    },
  );

  it("attains u/(1 + u) exactly at the midpoint of the first gap of a binade (a tie)", () => {
    // e4m3: 1 and 1.125 are neighbours; their midpoint 1.0625 is 1/17 = (1/16)/(1 + 1/16) away
    expect(relativeRoundingError("e4m3", [1.0625])[0]).toBe(0.0625 / 1.0625);
  });

  it("breaks the ties where the two candidates give different errors to the even code (overflow ties)", () => {
    // the tie between the largest finite value and the next grid value above it (max + 2^(emax − m), which
    // overflows): the error is finite if the tie goes to max, Infinity if it goes up. Even codes from the
    // definitions: fp16 65504 = 0x7BFF (odd) so 65520 goes up to 2^16 = Inf; e5m2 57344 = 0x7B (odd) so
    // 61440 goes up to Inf; e4m3 448 = 0x7E (even) so 464 stays at 448.
    const e = relativeRoundingError("fp16", [65520, -65520]);
    expect(Array.from(e)).toEqual([Infinity, Infinity]);
    expect(relativeRoundingError("e5m2", [61440])[0]).toBe(Infinity);
    expect(relativeRoundingError("e4m3", [464, -464])[0]).toBe(16 / 464);
    // just below those ties the nearer candidate is max
    expect(relativeRoundingError("fp16", [65519])[0]).toBe(15 / 65519);
    // toward zero never overflows: the same tie gives the distance to max
    expect(relativeRoundingError("fp16", [65520], { rounding: "toward-zero" })[0]).toBe(16 / 65520);
  });

  it("passes saturate and flushSubnormals through to the rounding", () => {
    // fp16 subnormal 1.5·2^−24 rounds to 2^−24 (error 1/3); flushed first, it becomes 0 (error 1)
    expect(relativeRoundingError("fp16", [1.5 * 2 ** -24], { flushSubnormals: true })[0]).toBe(1);
    expect(relativeRoundingError("fp16", [1.5 * 2 ** -24], { flushSubnormals: false })[0]).toBe(1 / 3);
    // fp16 overflow: Inf without saturation, 65504 with it
    expect(relativeRoundingError("fp16", [1e5], { saturate: true })[0]).toBe((1e5 - 65504) / 1e5);
  });

  it("toward zero stays below 2u in the normal range and approaches it", () => {
    const xs = Float64Array.from([1.1249999, 2.2499999, 1.5]);
    const e = relativeRoundingError("e4m3", xs, { rounding: "toward-zero" });
    for (const v of e) expect(v).toBeLessThan(2 * 0.0625);
    expect(e[0]).toBeCloseTo(0.125 / 1.125, 6);
    expect(e[2]).toBe(0);
  });

  it("passes stochastic rounding through with its random source: the draw picks the neighbour, each at its own error", () => {
    // points off the midpoints, so that the two neighbours (found by search in the value list) are at
    // different distances; the magnitude rounds away from zero iff u < (|x| − t)/(a − t), t and a the
    // neighbours toward and away from zero. Draws just below and just above that threshold, and the ends.
    const cases: [FormatName, number][] = [
      ["e2m1", 2.4],
      ["e2m1", -0.8],
      ["e4m3", 3.14159],
      ["e4m3", -300],
      ["e5m2", 0.0003],
    ];
    for (const [name, x] of cases) {
      const values = representableValues(name);
      const a = Math.abs(x);
      const toward = Math.max(...Array.from(values).filter((v) => v <= a));
      const away = Math.min(...Array.from(values).filter((v) => v >= a));
      const p = (a - toward) / (away - toward);
      expect(p > 0 && p < 1 && p !== 0.5).toBe(true);
      const draws = [0, p - 1e-9, p + 1e-9, 1 - 2 ** -53];
      let k = 0;
      const e = relativeRoundingError(name, new Array(draws.length).fill(x), { rounding: "stochastic", random: () => draws[k++] });
      const want = draws.map((u) => Math.abs((u < p ? away : toward) - a) / a);
      expect(want[0]).not.toBe(want[3]); // the two neighbours give different errors
      expect(Array.from(e)).toEqual(want);
    }
  });

  it("decides the edge cases: 0 → 0, NaN → NaN, overflow → Infinity, infinite input → NaN", () => {
    expect(Array.from(relativeRoundingError("fp16", [0, -0, NaN, 1e5, Infinity]))).toEqual([0, 0, NaN, Infinity, NaN]);
    expect(relativeRoundingError("e4m3", [500])[0]).toBe(Infinity); // NaN code: non-saturating overflow
    expect(relativeRoundingError("e4m3", [500], { saturate: true })[0]).toBe((500 - 448) / 500);
    expect(relativeRoundingError("e8m0", [0])[0]).toBe(Infinity); // E8M0 has no zero
  });

  it("shows the subnormal failure of the relative model: only an absolute bound holds", () => {
    // fp16 subnormal step 2^-24; 2^-25 is a tie between 0 and 2^-24 and goes to the even 0
    expect(relativeRoundingError("fp16", [2 ** -25])[0]).toBe(1);
    expect(relativeRoundingError("fp16", [1.5 * 2 ** -24])[0]).toBe(1 / 3);
  });

  it("accepts a Float32Array and rounds its float32 values", () => {
    const x = new Float32Array([3.14159]);
    expect(relativeRoundingError("e4m3", x)[0]).toBe(Math.abs(3.25 - x[0]) / x[0]);
  });

  it("rejects a bad format, bad values and bad options naming the parameter", () => {
    expect(() => relativeRoundingError("fp64" as FormatName, [1])).toThrow(RangeError);
    expect(() => relativeRoundingError("fp16", "1" as unknown as number[])).toThrow(/xs/);
    expect(() => relativeRoundingError("fp16", [1], 3 as unknown as object)).toThrow(TypeError);
    expect(() => relativeRoundingError("fp16", [1], { rounding: "stochastic" })).toThrow(/options\.random/);
    expect(() => relativeRoundingError("fp16", [1], { rounding: "up" as "toward-zero" })).toThrow(/options\.rounding/);
  });
});
