/**
 * Seeded samplers for the data of lesson 2: heavy-tailed (Student-t, Laplace) and outlier-laden
 * (a Gaussian scale mixture) vectors, against which block formats are measured beside plain Gaussians.
 *
 * Each `fill…` function overwrites a `Float64Array` with independent draws from a {@link Random}
 * and returns it; nothing here calls `Math.random`.
 *
 * @packageDocumentation
 */
import { describeValue, expectInRange, expectNumber, expectPositive } from "../validation";
import type { Random } from "./random";

function expectOut(name: string, value: unknown): asserts value is Float64Array {
  if (!(value instanceof Float64Array)) {
    throw new TypeError(`${name} must be a Float64Array, got ${describeValue(value)}`);
  }
}

function expectRandom(name: string, value: unknown): asserts value is Random {
  const r = value as Random | null;
  if (r === null || typeof r !== "object" || typeof r.uniform !== "function" || typeof r.normal !== "function") {
    throw new TypeError(`${name} must be a Random (from createRandom), got ${describeValue(value)}`);
  }
}

/** A uniform on (0, 1): the generator's [0, 1) with the single value 0 redrawn (logs and powers need u > 0). */
function openUniform(rng: Random): number {
  let u = rng.uniform();
  while (u === 0) u = rng.uniform();
  return u;
}

/**
 * A Gamma(shape, 1) deviate by Marsaglia and Tsang's squeeze method ("A simple method for generating
 * gamma variables", ACM TOMS 26(3), 2000) for shape ≥ 1; for shape < 1 their boost
 * Gamma(a) = Gamma(a + 1)·U^(1/a).
 */
function gamma(rng: Random, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(openUniform(rng), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = rng.normal();
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = openUniform(rng);
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v; // the squeeze: accepts ~98% without a log
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * Fills `out` with independent Gamma(shape, 1) deviates: density x^(k−1)e^(−x)/Γ(k) on x > 0, k = shape.
 * 2·Gamma(ν/2, 1) is the chi-square law with ν degrees of freedom (the V of {@link fillStudentT}); shape 1
 * is the standard exponential.
 *
 * Method: Marsaglia and Tsang's squeeze for k ≥ 1 (a normal z, v = (1 + cz)³ with d = k − 1/3,
 * c = 1/√(9d), accepted when log u < z²/2 + d(1 − v + log v), most of the time by the cheaper squeeze
 * u < 1 − 0.0331z⁴), and their boost Gamma(k) = Gamma(k + 1)·U^(1/k) for k < 1. Each draw consumes a
 * variable number of uniforms and normals, so results depend on the seed and on k, and are reproducible.
 *
 * Moments: mean k, variance k.
 *
 * Source: G. Marsaglia and W. W. Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000.
 *
 * @param out - the array to overwrite
 * @param shape - k, a finite number > 0
 * @param rng - the seeded source
 * @returns `out`
 * @throws TypeError when `out` is not a Float64Array or `rng` not a Random; RangeError naming `shape`
 * when k is not a finite number > 0.
 * @example
 * ```ts
 * const e = fillGamma(new Float64Array(4096), 1, createRandom(7)); // standard exponential: mean 1
 * ```
 */
export function fillGamma(out: Float64Array, shape: number, rng: Random): Float64Array {
  expectOut("out", out);
  expectPositive("shape", shape);
  expectRandom("rng", rng);
  for (let i = 0; i < out.length; i++) out[i] = gamma(rng, shape);
  return out;
}

/**
 * Fills `out` with independent Student-t deviates with ν degrees of freedom:
 * T = Z / √(V/ν), Z ~ N(0, 1), V ~ χ²_ν = 2·Gamma(ν/2, 1), independent.
 *
 * Moments: E T = 0 for ν > 1; Var T = ν/(ν − 2) for ν > 2 (infinite for 1 < ν ≤ 2); excess kurtosis
 * 6/(ν − 4) for ν > 4. ν = 1 is the Cauchy distribution; ν → ∞ tends to N(0, 1). The tails decay like
 * |t|^(−ν−1): the lower ν, the heavier, which is why small ν models outlier-prone gradients.
 *
 * Domain: ν a finite number > 0 (non-integer allowed). Each draw consumes a variable number of uniforms
 * (Marsaglia–Tsang rejection), so results depend on the seed and on ν, and are reproducible.
 *
 * Source: the standard construction (e.g. Johnson, Kotz, Balakrishnan, "Continuous Univariate
 * Distributions" vol. 2, ch. 28); Gamma by Marsaglia and Tsang (ACM TOMS 26(3), 2000).
 *
 * @param out - the array to overwrite
 * @param nu - degrees of freedom ν > 0
 * @param rng - the seeded source
 * @returns `out`
 * @throws TypeError when `out` is not a Float64Array or `rng` not a Random; RangeError naming `nu`
 * when ν is not a finite number > 0.
 * @example
 * ```ts
 * const t3 = fillStudentT(new Float64Array(4096), 3, createRandom(7)); // variance 3, heavy tails
 * ```
 */
export function fillStudentT(out: Float64Array, nu: number, rng: Random): Float64Array {
  expectOut("out", out);
  expectPositive("nu", nu);
  expectRandom("rng", rng);
  const halfNu = nu / 2;
  for (let i = 0; i < out.length; i++) {
    const z = rng.normal();
    const v = 2 * gamma(rng, halfNu);
    out[i] = z / Math.sqrt(v / nu);
  }
  return out;
}

/**
 * Variance of the Student-t distribution with ν degrees of freedom: ν/(ν − 2) for ν > 2,
 * +Infinity for 1 < ν ≤ 2, NaN for ν ≤ 1 (the mean itself is undefined).
 *
 * @throws RangeError naming `nu` when ν is not a finite number > 0.
 * @example
 * ```ts
 * studentTVariance(3); // 3
 * ```
 */
export function studentTVariance(nu: number): number {
  expectPositive("nu", nu);
  if (nu > 2) return nu / (nu - 2);
  return nu > 1 ? Infinity : NaN;
}

/**
 * Fills `out` with independent Laplace (double-exponential) deviates of scale b, density
 * exp(−|x|/b)/(2b), by inversion: with U uniform on (−½, ½), X = −b·sign(U)·ln(1 − 2|U|).
 *
 * Moments: E X = 0, E|X| = b, Var X = 2b², excess kurtosis 3. Tails decay exponentially: heavier
 * than a Gaussian's, lighter than any Student-t's.
 *
 * Domain: b a finite number > 0.
 *
 * Source: inversion of the Laplace distribution function (standard; e.g. Devroye, "Non-Uniform Random
 * Variate Generation", 1986, §II.2).
 *
 * @param out - the array to overwrite
 * @param scale - b > 0
 * @param rng - the seeded source
 * @returns `out`
 * @throws TypeError when `out` is not a Float64Array or `rng` not a Random; RangeError naming `scale`.
 * @example
 * ```ts
 * const x = fillLaplace(new Float64Array(4096), Math.SQRT1_2, createRandom(7)); // unit variance
 * ```
 */
export function fillLaplace(out: Float64Array, scale: number, rng: Random): Float64Array {
  expectOut("out", out);
  expectPositive("scale", scale);
  expectRandom("rng", rng);
  for (let i = 0; i < out.length; i++) {
    const u = openUniform(rng) - 0.5; // in (−½, ½): 1 − 2|u| > 0
    out[i] = u < 0 ? scale * Math.log(1 + 2 * u) : -scale * Math.log(1 - 2 * u);
  }
  return out;
}

/** Options of {@link fillGaussianWithOutliers}. */
export interface GaussianOutlierOptions {
  /** Probability p that an element is an outlier, in [0, 1]. */
  probability: number;
  /** Standard deviation s of an outlier (inliers have standard deviation 1); a finite number > 0. */
  scale: number;
}

/**
 * Fills `out` with independent draws from the Gaussian scale mixture
 * X = Z·S, Z ~ N(0, 1), S = s with probability p and 1 otherwise:
 * most elements are standard normal, a fraction p are normal with standard deviation s (the outliers).
 *
 * Moments: E X = 0, E X² = 1 − p + p·s², E X⁴ = 3·(1 − p + p·s⁴). With p = 0.01 and s = 30 the
 * variance is 9.99 while 99% of the elements have variance 1: a few elements carry most of the energy.
 *
 * Domain: p in [0, 1], s a finite number > 0. Each element consumes one uniform (the outlier coin)
 * and one normal, in that order.
 *
 * Source: the contaminated-normal model (Tukey 1960, "A survey of sampling from contaminated
 * distributions"); used in lesson 2 as a stand-in for the outlier features of large models.
 *
 * @param out - the array to overwrite
 * @param options - `{ probability, scale }`
 * @param rng - the seeded source
 * @returns `out`
 * @throws TypeError when `out` is not a Float64Array, `options` not an object or `rng` not a Random;
 * RangeError naming `options.probability` or `options.scale`.
 * @example
 * ```ts
 * const x = fillGaussianWithOutliers(new Float64Array(4096), { probability: 0.01, scale: 30 }, createRandom(7));
 * ```
 */
export function fillGaussianWithOutliers(out: Float64Array, options: GaussianOutlierOptions, rng: Random): Float64Array {
  expectOut("out", out);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`options must be an object { probability, scale }, got ${describeValue(options)}`);
  }
  expectNumber("options.probability", options.probability);
  expectInRange("options.probability", options.probability, 0, 1);
  expectPositive("options.scale", options.scale);
  expectRandom("rng", rng);
  const p = options.probability;
  const s = options.scale;
  for (let i = 0; i < out.length; i++) {
    const coin = rng.uniform();
    out[i] = rng.normal() * (coin < p ? s : 1);
  }
  return out;
}
