import { describe, expect, it } from "vitest";
import { decode, encode, formatInfo, formatNames, representableValues } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";

/**
 * An independent decoder, written from the definition table of math.md §6.1 (and the OCP specs):
 * normal (−1)^s·2^(e−bias)·(1 + f/2^m), subnormal (−1)^s·2^(1−bias)·f/2^m; IEEE-like formats spend
 * the all-ones exponent on Inf (f = 0) and NaN; E4M3 only S.1111.111; E8M0 is 2^(code−127), 0xFF NaN.
 */
interface FloatSpec {
  E: number;
  M: number;
  bias: number;
  signed: boolean;
  special: "ieee" | "fn" | "none" | "e8m0";
}
const FLOAT_SPECS: Record<string, FloatSpec> = {
  fp16: { E: 5, M: 10, bias: 15, signed: true, special: "ieee" },
  bf16: { E: 8, M: 7, bias: 127, signed: true, special: "ieee" },
  e5m2: { E: 5, M: 2, bias: 15, signed: true, special: "ieee" },
  e4m3: { E: 4, M: 3, bias: 7, signed: true, special: "fn" },
  e3m2: { E: 3, M: 2, bias: 3, signed: true, special: "none" },
  e2m3: { E: 2, M: 3, bias: 1, signed: true, special: "none" },
  e2m1: { E: 2, M: 1, bias: 1, signed: true, special: "none" },
  e8m0: { E: 8, M: 0, bias: 127, signed: false, special: "e8m0" },
};

function referenceDecode(name: string, code: number): number {
  if (name.startsWith("int")) {
    const bits = Number(name.slice(3));
    return code >= 2 ** (bits - 1) ? code - 2 ** bits : code;
  }
  const { E, M, bias, signed, special } = FLOAT_SPECS[name];
  const s = signed ? Math.floor(code / 2 ** (E + M)) : 0;
  const e = Math.floor(code / 2 ** M) % 2 ** E;
  const f = code % 2 ** M;
  const sign = s === 1 ? -1 : 1;
  if (special === "e8m0") return e === 255 ? NaN : 2 ** (e - 127);
  if (special === "ieee" && e === 2 ** E - 1) return f === 0 ? sign * Infinity : NaN;
  if (special === "fn" && e === 2 ** E - 1 && f === 2 ** M - 1) return NaN;
  if (e === 0) return sign * 2 ** (1 - bias) * (f / 2 ** M);
  return sign * 2 ** (e - bias) * (1 + f / 2 ** M);
}

const SMALL: FormatName[] = formatNames.filter((n) => n !== "fp32" && n !== "fp16" && n !== "bf16");
const CANONICAL_NAN: Partial<Record<FormatName, number>> = {
  fp32: 0x7fc00000,
  fp16: 0x7e00,
  bf16: 0x7fc0,
  e5m2: 0x7e,
  e4m3: 0x7f,
  e8m0: 0xff,
};

describe("decode(name, code) and encode(name, x) on every code", () => {
  it("decodes every code of every format of at most 8 bits to the value built from its fields", () => {
    for (const name of SMALL) {
      const count = 2 ** formatInfo(name).bits;
      for (let code = 0; code < count; code++) {
        const got = decode(name, code);
        const want = referenceDecode(name, code);
        if (!Object.is(got, want)) expect({ name, code, got }).toEqual({ name, code, got: want });
      }
    }
  });

  it("re-encodes every non-NaN code of every format of at most 8 bits to itself (−0 and ±Inf included)", () => {
    for (const name of SMALL) {
      const count = 2 ** formatInfo(name).bits;
      for (let code = 0; code < count; code++) {
        const v = referenceDecode(name, code);
        if (Number.isNaN(v)) continue;
        const back = encode(name, v);
        if (back !== code) expect({ name, code, back }).toEqual({ name, code, back: code });
      }
    }
  });

  it("decodes and re-encodes all 65,536 codes of fp16 and bf16", () => {
    for (const name of ["fp16", "bf16"] as const) {
      for (let code = 0; code < 65536; code++) {
        const got = decode(name, code);
        const want = referenceDecode(name, code);
        if (!Object.is(got, want)) expect({ name, code, got }).toEqual({ name, code, got: want });
        if (!Number.isNaN(want) && encode(name, want) !== code) {
          expect({ name, code, back: encode(name, want) }).toEqual({ name, code, back: code });
        }
      }
    }
  });

  it("decodes fp32 codes like the hardware reinterpretation of the bits, and round-trips them", () => {
    const rng = createRandom(32);
    const u32 = new Uint32Array(1);
    const f32 = new Float32Array(u32.buffer);
    const codes = [0, 0x80000000, 1, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x3f800000];
    for (let i = 0; i < 20000; i++) codes.push(rng.uint32());
    for (const code of codes) {
      u32[0] = code;
      const want = f32[0];
      const got = decode("fp32", code);
      if (!Object.is(got, want)) expect({ code, got }).toEqual({ code, got: want });
      if (!Number.isNaN(want)) expect(encode("fp32", want)).toBe(code);
    }
  });

  it("decodes every NaN code to NaN and encodes NaN to the canonical quiet NaN code", () => {
    for (const name of formatNames) {
      const canonical = CANONICAL_NAN[name];
      if (canonical === undefined) {
        expect(formatInfo(name).hasNaN).toBe(false);
        expect(() => encode(name, NaN)).toThrow(RangeError);
        expect(() => encode(name, NaN)).toThrow(/x = NaN/);
        continue;
      }
      expect(formatInfo(name).hasNaN).toBe(true);
      expect(encode(name, NaN)).toBe(canonical);
      expect(decode(name, canonical)).toBeNaN();
    }
    // which codes are NaN: all S.11111.{01,10,11} in E5M2, only S.1111.111 in E4M3, only 0xFF in E8M0
    const nanCodes = (name: FormatName) =>
      Array.from({ length: 256 }, (_, c) => c).filter((c) => Number.isNaN(decode(name, c)));
    expect(nanCodes("e5m2")).toEqual([0x7d, 0x7e, 0x7f, 0xfd, 0xfe, 0xff]);
    expect(nanCodes("e4m3")).toEqual([0x7f, 0xff]);
    expect(nanCodes("e8m0")).toEqual([0xff]);
  });

  it("encodes −0 with the sign bit, and integers in two's complement", () => {
    expect(encode("e4m3", -0)).toBe(0x80);
    expect(encode("e2m1", -0)).toBe(0x8);
    expect(encode("fp16", -0)).toBe(0x8000);
    expect(encode("fp32", -0)).toBe(0x80000000);
    expect(encode("int8", -1)).toBe(0xff);
    expect(encode("int8", -128)).toBe(0x80);
    expect(encode("int4", -0)).toBe(0);
    expect(encode("int2", -2)).toBe(0b10);
  });
});

describe("encode(name, x, options) with rounding options", () => {
  it("encodes the neighbour each rounding picks: the code of the lower or upper value in the decoded table", () => {
    // neighbours of x from a linear search over decoded codes (checked above against the definition);
    // stochastic: the upper magnitude iff u < (|x| − lower)/(upper − lower)
    const rng = createRandom(77);
    for (const name of ["e4m3", "e5m2", "e2m1", "e3m2", "int8"] as FormatName[]) {
      const info = formatInfo(name);
      const positive: [number, number][] = [];
      for (let c = 0; c < info.codeCount; c++) {
        const v = referenceDecode(name, c);
        if (v >= 0 && !Object.is(v, -0) && v <= info.maxFinite) positive.push([v, c]);
      }
      const codeOf = (v: number, negative: boolean) => {
        const c = positive.find(([w]) => w === v)![1];
        if (!negative) return c;
        return info.kind === "int" ? (c === 0 ? 0 : info.codeCount - c) : c + info.codeCount / 2;
      };
      for (let i = 0; i < 300; i++) {
        const a = info.maxFinite * rng.uniform() ** 3;
        const negative = rng.uniform() < 0.5;
        const x = negative ? -a : a;
        const low = Math.max(...positive.map(([v]) => v).filter((v) => v <= a));
        const high = Math.min(...positive.map(([v]) => v).filter((v) => v >= a));
        const u = rng.uniform();
        const up = low !== high && u < (a - low) / (high - low);
        expect(encode(name, x, { rounding: "stochastic", random: () => u })).toBe(codeOf(up ? high : low, negative));
        expect(encode(name, x, { rounding: "toward-zero" })).toBe(codeOf(low, negative));
      }
    }
    // saturation and flushing reach the code: E4M3 500 → 448 = 0x7E, fp16 2^−20 flushed → 0
    expect(encode("e4m3", 500, { saturate: true })).toBe(0x7e);
    expect(encode("e4m3", 500)).toBe(0x7f);
    expect(encode("fp16", 2 ** -20, { flushSubnormals: true })).toBe(0);
    expect(encode("fp16", 2 ** -20)).toBe(0x10);
  });

  it("names the options and the NaN it cannot encode", () => {
    expect(() => encode("e4m3", 1, 5 as never)).toThrow(/^options must be an object, got 5/);
    expect(() => encode("e4m3", 1, { rounding: "up" as never })).toThrow(/^options\.rounding must be one of/);
    expect(() => encode("e2m1", NaN)).toThrow("x = NaN rounds to NaN, and e2m1 has no NaN code (its NaN travels in a block scale)");
    expect(() => encode("int4", NaN)).toThrow(/and int4 has no NaN code/);
  });
});

describe("formatInfo(name) and the counts of math.md §6.1", () => {
  it("counts 126 positive E4M3 values (7 subnormal), 123 positive finite E5M2 values and 31 positive E3M2 values", () => {
    const positives = (name: FormatName) =>
      Array.from({ length: 2 ** formatInfo(name).bits }, (_, c) => referenceDecode(name, c)).filter(
        (v) => v > 0 && Number.isFinite(v),
      );
    expect(positives("e4m3")).toHaveLength(126);
    expect(positives("e4m3").filter((v) => v < 2 ** -6)).toHaveLength(7);
    expect(positives("e5m2")).toHaveLength(123);
    expect(positives("e3m2")).toHaveLength(31);
    expect(representableValues("e4m3").filter((v) => v > 0)).toHaveLength(126);
    expect(representableValues("e5m2").filter((v) => v > 0)).toHaveLength(123);
    expect(representableValues("e3m2").filter((v) => v > 0)).toHaveLength(31);
    expect(Array.from(representableValues("e2m1"))).toEqual([-6, -4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4, 6]);
  });

  it("lists the sorted distinct finite values of each format of at most 16 bits (±0 once)", () => {
    for (const name of formatNames) {
      if (name === "fp32") {
        expect(() => representableValues(name)).toThrow(RangeError);
        continue;
      }
      const all = Array.from({ length: 2 ** formatInfo(name).bits }, (_, c) => referenceDecode(name, c))
        .filter((v) => Number.isFinite(v))
        .map((v) => (v === 0 ? 0 : v));
      const want = Array.from(new Set(all)).sort((a, b) => a - b);
      const got = representableValues(name);
      expect(got).toBeInstanceOf(Float64Array);
      expect(Array.from(got)).toEqual(want);
    }
  });

  it("matches the limits table: max finite, min normal, min subnormal, emax, epsilon, unit roundoff", () => {
    // [maxFinite, minNormal, minSubnormal, emax, epsilon 2^−m, unit roundoff 2^−(m+1)] from math.md §6.1
    const table: Partial<Record<FormatName, [number, number, number, number, number, number]>> = {
      fp32: [(2 - 2 ** -23) * 2 ** 127, 2 ** -126, 2 ** -149, 127, 2 ** -23, 2 ** -24],
      fp16: [65504, 2 ** -14, 2 ** -24, 15, 2 ** -10, 2 ** -11],
      bf16: [(2 - 2 ** -7) * 2 ** 127, 2 ** -126, 2 ** -133, 127, 2 ** -7, 2 ** -8],
      e5m2: [57344, 2 ** -14, 2 ** -16, 15, 0.25, 0.125],
      e4m3: [448, 0.015625, 0.001953125, 8, 0.125, 0.0625],
      e3m2: [28, 0.25, 0.0625, 4, 0.25, 0.125],
      e2m3: [7.5, 1, 0.125, 2, 0.125, 0.0625],
      e2m1: [6, 1, 0.5, 2, 0.5, 0.25],
      e8m0: [2 ** 127, 2 ** -127, 2 ** -127, 127, 1, 0.5],
    };
    for (const [name, row] of Object.entries(table) as [FormatName, number[]][]) {
      const info = formatInfo(name);
      expect([info.maxFinite, info.minNormal, info.minSubnormal, info.emax, info.epsilon, info.unitRoundoff]).toEqual(row);
      expect(info.kind).toBe(name === "e8m0" ? "scale" : "float");
    }
    expect(formatInfo("fp32").maxFinite).toBe(3.4028234663852886e38);
    expect(formatInfo("e4m3").hasInf).toBe(false);
    expect(formatInfo("e5m2").hasInf).toBe(true);
    expect(formatInfo("e2m1").hasNaN).toBe(false);
    expect(formatInfo("e8m0").signed).toBe(false);
    expect(formatInfo("e4m3").codeCount).toBe(256);
    for (let bits = 2; bits <= 8; bits++) {
      const info = formatInfo(`int${bits}` as FormatName);
      expect(info.kind).toBe("int");
      expect([info.maxFinite, info.lowest, info.minNormal, info.minSubnormal]).toEqual([2 ** (bits - 1) - 1, -(2 ** (bits - 1)), 1, 1]);
      expect([info.epsilon, info.unitRoundoff, info.codeCount]).toEqual([1, 0.5, 2 ** bits]);
    }
  });
});
