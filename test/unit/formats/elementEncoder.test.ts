import { describe, expect, it } from "vitest";
import { decode, formatInfo, representableValues } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import {
  ElementEncoder,
  FLOAT32_INDEX_OFFSET,
  blockAmaxBits,
  elementEncoder,
  encodeElement,
  encodeFloat32Run,
  encodeFloat32RunStochastic,
} from "../../../src/formats/elementEncoder";
import { NEAREST_EVEN, STOCHASTIC, TOWARD_ZERO } from "../../../src/formats/rounding";
import { formatDefinition } from "../../../src/formats/traits";
import { createRandom } from "../../../src/numeric/index";

/**
 * The reference: a brute-force saturating rounding over the decoded values of every code (decode is
 * checked code by code against the format definitions in codes.test.ts). |y| is clamped to the largest
 * finite value, then the two neighbouring magnitudes are found by a linear search: nearest-even takes the
 * nearer one and, on a tie, the one whose code is even; toward-zero the lower; stochastic the upper iff
 * u < (|y| − lower)/(upper − lower). The sign bit follows y's (−0 included).
 */
function referenceCode(name: FormatName, y: number, mode: number, u: number): number {
  const info = formatInfo(name);
  const signCode = 2 ** (info.bits - 1);
  const a = Math.min(Math.abs(y), info.maxFinite);
  let lowCode = 0;
  let highCode = -1;
  for (let c = 0; c < signCode; c++) {
    const v = decode(name, c);
    if (!(v <= info.maxFinite)) continue;
    if (v <= a && v >= decode(name, lowCode)) lowCode = c;
    if (v >= a && (highCode < 0 || v < decode(name, highCode))) highCode = c;
  }
  const low = decode(name, lowCode);
  const high = decode(name, highCode);
  let code: number;
  if (low === high || mode === TOWARD_ZERO) code = lowCode;
  else if (mode === STOCHASTIC) code = u < (a - low) / (high - low) ? highCode : lowCode;
  else if (a - low !== high - a) code = a - low < high - a ? lowCode : highCode;
  else code = lowCode % 2 === 0 ? lowCode : highCode;
  return y < 0 || Object.is(y, -0) ? code + signCode : code;
}

const ELEMENTS: FormatName[] = ["e2m1", "e2m3", "e3m2", "e4m3", "e5m2"];
const MODE_NAMES = ["nearest-even", "toward-zero", "stochastic"];

/** Values of every grid point, midpoint, point just off a midpoint, beyond max, tiny, and log-uniform. */
function elementInputs(name: FormatName, seed: number): number[] {
  const info = formatInfo(name);
  const rng = createRandom(seed);
  const grid = Array.from(representableValues(name)).filter((v) => v >= 0);
  grid.push(info.maxFinite + 2 ** (info.emax - info.mantissaBits)); // the virtual next value above max
  const ys = [0, -0, 5e-324, 1e-300, 1e300, 2 ** (info.emax + 1), 2 ** (info.emax + 2), 3 * 2 ** (info.emax + 1)];
  for (let i = 0; i + 1 < grid.length; i++) {
    const mid = (grid[i] + grid[i + 1]) / 2;
    ys.push(grid[i], mid, mid * (1 + 2 ** -30), mid * (1 - 2 ** -30), grid[i] * (1 + 2 ** -40));
  }
  const lo = Math.log2(info.minSubnormal) - 3;
  const hi = info.emax + 3;
  for (let i = 0; i < 500; i++) ys.push(2 ** (lo + (hi - lo) * rng.uniform()));
  return ys.flatMap((y) => [y, -y]);
}

describe("encodeElement against a brute-force saturating rounding over all codes", () => {
  for (const name of ELEMENTS) {
    for (const mode of [NEAREST_EVEN, TOWARD_ZERO, STOCHASTIC]) {
      it(`${name}, ${MODE_NAMES[mode]}`, () => {
        const enc = new ElementEncoder(formatDefinition(name), mode);
        const rng = createRandom(17);
        for (const y of elementInputs(name, 5)) {
          const u = mode === STOCHASTIC ? rng.uniform() : 0;
          const got = encodeElement(enc, y, u);
          const want = referenceCode(name, y, mode, u);
          if (got !== want) expect({ name, mode, y, u, got }).toEqual({ name, mode, y, u, got: want });
        }
        // the ends of the draw's range: u = 0 rounds up whenever |y| is off the grid, u → 1 never does
        if (mode === STOCHASTIC) {
          for (const y of [1.1, 0.3, -2.7]) {
            expect(encodeElement(enc, y, 0)).toBe(referenceCode(name, y, mode, 0));
            expect(encodeElement(enc, y, 1 - 2 ** -53)).toBe(referenceCode(name, y, TOWARD_ZERO, 0));
          }
        }
      });
    }
  }

  it("decodes its codes through its value table: values[code] is decode(name, code), NaN codes included", () => {
    for (const name of ELEMENTS) {
      const enc = new ElementEncoder(formatDefinition(name), NEAREST_EVEN);
      const info = formatInfo(name);
      expect(enc.values).toHaveLength(info.codeCount);
      for (let c = 0; c < info.codeCount; c++) expect(Object.is(enc.values[c], decode(name, c))).toBe(true);
      expect(enc.signCode).toBe(2 ** (info.bits - 1));
      const cached = elementEncoder(formatDefinition(name), NEAREST_EVEN);
      expect(elementEncoder(formatDefinition(name), NEAREST_EVEN)).toBe(cached); // cached per format and mode
      expect(elementEncoder(formatDefinition(name), TOWARD_ZERO)).not.toBe(cached);
      expect(cached.mode).toBe(NEAREST_EVEN);
      expect(elementEncoder(formatDefinition(name), TOWARD_ZERO).mode).toBe(TOWARD_ZERO);
    }
  });
});

describe("encodeFloat32RunStochastic against encodeElement on y = x·2^−s", () => {
  for (const name of ELEMENTS) {
    it(`${name}: codes and values for FP32 patterns of every exponent field, subnormals and zeros included`, () => {
      const enc = new ElementEncoder(formatDefinition(name), STOCHASTIC);
      const rng = createRandom(23);
      const patterns: number[] = [];
      for (let field = 0; field < 255; field++) {
        for (const f of [0, 1, 0x7fffff, 0x400000, 0x200000, 0x300000]) patterns.push((field << 23) | f, (1 << 31) | (field << 23) | f);
        for (let r = 0; r < 4; r++) patterns.push((rng.integer(2) << 31) | (field << 23) | rng.integer(1 << 23));
      }
      const bits = Int32Array.from(patterns);
      const xs = new Float32Array(bits.buffer);
      const n = bits.length;
      const draws = Float64Array.from({ length: n }, () => rng.uniform());
      for (const s of [-127, -100, -60, -20, -3, 0, 1, 5, 40, 90, 127]) {
        const codes = new Uint8Array(n + 3);
        const out = new Float64Array(n + 3);
        const scale = 2 ** s;
        let k = 0;
        // a run from element 2 to n − 1, written from index 3: from, to and dst are honoured
        encodeFloat32RunStochastic(bits, 2, n - 1, FLOAT32_INDEX_OFFSET - s, 3, enc.bitsInverseStep, enc.bitsCodeBase,
          enc.maxCode, enc.signCode, codes, enc.values, 0, scale, out, () => draws[k++]);
        expect(k).toBe(n - 3); // one draw per element
        expect([codes[0], codes[1], codes[2], out[0], out[1], out[2]]).toEqual([0, 0, 0, 0, 0, 0]);
        for (let i = 2; i < n - 1; i++) {
          const want = encodeElement(enc, xs[i] * 2 ** -s, draws[i - 2]);
          const j = i + 1;
          if (codes[j] !== want || !Object.is(out[j], enc.values[want] * scale)) {
            expect({ s, x: xs[i], code: codes[j], value: out[j] }).toEqual({ s, x: xs[i], code: want, value: enc.values[want] * scale });
          }
        }
      }
    });
  }
});

describe("blockAmaxBits(bits, start, end)", () => {
  it("is the largest magnitude pattern |bits[i]| over [start, end), by a plain maximum over the range", () => {
    const rng = createRandom(31);
    const bits = Int32Array.from({ length: 64 }, () => rng.uint32() | 0);
    bits[5] = 0x7f800000; // +Inf
    bits[9] = 0xffc00000 | 0; // a negative NaN: its magnitude pattern is above +Inf's
    for (let start = 0; start < 12; start++) {
      for (let end = start; end <= 64; end += 1 + (end % 5)) {
        let want = 0;
        for (let i = start; i < end; i++) want = Math.max(want, bits[i] & 0x7fffffff);
        const got = blockAmaxBits(bits, start, end);
        if (got !== want) expect({ start, end, got }).toEqual({ start, end, got: want });
      }
    }
    // the largest element in the last, odd position and in either half
    expect(blockAmaxBits(Int32Array.from([1, 2, 3, 0x3f800000, 7, 0x40000000, 5]), 0, 7)).toBe(0x40000000);
    expect(blockAmaxBits(Int32Array.from([1, 2, 3, 4, 0x7f000000]), 0, 5)).toBe(0x7f000000);
    expect(blockAmaxBits(Int32Array.from([0x7f000000, 2, 3, 4, 5]), 0, 5)).toBe(0x7f000000);
    expect(blockAmaxBits(Int32Array.from([1, 0x7f000000, 3, 4, 5]), 0, 5)).toBe(0x7f000000);
  });
});

/**
 * The bit table of encodeFloat32Run against the binary64 encoder it is built from, on FP32 patterns
 * of every exponent field (zero and subnormal x included where the caller may pass them), with edge
 * significands (ties, all ones, all zeros) and random ones, for shared exponents across MX's range.
 * Each test builds its own encoder (not the cached one), so that mutation testing sees the tables built
 * inside the test that checks them.
 */
describe("encodeFloat32Run (bit table)", () => {
  const rng = createRandom(11);
  const fractions = [0, 1, 0x7fffff, 0x400000, 0x200000, 0x100000, 0x080000, 0x600000, 0x500000, 0x580000];
  for (const name of ["e2m1", "e2m3", "e3m2", "e4m3", "e5m2"] as const) {
    for (const mode of [NEAREST_EVEN, TOWARD_ZERO]) {
      it(`${name}, ${mode === NEAREST_EVEN ? "nearest-even" : "toward-zero"}: codes equal encodeElement`, () => {
        const enc = new ElementEncoder(formatDefinition(name), mode);
        const patterns: number[] = [];
        for (let field = 0; field < 255; field++) {
          for (const f of fractions) patterns.push((field << 23) | f, (1 << 31) | (field << 23) | f);
          for (let r = 0; r < 6; r++) patterns.push((rng.integer(2) << 31) | (field << 23) | rng.integer(1 << 23));
        }
        const bits = Int32Array.from(patterns);
        const xs = new Float32Array(bits.buffer);
        const codes = new Uint8Array(bits.length);
        const out = new Float64Array(bits.length);
        for (let s = -127; s <= 127; s += 3) {
          const offset = FLOAT32_INDEX_OFFSET - s;
          encodeFloat32Run(bits, 0, bits.length, offset << enc.bitsColumnBits, 0, enc.bitsCodes, enc.bitsTopShift,
            enc.bitsColumnMask, enc.bitsStickyMask, enc.signCode, codes, enc.values, 0, 1, out);
          const zerosReadRight = offset <= enc.bitsZeroRowEnd;
          for (let i = 0; i < bits.length; i++) {
            if (((bits[i] >>> 23) & 0xff) === 0 && !zerosReadRight) continue; // the caller's slow path
            const expected = encodeElement(enc, xs[i] * 2 ** -s, 0);
            if (codes[i] !== expected) expect([s, bits[i], codes[i]]).toEqual([s, bits[i], expected]);
          }
        }
      });
    }
  }
});

describe("the FP32 run encoders' contracts", () => {
  const name: FormatName = "e2m1";
  const values = [1.1, -2.6, 0.3, 5.9, -0.7, 3.2];
  const bits = new Int32Array(Float32Array.from(values).buffer);

  it("encodeFloat32Run writes codes and valueTable[valueBase + code]·scale into [dst, dst + to − from), nothing else", () => {
    const enc = new ElementEncoder(formatDefinition(name), NEAREST_EVEN);
    const s = 2; // y = x·2^−2, values scaled back by 4
    const codes = new Uint8Array(8).fill(99);
    const out = new Float64Array(8).fill(-7);
    const table = Float64Array.from([...enc.values, ...enc.values.map((v) => 10 * v)]); // valueBase 16: ten times
    encodeFloat32Run(bits, 1, 4, (FLOAT32_INDEX_OFFSET - s) << enc.bitsColumnBits, 2, enc.bitsCodes, enc.bitsTopShift,
      enc.bitsColumnMask, enc.bitsStickyMask, enc.signCode, codes, table, 16, 4, out);
    for (let i = 1; i < 4; i++) {
      const code = encodeElement(enc, values[i] / 4, 0);
      expect([codes[i + 1], out[i + 1]]).toEqual([code, 10 * decode(name, code) * 4]);
    }
    expect([codes[0], codes[1], codes[5], out[0], out[1], out[5]]).toEqual([99, 99, 99, -7, -7, -7]);
  });

  it("encodeFloat32RunStochastic refuses a draw outside [0, 1), naming options.random", () => {
    const enc = new ElementEncoder(formatDefinition(name), STOCHASTIC);
    expect(enc.bitsCodes).toHaveLength(0); // stochastic rounding needs no bit table
    const run = (u: unknown) => () =>
      encodeFloat32RunStochastic(bits, 0, 6, FLOAT32_INDEX_OFFSET, 0, enc.bitsInverseStep, enc.bitsCodeBase, enc.maxCode,
        enc.signCode, new Uint8Array(6), enc.values, 0, 1, new Float64Array(6), () => u as number);
    for (const u of [1, -0.5, NaN, 2]) expect(run(u)).toThrow(/^options\.random must return a number in \[0, 1\)/);
    expect(run(1)).toThrow(RangeError);
    expect(run("0.5")).toThrow(TypeError);
    for (const u of [0, 1 - 2 ** -53]) expect(run(u)).not.toThrow();
  });

  it("bitsZeroRowEnd is the last exponent row of the bit table whose codes are all 0", () => {
    for (const element of ELEMENTS) {
      const enc = new ElementEncoder(formatDefinition(element), NEAREST_EVEN);
      const width = 1 << enc.bitsColumnBits;
      const row = (j: number) => Array.from(enc.bitsCodes.subarray(j * width, (j + 1) * width));
      expect(row(enc.bitsZeroRowEnd).every((c) => c === 0)).toBe(true);
      expect(row(enc.bitsZeroRowEnd + 1).some((c) => c !== 0)).toBe(true);
    }
  });
});
