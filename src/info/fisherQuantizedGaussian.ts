/**
 * Fisher information about θ carried by a threshold (scalar) quantization of X ~ N(θ, σ²): the
 * closed forms of lesson 5 (math.md §3.2–3.3).
 *
 * @packageDocumentation
 */
import { cdfUnchecked, pdfUnchecked, sfUnchecked } from "../numeric/normal";
import { describeValue, expectFinite, expectNumber, expectNumericArray, expectPositive } from "../validation";
import type { NumericArray } from "../validation";

/** Options of {@link fisherQuantizedGaussian} and {@link quantizedGaussianCells}. */
export interface QuantizedGaussianOptions {
  /** The true mean θ (default 0), a finite number. */
  theta?: number;
  /** The noise standard deviation σ (default 1), a finite number > 0. */
  sigma?: number;
}

/** What {@link quantizedGaussianCells} returns: the quantizer's cells as seen from θ. */
export interface QuantizedGaussianCells {
  /** p_j = P(τ_{j−1} ≤ X < τ_j), j = 1 … K (K = thresholds.length + 1). */
  probabilities: Float64Array;
  /** E[S_θ(X) | cell j] = (φ(a_{j−1}) − φ(a_j))/(σ·p_j), the conditional score means (0 where p_j = 0). */
  scoreMeans: Float64Array;
  /** I(θ) = Σ_j p_j·E[S | cell j]² in 1/(units of θ)². */
  fisher: number;
}

/** @internal Validates thresholds: a numeric array of finite, strictly increasing numbers. */
export function expectIncreasingThresholds(name: string, thresholds: unknown): asserts thresholds is NumericArray {
  expectNumericArray(name, thresholds);
  for (let i = 0; i < thresholds.length; i++) {
    const t = thresholds[i];
    if (!Number.isFinite(t)) throw new RangeError(`${name}[${i}] must be a finite number, got ${describeValue(t)}`);
    if (i > 0 && !(t > thresholds[i - 1])) {
      throw new RangeError(
        `${name} must be strictly increasing, got ${name}[${i - 1}] = ${thresholds[i - 1]} and ${name}[${i}] = ${t}`,
      );
    }
  }
}

function readOptions(options: QuantizedGaussianOptions): { theta: number; sigma: number } {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`options must be an object { theta, sigma }, got ${describeValue(options)}`);
  }
  const theta = options.theta ?? 0;
  const sigma = options.sigma ?? 1;
  expectFinite("theta", theta);
  expectPositive("sigma", sigma);
  return { theta, sigma };
}

/**
 * @internal Fills p_j and g_j = φ(a_{j−1}) − φ(a_j) for standardized thresholds a (trusted input):
 * returns Σ_j g_j²/p_j, the Fisher information times σ². Each p_j is a difference on the side of 0
 * where it does not cancel: Φ(a_j) − Φ(a_{j−1}) when a_j ≤ 0, Q(a_{j−1}) − Q(a_j) otherwise (math.md
 * §3.3), and g_j²/p_j is formed as g_j·(g_j/p_j) so that it does not underflow where g_j² would.
 */
export function standardizedCellFisher(a: ArrayLike<number>, p?: Float64Array, g?: Float64Array): number {
  const k = a.length + 1;
  let sum = 0;
  let phiPrev = 0; // φ(−∞)
  for (let j = 0; j < k; j++) {
    const lo = j === 0 ? -Infinity : a[j - 1];
    const hi = j === k - 1 ? Infinity : a[j];
    const phiHi = j === k - 1 ? 0 : pdfUnchecked(hi);
    const pj = hi <= 0 ? cdfUnchecked(hi) - (j === 0 ? 0 : cdfUnchecked(lo)) : (j === 0 ? 1 : sfUnchecked(lo)) - sfUnchecked(hi);
    const gj = phiPrev - phiHi;
    if (p) p[j] = pj;
    if (g) g[j] = gj;
    if (pj > 0) sum += gj * (gj / pj);
    phiPrev = phiHi;
  }
  return sum;
}

/**
 * The cells of the threshold quantizer Y = #{j : X ≥ τ_j} of X ~ N(θ, σ²): their probabilities, the
 * conditional means of the score S_θ(X) = (X − θ)/σ² within each cell, and the Fisher information
 * I(θ) = Σ_j p_j·E[S | cell j]², the "scatter of the conditional score means" of lesson 5
 * (math.md §3.1, Barnes–Han–Özgür, arXiv:1902.02890).
 *
 * With a_j = (τ_j − θ)/σ, a_0 = −∞, a_K = +∞: p_j = Φ(a_j) − Φ(a_{j−1}) and
 * E[S | cell j] = (φ(a_{j−1}) − φ(a_j))/(σ·p_j). Probabilities are computed as differences of Φ below 0
 * and of 1 − Φ above, so cells far in a tail keep their relative accuracy.
 *
 * Domain and edge cases: thresholds finite and strictly increasing (an empty list is the quantizer
 * with one cell: p = [1], I = 0); cells whose probability underflows to 0 get score mean 0 and add
 * nothing.
 *
 * Source: standard (e.g. Kipnis and Duchi, arXiv:1708.00952, for one bit); lesson 5.
 *
 * @throws TypeError for a non-numeric `thresholds` or non-object options; RangeError naming
 * `thresholds` (not finite or not strictly increasing), `theta` (not finite) or `sigma` (not > 0).
 * @example
 * ```ts
 * const cells = quantizedGaussianCells([0]); // one bit at the mean
 * // probabilities [0.5, 0.5], scoreMeans [−0.7979, 0.7979] (= ∓√(2/π)), fisher 0.6366 (= 2/π)
 * ```
 */
export function quantizedGaussianCells(
  thresholds: NumericArray,
  options: QuantizedGaussianOptions = {},
): QuantizedGaussianCells {
  expectIncreasingThresholds("thresholds", thresholds);
  const { theta, sigma } = readOptions(options);
  const a = Array.from(thresholds, (t) => (t - theta) / sigma);
  const probabilities = new Float64Array(a.length + 1);
  const g = new Float64Array(a.length + 1);
  const fisher = standardizedCellFisher(a, probabilities, g) / (sigma * sigma);
  const scoreMeans = g.map((gj, j) => (probabilities[j] > 0 ? gj / (sigma * probabilities[j]) : 0));
  return { probabilities, scoreMeans, fisher };
}

/**
 * Fisher information about θ in the K-level quantization Y = #{j : X ≥ τ_j} of one observation
 * X ~ N(θ, σ²), for any strictly increasing thresholds τ_1 < … < τ_{K−1} (math.md §3.3):
 *
 *     I_K(θ) = (1/σ²)·Σ_{j=1}^{K} (φ(a_{j−1}) − φ(a_j))² / (Φ(a_j) − Φ(a_{j−1})),  a_j = (τ_j − θ)/σ,
 *
 * with a_0 = −∞, a_K = +∞, φ(±∞) = 0. Units: 1/(units of θ)². Always below the unquantized 1/σ²
 * (data processing). One threshold at θ gives 2/(πσ²) ≈ 0.6366/σ²; the best 2-bit (4-level) quantizer
 * gives 0.8825182/σ² (see {@link optimalThresholds}).
 *
 * Tail-safe: cell probabilities are differences of Φ below 0 and of 1 − Φ above (Cody's functions, a
 * few ulps each), so thresholds far from θ keep their relative accuracy; a cell whose probability
 * underflows to 0 adds nothing.
 *
 * Source: standard (math.md §3.3; one threshold: Kipnis and Duchi, arXiv:1708.00952); derived in
 * lesson 5.
 *
 * @param thresholds - finite, strictly increasing (may be empty: I = 0)
 * @param options - `{ theta = 0, sigma = 1 }`
 * @throws TypeError for a non-numeric `thresholds` or non-object options; RangeError naming
 * `thresholds` (not finite or not strictly increasing), `theta` or `sigma` (σ ≤ 0).
 * @example
 * ```ts
 * fisherQuantizedGaussian([0]); // 0.6366197723675814 = 2/π
 * fisherQuantizedGaussian([-0.9816, 0, 0.9816]); // 0.8825182 (the optimal 2-bit quantizer)
 * fisherQuantizedGaussian([1], { theta: 1, sigma: 2 }); // 0.1591549 = 2/(π·4)
 * ```
 */
export function fisherQuantizedGaussian(thresholds: NumericArray, options: QuantizedGaussianOptions = {}): number {
  expectIncreasingThresholds("thresholds", thresholds);
  const { theta, sigma } = readOptions(options);
  const a = Array.from(thresholds, (t) => (t - theta) / sigma);
  return standardizedCellFisher(a) / (sigma * sigma);
}

/**
 * Fisher information of one bit Y = 1{X ≥ τ} about θ, X ~ N(θ, σ²), as a function of the standardized
 * threshold t = (τ − θ)/σ (math.md §3.2):
 *
 *     I_1bit(t) = φ(t)² / (σ²·Φ(t)·(1 − Φ(t))).
 *
 * Maximal at t = 0: 2/(πσ²) ≈ 0.636620/σ²; t = 0.5 → 0.580992/σ², t = 1 → 0.438629/σ², t = 2 →
 * 0.131115/σ². Even in t. Computed as (φ/Φ)·(φ/(1 − Φ))/σ² with a direct upper tail, so it stays
 * accurate (≈ |t|·φ(t)/σ²) far out, where φ² would underflow; 0 where φ(t) underflows (|t| ≥ 38.7).
 *
 * Source: standard; Kipnis and Duchi, arXiv:1708.00952 (one-bit adaptive estimation attains the
 * factor π/2); lesson 5.
 *
 * @param t - the standardized threshold (τ − θ)/σ; NaN gives NaN
 * @param sigma - σ > 0 (default 1)
 * @throws TypeError when t is not a number; RangeError naming `sigma` when σ ≤ 0.
 * @example
 * ```ts
 * fisherOneBit(0); // 0.6366197723675814 = 2/π
 * fisherOneBit(1, 2); // 0.1096572 = 0.438629/4
 * ```
 */
export function fisherOneBit(t: number, sigma = 1): number {
  expectNumber("t", t);
  expectPositive("sigma", sigma);
  const phi = pdfUnchecked(t);
  if (phi === 0) return Number.isNaN(t) ? NaN : 0;
  return ((phi / cdfUnchecked(t)) * (phi / sfUnchecked(t))) / (sigma * sigma);
}
