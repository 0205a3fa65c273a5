import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createRandom } from "../../../src/numeric/index";
import { formatInfo, quantize, quantizeArray, representableValues } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import { accumulateInFormat, stagnationPoint } from "../../../src/formats/accumulate";

/** True when a + b is exact in binary64 (TwoSum error term zero). */
function sumIsExact(a: number, b: number): boolean {
  const s = a + b;
  const bv = s - a;
  return a - (s - bv) + (b - bv) === 0;
}

/** The reference: walk the grid upward from 0 for the first s with Q_RNE(s + c) = s; else follow the naive sum. */
function bruteForceStagnation(f: FormatName, c: number): number {
  for (const s of representableValues(f)) {
    if (s < 0) continue;
    if (!sumIsExact(s, c)) {
      // s ≪ c (bf16 spans 2^−133 … 2^127): then s + c ≥ c > 4s rounds far above s, no stall possible
      if (s > 0 && s < c / 4) continue;
      throw new Error(`reference needs an exact s + c: ${s} + ${c}`);
    }
    if (quantize(f, s + c) === s) return s;
  }
  // no finite value stalls: the sum overflows; follow it to its fixed point (Inf, NaN or max)
  let s = 0;
  for (let t = 0; t < 1_000_000; t++) {
    const next = quantize(f, s + c);
    if (Object.is(next, s) || (Number.isNaN(next) && Number.isNaN(s))) return s;
    s = next;
  }
  throw new Error("no fixed point");
}

const formats: FormatName[] = ["fp16", "bf16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1", "int8", "int4"];

describe("stagnationPoint(name, c)", () => {
  it.each(formats)("%s: equals the brute-force search over the grid for many increments", (f) => {
    const info = formatInfo(f);
    const minSub = info.minSubnormal;
    const increments = [minSub / 4, minSub / 2, 0.75 * minSub, minSub, 1.25 * minSub, 2 ** -10, 3 * 2 ** -7, 0.5, 0.625, 1, 1.5, 3, 16, 17, 100, 1000];
    for (const c of increments) {
      const expected = bruteForceStagnation(f, c);
      expect(stagnationPoint(f, c), `${f}, c = ${c}`).toBe(expected);
      // mirrored (−0 and 0 are the same stall point: compare as numbers)
      const mirrored = f.startsWith("int") ? bruteForceNegative(f, c) : -expected;
      const got = stagnationPoint(f, -c);
      expect(got === mirrored || Object.is(got, mirrored), `${f}, c = ${-c}: ${got} vs ${mirrored}`).toBe(true);
    }
  });

  it("gives the lesson's numbers: BF16 stalls at 256 for c = 1, at 0.25 for c = 2^−10; FP16 at 2048", () => {
    expect(stagnationPoint("bf16", 1)).toBe(256);
    expect(stagnationPoint("bf16", 2 ** -10)).toBe(0.25);
    expect(stagnationPoint("fp16", 1)).toBe(2048);
    expect(stagnationPoint("fp32", 1)).toBe(2 ** 24);
    expect(stagnationPoint("e4m3", 17)).toBeNaN(); // passes 448 and overflows to NaN
    expect(stagnationPoint("e2m1", 10)).toBe(6); // no Inf, no NaN: clamps at the largest value
    expect(stagnationPoint("bf16", 0)).toBe(0);
  });

  it("rejects e8m0 and a non-finite increment", () => {
    expect(() => stagnationPoint("e8m0", 1)).toThrow(/name/);
    expect(() => stagnationPoint("bf16", NaN)).toThrow(/increment/);
    expect(() => stagnationPoint("bf17" as never, 1)).toThrow(RangeError);
  });
});

function bruteForceNegative(f: FormatName, c: number): number {
  let s = 0;
  for (let t = 0; t < 1_000; t++) {
    const next = quantize(f, s - c);
    if (next === s) return s;
    s = next;
  }
  throw new Error("no fixed point");
}

describe("accumulateInFormat(name, increments, options)", () => {
  it("10,000 copies of 2^−10 in BF16: round-to-nearest stalls at stagnationPoint = 0.25", () => {
    const xs = new Float64Array(10_000).fill(2 ** -10);
    const s = accumulateInFormat("bf16", xs);
    expect(s[s.length - 1]).toBe(0.25);
    expect(s[s.length - 1]).toBe(stagnationPoint("bf16", 2 ** -10));
    expect(s[255]).toBe(0.25); // reached after 256 exact steps, then never moves
    expect(s[254]).toBe(0.25 - 2 ** -10);
  });

  it("10,000 uniform values stored in BF16: the sum stalls at 256 and never exceeds stagnationPoint(bf16, 1)", () => {
    const xs = quantizeArray("bf16", createRandom(61).fillUniform(new Float64Array(10_000)));
    const s = accumulateInFormat("bf16", xs);
    expect(s[s.length - 1]).toBe(256);
    expect(Math.max(...s)).toBeLessThanOrEqual(stagnationPoint("bf16", 1));
  });

  it("stochastic rounding keeps the sum unbiased: the mean final sum is within 5 SE of the exact sum", () => {
    const xs = quantizeArray("bf16", createRandom(62).fillUniform(new Float64Array(10_000)));
    const exact = xs.reduce((a, v) => a + v, 0); // exact in binary64: bf16 values summed below 2^24
    const runs = 60;
    const finals = new Float64Array(runs);
    const out = new Float64Array(xs.length);
    for (let r = 0; r < runs; r++) {
      accumulateInFormat("bf16", xs, { rounding: "stochastic", random: createRandom(63, r).uniform, out });
      finals[r] = out[out.length - 1];
    }
    const mean = finals.reduce((a, v) => a + v, 0) / runs;
    const sd = Math.sqrt(finals.reduce((a, v) => a + (v - mean) ** 2, 0) / (runs - 1));
    expect(Math.abs(mean - exact), `mean ${mean} vs exact ${exact}, 5 SE = ${(5 * sd) / Math.sqrt(runs)}`).toBeLessThanOrEqual(
      (5 * sd) / Math.sqrt(runs),
    );
    expect(mean).toBeGreaterThan(4 * 256); // nowhere near the round-to-nearest stall
  });

  it("stochastic rounding of the 2^−10 sum: mean within 5 SE of 9.765625", () => {
    const xs = new Float64Array(10_000).fill(2 ** -10);
    const runs = 60;
    const finals = Array.from({ length: runs }, (_, r) => {
      const s = accumulateInFormat("bf16", xs, { rounding: "stochastic", random: createRandom(64, r).uniform });
      return s[s.length - 1];
    });
    const mean = finals.reduce((a, v) => a + v, 0) / runs;
    const sd = Math.sqrt(finals.reduce((a, v) => a + (v - mean) ** 2, 0) / (runs - 1));
    expect(Math.abs(mean - 10_000 * 2 ** -10)).toBeLessThanOrEqual((5 * sd) / Math.sqrt(runs));
  });

  it("equals the naive loop Q(s + x) when every s + x is exact (format-valued increments, property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom<FormatName>("e4m3", "e5m2", "e2m1", "fp16", "bf16", "int8"),
        fc.constantFrom("nearest-even" as const, "toward-zero" as const, "stochastic" as const),
        fc.integer({ min: 0, max: 10_000 }),
        (f, rounding, seed) => {
          const rng = createRandom(seed);
          const scale = f.startsWith("int") ? 10 : 2;
          const xs = quantizeArray(f, rng.fillNormal(new Float64Array(200)).map((v) => scale * v));
          const draws = createRandom(seed, 1).fillUniform(new Float64Array(200));
          let k = 0;
          const s = accumulateInFormat(f, xs, { rounding, random: () => draws[k++] });
          let ref = 0;
          for (let t = 0; t < 200; t++) {
            if (!sumIsExact(ref, xs[t])) return true; // the naive reference would round twice: skip
            const u = draws[t];
            ref = quantize(f, ref + xs[t], { rounding, random: () => u });
            if (!Object.is(ref, s[t]) && !(Number.isNaN(ref) && Number.isNaN(s[t]))) return false;
          }
          return true;
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it("rounds the exact sum, not its binary64 rounding", () => {
    // 256 + (1 + 2^−50) = 257 + 2^−50 rounds to 257 in binary64, a BF16 tie that would go to 256;
    // the exact value is above the tie, so the sum moves to 258.
    expect(Array.from(accumulateInFormat("bf16", [1 + 2 ** -50], { initial: 256 }))).toEqual([258]);
    expect(Array.from(accumulateInFormat("bf16", [1 - 2 ** -50], { initial: 256 }))).toEqual([256]);
    expect(Array.from(accumulateInFormat("bf16", [1], { initial: 256 }))).toEqual([256]); // a true tie: even
    // a far-too-small increment still moves stochastic rounding up when the draw is below x/spacing
    expect(Array.from(accumulateInFormat("bf16", [2 ** -60], { initial: 256, rounding: "stochastic", random: () => 0 }))).toEqual([258]);
    expect(Array.from(accumulateInFormat("bf16", [2 ** -60], { initial: 256, rounding: "stochastic", random: () => 2 ** -60 }))).toEqual([256]);
    // mirrored, the draw decides on the magnitude as in quantize (SR(−v, u) = −SR(v, u)): u = 0 moves away from zero
    expect(Array.from(accumulateInFormat("bf16", [-(2 ** -60)], { initial: -256, rounding: "stochastic", random: () => 0 }))).toEqual([-258]);
    expect(Array.from(accumulateInFormat("bf16", [-(2 ** -60)], { initial: -256, rounding: "stochastic", random: () => 2 ** -60 }))).toEqual([-256]);
    // the probability is exact: 256 + 2^−60 lies 2^−61 of the spacing 2 above 256, so u = 2^−61 stays
    expect(Array.from(accumulateInFormat("bf16", [2 ** -60], { initial: 256, rounding: "stochastic", random: () => 2 ** -62 }))).toEqual([258]);
    expect(Array.from(accumulateInFormat("bf16", [2 ** -60], { initial: 256, rounding: "stochastic", random: () => 2 ** -61 }))).toEqual([256]);
    expect(Array.from(accumulateInFormat("bf16", [-(2 ** -60)], { initial: -256, rounding: "stochastic", random: () => 2 ** -61 }))).toEqual([-256]);
    // between the least negative subnormal −2^−133 and 0: u = 0 moves away from zero, to −2^−133
    expect(Array.from(accumulateInFormat("bf16", [2 ** -193], { initial: -(2 ** -133), rounding: "stochastic", random: () => 0 }))).toEqual([-(2 ** -133)]);
    // toward zero from either side
    expect(Array.from(accumulateInFormat("bf16", [1.9, -3.9], { initial: 256, rounding: "toward-zero" }))).toEqual([256, 252]);
    expect(Array.from(accumulateInFormat("bf16", [-1.9], { initial: -256, rounding: "toward-zero" }))).toEqual([-256]);
  });

  it("overflows as quantize does, or saturates", () => {
    const twenties = new Float64Array(60).fill(20); // e4m3: 2·20 > 32, the largest spacing: no stall before 448
    expect(accumulateInFormat("e4m3", twenties).at(-1)).toBeNaN();
    expect(accumulateInFormat("e4m3", twenties, { saturate: true }).at(-1)).toBe(448);
    expect(accumulateInFormat("e2m1", twenties).at(-1)).toBe(6);
    expect(accumulateInFormat("int8", twenties).at(-1)).toBe(127);
    expect(accumulateInFormat("int8", twenties.map((v) => -v)).at(-1)).toBe(-128);
    expect(accumulateInFormat("bf16", [3e38, 3e38]).at(-1)).toBe(Infinity);
    expect(accumulateInFormat("bf16", [3e38, 3e38], { saturate: true }).at(-1)).toBe(formatInfo("bf16").maxFinite);
    // just above max but below the rounding threshold: back to max
    const max = formatInfo("bf16").maxFinite;
    expect(accumulateInFormat("bf16", [max / 2 ** 10], { initial: max }).at(-1)).toBe(max);
    expect(accumulateInFormat("bf16", [NaN, 1]).every(Number.isNaN)).toBe(true);
  });

  it("writes into options.out and accepts plain arrays", () => {
    const out = new Float64Array(3);
    expect(accumulateInFormat("e4m3", [1, 2, 3], { out })).toBe(out);
    expect(Array.from(out)).toEqual([1, 3, 6]);
  });

  it("rejects bad arguments, naming them", () => {
    expect(() => accumulateInFormat("e8m0", [1])).toThrow(/name/);
    expect(() => accumulateInFormat("bf16", "abc" as never)).toThrow(/increments/);
    expect(() => accumulateInFormat("bf16", [1], { rounding: "stochastic" })).toThrow(TypeError);
    expect(() => accumulateInFormat("bf16", [1], { rounding: "stochastic" })).toThrow(/random/);
    expect(() => accumulateInFormat("bf16", [1], { rounding: "up" as never })).toThrow(/rounding/);
    expect(() => accumulateInFormat("bf16", [1], { initial: 257 })).toThrow(/initial/);
    expect(() => accumulateInFormat("bf16", [1], { out: new Float64Array(2) })).toThrow(/out\.length/);
    // each message names the parameter, what is allowed and the bad value
    expect(() => accumulateInFormat("e8m0", [1])).toThrow(/^name must be a signed format \(one with a zero\), got "e8m0"$/);
    expect(() => accumulateInFormat("bf16", [1], 5 as never)).toThrow(/^options must be an object, got 5$/);
    expect(() => accumulateInFormat("bf16", [1], { flushSubnormals: true } as never)).toThrow(/^options\.flushSubnormals must be false or absent \(accumulateInFormat keeps subnormals\), got true$/);
    expect(Array.from(accumulateInFormat("bf16", [1], { flushSubnormals: false } as never))).toEqual([1]);
    expect(() => accumulateInFormat("bf16", [1], { initial: NaN })).toThrow(/^options\.initial must be a finite number, got NaN$/);
    expect(() => accumulateInFormat("bf16", [1], { initial: 257 })).toThrow(/^options\.initial must be a value of bf16, got 257$/);
    expect(() => accumulateInFormat("bf16", [1], { out: new Float32Array(1) as never })).toThrow(TypeError);
    expect(() => accumulateInFormat("bf16", [1], { out: new Float32Array(1) as never })).toThrow(/^options\.out must be a Float64Array, got a Float32Array$/);
    expect(() => accumulateInFormat("bf16", [1], { out: new Float64Array(2) })).toThrow(/^options\.out\.length must equal increments\.length = 1, got 2$/);
    expect(() => stagnationPoint("e8m0", 1)).toThrow(/^name must be a signed format \(one with a zero\), got "e8m0"$/);
    expect(() => stagnationPoint("bf16", Infinity)).toThrow(/^increment must be a finite number, got Infinity$/);
  });

  it("gives the sums of separate arrays when options.out overlaps the increments, shifted either way", () => {
    // bf16 by hand: 1, 1 + 2^-8 (a tie between 1 and 1 + 2^-7, to the even 1), then + 2 = 3, + 0.5 = 3.5
    const increments = [1, 2 ** -8, 2, 0.5];
    const want = [1, 1, 3, 3.5];
    for (const shift of [-1, 1, 2]) {
      const buffer = new Float64Array(8);
      const xs = buffer.subarray(2, 6);
      xs.set(increments);
      const out = buffer.subarray(2 + shift, 6 + shift);
      accumulateInFormat("bf16", xs, { out });
      expect(Array.from(out)).toEqual(want);
    }
    const inPlace = Float64Array.from(increments);
    expect(Array.from(accumulateInFormat("bf16", inPlace, { out: inPlace }))).toEqual(want);
  });
});
