import { describe, expect, it } from "vitest";
import { decode, formatInfo, formatNames, quantize, quantizeArray } from "../../../src/formats/index";
import type { FormatName, RoundingMode } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";

/**
 * A brute-force reference rounding, independent of the library's arithmetic: the sorted table of all
 * finite values with their codes (decoded by `decode`, itself checked code by code against the
 * format definition in codes.test.ts), a binary search for the two neighbours ℓ ≤ |x| ≤ h, ties to
 * the neighbour with the even code, and the IEEE rule for overflow: above max lies a virtual next value
 * max + 2^(emax − m) (code max + 1); rounding to it, or beyond, overflows.
 */
interface Table {
  name: FormatName;
  isInt: boolean;
  /** Non-negative magnitudes, ascending, with their codes (0 has code 0). */
  magnitudes: number[];
  codes: number[];
  max: number;
  virtualNext: number;
  virtualNextCode: number;
  minNormal: number;
  hasInf: boolean;
  nanOnOverflow: boolean;
  hasSubnormals: boolean;
  unsigned: boolean;
  intMin: number;
}

function buildTable(name: FormatName): Table {
  const info = formatInfo(name);
  const pairs: [number, number][] = [];
  for (let code = 0; code < info.codeCount; code++) {
    const v = decode(name, code);
    if (Number.isFinite(v) && v >= 0 && !Object.is(v, -0)) pairs.push([v, code]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const max = pairs[pairs.length - 1][0];
  const maxCode = pairs[pairs.length - 1][1];
  const emax = Math.floor(Math.log2(max)); // max is not near a power of two's rounding trouble here
  return {
    name,
    isInt: info.kind === "int",
    magnitudes: pairs.map((p) => p[0]),
    codes: pairs.map((p) => p[1]),
    max,
    virtualNext: info.kind === "int" ? max + 1 : max + 2 ** (emax - info.mantissaBits),
    virtualNextCode: maxCode + 1,
    minNormal: info.minNormal,
    hasInf: info.hasInf,
    nanOnOverflow: !info.hasInf && info.hasNaN,
    hasSubnormals: info.hasSubnormals,
    unsigned: !info.signed,
    intMin: info.lowest,
  };
}

interface Options {
  rounding: RoundingMode;
  saturate: boolean;
  flushSubnormals: boolean;
}

/** Reference rounding of x; `u` is the stochastic draw (the library decides on |x|: up iff u < p). */
function referenceRound(t: Table, x: number, o: Options, u = 0): number {
  if (Number.isNaN(x)) return NaN;
  const negative = x < 0 || Object.is(x, -0);
  const withSign = (v: number) => (negative ? -v : v);
  if (t.isInt) {
    // integers: round |x| to an integer, then clamp to [intMin, max]; no −0
    let a = Math.abs(x);
    let n: number;
    if (a === Infinity) n = a;
    else {
      const fl = Math.floor(a);
      const frac = a - fl;
      if (o.rounding === "toward-zero") n = fl;
      else if (o.rounding === "stochastic") n = u < frac ? fl + 1 : fl;
      else n = frac > 0.5 ? fl + 1 : frac < 0.5 ? fl : fl % 2 === 0 ? fl : fl + 1;
    }
    const r = negative ? Math.max(-n, t.intMin) : Math.min(n, t.max);
    a = r + 0;
    return a;
  }
  if (t.unsigned) {
    // E8M0: no sign, no zero (ml_dtypes: NaN, or the least value when saturating)
    if (x <= 0) return o.saturate ? t.magnitudes[0] : NaN;
  }
  let a = Math.abs(x);
  const overflowValue = o.saturate || o.rounding === "toward-zero" ? t.max : t.hasInf ? Infinity : t.nanOnOverflow ? NaN : t.max;
  if (a === Infinity) return withSign(o.saturate ? t.max : t.hasInf ? Infinity : t.nanOnOverflow ? NaN : t.max);
  if (o.flushSubnormals && t.hasSubnormals && a < t.minNormal) return withSign(0);
  if (o.saturate) a = Math.min(a, t.max);
  if (a >= t.virtualNext) return withSign(overflowValue);
  let low: number;
  let high: number;
  let lowCode: number;
  let highCode: number;
  if (a > t.max) {
    [low, lowCode, high, highCode] = [t.max, t.virtualNextCode - 1, t.virtualNext, t.virtualNextCode];
  } else if (a < t.magnitudes[0]) {
    return withSign(t.magnitudes[0]); // E8M0 below 2^−127: the least value is the nearest
  } else {
    let lo = 0;
    let hi = t.magnitudes.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t.magnitudes[mid] <= a) lo = mid;
      else hi = mid;
    }
    if (t.magnitudes[hi] <= a) lo = hi;
    if (t.magnitudes[lo] === a) return withSign(a);
    [low, lowCode, high, highCode] = [t.magnitudes[lo], t.codes[lo], t.magnitudes[lo + 1], t.codes[lo + 1]];
  }
  let r: number;
  if (o.rounding === "toward-zero") r = low;
  else if (o.rounding === "stochastic") r = u < (a - low) / (high - low) ? high : low;
  else {
    const below = a - low;
    const above = high - a;
    if (below < above) r = low;
    else if (above < below) r = high;
    else if (t.name === "e8m0") r = high; // E8M0 ties go up, as in ml_dtypes and PyTorch
    else r = lowCode % 2 === 0 ? low : high;
    void highCode;
  }
  return withSign(r > t.max ? overflowValue : r);
}

/** Test inputs: grid values, midpoints and their neighbours, overflow thresholds, specials, random. */
function sampleInputs(t: Table, seed: number): number[] {
  const rng = createRandom(seed);
  const xs: number[] = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1e-300, 1e300, -1e300, 3e38, 4e38];
  const mags = t.magnitudes;
  const step = Math.max(1, Math.floor(mags.length / 3000)); // all points of the 8-bit grids, a subset of 16-bit ones
  for (let i = 0; i < mags.length; i += step) {
    const v = mags[i];
    const next = i + 1 < mags.length ? mags[i + 1] : t.virtualNext;
    const mid = (v + next) / 2;
    for (const y of [v, mid, mid * (1 + 2 ** -40), mid * (1 - 2 ** -40), v * (1 + 2 ** -45)]) xs.push(y, -y);
  }
  const top = (t.max + t.virtualNext) / 2;
  for (const y of [t.max, top, top * (1 + 2 ** -40), top * (1 - 2 ** -40), t.virtualNext, 1.5 * t.virtualNext, 4 * t.virtualNext]) {
    xs.push(y, -y);
  }
  const lo = Math.log2(mags[1]) - 4;
  const hi = Math.log2(t.max) + 3;
  for (let i = 0; i < 4000; i++) {
    const y = 2 ** (lo + (hi - lo) * rng.uniform());
    xs.push(rng.uniform() < 0.5 ? -y : y);
  }
  return xs;
}

const SIXTEEN_OR_LESS: FormatName[] = formatNames.filter((n) => n !== "fp32");
const MODES: RoundingMode[] = ["nearest-even", "toward-zero"];

describe("quantize(name, x, options) against a brute-force search of the value table", () => {
  for (const name of SIXTEEN_OR_LESS) {
    it(`${name}: nearest-even and toward-zero, saturating or not, with and without flushSubnormals`, () => {
      const t = buildTable(name);
      const xs = sampleInputs(t, 7);
      for (const rounding of MODES) {
        for (const saturate of [false, true]) {
          for (const flushSubnormals of [false, true]) {
            const o = { rounding, saturate, flushSubnormals };
            for (const x of xs) {
              const got = quantize(name, x, o);
              const want = referenceRound(t, x, o);
              if (!Object.is(got, want)) expect({ name, x, ...o, got }).toEqual({ name, x, ...o, got: want });
            }
          }
        }
      }
    });

    it(`${name}: stochastic rounding picks the neighbour the draw u selects (up in magnitude iff u < p)`, () => {
      const t = buildTable(name);
      const xs = sampleInputs(t, 8);
      const rng = createRandom(9);
      for (const saturate of [false, true]) {
        const o = { rounding: "stochastic" as const, saturate, flushSubnormals: false };
        for (const x of xs) {
          const u = rng.uniform();
          const got = quantize(name, x, { ...o, random: () => u });
          const want = referenceRound(t, x, o, u);
          if (!Object.is(got, want)) expect({ name, x, u, saturate, got }).toEqual({ name, x, u, saturate, got: want });
        }
      }
    });
  }

  it("rounds every midpoint between neighbouring values to the neighbour whose code is even (e8m0: up)", () => {
    for (const name of SIXTEEN_OR_LESS) {
      const t = buildTable(name);
      for (let i = 0; i + 1 < t.magnitudes.length; i++) {
        const mid = (t.magnitudes[i] + t.magnitudes[i + 1]) / 2;
        const want = name === "e8m0" ? t.magnitudes[i + 1] : t.codes[i] % 2 === 0 ? t.magnitudes[i] : t.magnitudes[i + 1];
        if (quantize(name, mid) !== want) expect({ name, mid, got: quantize(name, mid) }).toEqual({ name, mid, got: want });
        if (!t.unsigned && quantize(name, -mid) !== -want) expect({ name, mid: -mid }).toEqual({ name, got: -want });
      }
    }
    // spot checks written out: E4M3 232 → 224 (1.110·2^7 is even), fp16 65520 → Inf (2^16 is even), int ties
    expect(quantize("e4m3", 232)).toBe(224);
    expect(quantize("e4m3", 464)).toBe(448);
    expect(quantize("e4m3", 465)).toBeNaN();
    expect(quantize("e5m2", 61440)).toBe(Infinity);
    expect(quantize("fp16", 65520)).toBe(Infinity);
    expect(quantize("fp16", 65519.99)).toBe(65504);
    expect([2.5, 3.5, -2.5, 0.5, -0.5].map((x) => quantize("int8", x))).toEqual([2, 4, -2, 0, 0]);
    expect(quantize("e8m0", 1.5)).toBe(2);
    expect(quantize("e8m0", 3)).toBe(4);
  });

  it("applies the overflow and special-value policy of each format", () => {
    expect(quantize("e4m3", 500)).toBeNaN();
    expect(quantize("e4m3", 500, { saturate: true })).toBe(448);
    expect(quantize("e4m3", -Infinity)).toBeNaN();
    expect(quantize("e4m3", -Infinity, { saturate: true })).toBe(-448);
    expect(quantize("e4m3", 1e6, { rounding: "toward-zero" })).toBe(448);
    expect(quantize("fp16", -1e6)).toBe(-Infinity);
    expect(quantize("fp16", 1e6, { rounding: "toward-zero" })).toBe(65504);
    expect(quantize("fp16", Infinity, { rounding: "toward-zero" })).toBe(Infinity);
    expect(quantize("e2m1", 100)).toBe(6);
    expect(quantize("e2m1", -Infinity)).toBe(-6);
    expect(quantize("e2m1", NaN)).toBeNaN();
    expect(quantize("int4", 1e9)).toBe(7);
    expect(quantize("int4", -Infinity)).toBe(-8);
    expect(quantize("e8m0", 0)).toBeNaN();
    expect(quantize("e8m0", -1, { saturate: true })).toBe(2 ** -127);
    expect(quantize("e8m0", 1e-40)).toBe(2 ** -127);
    expect(quantize("e8m0", 2 ** 128)).toBeNaN();
    expect(Object.is(quantize("e4m3", -1e-9), -0)).toBe(true);
    expect(Object.is(quantize("int8", -0.2), 0)).toBe(true);
    expect(Object.is(quantize("fp16", -1e-5, { flushSubnormals: true }), -0)).toBe(true);
    const justBelowMinNormal = 2 ** -14 - 2 ** -26; // 1023.75·2^−24: rounds up to 2^−14 unless flushed first
    expect(quantize("fp16", justBelowMinNormal, { flushSubnormals: true })).toBe(0);
    expect(quantize("fp16", justBelowMinNormal)).toBe(2 ** -14);
  });
});

describe("fp32 and bf16 against independent conversions", () => {
  it("fp32 nearest-even equals Math.fround (IEEE binary32 RNE) on doubles of every magnitude", () => {
    const rng = createRandom(32);
    const xs = [0, -0, NaN, Infinity, -Infinity, 3.4028235677973366e38, 3.4028235677973362e38, 1.401298464324817e-45, 7.006492321624085e-46, 7.006492321624087e-46, 1e-320];
    for (let i = 0; i < 50000; i++) {
      const y = 2 ** (-160 + 300 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1);
      xs.push(y);
    }
    for (const x of xs) {
      const want = Math.fround(x);
      if (!Object.is(quantize("fp32", x), want)) expect({ x, got: quantize("fp32", x) }).toEqual({ x, got: want });
    }
    const arr = quantizeArray("fp32", Float64Array.from(xs));
    xs.forEach((x, i) => {
      if (!Object.is(arr[i], Math.fround(x))) expect({ x, got: arr[i] }).toEqual({ x, got: Math.fround(x) });
    });
  });

  it("fp32 toward-zero and stochastic pick the FP32 neighbours of x", () => {
    const rng = createRandom(33);
    const f = new Float32Array(1);
    const b = new Uint32Array(f.buffer);
    for (let i = 0; i < 20000; i++) {
      const x = 2 ** (-150 + 277 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1); // below 2^127: finite neighbours
      // neighbours of |x| in FP32: the nearest value and the adjacent pattern on the other side
      f[0] = Math.abs(x);
      let low = f[0];
      let high = f[0];
      if (low > Math.abs(x)) b[0] -= 1;
      else if (low < Math.abs(x)) b[0] += 1;
      if (f[0] < low) low = f[0];
      else high = f[0];
      const sign = x < 0 ? -1 : 1;
      const wantTz = low === Math.abs(x) ? x : sign * low;
      expect(quantize("fp32", x, { rounding: "toward-zero" })).toBe(wantTz);
      const u = rng.uniform();
      const p = (Math.abs(x) - low) / (high - low);
      const wantSr = low === high ? x : sign * (u < p ? high : low);
      expect(quantize("fp32", x, { rounding: "stochastic", random: () => u })).toBe(wantSr);
    }
  });

  it("bf16 nearest-even equals the bit trick b += 0x7FFF + ((b >>> 16) & 1) on FP32 patterns (math.md §6.2)", () => {
    const rng = createRandom(16);
    const n = 200000;
    const x = new Float32Array(n);
    const bits = new Uint32Array(x.buffer);
    const want = new Float32Array(n);
    const wantBits = new Uint32Array(want.buffer);
    for (let i = 0; i < n; i++) {
      let b = rng.uint32();
      if (i < 64) b = [0x7f7fffff, 0x7f7f8000, 0x7f7f7fff, 0x00008000, 0x00018000, 0x80008000, 0x3f808000, 0x3f818000][i % 8];
      if ((b & 0x7fffffff) > 0x7f800000) b = 0x3f800000; // NaN patterns: NaN in, NaN out is tested elsewhere
      bits[i] = b;
      wantBits[i] = (((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) << 16) >>> 0;
    }
    const got = quantizeArray("bf16", x);
    for (let i = 0; i < n; i++) {
      if (!Object.is(got[i], want[i])) expect({ bits: bits[i].toString(16), got: got[i] }).toEqual({ bits: bits[i].toString(16), got: want[i] });
      if (i % 50 === 0) expect(Object.is(quantize("bf16", x[i]), want[i])).toBe(true);
    }
  });
});

describe("quantizeArray(name, xs, options) agrees with quantize element by element", () => {
  const variants: { rounding: RoundingMode; saturate: boolean; flushSubnormals: boolean }[] = [];
  for (const rounding of ["nearest-even", "toward-zero", "stochastic"] as RoundingMode[]) {
    for (const saturate of [false, true]) for (const flushSubnormals of [false, true]) variants.push({ rounding, saturate, flushSubnormals });
  }
  for (const name of formatNames) {
    it(`${name}: Float32Array, Float64Array and number[] inputs, Float32Array and Float64Array outputs`, () => {
      const t = name === "fp32" ? undefined : buildTable(name);
      const rng = createRandom(11);
      const base = t ? sampleInputs(t, 12) : Array.from({ length: 5000 }, () => 2 ** (-155 + 290 * rng.uniform()) * (rng.uniform() - 0.5));
      const x64 = Float64Array.from(base);
      const x32 = Float32Array.from(base);
      const draws = Float64Array.from(base, () => rng.uniform());
      for (const o of variants) {
        const stream = () => {
          let i = 0;
          return () => draws[i++];
        };
        const opts = () => ({ ...o, random: o.rounding === "stochastic" ? stream() : undefined });
        const scalarOn = (xs: ArrayLike<number>) => {
          const r = opts();
          return Array.from(xs, (x) => quantize(name, x, { ...o, random: r.random }));
        };
        const want64 = scalarOn(x64);
        const want32 = scalarOn(x32);
        const checks: [ArrayLike<number>, number[]][] = [
          [quantizeArray(name, x64, opts()), want64],
          [quantizeArray(name, base, opts()), want64],
          [quantizeArray(name, x32, opts()), want32],
          [quantizeArray(name, x32, { ...opts(), out: new Float32Array(x32.length) }), want32],
          [quantizeArray(name, x64, { ...opts(), out: new Float32Array(x64.length) }), want64],
        ];
        for (const [got, want] of checks) {
          for (let i = 0; i < want.length; i++) {
            if (!Object.is(got[i], want[i])) {
              expect({ name, ...o, x: base[i], got: got[i] }).toEqual({ name, ...o, x: base[i], got: want[i] });
            }
          }
        }
      }
    });
  }

  it("writes into options.out, which may be the input itself", () => {
    const x = new Float32Array([1.0001, 65520, -3e-8, 0.1]);
    const r = quantizeArray("fp16", x, { out: x });
    expect(r).toBe(x);
    expect(Array.from(x)).toEqual([1, Infinity, -5.960464477539063e-8, Math.fround(0.0999755859375)]);
    const out = new Float64Array(3);
    expect(quantizeArray("e2m1", [2.4, -0.3, 9], { out })).toBe(out);
    expect(Array.from(out)).toEqual([2, -0.5, 6]);
  });
});

describe("quantizeArray with an out that overlaps the input", () => {
  it("gives the values of separate arrays when out is shifted by one element, either way (E4M3 by hand)", () => {
    // E4M3 spacing 1/8 on [1, 2), 1/4 on [2, 4): 1.1 → 1.125, 2.2 → 2.25, 3.3 → 3.25
    const ahead = new Float64Array([1.1, 2.2, 3.3]);
    quantizeArray("e4m3", ahead.subarray(0, 2), { out: ahead.subarray(1, 3) });
    expect(Array.from(ahead)).toEqual([1.1, 1.125, 2.25]);
    const behind = new Float64Array([1.1, 2.2, 3.3]);
    quantizeArray("e4m3", behind.subarray(1, 3), { out: behind.subarray(0, 2) });
    expect(Array.from(behind)).toEqual([2.25, 3.25, 3.3]);
    const ahead32 = new Float32Array([1.1, 2.2, 3.3]);
    quantizeArray("e4m3", ahead32.subarray(0, 2), { out: ahead32.subarray(1, 3) });
    expect(Array.from(ahead32)).toEqual([Math.fround(1.1), 1.125, 2.25]);
  });

  it("agrees with quantize on a copy for every shift, element type, format and rounding", () => {
    const rng = createRandom(12);
    const n = 40;
    const values = Float64Array.from({ length: n + 8 }, () => rng.normal() * 2 ** (rng.integer(12) - 6));
    const draws = rng.fillUniform(new Float64Array(n));
    const layouts: [string, (buffer: ArrayBuffer, shift: number) => [Float32Array | Float64Array, Float32Array | Float64Array]][] = [
      // input at element 4 of a Float64Array, out shifted by `shift` elements (shift 0: in place)
      ["f64 → f64", (buf, k) => [new Float64Array(buf, 32, n), new Float64Array(buf, 32 + 8 * k, n)]],
      ["f32 → f32", (buf, k) => [new Float32Array(buf, 32, n), new Float32Array(buf, 32 + 4 * k, n)]],
      // different element sizes over the same bytes: no shift makes them the same elements
      ["f32 → f64", (buf, k) => [new Float32Array(buf, 32 + 8 * Math.max(k, 0), n), new Float64Array(buf, 32 + 8 * Math.max(-k, 0), n)]],
      ["f64 → f32", (buf, k) => [new Float64Array(buf, 32 + 8 * Math.max(-k, 0), n), new Float32Array(buf, 32 + 4 * Math.max(k, 0), n)]],
    ];
    for (const name of ["e4m3", "bf16", "e8m0", "int8"] as FormatName[]) {
      for (const rounding of ["nearest-even", "stochastic"] as RoundingMode[]) {
        for (const [layout, make] of layouts) {
          for (let shift = -3; shift <= 3; shift++) {
            const buffer = new ArrayBuffer(8 * (n + 16));
            const [xs, out] = make(buffer, shift);
            xs.set(values.subarray(0, n));
            const before = Array.from(xs);
            let d = 0;
            const want = before.map((x) => quantize(name, x, { rounding, random: () => draws[d++] }));
            let i = 0;
            quantizeArray(name, xs, { out, rounding, random: () => draws[i++] });
            const got = Array.from(out);
            const wantStored = want.map((v) => (out instanceof Float32Array ? Math.fround(v) : v));
            for (let k = 0; k < n; k++) {
              if (!Object.is(got[k], wantStored[k])) {
                expect({ name, rounding, layout, shift, k, got: got[k] }).toEqual({ name, rounding, layout, shift, k, got: wantStored[k] });
              }
            }
          }
        }
      }
    }
  });
});

describe("stochastic rounding", () => {
  it("picks the upper neighbour with frequency (x − ℓ)/(h − ℓ), within 5 standard errors", () => {
    const cases: [FormatName, number, number, number][] = [
      ["e4m3", 3.14159, 3, 3.25],
      ["e4m3", -3.14159, -3.25, -3],
      ["e2m1", 2.4, 2, 3],
      ["e2m1", 0.1, 0, 0.5],
      ["fp16", 1 + 2 ** -12, 1, 1 + 2 ** -10],
      ["bf16", 1e-39, 9.183549615799121e-41 * 10, 9.183549615799121e-41 * 11],
      ["int4", -1.3, -2, -1],
      ["e8m0", 3, 2, 4],
    ];
    const n = 20000;
    for (const [name, x, low, high] of cases) {
      const rng = createRandom(5, Math.abs(Math.round(x * 1000)));
      const xs = new Float64Array(n).fill(x);
      const q = quantizeArray(name, xs, { rounding: "stochastic", random: rng.uniform });
      let ups = 0;
      for (let i = 0; i < n; i++) {
        expect([low, high]).toContain(q[i]);
        if (q[i] === high) ups++;
      }
      const p = (x - low) / (high - low);
      const se = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(ups / n - p)).toBeLessThanOrEqual(5 * se);
    }
  });

  it("overflows like nearest-even when the upper neighbour is beyond max, unless saturating", () => {
    const up = { rounding: "stochastic" as const, random: () => 0 };
    const down = { rounding: "stochastic" as const, random: () => 0.999999 };
    expect(quantize("e4m3", 460, up)).toBeNaN();
    expect(quantize("e4m3", 460, down)).toBe(448);
    expect(quantize("e4m3", 460, { ...up, saturate: true })).toBe(448);
    expect(quantize("fp16", 65510, up)).toBe(Infinity);
    expect(quantize("e2m1", 6.5, up)).toBe(6);
  });
});
