/**
 * Directed rounding to IEEE binary32 (FP32), for side information that must bound the data it
 * describes: a norm sent rounded *up* keeps |g_i|/r ≤ 1 (QSGD), a range sent rounded *outward*
 * keeps every coordinate inside it (rotation + stochastic rounding).
 *
 * @packageDocumentation
 */
import { expectNumber } from "../validation";

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const MIN_SUBNORMAL_FP32 = 2 ** -149; // FP32 smallest positive subnormal, bit pattern 0x00000001

/** The next binary32 value above the binary32 value `f` (finite, not NaN). */
function nextUpFloat32(f: number): number {
  if (f === 0) return MIN_SUBNORMAL_FP32;
  f32[0] = f;
  if (f > 0) u32[0] += 1;
  else u32[0] -= 1;
  return f32[0];
}

/** Unchecked `float32RoundUp` for inner loops. */
export function roundUpToFloat32(x: number): number {
  const f = Math.fround(x);
  if (f >= x || x !== x) return f;
  return nextUpFloat32(f);
}

/**
 * The smallest IEEE binary32 value ≥ x (rounding toward +∞).
 *
 * Math.fround rounds to nearest; when that lands below x we step one binary32 ulp up through the
 * bit pattern. Values above the largest finite FP32 (2^128 − 2^104 ≈ 3.4028235e38) give +Infinity,
 * as an IEEE conversion toward +∞ does; NaN gives NaN; ±0 and −0 are returned as they are.
 * In the FP32 normal range the result exceeds x by less than one FP32 ulp, i.e. by less than
 * 2^−23·|x|.
 *
 * Source: IEEE 754-2019 roundTowardPositive, applied to binary32.
 *
 * @example
 * ```ts
 * float32RoundUp(0.1); // 0.10000000149011612 (≥ 0.1)
 * float32RoundUp(1);   // 1
 * ```
 */
export function float32RoundUp(x: number): number {
  expectNumber("x", x);
  return roundUpToFloat32(x);
}

/** Unchecked `float32RoundDown` for inner loops. */
export function roundDownToFloat32(x: number): number {
  return -roundUpToFloat32(-x);
}

/**
 * The largest IEEE binary32 value ≤ x (rounding toward −∞): `−float32RoundUp(−x)`.
 * Below −3.4028235e38 gives −Infinity; NaN gives NaN.
 *
 * Source: IEEE 754-2019 roundTowardNegative, applied to binary32.
 *
 * @example
 * ```ts
 * float32RoundDown(0.1); // 0.09999999403953552 (≤ 0.1)
 * ```
 */
export function float32RoundDown(x: number): number {
  expectNumber("x", x);
  return roundDownToFloat32(x);
}
