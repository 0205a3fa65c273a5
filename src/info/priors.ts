/**
 * Priors for the van Trees bound and their Fisher information (lesson 6, math.md §2.2).
 *
 * @packageDocumentation
 */
import type { Random } from "../numeric/random";
import { describeValue, expectInteger, expectNumber, expectPositive } from "../validation";

function expectRadius(name: string, r: unknown): asserts r is number {
  expectNumber(name, r);
  if (!(r > 0)) throw new RangeError(`${name} must be a number > 0 (Infinity allowed), got ${describeValue(r)}`);
}

/**
 * Trace of the Fisher information of the isotropic Gaussian prior N(0, τ²I_d):
 *
 *     J = d/τ²      (per coordinate J(π_i) = ∫(π_i')²/π_i = 1/τ²)
 *
 * Source: standard (math.md §2.2). Units: 1/(units of θ)².
 *
 * @param tau - the prior standard deviation τ per coordinate, a finite number > 0
 * @param d - the dimension (default 1), a positive integer
 * @throws RangeError naming `tau` or `d`.
 * @example
 * ```ts
 * priorFisherGaussian(2, 10); // 2.5 = 10/4
 * ```
 */
export function priorFisherGaussian(tau: number, d = 1): number {
  expectPositive("tau", tau);
  expectInteger("d", d, 1);
  return d / (tau * tau);
}

/**
 * Trace of the Fisher information of the cos² product prior on the cube [−r, r]^d, density
 * Π_i (1/r)·cos²(π θ_i/(2r)):
 *
 *     J = d·π²/r²
 *
 * Per coordinate: with u = πt/(2r), π_r' = −(π/(2r²))·sin 2u, so (π_r')²/π_r = (π²/r³)·sin² u and
 * ∫_{−r}^{r} = π²/r² (math.md §2.2 [S; D ✓num]; the cos² density is the minimal-Fisher density on an
 * interval, Tsybakov, "Introduction to Nonparametric Estimation", 2009, §2.7). r = Infinity gives 0
 * (no prior information), which is how a "flat prior" enters the bounds.
 *
 * @param r - the half-width of the support, a number > 0 (Infinity allowed)
 * @param d - the dimension (default 1), a positive integer
 * @throws RangeError naming `r` (not > 0) or `d`.
 * @example
 * ```ts
 * priorFisherCos2(1); // 9.869604401089358 = π²
 * priorFisherCos2(Infinity, 1024); // 0
 * ```
 */
export function priorFisherCos2(r: number, d = 1): number {
  expectRadius("r", r);
  expectInteger("d", d, 1);
  return r === Infinity ? 0 : (d * Math.PI * Math.PI) / (r * r);
}

/**
 * The cos² prior density on [−r, r]: π_r(t) = (1/r)·cos²(π t/(2r)) for |t| ≤ r, 0 outside. It
 * integrates to 1, vanishes at ±r (as van Trees requires), has mean 0 and variance (1/3 − 2/π²)·r²
 * ≈ 0.130691·r².
 *
 * @param t - the point (NaN gives NaN)
 * @param r - the half-width, a finite number > 0
 * @throws TypeError when t is not a number; RangeError naming `r`.
 * @example
 * ```ts
 * cos2PriorDensity(0, 1); // 1
 * cos2PriorDensity(0.5, 1); // 0.5
 * ```
 */
export function cos2PriorDensity(t: number, r: number): number {
  expectNumber("t", t);
  expectPositive("r", r);
  if (Number.isNaN(t)) return NaN;
  if (Math.abs(t) > r) return 0;
  const c = Math.cos((Math.PI * t) / (2 * r));
  return (c * c) / r;
}

/**
 * Variance of the cos² prior on [−r, r]: (1/3 − 2/π²)·r² ≈ 0.130691·r² (math.md §2.2 [✓num]).
 *
 * Derivation: with u = πt/r, cos²(πt/(2r)) = (1 + cos u)/2, and ∫_{−r}^{r} t²(1 + cos(πt/r))/(2r) dt =
 * r²/3 + (1/(2r))·(−4r³/π²) = r²/3 − 2r²/π².
 *
 * @param r - the half-width, a finite number > 0
 * @throws RangeError naming `r`.
 * @example
 * ```ts
 * cos2PriorVariance(1); // 0.13069096604865779
 * ```
 */
export function cos2PriorVariance(r: number): number {
  expectPositive("r", r);
  return (1 / 3 - 2 / (Math.PI * Math.PI)) * r * r;
}

/**
 * Fills `out` with independent draws from the cos² prior on [−r, r] (density (1/r)·cos²(π t/(2r))), by
 * rejection from the uniform: propose t = r·(2U − 1), accept with probability cos²(π t/(2r)). The
 * acceptance rate is 1/2, so each draw consumes on average 4 uniforms; the draws are exact and
 * reproducible for a given generator.
 *
 * Source: von Neumann's rejection method (L. Devroye, "Non-Uniform Random Variate Generation",
 * Springer 1986, §II.3).
 *
 * @param rng - the seeded source (from createRandom)
 * @param r - the half-width, a finite number > 0
 * @param out - the array to overwrite (a Float64Array)
 * @returns `out`
 * @throws TypeError when `rng` is not a Random or `out` not a Float64Array; RangeError naming `r`.
 * @example
 * ```ts
 * const theta = sampleCos2Prior(createRandom(1), 2, new Float64Array(1000)); // values in [−2, 2]
 * ```
 */
export function sampleCos2Prior(rng: Random, r: number, out: Float64Array): Float64Array {
  if (rng === null || typeof rng !== "object" || typeof (rng as Random).uniform !== "function") {
    throw new TypeError(`rng must be a Random (from createRandom), got ${describeValue(rng)}`);
  }
  expectPositive("r", r);
  if (!(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array, got ${describeValue(out)}`);
  for (let i = 0; i < out.length; i++) {
    for (;;) {
      const s = 2 * rng.uniform() - 1; // t/r, uniform on [−1, 1)
      const c = Math.cos((Math.PI * s) / 2);
      if (rng.uniform() < c * c) {
        out[i] = r * s;
        break;
      }
    }
  }
  return out;
}
