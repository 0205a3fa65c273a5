/**
 * Rounding real numbers onto a format's grid: one value (`quantize`) or a whole array
 * (`quantizeArray`).
 *
 * @packageDocumentation
 */
import { describeValue, expectNumber, expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";
import { ArrayKernel, arrayKernelApplies, roundFloat32Array, roundFloat64Array } from "./arrayKernel";
import {
  NEAREST_EVEN,
  STOCHASTIC,
  apartFrom,
  badDraw,
  expectOptions,
  nextDraw,
  resolveRounding,
  roundValue,
  roundingPlan,
} from "./rounding";
import { roundSharedExponentNearestEven, sharesFloat32Exponent } from "./sharedExponentKernel";
import type { RoundingOptions, RoundingPlan } from "./rounding";
import { formatDefinition } from "./traits";
import type { FormatName } from "./traits";

/**
 * The representable value of format `name` that x rounds to.
 *
 * Rounding (math.md §6.2): with ℓ ≤ x ≤ h the neighbouring representable values,
 * - `"nearest-even"` (default): the nearer of ℓ, h; on a tie the one whose code is even (last mantissa
 *   bit 0; the even integer for integer formats; for E8M0, whose codes have no mantissa, ties go up to
 *   the larger power of two, like ml_dtypes and PyTorch);
 * - `"toward-zero"`: the one nearer to zero;
 * - `"stochastic"`: h with probability (x − ℓ)/(h − ℓ) (one call of `options.random`), so E[q] = x.
 *
 * Overflow (`options.saturate`, default false): IEEE, as if the exponent range were unbounded, then a
 * result beyond the largest finite value becomes ±Inf (fp32, fp16, bf16, e5m2), NaN (e4m3, e8m0: OCP
 * OFP8 non-saturating), or ±max (e3m2, e2m3, e2m1, integers: nothing else to give); toward-zero gives
 * ±max. With `saturate: true`, x is clamped to ±max first (OCP saturating mode, MX, NVFP4).
 * Special values: NaN in → NaN out, in every format (for formats without a NaN code this value has no
 * encoding: MX carries it in the block scale); ±Inf → ±Inf where the format has Inf and does not
 * saturate, NaN for non-saturating e4m3 and e8m0, otherwise ±max. −0 → −0 in float formats, 0 in
 * integers. E8M0 is unsigned and has no zero: x ≤ 0 gives NaN (2^−127 when saturating), 0 < x < 2^−127
 * gives 2^−127, as ml_dtypes does. `flushSubnormals` turns inputs below the least normal value into ±0
 * first. Integer formats always clamp to [−2^(b−1), 2^(b−1) − 1].
 *
 * Source: IEEE 754-2019 §4.3 and §7.4; OCP OFP8 v1.0 §5; OCP MX v1.0 §5; ml_dtypes float8.h.
 *
 * @throws RangeError for an unknown format or option value, or a draw of `random` outside [0, 1)
 * (NaN, 1, −0.5: they would bias the rounding); TypeError for x not a number, `random` not a
 * function (required for `"stochastic"`) or a draw that is not a number.
 * @example
 * ```ts
 * quantize("e4m3", 3.14159); // 3.25
 * quantize("e4m3", 232); // 224 (tie between 224 and 240: 224's code is even)
 * quantize("e4m3", 500); // NaN (overflow, non-saturating)
 * quantize("e4m3", 500, { saturate: true }); // 448
 * quantize("fp16", 1e5); // Infinity
 * quantize("e2m1", 2.9, { rounding: "toward-zero" }); // 2
 * quantize("int4", 7.5); // 7 (clamped from the tie's even 8)
 * ```
 */
export function quantize(name: FormatName, x: number, options?: RoundingOptions): number {
  const def = formatDefinition(name);
  expectNumber("x", x);
  const o = resolveRounding(expectOptions("options", options));
  const plan = roundingPlan(def, o.mode, o.saturate, o.flush);
  return roundValue(plan, x, nextDraw(o.random));
}

/** Options of {@link quantizeArray}: those of {@link quantize} and an optional output array. */
export interface QuantizeArrayOptions extends RoundingOptions {
  /** Where to write the result (same length as the input; may be the input itself). */
  out?: Float32Array | Float64Array;
}

const ARRAY_KERNELS = new WeakMap<RoundingPlan, ArrayKernel>();

/**
 * Rounds every element of `xs` onto the grid of format `name`, exactly as {@link quantize} rounds one
 * value (same options; stochastic rounding calls `options.random` once per element, in index order).
 *
 * Returns a new Float64Array, or writes into `options.out` (a Float32Array or Float64Array of the same
 * length) and returns it. `out` may be `xs` itself (in place) or share memory with it in any other
 * way (`out = b.subarray(1, 3)` for `xs = b.subarray(0, 2)`): a partially overlapping input is
 * copied first, so the result is always that of separate arrays. Every format's values are FP32 numbers, so a
 * Float32Array output holds them exactly.
 *
 * Speed: bf16 from and to Float32Arrays with nearest-even rounds by integer arithmetic on the FP32
 * patterns (`sharedExponentKernel.ts`); other float formats than e8m0 go through a branch-free table form of the same rounding,
 * indexed by the raw exponent field of each input (see `arrayKernel.ts`); e8m0 and the integers go
 * element by element through the scalar rounding.
 *
 * @throws RangeError for an unknown format, a bad option, an `out` of the wrong length, or a draw of
 * `options.random` outside [0, 1) (checked at every draw); TypeError when `xs` is not a numeric array,
 * `out` not a Float32Array/Float64Array, or a draw not a number.
 * @example
 * ```ts
 * quantizeArray("e2m1", [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0, 7.9]);
 * // Float64Array [0, 1, 1, 2, 2, 4, 4, 6]
 * const x = new Float32Array([1.0001, 65520]);
 * quantizeArray("fp16", x, { out: x }); // Float32Array [1, Infinity], in place
 * ```
 */
export function quantizeArray<T extends Float32Array | Float64Array>(
  name: FormatName,
  xs: NumericArray,
  options: QuantizeArrayOptions & { out: T },
): T;
export function quantizeArray(name: FormatName, xs: NumericArray, options?: QuantizeArrayOptions): Float64Array;
export function quantizeArray(
  name: FormatName,
  values: NumericArray,
  options?: QuantizeArrayOptions,
): Float64Array | Float32Array {
  const def = formatDefinition(name);
  expectNumericArray("xs", values);
  const opts = expectOptions("options", options);
  const o = resolveRounding(opts);
  const n = values.length;
  let out: Float32Array | Float64Array;
  if (opts.out === undefined) out = new Float64Array(n);
  else if (opts.out instanceof Float64Array || opts.out instanceof Float32Array) {
    out = opts.out;
    if (out.length !== n) {
      throw new RangeError(`options.out must have the length of xs (${n}), got length ${out.length}`);
    }
  } else {
    throw new TypeError(`options.out must be a Float32Array or a Float64Array, got ${describeValue(opts.out)}`);
  }
  const xs = apartFrom(values, out); // a copy only when out partially overlaps the input
  if (
    xs instanceof Float32Array &&
    out instanceof Float32Array &&
    o.mode === NEAREST_EVEN &&
    !o.saturate &&
    !o.flush &&
    sharesFloat32Exponent(def)
  ) {
    // bf16: the same rounding as integer arithmetic on the FP32 patterns (sharedExponentKernel.ts)
    const outBits = new Int32Array(out.buffer, out.byteOffset, n);
    roundSharedExponentNearestEven(new Int32Array(xs.buffer, xs.byteOffset, n), outBits, def.traits!.mantissaBits);
    return out;
  }
  const plan = roundingPlan(def, o.mode, o.saturate, o.flush);
  if (arrayKernelApplies(def)) {
    let k = ARRAY_KERNELS.get(plan);
    if (k === undefined) {
      k = new ArrayKernel(def, plan);
      ARRAY_KERNELS.set(plan, k);
    }
    if (xs instanceof Float32Array) {
      roundFloat32Array(k, xs, new Int32Array(xs.buffer, xs.byteOffset, n), out, o.random);
    } else {
      const x64 = xs instanceof Float64Array ? xs : Float64Array.from(xs);
      roundFloat64Array(k, x64, new Int32Array(x64.buffer, x64.byteOffset, 2 * n), out, o.random);
    }
    return out;
  }
  if (o.mode === STOCHASTIC) {
    const random = o.random as () => number;
    for (let i = 0; i < n; i++) {
      const u = random();
      if (typeof u !== "number" || !(u >= 0 && u < 1)) throw badDraw(u);
      out[i] = roundValue(plan, xs[i], u);
    }
  } else {
    for (let i = 0; i < n; i++) out[i] = roundValue(plan, xs[i], 0);
  }
  return out;
}
