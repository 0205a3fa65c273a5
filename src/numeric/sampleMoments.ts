import { describeValue, expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";

/** What {@link sampleMoments} returns. */
export interface SampleMoments {
  /** n, the number of values. */
  count: number;
  /** The sample mean x̄ = (1/n)·Σ x_i. */
  mean: number;
  /** The unbiased sample variance s² = Σ (x_i − x̄)² / (n − 1). */
  variance: number;
  /** The standard error of the mean, √(s²/n). */
  standardError: number;
  /**
   * The large-sample standard error of `variance`, √((m₄ − m₂²)/n), with m_k = (1/n)·Σ (x_i − x̄)^k
   * the central sample moments. Exactly 0 when every value is equal.
   */
  varianceStandardError: number;
}

/**
 * Mean and variance of a sample, each with its standard error: the yardstick of every Monte Carlo
 * check ("the simulated mean is within z standard errors of the formula").
 *
 * Formulas: x̄ = (1/n)·Σ x_i; s² = Σ (x_i − x̄)²/(n − 1); SE(x̄) = √(s²/n);
 * SE(s²) ≈ √((m₄ − m₂²)/n), where m_k = (1/n)·Σ (x_i − x̄)^k. The last is the delta-method (large-n)
 * standard error of the sample variance: Var(s²) = (μ₄ − σ⁴)/n + O(1/n²) (e.g. Cramér,
 * "Mathematical Methods of Statistics", 1946, §27.4), with the population moments replaced by sample
 * ones. Two passes over data shifted by its first value (mean first, then centred sums) keep the
 * variance accurate when the mean is large compared with the spread, and exactly 0 for a constant sample.
 *
 * Domain and edge cases: at least two values (a variance needs two); a NaN value makes every field
 * NaN (it flows through, as NaN data does everywhere in the library); a ±Infinity value is refused
 * with a RangeError naming its index (such a sample has no finite mean or variance, and the NaN that
 * the arithmetic would give hides where it came from). Finite values whose differences overflow
 * binary64 (|x_i − x_0| > 1.8e308) give non-finite moments.
 *
 * Source: standard (lesson 3 uses it for the Monte Carlo checks of stochastic rounding).
 *
 * @throws TypeError if `xs` is not a numeric array; RangeError if it has fewer than 2 values or holds
 * ±Infinity.
 * @example
 * ```ts
 * sampleMoments([1, 2, 3, 4]);
 * // { count: 4, mean: 2.5, variance: 1.6667, standardError: 0.6455, varianceStandardError: 0.5 }
 * sampleMoments([Infinity, 1]); // RangeError: xs[0] must be finite …, got Infinity
 * ```
 */
export function sampleMoments(xs: NumericArray): SampleMoments {
  expectNumericArray("xs", xs);
  const n = xs.length;
  if (n < 2) throw new RangeError(`xs must have at least 2 values, got length ${n}`);
  // Shifted data (about the first value), then centred sums: a constant sample gives exact zeros and
  // a large common offset cancels exactly before anything is squared.
  const shift = xs[0];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i] - shift;
  if (!Number.isFinite(sum)) {
    // rare: NaN (flows through), ±Infinity (refused), or a finite overflow (flows through)
    for (let i = 0; i < n; i++) {
      if (xs[i] === Infinity || xs[i] === -Infinity) {
        throw new RangeError(
          `xs[${i}] must be finite (a sample holding ±Infinity has no finite mean or variance), got ${describeValue(xs[i])}`,
        );
      }
    }
  }
  const shiftedMean = sum / n;
  const mean = shift + shiftedMean;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const c = xs[i] - shift - shiftedMean;
    const c2 = c * c;
    s2 += c2;
    s4 += c2 * c2;
  }
  const m2 = s2 / n;
  const m4 = s4 / n;
  const variance = s2 / (n - 1);
  // m4 ≥ m2² always (Jensen); the max guards the last-bit rounding of a constant sample
  return {
    count: n,
    mean,
    variance,
    standardError: Math.sqrt(variance / n),
    varianceStandardError: Math.sqrt(Math.max(0, m4 - m2 * m2) / n),
  };
}
