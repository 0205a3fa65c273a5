import { expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";

/**
 * Signal-to-quantization-noise ratio in decibels:
 * SQNR = 10·log10( Σ x_i² / Σ (x_i − x̂_i)² ).
 *
 * Domain and edge cases: `reference` and `approx` are numeric arrays of the same length ≥ 1. An exact
 * approximation (zero error) gives +Infinity, even for an all-zero signal; a zero signal with nonzero
 * error gives −Infinity; a NaN anywhere gives NaN (a NaN value flows through).
 *
 * Source: the standard definition (e.g. Widrow & Kollár, "Quantization Noise", 2008, §5); for a b-bit
 * uniform quantizer of a full-scale uniform signal it is ≈ 6.02·b dB (derived in lesson 1).
 *
 * @throws TypeError if either argument is not a numeric array; RangeError if the lengths differ or
 * are 0.
 * @example
 * ```ts
 * sqnrDb([1, 2, 3], [1, 2, 3]); // Infinity
 * sqnrDb([3, 4], [3, 4.05]); // 10·log10(25 / 0.0025) = 40
 * ```
 */
export function sqnrDb(reference: NumericArray, approx: NumericArray): number {
  expectNumericArray("reference", reference);
  expectNumericArray("approx", approx);
  if (reference.length === 0) throw new RangeError("reference must not be empty, got length 0");
  if (approx.length !== reference.length) {
    throw new RangeError(`approx must have the length of reference (${reference.length}), got length ${approx.length}`);
  }
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    const x = reference[i];
    const d = x - approx[i];
    signal += x * x;
    noise += d * d;
  }
  if (noise !== noise || signal !== signal) return NaN;
  if (noise === 0) return Infinity;
  return 10 * Math.log10(signal / noise);
}
