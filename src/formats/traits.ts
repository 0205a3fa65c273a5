/**
 * The number formats of the course, each defined by a handful of traits, as ml_dtypes defines its
 * small float types (google/ml_dtypes `float8.h`: exponent bits, mantissa bits, bias, signedness,
 * whether Inf exists, how NaN is encoded, whether zero and subnormals exist). Every limit in
 * {@link formatInfo} is derived from these traits; nothing is written per format twice.
 *
 * @packageDocumentation
 */
import { expectOneOf } from "../validation";
import { floorLog2, pow2 } from "./ieee754";

/**
 * Names of the formats: IEEE binary32/binary16, bfloat16, the OCP FP8/FP6/FP4 element types, the
 * OCP MX E8M0 scale, and signed two's-complement integers of 2 to 8 bits.
 */
export type FormatName =
  | "fp32"
  | "fp16"
  | "bf16"
  | "e5m2"
  | "e4m3"
  | "e3m2"
  | "e2m3"
  | "e2m1"
  | "e8m0"
  | "int2"
  | "int3"
  | "int4"
  | "int5"
  | "int6"
  | "int7"
  | "int8";

/**
 * Every format name, widest float first, then the scale type, then the integers by width.
 *
 * @example
 * ```ts
 * formatNames.filter((name) => formatInfo(name).bits <= 8).length; // 13
 * ```
 */
export const formatNames: readonly FormatName[] = Object.freeze([
  "fp32",
  "fp16",
  "bf16",
  "e5m2",
  "e4m3",
  "e3m2",
  "e2m3",
  "e2m1",
  "e8m0",
  "int2",
  "int3",
  "int4",
  "int5",
  "int6",
  "int7",
  "int8",
] as const);

/**
 * How a float format spends its all-ones exponent field on NaN:
 * - `"ieee"`: exponent all ones is reserved: mantissa 0 is ±Inf, any other mantissa is NaN (IEEE 754);
 * - `"fn"` ("finite, NaN"): only the all-ones magnitude code is NaN, the rest of that binade is finite
 *   (OCP OFP8 E4M3 S.1111.111; E8M0 0xFF);
 * - `"none"`: every code is a finite number (OCP MX FP6/FP4).
 */
export type NanEncoding = "ieee" | "fn" | "none";

/** The traits that define a binary floating-point format (see the module comment). */
export interface FloatTraits {
  /** Width of the biased exponent field E. */
  readonly exponentBits: number;
  /** Width of the stored mantissa (fraction) field m, without the implicit leading bit. */
  readonly mantissaBits: number;
  /** Exponent bias: a normal code with exponent field e has binary exponent e − bias. */
  readonly bias: number;
  /** Whether a sign bit precedes the exponent field. */
  readonly signed: boolean;
  /** Whether ±Infinity is encoded. */
  readonly hasInf: boolean;
  /** How NaN is encoded. */
  readonly nan: NanEncoding;
  /** Whether exponent field 0 holds subnormals 2^(1−bias)·f/2^m (else the grid stops at the least normal). */
  readonly subnormals: boolean;
  /** Whether exponent field 0 with mantissa 0 is zero; false for E8M0, whose code 0 is 2^−127. */
  readonly hasZero: boolean;
}

/** Traits of the float formats; sources in the comments (math.md §6.1 table). */
const FLOAT_TRAITS: Readonly<Record<string, FloatTraits>> = {
  // IEEE 754-2019 binary32
  fp32: { exponentBits: 8, mantissaBits: 23, bias: 127, signed: true, hasInf: true, nan: "ieee", subnormals: true, hasZero: true },
  // IEEE 754-2019 binary16
  fp16: { exponentBits: 5, mantissaBits: 10, bias: 15, signed: true, hasInf: true, nan: "ieee", subnormals: true, hasZero: true },
  // bfloat16: the top half of binary32
  bf16: { exponentBits: 8, mantissaBits: 7, bias: 127, signed: true, hasInf: true, nan: "ieee", subnormals: true, hasZero: true },
  // OCP OFP8 v1.0 E5M2: IEEE-like
  e5m2: { exponentBits: 5, mantissaBits: 2, bias: 15, signed: true, hasInf: true, nan: "ieee", subnormals: true, hasZero: true },
  // OCP OFP8 v1.0 E4M3 ("E4M3FN"): no Inf, only S.1111.111 is NaN
  e4m3: { exponentBits: 4, mantissaBits: 3, bias: 7, signed: true, hasInf: false, nan: "fn", subnormals: true, hasZero: true },
  // OCP MX v1.0 FP6 E3M2 and E2M3, FP4 E2M1: no Inf, no NaN
  e3m2: { exponentBits: 3, mantissaBits: 2, bias: 3, signed: true, hasInf: false, nan: "none", subnormals: true, hasZero: true },
  e2m3: { exponentBits: 2, mantissaBits: 3, bias: 1, signed: true, hasInf: false, nan: "none", subnormals: true, hasZero: true },
  e2m1: { exponentBits: 2, mantissaBits: 1, bias: 1, signed: true, hasInf: false, nan: "none", subnormals: true, hasZero: true },
  // OCP MX v1.0 E8M0 scale (torch float8_e8m0fnu): unsigned, no zero, no subnormals, 0xFF is NaN
  e8m0: { exponentBits: 8, mantissaBits: 0, bias: 127, signed: false, hasInf: false, nan: "fn", subnormals: false, hasZero: false },
};

/**
 * Limits and constants of a format, all derived from its traits.
 *
 * For integer formats (value = the integer) the float vocabulary is mapped as follows, so that
 * formulas written for floats stay meaningful: `exponentBits` 0, `mantissaBits` = bits − 1 (the
 * magnitude bits), `bias` 0, `emin` 0 (1 = 2^0 is the least positive value), `emax` = bits − 2 (the
 * exponent of the largest power of two ≤ max), `minNormal` = `minSubnormal` = 1, `epsilon` 1 (the
 * spacing everywhere), `unitRoundoff` 0.5 (the largest absolute, not relative, RNE error).
 */
export interface FormatInfo {
  readonly name: FormatName;
  /** `"float"` (signed floats), `"int"` (two's-complement integers) or `"scale"` (unsigned E8M0). */
  readonly kind: "float" | "int" | "scale";
  /** Storage width in bits, sign included. */
  readonly bits: number;
  readonly exponentBits: number;
  readonly mantissaBits: number;
  readonly bias: number;
  /** Binary exponent of the largest finite value (floor(log2 maxFinite)). */
  readonly emax: number;
  /** Binary exponent of the least positive normal value: 1 − bias, or −bias for E8M0 (no zero). */
  readonly emin: number;
  /** Largest finite value. */
  readonly maxFinite: number;
  /** Most negative finite value: −maxFinite for floats, −2^(bits−1) for integers, 2^−127 for E8M0. */
  readonly lowest: number;
  /** Least positive normal value 2^emin. */
  readonly minNormal: number;
  /** Least positive value 2^(emin − m); equals `minNormal` where there are no subnormals (E8M0). */
  readonly minSubnormal: number;
  readonly hasInf: boolean;
  readonly hasNaN: boolean;
  /** Whether a sign bit exists (false only for E8M0). */
  readonly signed: boolean;
  /** Whether exponent field 0 holds subnormals. */
  readonly hasSubnormals: boolean;
  /** NaN encoding kind (`"none"` for integers). */
  readonly nanEncoding: NanEncoding;
  /** Spacing of the grid at 1: 2^−m (1 for E8M0 and for integers). */
  readonly epsilon: number;
  /** Largest relative RNE error in the normal range: 2^−(m+1) (0.5 absolute for integers). */
  readonly unitRoundoff: number;
  /** Number of codes 2^bits (NaN and Inf codes included). */
  readonly codeCount: number;
}

/**
 * Everything the codecs and rounding need about one format, derived once from its traits.
 * Internal to `src/formats`.
 */
export interface FormatDefinition {
  readonly name: FormatName;
  readonly kind: "float" | "int" | "scale";
  readonly bits: number;
  /** Traits for float and scale kinds; undefined for integers. */
  readonly traits: FloatTraits | undefined;
  readonly info: FormatInfo;
  /** 2^(bits−1) for signed formats (the sign bit as a code offset), else 0. */
  readonly signCode: number;
  /** Largest finite magnitude code (sign bit clear). */
  readonly maxMagnitudeCode: number;
  /** Canonical NaN code (positive, quiet), or −1 when the format has no NaN. */
  readonly nanCode: number;
  /** Code of +Inf, or −1 when the format has no Inf. */
  readonly infCode: number;
  /** Least and greatest integer (integers only; NaN for floats). */
  readonly intMin: number;
  readonly intMax: number;
}

/** Value of a magnitude code (sign bit clear) of a float format, per math.md §6.1; no NaN/Inf check. */
export function decodeFloatMagnitude(t: FloatTraits, magnitude: number): number {
  const m = t.mantissaBits;
  const scale = pow2(m);
  const exponentField = Math.floor(magnitude / scale);
  const fraction = magnitude - exponentField * scale;
  if (exponentField === 0 && t.hasZero) return fraction * pow2(1 - t.bias - m); // zero or subnormal
  return (scale + fraction) * pow2(exponentField - t.bias - m);
}

function defineFloat(name: FormatName, t: FloatTraits): FormatDefinition {
  const m = t.mantissaBits;
  const bits = (t.signed ? 1 : 0) + t.exponentBits + m;
  const magnitudeCodes = pow2(t.exponentBits + m);
  const topExponentCode = (pow2(t.exponentBits) - 1) * pow2(m);
  // ieee: the whole top binade is Inf/NaN; fn: only the all-ones code is NaN; none: all codes finite
  const maxMagnitudeCode =
    t.nan === "ieee" ? topExponentCode - 1 : t.nan === "fn" ? magnitudeCodes - 2 : magnitudeCodes - 1;
  const maxFinite = decodeFloatMagnitude(t, maxMagnitudeCode);
  const emin = t.hasZero ? 1 - t.bias : -t.bias;
  const minNormal = pow2(emin);
  const kind = t.signed ? "float" : "scale";
  const info: FormatInfo = Object.freeze({
    name,
    kind,
    bits,
    exponentBits: t.exponentBits,
    mantissaBits: m,
    bias: t.bias,
    emax: floorLog2(maxFinite),
    emin,
    maxFinite,
    lowest: t.signed ? -maxFinite : minNormal,
    minNormal,
    minSubnormal: t.subnormals ? pow2(emin - m) : minNormal,
    hasInf: t.hasInf,
    hasNaN: t.nan !== "none",
    signed: t.signed,
    hasSubnormals: t.subnormals,
    nanEncoding: t.nan,
    epsilon: pow2(-m),
    unitRoundoff: pow2(-m - 1),
    codeCount: pow2(bits),
  });
  return {
    name,
    kind,
    bits,
    traits: t,
    info,
    signCode: t.signed ? pow2(bits - 1) : 0,
    maxMagnitudeCode,
    // ieee quiet NaN: top exponent with the leading mantissa bit set (0x7E00 for fp16, 0x7FC00000 fp32)
    nanCode: t.nan === "ieee" ? topExponentCode + pow2(m - 1) : t.nan === "fn" ? magnitudeCodes - 1 : -1,
    infCode: t.hasInf ? topExponentCode : -1,
    intMin: NaN,
    intMax: NaN,
  };
}

function defineInt(name: FormatName, bits: number): FormatDefinition {
  const intMax = pow2(bits - 1) - 1;
  const intMin = -pow2(bits - 1);
  const info: FormatInfo = Object.freeze({
    name,
    kind: "int",
    bits,
    exponentBits: 0,
    mantissaBits: bits - 1,
    bias: 0,
    emax: bits - 2,
    emin: 0,
    maxFinite: intMax,
    lowest: intMin,
    minNormal: 1,
    minSubnormal: 1,
    hasInf: false,
    hasNaN: false,
    signed: true,
    hasSubnormals: false,
    nanEncoding: "none",
    epsilon: 1,
    unitRoundoff: 0.5,
    codeCount: pow2(bits),
  });
  return {
    name,
    kind: "int",
    bits,
    traits: undefined,
    info,
    signCode: pow2(bits - 1),
    maxMagnitudeCode: intMax,
    nanCode: -1,
    infCode: -1,
    intMin,
    intMax,
  };
}

const DEFINITIONS: ReadonlyMap<string, FormatDefinition> = new Map(
  formatNames.map((name): [string, FormatDefinition] => {
    const traits = FLOAT_TRAITS[name];
    return [name, traits ? defineFloat(name, traits) : defineInt(name, Number(name.slice(3)))];
  }),
);

/**
 * The definition of format `name`, after checking the name (internal; `parameter` names the argument
 * in the error message).
 */
export function formatDefinition(name: unknown, parameter = "name"): FormatDefinition {
  expectOneOf(parameter, name, formatNames);
  return DEFINITIONS.get(name) as FormatDefinition;
}

/**
 * Limits and constants of a number format, derived from its traits (see {@link FormatInfo}).
 *
 * - maxFinite = largest finite code's value, e.g. E4M3 S.1111.110 = 1.75·2^8 = 448, E5M2
 *   S.11110.11 = 1.75·2^15 = 57344, E2M1 S.11.1 = 1.5·2^2 = 6, E8M0 0xFE = 2^127;
 * - minNormal = 2^emin with emin = 1 − bias; minSubnormal = 2^(emin − m);
 * - epsilon = 2^−m (the spacing at 1), unitRoundoff = 2^−(m+1) (|fl(x) − x| ≤ u·|x| for RNE in the
 *   normal range).
 *
 * Source: IEEE 754-2019 (fp32, fp16), OCP OFP8 v1.0 (e5m2, e4m3), OCP MX v1.0 §5 (e3m2, e2m3, e2m1,
 * e8m0); values checked against math.md §6.1.
 *
 * @throws RangeError for an unknown name (TypeError if it is not a string).
 * @example
 * ```ts
 * formatInfo("e4m3").maxFinite; // 448
 * formatInfo("fp16").minSubnormal; // 5.960464477539063e-8 (2^-24)
 * formatInfo("int8").lowest; // -128
 * ```
 */
export function formatInfo(name: FormatName): FormatInfo {
  return formatDefinition(name).info;
}
