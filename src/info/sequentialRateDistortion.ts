import { describeValue, expectFinite, expectNumber, expectPositive } from "../validation";

/**
 * The sequential (causal) rate–distortion function of a scalar Gauss–Markov source
 * x_{t+1} = a·x_t + w_t, w_t ~ N(0, σ_w²), at per-step squared error D, in steady state:
 *
 *     R(D) = max{0, ½·log2(a² + σ_w²/D)}   bits per step.
 *
 * Why: before step t's bits arrive the decoder knows x_{t−1} to within D, so x_t is uncertain by
 * a²D + σ_w² (prediction plus innovation); R bits divide that variance by 2^{2R}, and the steady state
 * D = (a²D + σ_w²)·2^{−2R} gives the formula. For |a| < 1, R = 0 once D ≥ σ_w²/(1 − a²) (the stationary
 * variance: predicting 0 suffices); for |a| ≥ 1 every finite D needs R > log2|a| (the data-rate
 * theorem); a = 0 is the memoryless Gaussian R(D) = ½·log2(σ_w²/D). The random walk (a = 1) is the
 * coding term of the tracking bound (`trackingLowerBound`).
 *
 * Source: Tatikonda, Sahai and Mitter, IEEE TAC 49(9), 2004 (the sequential rate–distortion
 * framework); Tanaka, Kim, Parrilo and Mitter, IEEE TAC 2017; the derivation above is math.md §4.3's;
 * lesson 10.
 *
 * @param a - the source's coefficient, finite
 * @param innovationVariance - σ_w² > 0, finite
 * @param D - the per-step squared error, finite > 0
 * @returns R in bits per step (≥ 0)
 * @throws RangeError naming `a` (not finite), `innovationVariance` or `D` (not finite > 0); TypeError for non-numbers.
 * @example
 * ```ts
 * sequentialRateDistortion(1, 1e-3, 3.333e-4); // 1.0000: a random walk tracked to q/3 costs 1 bit a step
 * sequentialRateDistortion(0.5, 1, 2); // 0: the stationary variance 4/3 is already below D
 * ```
 */
export function sequentialRateDistortion(a: number, innovationVariance: number, D: number): number {
  expectFinite("a", a);
  expectPositive("innovationVariance", innovationVariance);
  expectPositive("D", D);
  return Math.max(0, 0.5 * Math.log2(a * a + innovationVariance / D));
}

/**
 * The inverse of {@link sequentialRateDistortion}: the steady-state per-step squared error of a
 * Gauss–Markov source x_{t+1} = a·x_t + w_t described causally with R bits per step,
 *
 *     D(R) = σ_w² / (2^{2R} − a²)      when 2^{2R} > a²,
 *
 * and +∞ when 2^{2R} ≤ a² (an unstable source outruns the description: the data-rate theorem).
 * For |a| < 1 and R = 0 this is the stationary variance σ_w²/(1 − a²). For a = 1 it is q/(2^{2R} − 1),
 * the coding term of the random-walk tracking bound.
 *
 * Source: math.md §4.3 (steady state of the recursion D = (a²D + σ_w²)·2^{−2R}); lesson 10.
 *
 * @param a - the source's coefficient, finite
 * @param innovationVariance - σ_w² > 0, finite
 * @param R - bits per step, finite ≥ 0
 * @returns D in the source's squared units, or +∞
 * @throws RangeError naming `a`, `innovationVariance` or `R`.
 * @example
 * ```ts
 * sequentialDistortionRate(1, 1e-3, 0.25); // 0.002414 = 1e−3/(√2 − 1)
 * sequentialDistortionRate(2, 1, 1); // Infinity: 2^{2R} = 4 = a², one bit a step cannot hold a = 2
 * ```
 */
export function sequentialDistortionRate(a: number, innovationVariance: number, R: number): number {
  expectFinite("a", a);
  expectPositive("innovationVariance", innovationVariance);
  expectNumber("R", R);
  if (!(R >= 0 && R < Infinity)) throw new RangeError(`R must be a finite number >= 0 (bits per step), got ${describeValue(R)}`);
  const room = Math.expm1(2 * R * Math.LN2) + (1 - a * a); // 2^{2R} − a², exact near R = 0 when a² = 1
  return room > 0 ? innovationVariance / room : Infinity;
}
