/**
 * Exact access to IEEE 754 binary64 numbers: their bits, their binary exponent, and exact powers of two.
 *
 * Every format routine in `src/formats` takes exponents from these bits, never from `Math.log2`, which
 * can be off by one just below a power of two (`Math.floor(Math.log2(2 ** 30 - 2 ** -23))` is 30 on
 * some engines); see math.md §6.2.
 *
 * @packageDocumentation
 */

/** One scratch double and its two 32-bit halves: writing `F64[0]` exposes the bits in `U32`. */
export const F64 = new Float64Array(1);
/** The 32-bit words of {@link F64}; `U32[HI]` holds sign, exponent and the top 20 mantissa bits. */
export const U32 = new Uint32Array(F64.buffer);
/** Index of the high word of a double in {@link U32}: 1 on little-endian hosts (all Node targets), else 0. */
export const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Smallest and largest binary exponents of finite doubles: 2^−1074 (least subnormal) … 2^1023. */
const MIN_EXPONENT = -1074;
const MAX_EXPONENT = 1023;

/**
 * `POW2[k + 1074] = 2^k` for every integer k in [−1074, 1023], built by repeated exact doubling and
 * halving (a product by 2 or ½ is exact in binary64 down to the least subnormal).
 */
const POW2 = (() => {
  const table = new Float64Array(MAX_EXPONENT - MIN_EXPONENT + 1);
  let p = 1;
  for (let k = 0; k <= MAX_EXPONENT; k++, p *= 2) table[k - MIN_EXPONENT] = p;
  p = 1;
  for (let k = 0; k >= MIN_EXPONENT; k--, p /= 2) table[k - MIN_EXPONENT] = p;
  return table;
})();

/**
 * The exact power of two 2^k.
 *
 * Domain: integer k. Below −1074 the result is 0, above 1023 it is `Infinity` (the values binary64
 * rounds these powers to).
 *
 * @example
 * ```ts
 * pow2(-149); // 1.401298464324817e-45, the least FP32 subnormal
 * ```
 */
export function pow2(k: number): number {
  if (k < MIN_EXPONENT) return 0;
  if (k > MAX_EXPONENT) return Infinity;
  return POW2[k - MIN_EXPONENT];
}

/** 2^64, used to lift binary64 subnormals into the normal range before reading their exponent. */
const TWO_POW_64 = 18446744073709551616;

/**
 * floor(log2 |x|) for a finite nonzero x, read from the IEEE bits (exact, including subnormals).
 *
 * Returns −Infinity for 0 and NaN for NaN or ±Infinity, so callers can branch on it.
 *
 * @example
 * ```ts
 * floorLog2(12); // 3
 * floorLog2(0.999999); // -1
 * floorLog2(5e-324); // -1074
 * ```
 */
export function floorLog2(x: number): number {
  const a = Math.abs(x);
  if (a === 0) return -Infinity;
  if (!(a < Infinity)) return NaN;
  F64[0] = a;
  const biased = (U32[HI] >>> 20) & 0x7ff;
  if (biased !== 0) return biased - 1023;
  F64[0] = a * TWO_POW_64;
  return ((U32[HI] >>> 20) & 0x7ff) - 1023 - 64;
}
