/**
 * The relative error of rounding real numbers onto a format's grid, the quantity of the model
 * |fl(x) − x| ≤ u·|x| (derived in lesson 1).
 *
 * @packageDocumentation
 */
import type { NumericArray } from "../validation";
import { quantizeArray } from "./quantize";
import { expectOptions } from "./rounding";
import type { RoundingOptions } from "./rounding";
import type { FormatName } from "./traits";

/**
 * The relative rounding error of every element of `xs`:
 *
 *     e_i = |fl(x_i) − x_i| / |x_i|,   fl = quantize(name, ·, options)
 *
 * In the normal range of a float format with m mantissa bits, round-to-nearest-even gives
 * e ≤ u/(1 + u) with u = 2^−(m+1) (the worst case is the midpoint of the first gap of a binade,
 * where e = (h − ℓ)/(h + ℓ)); toward zero and stochastic rounding give e < 2u. Below the least normal
 * value the spacing stops shrinking, so only the absolute bound |fl(x) − x| ≤ 2^(emin − m − 1) holds
 * and e climbs to 1 where x flushes to zero. Derived in lesson 1.
 *
 * Domain and edge cases: x = 0 (either sign) gives 0, since every format except E8M0 rounds 0 to
 * itself exactly; a NaN element gives NaN (it flows through); a finite x
 * whose rounding is not finite (±Inf or NaN after overflow, e.g. fp16 at 1e5 or non-saturating E4M3
 * at 500) gives +Infinity, an unbounded error; an infinite x gives NaN (the ratio has no value).
 * E8M0 has no zero: x = 0 there rounds to NaN and gives +Infinity.
 *
 * Source: the rounding is `quantizeArray`'s (IEEE 754-2019 §4.3, OCP OFP8 v1.0, OCP MX v1.0); the
 * bounds are the standard model of floating-point arithmetic (N. J. Higham, "Accuracy and Stability
 * of Numerical Algorithms", 2nd ed., SIAM, 2002, chapter 2), with the sharp constant u/(1 + u) derived
 * in lesson 1.
 *
 * @param name - a format name (see `formatNames`)
 * @param xs - the real numbers to round
 * @param options - the rounding options of `quantize` (`rounding`, `random`, `saturate`, `flushSubnormals`)
 * @returns a new Float64Array of the relative errors
 * @throws RangeError for an unknown format or a bad option; TypeError when `xs` is not a numeric array
 * or a stochastic rounding has no `random` function.
 * @example
 * ```ts
 * relativeRoundingError("e4m3", [3.14159, 1.0625, 0.0007, 500], { saturate: true });
 * // Float64Array [0.03451, 0.05882 (= 1/17, a tie: u/(1+u)), 1 (flushed to 0), 0.104 ((500 − 448)/500)]
 * ```
 */
export function relativeRoundingError(name: FormatName, xs: NumericArray, options?: RoundingOptions): Float64Array {
  // quantizeArray validates every argument; `out` is not an option here, so it is dropped
  const { rounding, random, saturate, flushSubnormals } = expectOptions("options", options) as RoundingOptions;
  const rounded = quantizeArray(name, xs, { rounding, random, saturate, flushSubnormals });
  for (let i = 0; i < rounded.length; i++) {
    const x = xs[i];
    const r = rounded[i];
    if (x === 0) rounded[i] = r === 0 ? 0 : Infinity;
    else if (Number.isFinite(r)) rounded[i] = Math.abs(r - x) / Math.abs(x);
    else rounded[i] = x === x && Number.isFinite(x) ? Infinity : NaN;
  }
  return rounded;
}
