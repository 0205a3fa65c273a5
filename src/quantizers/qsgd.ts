import { describeValue, expectInteger } from "../validation";
import { type Compressor, expectGradient, expectOptions } from "./compressor";
import { messageCompressor } from "./messageCompressor";
import { roundUpToFloat32 } from "./float32Rounding";

const FP32_MAX = 3.4028234663852886e38; // FP32 largest finite: (2 − 2^−23)·2^127
const NORM_BITS = 32; // the norm is sent as one FP32 value

/** Options of {@link qsgd}. */
export interface QsgdOptions {
  /** s, the number of quantization levels of |g_i|/‖g‖ in (0, 1]: an integer from 1 to 2^30. */
  levels: number;
}

/** ceil(log2(n)) for an integer n ≥ 1, computed exactly. */
function ceilLog2(n: number): number {
  let t = 0;
  while (2 ** t < n) t++;
  return t;
}

/**
 * ‖g‖₂ computed with scaling (so tiny and large entries neither underflow nor overflow), rounded up
 * to FP32: the norm the message carries. Requires finite entries; throws when the norm exceeds the
 * FP32 range.
 */
function transmittedNorm(g: Float64Array): number {
  let amax = 0;
  for (let i = 0; i < g.length; i++) {
    const a = Math.abs(g[i]);
    if (a > amax) amax = a;
  }
  if (amax === 0) return 0;
  let sum = 0;
  for (let i = 0; i < g.length; i++) {
    const t = g[i] / amax;
    sum += t * t;
  }
  const r = roundUpToFloat32(Math.sqrt(sum) * amax); // ≥ amax: the scaled sum is ≥ 1
  if (!(r <= FP32_MAX)) {
    throw new RangeError(`g has Euclidean norm ${describeValue(Math.sqrt(sum) * amax)}, beyond the FP32 range of the transmitted norm`);
  }
  return r;
}

/**
 * QSGD (Alistarh, Grubic, Li, Tomioka, Vojnovic, "QSGD: Communication-Efficient SGD via Gradient
 * Quantization and Encoding", NeurIPS 2017, arXiv:1610.02132) with a fixed-length code.
 *
 * Encoder: r = ‖g‖₂ rounded **up** to the next FP32 value (32 bits), so that a_i = s·|g_i|/r ≤ s;
 * with l_i = ⌊a_i⌋ and p_i = a_i − l_i, send the sign of g_i and the level ξ_i = l_i + 1 with
 * probability p_i, else l_i (one uniform per coordinate, in index order: the encoder's private
 * draws; there are no public draws, so `decode` reads nothing from its coin). Decoder:
 * ĝ_i = sign(g_i)·r·ξ_i/s. Message: **B = 32 + d·(1 + ⌈log2(s + 1)⌉) bits** (a sign bit and a
 * fixed-length level in 0 … s per coordinate).
 *
 * Message layout (least significant bit first, see `BitWriter`), with L = ⌈log2(s + 1)⌉: bits 0–31
 * the FP32 pattern of r (bytes 0–3, little-endian); then per coordinate i the sign bit σ_i (1 for
 * g_i < 0) at bit 32 + i(1 + L) and the level ξ_i in the next L bits. When r = 0 every σ_i and ξ_i
 * is 0. A negative coordinate sent with ξ_i = 0 decodes to −0.
 *
 * ```text
 *   bit 0      32     33        33+L    34+L       34+2L
 *       | r (FP32) | σ_0 | ξ_0 (L) | σ_1 | ξ_1 (L) | ... | (zero padding to a byte)
 * ``` The paper's Elias integer coding of the levels is
 * shorter on average; its expected-length bound carries an o(1) term we cannot evaluate honestly,
 * so it is not exported.
 *
 * Bias: unbiased for every finite g, E[ĝ_i] = sign(g_i)·(r/s)·a_i = g_i (rounding r up rather than
 * to nearest is what keeps a_i ≤ s, hence exact unbiasedness).
 *
 * Mean squared error (exact, `mseIsExact = true`): E‖ĝ − g‖² = Σ_i (r²/s²)·p_i(1 − p_i), with the
 * transmitted FP32 norm r (not the exact ‖g‖: when s is large, s·|g_i|/r and s·|g_i|/‖g‖ can differ by
 * many levels, since r/‖g‖ − 1 is up to 2^−23).
 * See {@link qsgdVarianceBound} for the paper's bound min(d/s², √d/s)·‖g‖².
 *
 * Edge cases: g = 0 sends r = 0 and decodes to 0; NaN or ±Infinity in g is refused (the norm could
 * not be sent); a norm beyond the largest finite FP32 (≈ 3.4028235e38) throws.
 *
 * @throws RangeError naming `levels` (not an integer in [1, 2^30]); TypeError naming `g` unless it is
 *   a Float64Array; RangeError naming `g[i]` when it is NaN or ±Infinity, or `g` when its norm is
 *   beyond FP32; from `decode`, errors naming `message` (wrong length, a norm that is not finite and
 *   ≥ 0, or a level above s), `d` or `out`.
 * @example
 * ```ts
 * const c = qsgd({ levels: 1 });
 * c.bits(3); // 32 + 3·2 = 38
 * c.meanSquaredError(new Float64Array([3, 4])); // 25·(0.6·0.4 + 0.8·0.2) = 10
 * c.encode(new Float64Array([3, 4]), createRandom(1)).bits; // 38
 * ```
 */
export function qsgd(options: QsgdOptions): Compressor {
  expectOptions(options);
  const s = options.levels;
  expectInteger("levels", s, 1, 2 ** 30);
  const levelBits = ceilLog2(s + 1);
  const bitsPerCoordinate = 1 + levelBits;
  return messageCompressor<undefined>({
    name: `qsgd(levels=${s})`,
    unbiased: true,
    mseIsExact: true,
    allowInfinite: false,
    carrier: "the FP32 norm ‖g‖ must be finite",
    declaredBits: (d) => NORM_BITS + d * bitsPerCoordinate,
    drawPublic: () => undefined,
    encode(g, _pub, rng, writer) {
      const r = transmittedNorm(g);
      writer.writeFloat32(r);
      for (let i = 0; i < g.length; i++) {
        const u = rng.uniform();
        if (r === 0) {
          writer.writeBits(0, bitsPerCoordinate);
          continue;
        }
        const gi = g[i];
        const a = (s * Math.abs(gi)) / r;
        let l = Math.floor(a);
        let p = a - l;
        if (l >= s) {
          l = s;
          p = 0;
        }
        writer.writeBits(gi < 0 ? 1 : 0, 1);
        writer.writeBits(u < p ? l + 1 : l, levelBits);
      }
    },
    decode(reader, _pub, est) {
      const r = reader.readFloat32();
      if (!(r >= 0 && r <= FP32_MAX)) {
        throw new RangeError(`message: its norm must be a finite FP32 value >= 0, got ${describeValue(r)}`);
      }
      for (let i = 0; i < est.length; i++) {
        const negative = reader.readBits(1) === 1;
        const xi = reader.readBits(levelBits);
        if (xi > s) throw new RangeError(`message: level ${xi} of coordinate ${i} exceeds levels = ${s}`);
        est[i] = ((negative ? -r : r) * xi) / s;
      }
    },
    meanSquaredError(g) {
      const r = transmittedNorm(g);
      if (r === 0) return 0;
      let sum = 0;
      for (let i = 0; i < g.length; i++) {
        const a = (s * Math.abs(g[i])) / r;
        const p = a >= s ? 0 : a - Math.floor(a);
        sum += p * (1 - p);
      }
      return ((r * r) / (s * s)) * sum;
    },
  }).compressor;
}

/**
 * The variance bound stated by Alistarh et al. for QSGD with s levels (NeurIPS 2017,
 * arXiv:1610.02132): E‖Q_s(g) − g‖² ≤ min(d/s², √d/s)·‖g‖².
 *
 * The paper states it with the exact norm ‖g‖ as the scale. We derive that our variant, whose
 * scale r is ‖g‖ rounded up to FP32, satisfies it up to the factor (r/‖g‖)²: with a_i = s|g_i|/r
 * and p_i = a_i − ⌊a_i⌋, the exact error (r²/s²)·Σ p_i(1 − p_i) is at most
 * (i) (r²/s²)·d/4, because p(1 − p) ≤ 1/4, and (ii) (r²/s²)·Σ a_i = (r/s)·‖g‖₁ ≤ (√d/s)·r‖g‖,
 * because p_i(1 − p_i) ≤ a_i (p_i = a_i when a_i < 1, and p(1 − p) ≤ 1/4 ≤ a_i otherwise); so exact ≤ (r/‖g‖)²·min(d/s², √d/s)·‖g‖², and
 * r/‖g‖ < 1 + 2^−23 when ‖g‖ is in the FP32 normal range (≥ 2^−126).
 *
 * Domain: `levels` an integer ≥ 1, `g` a Float64Array; NaN in g gives NaN.
 *
 * @throws RangeError naming `levels`; TypeError naming `g`.
 * @example
 * ```ts
 * qsgdVarianceBound(new Float64Array([3, 4]), 1); // min(2, √2)·25 ≈ 35.36
 * ```
 */
export function qsgdVarianceBound(g: Float64Array, levels: number): number {
  expectGradient(g);
  expectInteger("levels", levels, 1, 2 ** 30);
  const d = g.length;
  let sq = 0;
  for (let i = 0; i < d; i++) sq += g[i] * g[i];
  return Math.min(d / (levels * levels), Math.sqrt(d) / levels) * sq;
}
