import { type NumericArray, describeValue, expectNumericArray, expectPositive } from "../validation";

/** What {@link reverseWaterFilling} returns. */
export interface ReverseWaterFilling {
  /** R(D) in bits: Σ_i ½·log2(σ_i²/D_i) over the components with σ_i² > λ. */
  rate: number;
  /** λ, the water level: D_i = min(λ, σ_i²). */
  level: number;
  /** D_i, each component's share of the distortion (Σ D_i = D, or Σ σ_i² when D exceeds it). */
  distortions: Float64Array;
}

/**
 * Reverse water-filling: the rate–distortion function of independent Gaussian components
 * X_i ~ N(0, σ_i²) under the total squared error Σ_i E(X_i − X̂_i)² ≤ D,
 *
 *     R(D) = Σ_i ½·log2(σ_i²/D_i),    D_i = min(λ, σ_i²),    λ such that Σ_i D_i = D.
 *
 * Every component gets the same error λ, except those quieter than λ, which are not described at all
 * (D_i = σ_i², zero bits): spend bits where the variance is. λ is found exactly, not by bisection:
 * Σ_i min(λ, σ_i²) is piecewise linear in λ, so after sorting the variances the piece holding D is
 * solved in closed form. For d equal variances τ², λ = D/d and R = (d/2)·log2(dτ²/D); for the
 * eigenvalues of a covariance matrix this is the R(D) of a correlated Gaussian vector.
 *
 * Source: Cover and Thomas, "Elements of Information Theory", 2nd ed., Theorem 10.3.3 (math.md §4.2);
 * lesson 9.
 *
 * Edge cases: D ≥ Σσ_i² gives rate 0, λ = max σ_i² and D_i = σ_i² (describing nothing meets D); a
 * component of variance 0 always gets D_i = 0 and no bits.
 *
 * @param variances - σ_i², at least one, each finite ≥ 0 and not all 0
 * @param D - the total allowed squared error, finite > 0
 * @returns `{ rate, level, distortions }`
 * @throws TypeError when `variances` is not a numeric array or D not a number; RangeError naming
 * `variances` (empty, all zero, or an entry not finite ≥ 0, by index) or `D` (not finite > 0).
 * @example
 * ```ts
 * reverseWaterFilling([4, 1, 0.25], 1.5);
 * // level 0.625: distortions [0.625, 0.625, 0.25], rate ½log2(4/0.625) + ½log2(1/0.625) = 1.678 bits
 * ```
 */
export function reverseWaterFilling(variances: NumericArray, D: number): ReverseWaterFilling {
  expectNumericArray("variances", variances);
  const n = variances.length;
  if (n < 1) throw new RangeError("variances must have at least one entry, got length 0");
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = variances[i];
    if (!(v >= 0 && v < Infinity)) throw new RangeError(`variances[${i}] must be a finite number >= 0, got ${describeValue(v)}`);
    total += v;
  }
  if (!(total > 0)) throw new RangeError("variances must not all be 0 (a constant source needs no bits)");
  expectPositive("D", D);
  const sorted = Float64Array.from(variances).sort();
  let level: number;
  if (D >= total) {
    level = sorted[n - 1];
  } else {
    // Σ min(λ, s_i) on [s_{j−1}, s_j] equals (s_0 + … + s_{j−1}) + (n − j)·λ
    let below = 0;
    level = sorted[n - 1];
    for (let j = 0; j < n; j++) {
      if (below + (n - j) * sorted[j] >= D) {
        level = (D - below) / (n - j);
        break;
      }
      below += sorted[j];
    }
  }
  const distortions = new Float64Array(n);
  let rate = 0;
  for (let i = 0; i < n; i++) {
    const v = variances[i];
    if (v > level) {
      distortions[i] = level;
      rate += 0.5 * Math.log2(v / level);
    } else distortions[i] = v;
  }
  return { rate, level, distortions };
}
