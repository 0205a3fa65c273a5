/**
 * Noise models of rounding: the relative-error model of paper C and the additive (integer-like)
 * and multiplicative (float-like) uniform-noise models of paper B, with their exact variances.
 *
 * - Paper B: Zhang, Su, Zou, "Learning under Quantization for High-Dimensional Linear Regression",
 *   arXiv:2510.18259 (additive quantization: constant step; multiplicative: step proportional to |z|).
 * - Paper C: Tang, Li, Zou, "A Convergence Analysis of Adaptive Optimizers under Floating-point
 *   Quantization", arXiv:2510.21314 (Q(x) = x(1 + δ), |δ| ≤ q, q set by the mantissa length).
 *
 * The constants Δ²/12 (dither), Δ²/6 (stochastic rounding of a uniformly placed value) and
 * E[1/s²] = 3/(8 ln 2) (log-uniform significand) are standard facts or our derivations, as each
 * function's TSDoc says; lesson 3 derives them, lessons 11 and 12 use the samplers.
 *
 * @packageDocumentation
 */
import { Random } from "../numeric/random";
import type { NumericArray } from "../validation";
import {
  describeValue,
  expectFinite,
  expectInteger,
  expectNumber,
  expectNumericArray,
  expectOneOf,
  expectPositive,
} from "../validation";
import { floorLog2, pow2 } from "./ieee754";
import { roundingModes } from "./rounding";
import type { RoundingMode } from "./rounding";

/** The two uniform-noise models: subtractive dither (error uniform on a cell) or stochastic rounding. */
export type NoiseModel = "dither" | "stochastic";

/**
 * The noise models, default first.
 *
 * @example
 * ```ts
 * noiseModels; // ["dither", "stochastic"]
 * ```
 */
export const noiseModels: readonly NoiseModel[] = Object.freeze(["dither", "stochastic"] as const);

/** Largest mantissa length accepted: binary64 has 52 stored mantissa bits. */
const MAX_MANTISSA_BITS = 52;

/**
 * The largest relative error |fl(x) − x|/|x| of rounding to a float with m stored mantissa bits,
 * in the normal range (no overflow, no subnormals):
 *
 * - `"nearest-even"`: u = 2^−(m+1) (the unit roundoff; the error is at most half a spacing, and the
 *   spacing at |x| ∈ [2^e, 2^(e+1)) is 2^(e−m) ≤ 2^−m|x|);
 * - `"toward-zero"`: 2^−m (the error is below one spacing; strict inequality);
 * - `"stochastic"`: 2^−m (the result is one of the two neighbours; strict inequality), with E[δ] = 0.
 *
 * This is the q of paper C's relative-error model Q(x) = x(1 + δ), |δ| ≤ q (arXiv:2510.21314),
 * e.g. BF16 (m = 7): 3.9e−3 nearest, 7.8e−3 truncated; E4M3 (m = 3): 0.0625 and 0.125.
 * Subnormals break it (only an absolute bound, half the least subnormal, holds there).
 *
 * Source: standard (math.md §6.2, §8.1); the model is paper C's.
 *
 * @param mantissaBits - m, an integer from 0 to 52
 * @param rounding - default `"nearest-even"`
 * @throws RangeError naming `mantissaBits` or `rounding`.
 * @example
 * ```ts
 * relativeErrorBound(7); // 0.00390625 (BF16 unit roundoff)
 * relativeErrorBound(3, "toward-zero"); // 0.125 (E4M3 truncation)
 * ```
 */
export function relativeErrorBound(mantissaBits: number, rounding: RoundingMode = "nearest-even"): number {
  expectInteger("mantissaBits", mantissaBits, 0, MAX_MANTISSA_BITS);
  expectOneOf("rounding", rounding, roundingModes);
  return rounding === "nearest-even" ? pow2(-(mantissaBits + 1)) : pow2(-mantissaBits);
}

/**
 * The variance of stochastic rounding of x between its neighbours ℓ ≤ x ≤ h:
 * Var = (x − ℓ)(h − x) (the result is h with probability p = (x − ℓ)/(h − ℓ): a scaled Bernoulli,
 * variance (h − ℓ)²·p(1 − p)). It is 0 on the grid and at most (h − ℓ)²/4, at the midpoint.
 *
 * Domain: finite `lower` ≤ `upper`, x in [lower, upper]; NaN x gives NaN. Get ℓ and h of a format
 * with `bracket(name, x)`.
 *
 * Source: standard (math.md §5.3, §6.2); lesson 3.
 *
 * @throws RangeError naming `lower`, `upper` or `x` when out of domain; TypeError for non-numbers.
 * @example
 * ```ts
 * stochasticRoundingVariance(0.3, 0.28125, 0.3125); // (0.01875)(0.0125) ≈ 2.34e-4
 * ```
 */
export function stochasticRoundingVariance(x: number, lower: number, upper: number): number {
  expectNumber("x", x);
  expectFinite("lower", lower);
  expectFinite("upper", upper);
  if (!(upper >= lower)) throw new RangeError(`upper must be >= lower = ${lower}, got ${describeValue(upper)}`);
  if (x !== x) return NaN;
  if (!(x >= lower && x <= upper)) {
    throw new RangeError(`x must lie in [lower, upper] = [${lower}, ${upper}], got ${describeValue(x)}`);
  }
  return (x - lower) * (upper - x);
}

/**
 * The variance of additive (integer-like, constant-step) quantization noise with step Δ:
 *
 * - `"dither"`: Δ²/12. The error of subtractively dithered rounding is uniform on [−Δ/2, Δ/2]
 *   whatever x (standard: Schuchman 1964; Widrow & Kollár, "Quantization Noise", 2008); it is also
 *   the mean squared error of round-to-nearest for x spread uniformly over a cell.
 * - `"stochastic"`: Δ²/6, the mean of the stochastic-rounding variance (x − ℓ)(h − x) over x
 *   uniform in its cell. We derive it: with t = (x − ℓ)/Δ uniform on [0, 1],
 *   E[(x − ℓ)(h − x)] = Δ²·E[t(1 − t)] = Δ²(1/2 − 1/3) = Δ²/6. (The worst case, at a midpoint, is Δ²/4.)
 *
 * This is s_A² of paper B's additive model Q(z) = z + ε, E[ε | z] = 0, Cov(ε) = s_A² I
 * (arXiv:2510.18259; math.md §7.2).
 *
 * @param step - Δ > 0, finite
 * @param model - default `"dither"`
 * @throws RangeError naming `step` or `model`.
 * @example
 * ```ts
 * additiveNoiseVariance(1); // 0.08333… (int8 grid, step 1)
 * additiveNoiseVariance(1 / 64, "stochastic"); // 1/(6·4096) (MXINT8 element step)
 * ```
 */
export function additiveNoiseVariance(step: number, model: NoiseModel = "dither"): number {
  expectPositive("step", step);
  expectOneOf("model", model, noiseModels);
  return (step * step) / (model === "dither" ? 12 : 6);
}

/**
 * E[1/s²] = 3/(8 ln 2) ≈ 0.5410 for a significand s log-uniform on [1, 2) (density 1/(s ln 2)):
 * ∫₁² s^−3 ds / ln 2 = (1/2 − 1/8)/ln 2. The factor by which the relative noise of a float is below
 * its worst case 2^−m at the bottom of a binade; we derive it (math.md §7.2).
 *
 * @example
 * ```ts
 * meanInverseSquareSignificand; // 0.5410106403333613
 * ```
 */
export const meanInverseSquareSignificand = 3 / (8 * Math.LN2);

/**
 * The variance of the relative error δ = (Q(x) − x)/x of a float with m mantissa bits
 * (multiplicative, float-like noise), for magnitudes log-uniform within a binade:
 *
 * - `"dither"`: E[1/s²]·2^−2m/12. Given x = s·2^e (s ∈ [1, 2)) the dithered error is uniform with
 *   spacing 2^(e−m), so E[δ² | x] = 2^−2m/(12 s²); average over s with {@link meanInverseSquareSignificand}.
 *   Exact for the dither model; for round-to-nearest of log-uniform x it is the uniform-noise
 *   approximation, above the exact mean square by a relative O(2^−m) (0.34% at m = 3, by our
 *   numerical integration).
 * - `"stochastic"`: E[1/s²]·2^−2m/6, the same with the stochastic-rounding cell average Δ²/6; we
 *   derive it treating x as uniform within its cell; for log-uniform x the exact mean square is
 *   below it by a relative O(2^−m) (by our closed-form integration over each cell: 0.19% at m = 3,
 *   about 8·10^−6 at m = 7).
 *
 * We derive the constants (math.md §7.2); the model Q(z) = z(1 + ε) with Var(ε) = s_M² is paper B's
 * multiplicative quantization (arXiv:2510.18259). Hard bounds: |δ| ≤ 2^−(m+1) nearest,
 * |δ| < 2^−m stochastic ({@link relativeErrorBound}).
 *
 * @param mantissaBits - m, an integer from 0 to 52
 * @param model - default `"dither"`
 * @throws RangeError naming `mantissaBits` or `model`.
 * @example
 * ```ts
 * multiplicativeNoiseVariance(7); // 0.541·2^−14/12 ≈ 2.75e-6 (BF16)
 * multiplicativeNoiseVariance(3, "stochastic"); // 0.541·2^−6/6 ≈ 1.41e-3 (E4M3)
 * ```
 */
export function multiplicativeNoiseVariance(mantissaBits: number, model: NoiseModel = "dither"): number {
  expectInteger("mantissaBits", mantissaBits, 0, MAX_MANTISSA_BITS);
  expectOneOf("model", model, noiseModels);
  return (meanInverseSquareSignificand * pow2(-2 * mantissaBits)) / (model === "dither" ? 12 : 6);
}

function expectRandom(rng: unknown): asserts rng is Random {
  if (!(rng instanceof Random)) {
    throw new TypeError(`rng must be a Random (createRandom(seed, stream)), got ${describeValue(rng)}`);
  }
}

function outputFor(x: NumericArray, out: unknown): Float64Array {
  if (out === undefined) return new Float64Array(x.length);
  if (!(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array, got ${describeValue(out)}`);
  if (out.length !== x.length) throw new RangeError(`out.length must equal x.length = ${x.length}, got ${out.length}`);
  return out;
}

/**
 * Applies the additive uniform-noise model: out_i = x_i + Δ·(u_i − 1/2), u_i uniform on [0, 1)
 * from `rng` (one draw per element, in index order). The noise has mean 0, variance
 * Δ²/12 = `additiveNoiseVariance(step)` and |noise| ≤ Δ/2, independent of x: paper B's additive
 * (integer-like) quantization model (arXiv:2510.18259), used in lesson 11.
 *
 * Domain: `x` a numeric array; `step` > 0 finite; `out` a Float64Array of x's length (may be x).
 * NaN and ±Infinity elements stay NaN and ±Infinity.
 *
 * @throws TypeError naming `x`, `rng` or `out`; RangeError naming `step` or `out.length`.
 * @example
 * ```ts
 * additiveNoise(new Float64Array([0, 1, 2]), 0.5, createRandom(1)); // each within ±0.25 of x
 * ```
 */
export function additiveNoise(x: NumericArray, step: number, rng: Random, out?: Float64Array): Float64Array {
  expectNumericArray("x", x);
  expectPositive("step", step);
  expectRandom(rng);
  const result = outputFor(x, out);
  for (let i = 0; i < x.length; i++) result[i] = x[i] + step * (rng.uniform() - 0.5);
  return result;
}

/**
 * Applies the multiplicative (float-like) uniform-noise model with m mantissa bits:
 * out_i = x_i + ulp_m(x_i)·(u_i − 1/2), with ulp_m(x) = 2^(⌊log2|x|⌋ − m) the spacing of an m-bit
 * float at x (exponent range unbounded, no subnormals) and u_i uniform on [0, 1) (one draw per
 * element). So out_i = x_i(1 + δ_i) with E[δ_i] = 0, |δ_i| ≤ 2^−(m+1) (paper C's relative model
 * with q = u, arXiv:2510.21314) and E[δ_i²] = 2^−2m/(12 s_i²) for significand s_i of x_i: on
 * log-uniform magnitudes its variance is exactly `multiplicativeNoiseVariance(m, "dither")` (paper B's
 * multiplicative model, arXiv:2510.18259). Used in lessons 11 and 12.
 *
 * Domain: `x` a numeric array; m an integer from 0 to 52; `out` a Float64Array of x's length (may be
 * x). Zeros stay zero (keeping their sign), NaN stays NaN, ±Infinity stays ±Infinity; exponents are
 * read from the bits (exact also for subnormal doubles).
 *
 * @throws TypeError naming `x`, `rng` or `out`; RangeError naming `mantissaBits` or `out.length`.
 * @example
 * ```ts
 * multiplicativeNoise(new Float64Array([1, 100]), 7, createRandom(1)); // relative changes ≤ 2^−8
 * ```
 */
export function multiplicativeNoise(x: NumericArray, mantissaBits: number, rng: Random, out?: Float64Array): Float64Array {
  expectNumericArray("x", x);
  expectInteger("mantissaBits", mantissaBits, 0, MAX_MANTISSA_BITS);
  expectRandom(rng);
  const result = outputFor(x, out);
  for (let i = 0; i < x.length; i++) {
    const u = rng.uniform();
    const xi = x[i];
    const e = floorLog2(xi); // −Infinity for 0, NaN for NaN and ±Infinity
    result[i] = e === -Infinity || e !== e ? xi : xi + pow2(e - mantissaBits) * (u - 0.5);
  }
  return result;
}
