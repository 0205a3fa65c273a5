import { describe, expect, it } from "vitest";
import { formatInfo, formatNames } from "../../../src/formats/index";
import type { FormatInfo, FormatName } from "../../../src/formats/index";
import { decodeFloatMagnitude, formatDefinition } from "../../../src/formats/traits";

/**
 * Every field of formatInfo, written out from the format definitions (IEEE 754-2019 binary32/binary16,
 * bfloat16 = the top half of binary32, OCP OFP8 v1.0 E5M2/E4M3, OCP MX v1.0 §5 FP6/FP4 and E8M0;
 * math.md §6.1), not derived from traits: emin = 1 − bias (−bias for E8M0, whose code 0 is 2^−127),
 * emax = the exponent of the largest finite value, minSubnormal = 2^(emin − m), epsilon 2^−m,
 * unit roundoff 2^−(m+1). Integers follow the mapping of the FormatInfo TSDoc.
 */
type Row = Omit<FormatInfo, "name">;
const float = (
  bits: number,
  exponentBits: number,
  mantissaBits: number,
  bias: number,
  emax: number,
  emin: number,
  maxFinite: number,
  minSubnormal: number,
  hasInf: boolean,
  hasNaN: boolean,
  nanEncoding: "ieee" | "fn" | "none",
): Row => ({
  kind: "float",
  bits,
  exponentBits,
  mantissaBits,
  bias,
  emax,
  emin,
  maxFinite,
  lowest: -maxFinite,
  minNormal: 2 ** emin,
  minSubnormal,
  hasInf,
  hasNaN,
  signed: true,
  hasSubnormals: true,
  nanEncoding,
  epsilon: 2 ** -mantissaBits,
  unitRoundoff: 2 ** -(mantissaBits + 1),
  codeCount: 2 ** bits,
});
// the integer mapping of the FormatInfo TSDoc: no exponent, magnitude bits b − 1, spacing 1 everywhere
const INT_COMMON = { kind: "int", exponentBits: 0, bias: 0, emin: 0, minNormal: 1, minSubnormal: 1, epsilon: 1, unitRoundoff: 0.5 } as const;
const INT_FLAGS = { hasInf: false, hasNaN: false, signed: true, hasSubnormals: false, nanEncoding: "none" } as const;
const integer = (b: number): Row => {
  const half = 2 ** (b - 1);
  return { ...INT_COMMON, ...INT_FLAGS, bits: b, mantissaBits: b - 1, emax: b - 2, maxFinite: half - 1, lowest: -half, codeCount: 2 * half };
};

const TABLE: Record<FormatName, Row> = {
  fp32: float(32, 8, 23, 127, 127, -126, 3.4028234663852886e38, 2 ** -149, true, true, "ieee"),
  fp16: float(16, 5, 10, 15, 15, -14, 65504, 2 ** -24, true, true, "ieee"),
  bf16: float(16, 8, 7, 127, 127, -126, 3.3895313892515355e38, 2 ** -133, true, true, "ieee"),
  e5m2: float(8, 5, 2, 15, 15, -14, 57344, 2 ** -16, true, true, "ieee"),
  e4m3: float(8, 4, 3, 7, 8, -6, 448, 2 ** -9, false, true, "fn"),
  e3m2: float(6, 3, 2, 3, 4, -2, 28, 2 ** -4, false, false, "none"),
  e2m3: float(6, 2, 3, 1, 2, 0, 7.5, 2 ** -3, false, false, "none"),
  e2m1: float(4, 2, 1, 1, 2, 0, 6, 0.5, false, false, "none"),
  e8m0: {
    kind: "scale",
    bits: 8,
    exponentBits: 8,
    mantissaBits: 0,
    bias: 127,
    emax: 127,
    emin: -127,
    maxFinite: 2 ** 127,
    lowest: 2 ** -127,
    minNormal: 2 ** -127,
    minSubnormal: 2 ** -127,
    hasInf: false,
    hasNaN: true,
    signed: false,
    hasSubnormals: false,
    nanEncoding: "fn",
    epsilon: 1,
    unitRoundoff: 0.5,
    codeCount: 256,
  },
  int2: integer(2),
  int3: integer(3),
  int4: integer(4),
  int5: integer(5),
  int6: integer(6),
  int7: integer(7),
  int8: integer(8),
};

describe("formatInfo(name): every field from the format definitions", () => {
  it.each(Object.keys(TABLE) as FormatName[])("%s", (name) => {
    expect(formatInfo(name)).toEqual({ name, ...TABLE[name] });
    expect(Object.isFrozen(formatInfo(name))).toBe(true);
  });

  it("formatNames lists the sixteen formats, widest float first, then E8M0, then the integers by width", () => {
    expect(formatNames).toEqual(["fp32", "fp16", "bf16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1", "e8m0", "int2", "int3", "int4", "int5", "int6", "int7", "int8"]);
    expect(Object.isFrozen(formatNames)).toBe(true);
  });
});

/**
 * The internal definition each codec works from, against codes written out from the format definitions:
 * the sign bit as a code offset, the largest finite magnitude code (fp16 0x7BFF = S.11110.1111111111,
 * E4M3 0x7E = S.1111.110, E8M0 0xFE), the canonical quiet NaN (top exponent, leading mantissa bit set)
 * and +Inf (top exponent, mantissa 0). Magnitude codes decode by math.md §6.1: field e = 0 is
 * 2^(1 − bias)·f/2^m (zero, subnormals), e ≥ 1 is 2^(e − bias)·(1 + f/2^m); E8M0 is 2^(code − 127).
 */
const CODES: Record<string, [signCode: number, maxMagnitudeCode: number, nanCode: number, infCode: number]> = {
  fp32: [0x80000000, 0x7f7fffff, 0x7fc00000, 0x7f800000],
  fp16: [0x8000, 0x7bff, 0x7e00, 0x7c00],
  bf16: [0x8000, 0x7f7f, 0x7fc0, 0x7f80],
  e5m2: [0x80, 0x7b, 0x7e, 0x7c],
  e4m3: [0x80, 0x7e, 0x7f, -1],
  e3m2: [0x20, 0x1f, -1, -1],
  e2m3: [0x20, 0x1f, -1, -1],
  e2m1: [0x8, 0x7, -1, -1],
  e8m0: [0, 0xfe, 0xff, -1],
};

describe("formatDefinition(name): the codes of the definitions", () => {
  it.each(formatNames)("%s", (name) => {
    const def = formatDefinition(name);
    expect([def.name, def.kind, def.bits, def.info]).toEqual([name, TABLE[name].kind, TABLE[name].bits, formatInfo(name)]);
    if (TABLE[name].kind === "int") {
      const half = 2 ** (TABLE[name].bits - 1);
      expect([def.signCode, def.maxMagnitudeCode, def.nanCode, def.infCode, def.intMin, def.intMax]).toEqual([half, half - 1, -1, -1, -half, half - 1]);
      expect(def.traits).toBeUndefined();
      return;
    }
    expect([def.signCode, def.maxMagnitudeCode, def.nanCode, def.infCode]).toEqual(CODES[name]);
    expect([def.intMin, def.intMax]).toEqual([NaN, NaN]);
    const t = def.traits!;
    const { mantissaBits: m, bias } = TABLE[name];
    const codes = name === "fp32" ? [0, 1, 0x7fffff, 0x800000, 0x3f800000, 0x7f7fffff] : Array.from({ length: def.maxMagnitudeCode + 1 }, (_, c) => c);
    for (const c of codes) {
      const e = Math.floor(c / 2 ** m);
      const f = c % 2 ** m;
      const want = name === "e8m0" ? 2 ** (c - 127) : e === 0 ? 2 ** (1 - bias) * (f / 2 ** m) : 2 ** (e - bias) * (1 + f / 2 ** m);
      if (decodeFloatMagnitude(t, c) !== want) expect({ name, c, got: decodeFloatMagnitude(t, c) }).toEqual({ name, c, got: want });
    }
  });

  it("no float format has a zero but no subnormals: only E8M0 lacks subnormals, and it has no zero (roundSpecial relies on it)", () => {
    // rounding.ts sends every value below minNormal of a format without subnormals to minNormal, which is right
    // only when the format has no zero; a format with a zero and no subnormals would need the grid {0, minNormal}
    const withoutSubnormals = formatNames.filter((name) => formatDefinition(name).traits?.subnormals === false);
    expect(withoutSubnormals).toEqual(["e8m0"]);
    expect(formatDefinition("e8m0").traits!.hasZero).toBe(false);
  });

  it("names the parameter it checks: name by default, the caller's name otherwise", () => {
    expect(() => formatDefinition("fp64")).toThrow(/^name must be one of "fp32", "fp16"/);
    expect(() => formatDefinition("fp64", "element")).toThrow(/^element must be one of "fp32"/);
    expect(() => formatDefinition("fp64")).toThrow(/got "fp64"/);
  });
});
