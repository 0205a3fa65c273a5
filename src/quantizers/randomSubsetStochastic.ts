import type { Random } from "../numeric/random";
import { expectInteger, expectPositive } from "../validation";
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

/** Options of {@link randomSubsetStochastic}. */
export interface RandomSubsetStochasticOptions {
  /** k, coordinates sent per message: an integer ≥ 1 (and ≤ d, checked when g arrives). */
  k: number;
  /** b, bits per sent coordinate: an integer from 1 to 32. */
  bits: number;
  /** M > 0: the stochastic-rounding grid spans [−M, M]; coordinates outside are clipped first. */
  range: number;
}

/**
 * Random coordinate subset plus b-bit stochastic rounding, the achievability scheme of lesson 8.
 *
 * The public coin picks a uniformly random subset S ⊂ {1 … d} with |S| = k (its indices cost no
 * bits); each g_i, i ∈ S, is sent by b-bit stochastic rounding on the uniform grid of [−M, M]
 * (see `uniformStochastic`). **B = k·b bits.** The decoder sets ĝ_i = (d/k)·q_i for i ∈ S and 0
 * elsewhere.
 *
 * Bias: unbiased for inputs in [−M, M] (P(i ∈ S) = k/d cancels the d/k); a clipped coordinate is
 * biased toward ±M as in `uniformStochastic`.
 *
 * Mean squared error (exact, `mseIsExact = true`), with c_i = g_i clipped to [−M, M] and
 * v_i = (c_i − ℓ_i)(ℓ_i + Δ − c_i) its rounding variance:
 * E‖ĝ − g‖² = Σ_i [(d/k − 1)c_i² + (d/k)v_i + (g_i − c_i)²],
 * which for an in-range g is **(d/k − 1)‖g‖² + (d/k)·Σ v_i**, and for b = 1 equals (d/k)·d·M² − ‖g‖².
 * NaN coordinates give NaN where they are sent and a NaN error.
 *
 * Source: math.md §5.4 (derived there and checked numerically), the bounded-dynamic-range
 * scheme behind the achievability result of paper A (arXiv:2606.00703; its abstract reports near-matching
 * achievability under a bounded-dynamic-range oracle, the scheme here is our reconstruction); derived in lesson 8.
 *
 * @throws RangeError naming `k` (not an integer ≥ 1, or k > d when g arrives), `bits` or `range`;
 *   TypeError naming `g` unless it is a Float64Array.
 * @example
 * ```ts
 * const c = randomSubsetStochastic({ k: 8, bits: 1, range: 5 });
 * c.bits(64); // 8
 * c.meanSquaredError(new Float64Array(64)); // (64/8)·64·25 − 0 = 12800
 * ```
 */
export function randomSubsetStochastic(options: RandomSubsetStochasticOptions): Compressor {
  expectOptions(options);
  const k = options.k;
  const b = options.bits;
  const M = options.range;
  expectInteger("k", k, 1);
  expectBitsPerCoordinate(b);
  expectPositive("range", M);
  const intervals = 2 ** b - 1;
  // Per-dimension scratch: the index permutation and the k rounded values (so out may alias g).
  let perm = new Int32Array(0);
  const values = new Float64Array(k);
  const expectKAtMostD = (d: number): void => {
    if (k > d) throw new RangeError(`k must be at most the dimension d = ${d}, got ${k}`);
  };
  return {
    name: `randomSubsetStochastic(k=${k}, bits=${b}, range=${M})`,
    unbiased: true,
    mseIsExact: true,
    bits(d: number): number {
      expectDimension(d);
      expectKAtMostD(d);
      return k * b;
    },
    compress(g: Float64Array, rng: Random, out?: Float64Array): CompressResult {
      expectGradient(g);
      expectRng(rng);
      const d = g.length;
      expectKAtMostD(d);
      const est = outputArray(out, d);
      if (perm.length !== d) perm = new Int32Array(d);
      for (let i = 0; i < d; i++) perm[i] = i;
      // Partial Fisher–Yates: perm[0..k) is a uniform random k-subset.
      for (let i = 0; i < k; i++) {
        const j = i + rng.integer(d - i);
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      const scale = d / k;
      for (let i = 0; i < k; i++) {
        values[i] = scale * stochasticRoundOnGrid(g[perm[i]], -M, M, intervals, rng.uniform());
      }
      est.fill(0);
      for (let i = 0; i < k; i++) est[perm[i]] = values[i];
      return { estimate: est, bits: k * b };
    },
    meanSquaredError(g: Float64Array): number {
      expectGradient(g);
      const d = g.length;
      expectKAtMostD(d);
      const scale = d / k;
      let mse = 0;
      for (let i = 0; i < d; i++) {
        const gi = g[i];
        const c = clip(gi, -M, M);
        const v = gridRoundingVariance(c, -M, M, intervals);
        const bias = gi - c;
        // (d/k)(c² + v) − 2g·c + g², arranged to avoid cancellation when k = d
        mse += (scale - 1) * c * c + scale * v + bias * bias;
      }
      return mse;
    },
  };
}
