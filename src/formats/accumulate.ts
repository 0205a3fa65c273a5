/**
 * Running sums kept in a low-precision format, and the point where round-to-nearest stalls
 * (lesson 3's stagnation experiment: summing 10,000 uniform values in BF16 stops at 256, the quirk
 * the ml_dtypes README records; stochastic rounding keeps the sum unbiased).
 *
 * @packageDocumentation
 */
import type { NumericArray } from "../validation";
import { describeValue, expectFinite, expectNumericArray } from "../validation";
import { bracket, ulp } from "./grid";
import { floorLog2, pow2 } from "./ieee754";
import { quantize } from "./quantize";
import { NEAREST_EVEN, STOCHASTIC, apartFrom, expectOptions, nextDraw, resolveRounding } from "./rounding";
import type { RoundingMode } from "./rounding";
import { formatInfo } from "./traits";
import type { FormatName } from "./traits";

/** Options of {@link accumulateInFormat}. */
export interface AccumulateOptions {
  /** Rounding of each partial sum; default `"nearest-even"`. */
  rounding?: RoundingMode;
  /**
   * Uniform source on [0, 1), required for `"stochastic"`: called exactly once per increment. A draw
   * outside [0, 1) (NaN, 1, −0.5, a string) throws, naming `options.random`.
   */
  random?: () => number;
  /** Clamp overflowing sums to ±max finite (default false: IEEE overflow as `quantize` does). */
  saturate?: boolean;
  /** s_0, a value of the format; default 0. */
  initial?: number;
  /**
   * Where to write the T partial sums (a Float64Array of the increments' length). It may be the
   * increments themselves or overlap them in any way: the result is that of separate arrays.
   */
  out?: Float64Array;
}

/**
 * The running sum s_t = Q(s_{t−1} + x_t), t = 1 … T, with s_0 = `options.initial` (default 0),
 * where Q rounds to format `name` and every sum is rounded **exactly**: s_{t−1} + x_t is formed
 * as an unevaluated pair hi + lo (Knuth's TwoSum, hi = fl(s + x), lo the exact rounding error), and
 * the pair is rounded to the format's grid, so a sum falling just off a tie, or an increment far
 * below the spacing, is rounded as the exact real number would be (naive `quantize(name, s + x)`
 * would round twice). Increments are used as given (any doubles); to sum values *stored* in the
 * format, as in the ml_dtypes experiment, round them first with `quantizeArray(name, xs)`.
 *
 * Rounding (`options.rounding`): `"nearest-even"` (default), `"toward-zero"` or `"stochastic"`
 * (E[s_t | s_{t−1}] = s_{t−1} + x_t, so E[s_T] = s_0 + Σx_t below overflow; `options.random` is
 * called once per increment, in order, even when the sum is representable; the draw u decides on
 * the magnitude as in `quantize`: away from zero iff u < (|v| − t)/(a − t), t and a the neighbours of
 * the exact sum v toward and away from zero). Overflow follows
 * `quantize` (Inf for fp32/fp16/bf16/e5m2, NaN for e4m3, ±max for e3m2/e2m3/e2m1 and integers),
 * or clamps to ±max with `saturate: true`. A NaN increment makes the rest of the sum NaN.
 *
 * Domain: every format except the unsigned scale e8m0 (it has no zero to start from).
 * Returns the T partial sums s_1 … s_T (a new Float64Array, or `options.out`).
 *
 * Source: stagnation under round-to-nearest and its cure by stochastic rounding, lesson 3 (math.md
 * §6.2; ml_dtypes README); TwoSum: Knuth, TAOCP vol. 2, §4.2.2.
 *
 * @throws RangeError for an unknown or unsigned format, a bad option, an `initial` that is not a
 *   value of the format, or a draw of `random` outside [0, 1); TypeError when `increments` is not
 *   numeric, or `random` is missing for SR or returns a non-number.
 * @example
 * ```ts
 * const xs = new Float64Array(10_000).fill(1 / 1024);
 * accumulateInFormat("bf16", xs).at(-1); // 0.25: stalled (exact sum 9.765625)
 * accumulateInFormat("bf16", xs, { rounding: "stochastic", random: createRandom(1).uniform }).at(-1); // ≈ 9.77
 * ```
 */
export function accumulateInFormat(name: FormatName, increments: NumericArray, options?: AccumulateOptions): Float64Array {
  const info = formatInfo(name);
  if (info.kind === "scale") {
    throw new RangeError(`name must be a signed format (one with a zero), got ${JSON.stringify(name)}`);
  }
  expectNumericArray("increments", increments);
  const opts = expectOptions("options", options);
  const resolved = resolveRounding(opts);
  if (resolved.flush) {
    throw new RangeError(`options.flushSubnormals must be false or absent (accumulateInFormat keeps subnormals), got true`);
  }
  const initial = opts.initial ?? 0;
  expectFinite("options.initial", initial);
  if (quantize(name, initial) !== initial) {
    throw new RangeError(`options.initial must be a value of ${name}, got ${describeValue(initial)}`);
  }
  const T = increments.length;
  let out: Float64Array;
  if (opts.out === undefined) out = new Float64Array(T);
  else if (opts.out instanceof Float64Array) {
    out = opts.out;
    if (out.length !== T) throw new RangeError(`options.out.length must equal increments.length = ${T}, got ${out.length}`);
  } else throw new TypeError(`options.out must be a Float64Array, got ${describeValue(opts.out)}`);
  const xs = apartFrom(increments, out); // a copy only when out partially overlaps the increments

  const mode = resolved.mode;
  const maxFinite = info.maxFinite;
  const lowest = info.lowest;
  // The grid points just beyond the range, as if the exponent range were unbounded (IEEE overflow
  // decides between the largest finite value and these).
  const aboveMax = maxFinite + ulp(name, maxFinite);
  const belowLowest = lowest - ulp(name, lowest);
  let u = 0; // the current uniform draw, shared with quantize through `draw`
  const draw = (): number => u;
  const rounding = { rounding: opts.rounding as RoundingMode | undefined, random: draw, saturate: resolved.saturate };
  const nearest = { rounding: "nearest-even" as const, saturate: resolved.saturate };

  /** Neighbours of x on the grid extended by the two virtual points beyond the range. */
  let lower = 0;
  let upper = 0;
  const neighbours = (x: number): void => {
    const b = bracket(name, x);
    lower = b.lower >= lowest ? b.lower : belowLowest;
    upper = b.upper <= maxFinite ? b.upper : aboveMax;
  };
  /** Q(hi + lo) for the exact pair, lo ≠ 0, hi finite and within the extended range. */
  const roundPair = (hi: number, lo: number): number => {
    neighbours(hi);
    let l = lower;
    let h = upper;
    if (l === h) {
      // hi is a value of the format (so within [lowest, max]: the points beyond get l ≠ h); the exact
      // value lies strictly beyond it, on lo's side
      if (lo > 0) {
        neighbours(hi + ulp(name, hi) / 4);
        h = upper;
      } else {
        neighbours(hi - ulp(name, hi) / 4);
        l = lower;
      }
    }
    let r: number;
    if (mode === NEAREST_EVEN) {
      // sign of (v − l) − (h − v) with v = hi + lo: near a tie hi − l and h − hi are exact (Sterbenz)
      // and so is their difference, and adding 2·lo keeps the sign; far from a tie the sign is clear.
      // Never 0: a tie (l + h)/2 is a binary64 number (the formats have at most 24 bits), so an exact
      // sum at a tie has lo = 0 and was rounded by quantize, ties to even included
      const diff = hi - l - (h - hi) + 2 * lo;
      r = diff < 0 ? l : h;
    } else if (mode === STOCHASTIC) {
      // the draw applies to the magnitude, as in quantize (rounding.ts): away from zero iff u is below
      // the distance from the neighbour toward zero over the spacing, so SR(−v, u) = −SR(v, u)
      r = h <= 0 ? (u < (h - hi - lo) / (h - l) ? l : h) : u < (hi - l + lo) / (h - l) ? h : l;
    } else {
      r = l >= 0 ? l : h; // toward zero: the grid contains 0, so [l, h] never straddles it
    }
    // A virtual point beyond the range overflows as quantize decides (Inf, NaN, ±max, or saturation).
    return r > maxFinite || r < lowest ? quantize(name, r, nearest) : r;
  };

  let s = initial;
  for (let t = 0; t < T; t++) {
    if (mode === STOCHASTIC) u = nextDraw(resolved.random);
    const x = xs[t];
    // TwoSum (Knuth): hi + lo = s + x exactly, for finite hi
    const hi = s + x;
    if (!Number.isFinite(hi) || hi > aboveMax || hi < belowLowest) {
      s = quantize(name, hi, rounding);
    } else {
      const xv = hi - s;
      const lo = s - (hi - xv) + (x - xv);
      s = lo === 0 ? quantize(name, hi, rounding) : roundPair(hi, lo);
    }
    out[t] = s;
  }
  return out;
}

/**
 * Where a round-to-nearest-even running sum of a constant increment c stops: the value s* at which
 * s_t = Q_RNE(s_{t−1} + c), s_0 = 0, stagnates, i.e. the smallest s ≥ 0 of the format with
 * Q_RNE(s + c) = s (for c > 0; negative c mirrors it, c = 0 gives 0).
 *
 * Derivation (lesson 3): Q_RNE(s + c) = s iff c < g(s)/2, or c = g(s)/2 and s is even, where g(s)
 * is the spacing above s: 2^(emin − m) from 0 up to 2^(emin+1), then 2^(e − m) on [2^e, 2^(e+1)).
 * The spacing never decreases, and the first value of each binade, 2^e, is even, so
 * - s* = 0 if c ≤ 2^(emin − m)/2 (half the least subnormal);
 * - otherwise s* = 2^e with e = m + 1 + ⌈log2 c⌉, the first binade whose spacing is ≥ 2c.
 * The sum cannot jump over s*: rounding is monotone, so s_t ≤ s* implies s_{t+1} ≤ Q(s* + c) = s*.
 * The same holds for increments that merely stay ≤ c: they never pass stagnationPoint(name, c).
 * If 2^e exceeds the largest finite value, the sum overflows first and stalls where `quantize` sends
 * overflow: +Infinity (fp32, fp16, bf16, e5m2), NaN (e4m3, non-saturating) or the largest finite
 * value (e3m2, e2m3, e2m1). Integer formats: 0 if c ≤ 1/2, else the sum climbs to the largest integer
 * and is clamped there.
 *
 * E.g. BF16 (m = 7): c = 1 gives 2^8 = 256 (the ml_dtypes quirk), c = 2^−10 gives 2^−2 = 0.25.
 *
 * Source: derived in lesson 3 (a consequence of the grid spacing, math.md §6.1–6.2).
 *
 * @param name - any format except e8m0
 * @param increment - c, finite
 * @throws RangeError for an unknown format, e8m0, or a non-finite increment.
 * @example
 * ```ts
 * stagnationPoint("bf16", 1); // 256
 * stagnationPoint("fp16", 1); // 2048
 * stagnationPoint("e4m3", 17); // NaN (overflow before stalling)
 * ```
 */
export function stagnationPoint(name: FormatName, increment: number): number {
  const info = formatInfo(name);
  if (info.kind === "scale") {
    throw new RangeError(`name must be a signed format (one with a zero), got ${JSON.stringify(name)}`);
  }
  expectFinite("increment", increment);
  if (increment === 0) return 0;
  const c = Math.abs(increment);
  const sign = increment < 0 ? -1 : 1;
  if (info.kind === "int") {
    if (c <= 0.5) return 0;
    return sign > 0 ? info.maxFinite : info.lowest;
  }
  const m = info.mantissaBits;
  if (c <= pow2(info.emin - m) / 2) return 0;
  const e2 = floorLog2(c);
  const ceilLog2 = pow2(e2) === c ? e2 : e2 + 1;
  const s = pow2(m + 1 + ceilLog2);
  if (s <= info.maxFinite) return sign * s;
  // Overflow first: where quantize sends a sum beyond the range.
  return quantize(name, sign * (info.maxFinite + ulp(name, info.maxFinite)));
}
