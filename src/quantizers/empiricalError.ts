import { Random } from "../numeric/random";
import { describeValue, expectInteger } from "../validation";
import type { Compressor } from "./compressor";
import { expectGradient, expectOptions } from "./compressor";

/** Options of {@link empiricalError}. */
export interface EmpiricalErrorOptions {
  /** R, the number of independent compressions of g: an integer ≥ 2. */
  trials: number;
  /** The public coin, shared by all trials (seed it: `createRandom(seed)`). */
  rng: Random;
}

/** What {@link empiricalError} returns: Monte Carlo estimates of a compressor's error on one g. */
export interface EmpiricalError {
  /** R, the number of compressions. */
  trials: number;
  /** The measured message length in bits, averaged over the trials (every compressor of this folder sends a fixed length, equal to `compressor.bits(d)`). */
  bits: number;
  /** The sample mean of ‖ĝ − g‖² over the R trials: an unbiased estimate of the MSE E‖ĝ − g‖². */
  meanSquaredError: number;
  /** The standard error of `meanSquaredError`: the sample standard deviation of ‖ĝ − g‖² over √R. */
  standardError: number;
  /** ḡ, the coordinate-wise mean of the R estimates ĝ. */
  mean: Float64Array;
  /** ḡ − g, coordinate by coordinate: the estimated bias E[ĝ] − g (plus Monte Carlo noise). */
  bias: Float64Array;
  /** The standard error of each `bias` coordinate, √(s_i²/R), s_i² the sample variance of ĝ_i. */
  biasStandardError: Float64Array;
  /**
   * ‖E[ĝ] − g‖² estimated without the Monte Carlo noise floor: (R·‖ḡ − g‖² − MSÊ)/(R − 1), which is
   * unbiased (see the derivation in {@link empiricalError}); it fluctuates around 0 for an unbiased
   * compressor and can then be slightly negative.
   */
  squaredBias: number;
  /**
   * Σ_i (bias_i / biasStandardError_i)² over the coordinates whose estimates varied in the sample:
   * for an unbiased compressor and enough trials, approximately chi-square with
   * `biasDegreesOfFreedom` degrees of freedom (mean = that number, standard deviation ≈ √(2·that)).
   * A coordinate that never varied carries no Monte Carlo information about its spread and is left
   * out (a deterministic compressor gives 0 with 0 degrees of freedom; its bias shows in
   * `squaredBias`). Rare events spoil the approximation: a coordinate that moves with probability p
   * needs R·p well above 1.
   */
  biasChiSquare: number;
  /** The number of coordinates with a nonzero sample variance (the degrees of freedom of `biasChiSquare`). */
  biasDegreesOfFreedom: number;
}

/**
 * Monte Carlo estimate of a compressor's error on a fixed gradient g: compress g R times with the
 * public coin `rng` and measure the mean squared error E‖ĝ − g‖², its standard error, and the bias
 * E[ĝ] − g coordinate by coordinate. This is the independent side of the checks of lesson 3: the
 * simulated error of each compressor against its closed form or its bound.
 *
 * Estimators (R trials, e_t = ĝ_t − g):
 * - MSÊ = (1/R)·Σ_t ‖e_t‖², standard error √(s²/R) with s² the sample variance of ‖e_t‖²;
 * - bias_i = (1/R)·Σ_t e_{t,i} = ḡ_i − g_i, standard error √(s_i²/R);
 * - squared bias: with V = E‖ĝ − E ĝ‖² the total variance and b = E ĝ − g, E‖ḡ − g‖² = ‖b‖² + V/R and
 *   E[MSÊ] = ‖b‖² + V, so E[R‖ḡ − g‖² − MSÊ] = (R − 1)‖b‖² (our derivation): `squaredBias` is unbiased.
 *
 * Cost: R compressions plus O(R·d) arithmetic; no allocation per trial (one estimate buffer is reused).
 *
 * Edge cases: a g the compressor refuses (NaN entries; ±Infinity for those with a norm or scale) throws its
 * RangeError naming the entry. A compressor with a range clips ±Infinity into it, so that entry's error is
 * infinite in every trial: the statistics that sum it (the MSE, its standard error, the squared bias, that
 * entry's bias, the chi-square) come out NaN or infinite, not finite, and the other entries' bias and standard
 * errors stay valid. A deterministic compressor gives standardError 0, biasStandardError 0, biasChiSquare 0 with 0
 * degrees of freedom, and squaredBias = meanSquaredError (all of its error is bias).
 *
 * Source: standard Monte Carlo estimation; lesson 3.
 *
 * @throws TypeError naming `compressor` (no `compress` method), `g` (not a Float64Array), `options`
 *   or `rng`; RangeError naming `trials` (not an integer ≥ 2).
 * @example
 * ```ts
 * const g = new Float64Array([0.3, -0.5, 0.9]);
 * const est = empiricalError(uniformStochastic({ bits: 1, range: 1 }), g, { trials: 10000, rng: createRandom(1) });
 * est.meanSquaredError; // ≈ 3 − ‖g‖² = 1.85 (the exact MSE), within a few est.standardError
 * ```
 */
export function empiricalError(compressor: Compressor, g: Float64Array, options: EmpiricalErrorOptions): EmpiricalError {
  if (typeof compressor !== "object" || compressor === null || typeof compressor.compress !== "function") {
    throw new TypeError(`compressor must be a Compressor (an object with a compress method), got ${describeValue(compressor)}`);
  }
  expectGradient(g);
  expectOptions(options);
  const R = options.trials;
  expectInteger("trials", R, 2);
  const rng = options.rng;
  if (!(rng instanceof Random)) {
    throw new TypeError(`rng must be a Random (createRandom(seed, stream)), got ${describeValue(rng)}`);
  }
  const d = g.length;
  const out = new Float64Array(d);
  // Coordinate sums are taken about the first trial's error (a shifted-data variance): exact zeros
  // for a deterministic compressor, and no cancellation when the bias dwarfs the spread.
  const shift = new Float64Array(d);
  const sum = new Float64Array(d); // Σ_t (e_{t,i} − shift_i)
  const sumSq = new Float64Array(d); // Σ_t (e_{t,i} − shift_i)²
  let bitsSum = 0;
  // Welford for the per-trial squared error ‖e_t‖²
  let errMean = 0;
  let errM2 = 0;
  for (let t = 0; t < R; t++) {
    const { estimate, bits } = compressor.compress(g, rng, out);
    bitsSum += bits;
    if (t === 0) for (let i = 0; i < d; i++) shift[i] = estimate[i] - g[i];
    let err = 0;
    for (let i = 0; i < d; i++) {
      const e = estimate[i] - g[i];
      const s = e - shift[i];
      sum[i] += s;
      sumSq[i] += s * s;
      err += e * e;
    }
    const delta = err - errMean;
    errMean += delta / (t + 1);
    errM2 += delta * (err - errMean);
  }
  const mean = new Float64Array(d);
  const bias = new Float64Array(d);
  const biasStandardError = new Float64Array(d);
  let biasNormSq = 0;
  let chi2 = 0;
  let dof = 0;
  for (let i = 0; i < d; i++) {
    const b = shift[i] + sum[i] / R;
    bias[i] = b;
    mean[i] = g[i] + b;
    biasNormSq += b * b;
    const variance = Math.max(0, (sumSq[i] - (sum[i] * sum[i]) / R) / (R - 1));
    const se = Math.sqrt(variance / R);
    biasStandardError[i] = se;
    if (se > 0) {
      chi2 += (b / se) ** 2;
      dof += 1;
    } else if (b !== b) {
      chi2 = NaN;
    }
  }
  const mse = errMean;
  return {
    trials: R,
    bits: bitsSum / R,
    meanSquaredError: mse,
    standardError: Math.sqrt(errM2 / (R - 1) / R),
    mean,
    bias,
    biasStandardError,
    squaredBias: (R * biasNormSq - mse) / (R - 1),
    biasChiSquare: chi2,
    biasDegreesOfFreedom: dof,
  };
}
