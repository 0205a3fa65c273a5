import { describeValue, expectPositive } from "../validation";

/**
 * The rate–distortion function of a Gaussian source under squared error: the fewest bits per sample
 * that describe X ~ N(0, σ²) so that the reconstruction has E(X − X̂)² ≤ D,
 *
 *     R(D) = max{0, ½·log2(σ²/D)}  bits,        inverse  D(R) = σ²·2^(−2R).
 *
 * Every bit halves the error's standard deviation. D ≥ σ² needs no bits (X̂ = 0 already meets it).
 * For d independent coordinates of variance τ² each and a total error D = E‖X − X̂‖², reverse
 * water-filling gives each coordinate D/d, so the vector needs d·R(D/d) = (d/2)·log2(dτ²/D) bits
 * (the communication bound's Gaussian-prior form, lesson 7).
 *
 * Achieved by the test channel X = X̂ + N with X̂ ~ N(0, σ² − D) and N ~ N(0, D) independent, whose
 * mutual information is ½·log2(σ²/D).
 *
 * Source: Shannon (1959); Cover and Thomas, "Elements of Information Theory", 2nd ed., §10.3
 * (math.md §4.1). Lessons 7 and 9.
 *
 * @param variance - σ² > 0, finite: the source's variance
 * @param D - the allowed mean squared error, > 0 and finite
 * @returns R(D) in bits per sample (≥ 0)
 * @throws RangeError naming `variance` or `D` when not a finite number > 0; TypeError when not a number.
 * @example
 * ```ts
 * gaussianRateDistortion(1, 0.25); // 1 bit: one bit per sample quarters the error
 * gaussianRateDistortion(1, 2); // 0
 * ```
 */
export function gaussianRateDistortion(variance: number, D: number): number {
  expectPositive("variance", variance);
  expectPositive("D", D);
  return D >= variance ? 0 : 0.5 * Math.log2(variance / D);
}

/**
 * The distortion–rate function of a Gaussian source under squared error, the inverse of
 * {@link gaussianRateDistortion}: the smallest E(X − X̂)² with which R bits per sample can describe
 * X ~ N(0, σ²),
 *
 *     D(R) = σ²·2^(−2R).
 *
 * Each bit quarters the error (6.02 dB per bit). R = 0 gives σ² (X̂ = 0).
 *
 * Source: Shannon (1959); Cover and Thomas, "Elements of Information Theory", 2nd ed., §10.3
 * (math.md §4.1). Lessons 7 and 9.
 *
 * @param variance - σ² > 0, finite
 * @param R - bits per sample, finite ≥ 0
 * @returns D(R) in the source's squared units
 * @throws RangeError naming `variance` (not finite > 0) or `R` (not finite ≥ 0); TypeError when not a number.
 * @example
 * ```ts
 * gaussianDistortionRate(1, 1); // 0.25
 * gaussianDistortionRate(4, 0); // 4
 * ```
 */
export function gaussianDistortionRate(variance: number, R: number): number {
  expectPositive("variance", variance);
  if (typeof R !== "number") throw new TypeError(`R must be a number, got ${describeValue(R)}`);
  if (!(R >= 0 && R < Infinity)) throw new RangeError(`R must be a finite number >= 0 (bits per sample), got ${describeValue(R)}`);
  return variance * 2 ** (-2 * R);
}
