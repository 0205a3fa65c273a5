/**
 * Information about a mean from AR(1)-correlated samples, and the statistical bound it implies
 * (lesson 9).
 *
 * @packageDocumentation
 */
import { type EstimationTarget, expectSigma, resolveTarget, roundsAtLeast } from "../bounds/problem";
import { describeValue, expectInteger, expectNumber, expectPositive } from "../validation";

/** Throws unless ρ is a number with |ρ| < 1. */
function expectRho(rho: unknown): asserts rho is number {
  expectNumber("rho", rho);
  if (!(rho > -1 && rho < 1)) throw new RangeError(`rho must be a number with |rho| < 1 (a stationary AR(1) process), got ${describeValue(rho)}`);
}

/**
 * The Fisher information about θ in T samples X_t = θ + ξ_t of stationary AR(1) noise
 * (Var ξ_t = σ², Cov(ξ_s, ξ_t) = σ²ρ^|s−t|):
 *
 *     I_T(θ) = 1ᵀΣ⁻¹1 = [T(1 − ρ) + 2ρ] / (σ²(1 + ρ))   ≈ T·(1 − ρ)/(σ²(1 + ρ)).
 *
 * The AR(1) precision matrix is tridiagonal, so 1ᵀΣ⁻¹1 sums in closed form: the first sample carries
 * 1/σ² and each later one, through its innovation X_t − ρX_{t−1} = (1 − ρ)θ + √(1 − ρ²)σ·η_t, carries
 * (1 − ρ)/((1 + ρ)σ²). So T correlated samples are worth T(1 − ρ)/(1 + ρ) independent ones: fewer for
 * ρ > 0, more for ρ < 0. The generalized-least-squares mean attains 1/I_T; the plain sample mean does
 * not quite (`ar1VarianceOfMean`).
 *
 * Source: math.md §4.4 (our derivation, checked against 1ᵀΣ⁻¹1 numerically; lesson 9).
 *
 * @param T - the number of samples, an integer ≥ 1
 * @param rho - the lag-one correlation, −1 < ρ < 1
 * @param sigma - σ > 0, the stationary standard deviation (default 1)
 * @returns I_T in units of 1/σ²
 * @throws RangeError naming `T` (not an integer ≥ 1), `rho` (|ρ| ≥ 1) or `sigma` (not finite > 0).
 * @example
 * ```ts
 * ar1FisherMean(10, 0.5); // 4 = (10·0.5 + 1)/1.5: ten samples worth four
 * ar1FisherMean(100, 0.9, 1); // 6.2105
 * ```
 */
export function ar1FisherMean(T: number, rho: number, sigma = 1): number {
  expectInteger("T", T, 1);
  expectRho(rho);
  expectPositive("sigma", sigma);
  return (T * (1 - rho) + 2 * rho) / (sigma * sigma * (1 + rho));
}

/** e^y − 1 − y, accurate for small |y| (series) and large |y| (direct). */
function expm1MinusLinear(y: number): number {
  if (Math.abs(y) > 0.5) return Math.expm1(y) - y;
  let term = (y * y) / 2;
  let sum = term;
  for (let k = 3; k < 40 && Math.abs(term) > 1e-17 * Math.abs(sum); k++) {
    term *= y / k;
    sum += term;
  }
  return sum;
}

/** −ln(1 − δ) − δ = δ²/2 + δ³/3 + …, accurate for small δ ∈ [0, 1). */
function negLog1pMinusLinear(delta: number): number {
  if (delta > 0.5) return -Math.log1p(-delta) - delta;
  let power = delta * delta;
  let sum = 0;
  for (let k = 2; k < 80; k++) {
    const term = power / k;
    sum += term;
    if (term <= 1e-17 * sum) break;
    power *= delta;
  }
  return sum;
}

/**
 * The variance of the sample mean of T samples of stationary AR(1) noise (Var ξ_t = σ²,
 * Cov(ξ_s, ξ_t) = σ²ρ^|s−t|), exactly:
 *
 *     Var((1/T)Σ_t ξ_t) = (σ²/T²)·[T(1 + ρ)/(1 − ρ) − 2ρ(1 − ρ^T)/(1 − ρ)²]   → (σ²/T)·(1 + ρ)/(1 − ρ),
 *
 * i.e. (σ²/T²)·Σ_{s,t} ρ^|s−t|. The long-run factor (1 + ρ)/(1 − ρ) = Σ_k ρ^|k| (`ar1Inflation`) is
 * the price of correlation for the averaging estimator, and SGD with step 1/t is that estimator. For
 * ρ > 0 near 1 the two terms in brackets nearly cancel; they are evaluated through
 * e^y − 1 − y and −ln(1 − δ) − δ series (y = T·ln ρ, δ = 1 − ρ), so the result keeps its digits
 * (T = 10, ρ = 1 − 1e−9 gives σ²·(1 − 3.3e−9) without loss).
 *
 * Source: math.md §4.4(i) (checks: T = 1 → σ²; T = 2 → σ²(1 + ρ)/2); lesson 9.
 *
 * @param T - the number of samples, an integer ≥ 1
 * @param rho - −1 < ρ < 1
 * @param sigma - σ > 0 (default 1)
 * @returns the variance of the sample mean, in units of σ²
 * @throws RangeError naming `T`, `rho` or `sigma`.
 * @example
 * ```ts
 * ar1VarianceOfMean(10, 0.5); // 0.2600390625 (vs 0.1 for independent samples)
 * ar1VarianceOfMean(2, -0.5); // 0.25 = (1 − 0.5)/2
 * ```
 */
export function ar1VarianceOfMean(T: number, rho: number, sigma = 1): number {
  expectInteger("T", T, 1);
  expectRho(rho);
  expectPositive("sigma", sigma);
  const delta = 1 - rho;
  let offDiagonal: number; // S = Σ_{k=1}^{T−1} (T − k)ρ^k = ρ·[Tδ − (1 − ρ^T)]/δ²
  if (rho > 0) {
    // Tδ − (1 − ρ^T) = (e^y − 1 − y) − T·(−ln(1 − δ) − δ) with y = T·ln ρ: both parts O(T²δ²), no cancellation
    const y = T * Math.log1p(-delta);
    offDiagonal = (rho * (expm1MinusLinear(y) - T * negLog1pMinusLinear(delta))) / (delta * delta);
  } else {
    offDiagonal = (rho * (T * delta - (1 - rho ** T))) / (delta * delta);
  }
  return (sigma * sigma * (T + 2 * offDiagonal)) / (T * T);
}

/**
 * The long-run variance factor of AR(1) noise, (1 + ρ)/(1 − ρ) = Σ_{k=−∞}^{∞} ρ^|k|: the spectral
 * density at frequency zero over the marginal variance. An oracle with AR(1) noise of variance σ²
 * behaves, for averaging, like an i.i.d. oracle of variance σ²·(1 + ρ)/(1 − ρ): 3 at ρ = 0.5, 19 at
 * ρ = 0.9, 1/3 at ρ = −0.5.
 *
 * Source: math.md §4.4; the factor of paper A's correlated-oracle claim (arXiv:2606.00703, abstract:
 * positive noise correlation raises the bounds by (1 + ρ)/(1 − ρ)). Lesson 9.
 *
 * @param rho - −1 < ρ < 1
 * @throws RangeError naming `rho` when |ρ| ≥ 1; TypeError when not a number.
 * @example
 * ```ts
 * ar1Inflation(0.9); // 19
 * ```
 */
export function ar1Inflation(rho: number): number {
  expectRho(rho);
  return (1 + rho) / (1 - rho);
}

/** Arguments of {@link correlatedStatisticalBound}. */
export type CorrelatedStatisticalBoundArgs = EstimationTarget & {
  /** σ > 0, the stationary standard deviation of the gradient noise per coordinate. */
  sigma: number;
  /** ρ, the lag-one correlation of each coordinate's noise, −1 < ρ < 1. */
  rho: number;
};

/**
 * The statistical bound under AR(1) gradient noise (independent across coordinates, correlation ρ
 * across rounds): the fewest rounds any optimizer, quantized or not, needs for E‖x̂ − θ‖² ≤ D,
 *
 *     T ≥ (σ²d/D)·(1 + ρ)/(1 − ρ) − 2ρ/(1 − ρ)          (flat prior, μ = 1),
 *
 * and in general T ≥ [(σ/μ)²(1 + ρ)(d/D − J/d) − 2ρ]/(1 − ρ) with J the prior's Fisher information.
 * Why: each coordinate's T samples carry I_T = [T(1 − ρ) + 2ρ]/(σ²(1 + ρ)) (`ar1FisherMean`), the van
 * Trees inequality gives D ≥ d²/(d·I_T·μ² + J), and no message carries more Fisher information than the
 * samples it is computed from. Positive ρ raises the bound (×3 at ρ = 0.5, ×19 at 0.9), negative ρ
 * lowers it; the −2ρ/(1 − ρ) is the boundary effect of the first sample. ρ = 0 is `statisticalBound`.
 *
 * Not to be multiplied into the bits-limited product bound: math.md §4.4 (corrected 2026-12-01) shows
 * a one-bit protocol cycling through the coordinates (`cyclingOneBitRisk`) beating
 * (σ²d/D)·(1 + ρ)/(1 − ρ)·d/(2 ln2·B); the correlated bits-limited bound is open here.
 *
 * Source: math.md §4.4 (our derivation, lesson 9); the factor is paper A's claim (arXiv:2606.00703,
 * abstract level).
 *
 * @returns the minimum number of rounds (an integer ≥ 0)
 * @throws RangeError naming `d`, `sigma`, `rho` (|ρ| ≥ 1), `eps`, `D`, `mu`, `priorRadius` or `priorVariance`.
 * @example
 * ```ts
 * correlatedStatisticalBound({ d: 64, sigma: 1, rho: 0.5, D: 1 }); // 190 = 64·3 − 2
 * correlatedStatisticalBound({ d: 64, sigma: 1, rho: 0, D: 1 }); // 64 = statisticalBound
 * ```
 */
export function correlatedStatisticalBound(args: CorrelatedStatisticalBoundArgs): number {
  const target = resolveTarget(args);
  expectSigma(args.sigma);
  expectRho(args.rho);
  const { d, mu, D, priorFisher } = target;
  const rho = args.rho;
  const noise = args.sigma / mu;
  return roundsAtLeast((noise * noise * (1 + rho) * (d / D - priorFisher / d) - 2 * rho) / (1 - rho));
}
