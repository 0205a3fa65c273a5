import { type Compressor, expectBitsPerCoordinate, expectOptions } from "./compressor";
import { messageCompressor } from "./messageCompressor";
import { clip, expectGridRange, gridPoint, gridRoundingVariance, stochasticGridIndex } from "./uniformGrid";

/** Options of {@link uniformStochastic}. */
export interface UniformStochasticOptions {
  /** b, bits per coordinate: an integer from 1 to 32; the grid has 2^b points. */
  bits: number;
  /** M > 0: the grid spans [−M, M]; coordinates outside are clipped first. At most `MAX_GRID_RANGE`. */
  range: number;
}

/**
 * b-bit stochastic rounding of every coordinate on the uniform grid {−M + jΔ : j = 0 … 2^b − 1},
 * Δ = 2M/(2^b − 1). Message: one grid index per coordinate, **B = d·b bits**; the decoder knows b
 * and M, so nothing else is sent.
 *
 * Message layout (least significant bit first, see `BitWriter`): the index j_i of coordinate i in
 * bits [i·b, (i + 1)·b), for i = 0 … d − 1; ⌈d·b/8⌉ bytes.
 *
 * ```text
 *   bit 0        b          2b              d·b
 *       | j_0    | j_1      | j_2  ...      | (zero padding to a byte)
 * ```
 *
 * Encoder: clip g_i to [−M, M], find its cell [ℓ_i, ℓ_i + Δ], send the index of ℓ_i + Δ with
 * probability (g_i − ℓ_i)/Δ, else that of ℓ_i. The dithers (one uniform per coordinate, in index
 * order) are the encoder's private draws; there are no public draws, so `decode` reads nothing from
 * its coin. Decoder: ĝ_i = −M + j_iΔ (computed from the nearer end, so ±M are exact).
 *
 * Bias: unbiased, E[ĝ_i] = g_i, **for inputs in [−M, M]** (`unbiased` is true in that sense).
 * A coordinate outside the range is clipped to ±M, a grid point, and sent exactly as ±M: biased
 * by |g_i| − M there (the clipping bias of the bounded-dynamic-range oracle, lesson 8).
 *
 * Mean squared error (exact, `mseIsExact = true`):
 * E‖ĝ − g‖² = Σ_{|g_i| ≤ M} (g_i − ℓ_i)(ℓ_i + Δ − g_i) + Σ_{|g_i| > M} (|g_i| − M)²,
 * each in-range term ≤ Δ²/4; for b = 1 (grid {−M, M}) an in-range term is M² − g_i².
 * ±Infinity is clipped like any large value (its error is +Infinity); NaN cannot be sent.
 *
 * Source: stochastic rounding on a uniform grid (math.md §5.3, standard; the quantizer of the
 * achievability scheme we reconstruct for paper A's bounded-dynamic-range result, arXiv:2606.00703); lesson 3.
 *
 * @throws RangeError naming `bits` (not an integer in [1, 32]) or `range` (not finite, ≤ 0, or above
 *   `MAX_GRID_RANGE`); TypeError naming `g` unless it is a Float64Array, RangeError naming the
 *   entry `g[i]` that is NaN; from `decode`, errors naming `message`, `d` or `out`.
 * @example
 * ```ts
 * const c = uniformStochastic({ bits: 1, range: 1 });
 * c.bits(100); // 100
 * c.meanSquaredError(new Float64Array([0.5, 0])); // (1 − 0.25) + (1 − 0) = 1.75
 * c.encode(new Float64Array([0.5, 0]), createRandom(1)); // { bytes: 1 byte, bits: 2 }
 * c.compress(new Float64Array([0.5, 0]), createRandom(1)).estimate; // entries ±1
 * ```
 */
export function uniformStochastic(options: UniformStochasticOptions): Compressor {
  expectOptions(options);
  const b = options.bits;
  const M = options.range;
  expectBitsPerCoordinate(b);
  expectGridRange(M);
  const intervals = 2 ** b - 1;
  return messageCompressor<undefined>({
    name: `uniformStochastic(bits=${b}, range=${M})`,
    unbiased: true,
    mseIsExact: true,
    allowInfinite: true,
    carrier: "a grid index cannot carry NaN; ±Infinity is clipped to ±range",
    declaredBits: (d) => d * b,
    drawPublic: () => undefined,
    encode(g, _pub, rng, writer) {
      for (let i = 0; i < g.length; i++) writer.writeBits(stochasticGridIndex(g[i], -M, M, intervals, rng.uniform()), b);
    },
    decode(reader, _pub, est) {
      for (let i = 0; i < est.length; i++) est[i] = gridPoint(-M, M, intervals, reader.readBits(b));
    },
    meanSquaredError(g) {
      let mse = 0;
      for (let i = 0; i < g.length; i++) {
        const c = clip(g[i], -M, M);
        const bias = g[i] - c;
        mse += gridRoundingVariance(c, -M, M, intervals) + bias * bias;
      }
      return mse;
    },
  }).compressor;
}
