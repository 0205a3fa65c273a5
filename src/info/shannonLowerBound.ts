import { expectFinite, expectInteger, expectPositive } from "../validation";

/**
 * The Shannon lower bound on the rate–distortion function of a d-dimensional source with differential
 * entropy h (in bits) under the total squared error E‖X − X̂‖² ≤ D:
 *
 *     R(D) ≥ h(X) − (d/2)·log2(2πe·D/d)   bits.
 *
 * Among all sources with error variance D/d per coordinate the Gaussian has the largest entropy, so
 * describing X to within D must remove at least h(X) − h(Gaussian of variance D/d) bits. Equality for a
 * Gaussian source (h = (d/2)·log2(2πeσ²) gives back (d/2)·log2(dσ²/D)); for the uniform prior on
 * [−r, r]^d (h = d·log2(2r)) it is the communication bound's form (d/2)·log2(4r²d/(2πeD)) (lesson 7).
 * The bound is returned as is: it can be negative (at large D), and then the bound on R(D) is 0.
 *
 * Source: Shannon (1959); Cover and Thomas, "Elements of Information Theory", 2nd ed., Problem 10.6
 * (math.md §4.2); lesson 9.
 *
 * @param entropyBits - h(X) in bits, finite (differential entropy may be negative)
 * @param D - the total allowed squared error, finite > 0
 * @param d - the dimension, an integer ≥ 1 (default 1)
 * @returns h − (d/2)·log2(2πe·D/d), in bits (may be negative)
 * @throws RangeError naming `entropyBits` (not finite), `D` (not finite > 0) or `d` (not an integer ≥ 1).
 * @example
 * ```ts
 * shannonLowerBound(Math.log2(2), 1 / (2 * Math.PI * Math.E)); // 1: uniform on [−1, 1], D = 1/(2πe)
 * shannonLowerBound(0.5 * Math.log2(2 * Math.PI * Math.E), 0.25); // 1 = ½log2(1/0.25): tight for a Gaussian
 * ```
 */
export function shannonLowerBound(entropyBits: number, D: number, d = 1): number {
  expectFinite("entropyBits", entropyBits);
  expectPositive("D", D);
  expectInteger("d", d, 1);
  return entropyBits - (d / 2) * Math.log2((2 * Math.PI * Math.E * D) / d);
}
