import type { Random } from "../numeric/random";
import { expectPositive } from "../validation";
import {
  type CompressResult,
  type Compressor,
  expectBitsPerCoordinate,
  expectDimension,
  expectGradient,
  expectOptions,
  expectRng,
  outputArray,
} from "./compressor";
import { clip, gridRoundingVariance, stochasticRoundOnGrid } from "./uniformGrid";

/** Options of {@link uniformStochastic}. */
export interface UniformStochasticOptions {
  /** b, bits per coordinate: an integer from 1 to 32; the grid has 2^b points. */
  bits: number;
  /** M > 0: the grid spans [−M, M]; coordinates outside are clipped first. */
  range: number;
}

/**
 * b-bit stochastic rounding of every coordinate on the uniform grid {−M + jΔ : j = 0 … 2^b − 1},
 * Δ = 2M/(2^b − 1). Message: one grid index per coordinate, **B = d·b bits**; the decoder knows b
 * and M, so nothing else is sent.
 *
 * Encoder: clip g_i to [−M, M], find its cell [ℓ_i, ℓ_i + Δ], send ℓ_i + Δ with probability
 * (g_i − ℓ_i)/Δ, else ℓ_i (one uniform draw per coordinate from the public coin).
 *
 * Bias: unbiased, E[ĝ_i] = g_i, **for inputs in [−M, M]** (`unbiased` is true in that sense).
 * A coordinate outside the range is clipped to ±M, a grid point, and sent exactly as ±M: biased
 * by |g_i| − M there (the clipping bias of the bounded-dynamic-range oracle, lesson 8).
 *
 * Mean squared error (exact, `mseIsExact = true`):
 * E‖ĝ − g‖² = Σ_{|g_i| ≤ M} (g_i − ℓ_i)(ℓ_i + Δ − g_i) + Σ_{|g_i| > M} (|g_i| − M)²,
 * each in-range term ≤ Δ²/4; for b = 1 (grid {−M, M}) an in-range term is M² − g_i².
 * NaN coordinates give NaN estimates (and a NaN error).
 *
 * Source: stochastic rounding on a uniform grid (math.md §5.3, standard; the quantizer of the
 * achievability scheme we reconstruct for paper A's bounded-dynamic-range result, arXiv:2606.00703); lesson 3.
 *
 * @throws RangeError naming `bits` (not an integer in [1, 32]) or `range` (not finite and > 0);
 *   compress/meanSquaredError throw a TypeError naming `g` unless it is a Float64Array.
 * @example
 * ```ts
 * const c = uniformStochastic({ bits: 1, range: 1 });
 * c.bits(100); // 100
 * c.meanSquaredError(new Float64Array([0.5, 0])); // (1 − 0.25) + (1 − 0) = 1.75
 * c.compress(new Float64Array([0.5, 0]), createRandom(1)).estimate; // entries ±1
 * ```
 */
export function uniformStochastic(options: UniformStochasticOptions): Compressor {
  expectOptions(options);
  const b = options.bits;
  const M = options.range;
  expectBitsPerCoordinate(b);
  expectPositive("range", M);
  const intervals = 2 ** b - 1;
  return {
    name: `uniformStochastic(bits=${b}, range=${M})`,
    unbiased: true,
    mseIsExact: true,
    bits(d: number): number {
      expectDimension(d);
      return d * b;
    },
    compress(g: Float64Array, rng: Random, out?: Float64Array): CompressResult {
      expectGradient(g);
      expectRng(rng);
      const d = g.length;
      const est = outputArray(out, d);
      for (let i = 0; i < d; i++) est[i] = stochasticRoundOnGrid(g[i], -M, M, intervals, rng.uniform());
      return { estimate: est, bits: d * b };
    },
    meanSquaredError(g: Float64Array): number {
      expectGradient(g);
      let mse = 0;
      for (let i = 0; i < g.length; i++) {
        const c = clip(g[i], -M, M);
        const bias = g[i] - c;
        mse += gridRoundingVariance(c, -M, M, intervals) + bias * bias;
      }
      return mse;
    },
  };
}
