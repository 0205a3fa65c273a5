import type { FormatDefinition } from "./traits";

/**
 * Nearest-even rounding of FP32 values to a format that shares FP32's exponent field (8 bits, bias 127,
 * IEEE Inf and NaN, subnormals): bf16. The two grids then have the same binades, so rounding to m
 * mantissa bits is integer arithmetic on the FP32 bit pattern (IEEE 754 round-to-nearest-even):
 * add 2^(22−m) − 1 plus the lowest kept mantissa bit, then clear the 23 − m dropped bits. A carry out of
 * the mantissa moves to the next binade, and a carry out of the largest finite value gives the Inf
 * pattern, which is IEEE overflow; subnormals round on the same fixed spacing, as they should.
 * NaN patterns (magnitude above 0x7f800000) come out as a quiet NaN, since adding to them could
 * otherwise produce the Inf pattern.
 *
 * This is the same rounding as `quantize` (the tests compare them element by element); it exists only
 * for speed, and applies to nearest-even with IEEE overflow and no flush of subnormals.
 *
 * Source: the FP32→BF16 conversion used by ml_dtypes and PyTorch (math.md §6.2).
 */
export function sharesFloat32Exponent(def: FormatDefinition): boolean {
  const t = def.traits;
  return (
    t !== undefined &&
    t.signed &&
    t.exponentBits === 8 &&
    t.bias === 127 &&
    t.hasInf &&
    t.nan === "ieee" &&
    t.subnormals &&
    t.mantissaBits < 23
  );
}

/** Rounds FP32 patterns `bits` to `mantissaBits` mantissa bits, writing FP32 patterns to `outBits`. */
export function roundSharedExponentNearestEven(bits: Int32Array, outBits: Int32Array, mantissaBits: number): void {
  const drop = 23 - mantissaBits;
  const halfMinusOne = (1 << (drop - 1)) - 1;
  const keep = ~((1 << drop) - 1);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    // `| 0` keeps the sum a 32-bit integer (V8 otherwise falls back to doubles); the NaN mask is −1
    // exactly when the magnitude exceeds the Inf pattern, without a branch, and ORing the quiet-NaN
    // bits makes the result a NaN whatever the addition did to it.
    const nanMask = (0x7f800000 - (b & 0x7fffffff)) >> 31;
    outBits[i] = (((b + halfMinusOne + ((b >> drop) & 1)) | 0) & keep) | (nanMask & 0x7fc00000);
  }
}
