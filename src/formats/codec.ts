/**
 * Codes ↔ values for every format, by one generic field decoder/encoder driven by the traits.
 *
 * A code is the unsigned integer bit pattern 0 … 2^bits − 1: sign bit (if any), then the biased
 * exponent field, then the mantissa field; for integers, the two's-complement pattern.
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger, expectNumber } from "../validation";
import { F64, HI, U32, floorLog2, pow2 } from "./ieee754";
import { expectOptions, nextDraw, resolveRounding, roundValue, roundingPlan } from "./rounding";
import type { RoundingOptions } from "./rounding";
import { decodeFloatMagnitude, formatDefinition } from "./traits";
import type { FormatDefinition, FormatName } from "./traits";

/** Value of a valid code of a format (internal, no validation). */
export function decodeCode(def: FormatDefinition, code: number): number {
  if (def.kind === "int") return code >= def.signCode ? code - 2 * def.signCode : code;
  const t = def.traits as NonNullable<FormatDefinition["traits"]>;
  const negative = def.signCode !== 0 && code >= def.signCode;
  const magnitude = negative ? code - def.signCode : code;
  if (magnitude > def.maxMagnitudeCode) {
    // beyond the largest finite code: Inf (ieee, mantissa 0) or NaN
    return magnitude === def.infCode ? (negative ? -Infinity : Infinity) : NaN;
  }
  const value = decodeFloatMagnitude(t, magnitude);
  return negative ? -value : value;
}

/**
 * Code of a value that is already on the format's grid (internal, no validation): the result of
 * `roundValue`. NaN gives the canonical NaN code (−1 if the format has none).
 */
export function codeOfValue(def: FormatDefinition, value: number): number {
  if (value !== value) return def.nanCode;
  if (def.kind === "int") return value < 0 ? value + 2 * def.signCode : value;
  const t = def.traits as NonNullable<FormatDefinition["traits"]>;
  F64[0] = value;
  const sign = U32[HI] >>> 31 !== 0 && def.signCode !== 0 ? def.signCode : 0;
  const a = Math.abs(value);
  if (a === Infinity) return sign + def.infCode;
  if (a === 0) return sign;
  const m = t.mantissaBits;
  const emin = def.info.emin;
  const e = floorLog2(a);
  if (e < emin) return sign + a * pow2(m - emin); // subnormal: exponent field 0, fraction a / 2^(emin−m)
  // E8M0 (no zero) has e ≥ emin = −bias, so its exponent field 0 is the normal binade 2^−127
  return sign + (e + t.bias) * pow2(m) + (a * pow2(m - e) - pow2(m));
}

/**
 * The value of a code of format `name`.
 *
 * Floats (math.md §6.1): normal (exponent field e ≥ 1) (−1)^s·2^(e − bias)·(1 + f/2^m); subnormal
 * (e = 0) (−1)^s·2^(1 − bias)·f/2^m; the all-ones exponent is ±Inf (f = 0) or NaN in IEEE-like formats
 * (fp32, fp16, bf16, e5m2); in E4M3 only S.1111.111 is NaN; E2M3/E3M2/E2M1 have no special codes.
 * E8M0: 2^(code − 127) for code 0…254, NaN for 0xFF (no zero, no sign). Integers: the two's-complement
 * value of the pattern (code − 2^bits when the top bit is set).
 *
 * Source: IEEE 754-2019 §3.4; OCP OFP8 v1.0; OCP MX v1.0 §5.3–5.4.
 *
 * @param code - integer in [0, 2^bits − 1]
 * @throws RangeError for an unknown format or a code that is not an integer in range.
 * @example
 * ```ts
 * decode("e4m3", 0x7e); // 448
 * decode("e4m3", 0x7f); // NaN
 * decode("e2m1", 0b1111); // -6
 * decode("e8m0", 127); // 1
 * decode("int4", 0b1000); // -8
 * ```
 */
export function decode(name: FormatName, code: number): number {
  const def = formatDefinition(name);
  expectInteger("code", code, 0, def.info.codeCount - 1);
  return decodeCode(def, code);
}

/**
 * The code of the representable value that x rounds to, `quantize(name, x, options)` (see there for
 * rounding, overflow and special values).
 *
 * −0 keeps its sign bit; NaN gives the canonical quiet NaN code (fp32 0x7FC00000, fp16 0x7E00, bf16
 * 0x7FC0, e5m2 0x7E, e4m3 0x7F, e8m0 0xFF). A NaN result in a format without a NaN code (E3M2, E2M3,
 * E2M1, integers), i.e. x = NaN, throws: such formats only carry NaN through a block scale (in MX a
 * block with NaN gets the NaN scale 0xFF).
 *
 * Source: IEEE 754-2019 §5.4.2 (convertFormat), OCP OFP8 v1.0 §5 (conversion modes).
 *
 * @throws RangeError for an unknown format, bad options, or a NaN x in a format without NaN.
 * @example
 * ```ts
 * encode("e4m3", 3.14159); // 0x45 (3.25 = 1.625·2^1)
 * encode("e5m2", -0); // 0x80
 * encode("fp16", 65520); // 0x7c00 (+Inf: the tie between 65504 and 2^16 goes to the even 2^16)
 * encode("int8", -1); // 255
 * ```
 */
export function encode(name: FormatName, x: number, options?: RoundingOptions): number {
  const def = formatDefinition(name);
  expectNumber("x", x);
  const o = resolveRounding(expectOptions("options", options));
  const plan = roundingPlan(def, o.mode, o.saturate, o.flush);
  const u = nextDraw(o.random);
  const value = roundValue(plan, x, u);
  if (value !== value && def.nanCode < 0) {
    throw new RangeError(
      `x = ${describeValue(x)} rounds to NaN, and ${name} has no NaN code (its NaN travels in a block scale)`,
    );
  }
  return codeOfValue(def, value);
}
