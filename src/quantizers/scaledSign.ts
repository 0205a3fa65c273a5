import { describeValue } from "../validation";
import type { Compressor } from "./compressor";
import { messageCompressor } from "./messageCompressor";

const FP32_MAX = 3.4028234663852886e38; // FP32 largest finite: (2 − 2^−23)·2^127
const SCALE_BITS = 32; // the scale is sent as one FP32 value

/** s = fl32(‖g‖₁/d), the transmitted scale, for a g without NaN or ±Infinity; throws when it overflows FP32. */
function signScale(g: Float64Array): number {
  const d = g.length;
  let l1 = 0;
  for (let i = 0; i < d; i++) l1 += Math.abs(g[i]);
  const s = Math.fround(l1 / d);
  if (s > FP32_MAX) {
    throw new RangeError(`g has mean absolute value ${describeValue(l1 / d)}, beyond the FP32 range of the scale`);
  }
  return s;
}

/**
 * Scaled sign compression: d sign bits plus one FP32 scale, **B = d + 32 bits**. Deterministic
 * (the public coin is not used: no public and no private draws).
 *
 * Encoder: s = ‖g‖₁/d rounded to the nearest FP32 value; one sign bit per coordinate, with
 * sign(0) = + (and −0 sent as +). Decoder: ĝ_i = s·sign(g_i). The scale ‖g‖₁/d is the least-squares
 * choice: it minimizes Σ(s·sign(g_i) − g_i)² over s.
 *
 * Message layout (least significant bit first, see `BitWriter`): bits 0–31 the FP32 pattern of s
 * (bytes 0–3, little-endian), then bit 32 + i the sign of g_i (1 for g_i < 0); ⌈(d + 32)/8⌉ bytes.
 *
 * ```text
 *   byte 0   1   2   3  | byte 4: bit 7 … bit 0    | byte 5 ...
 *   s (FP32, little-end.) | σ_7 σ_6 … σ_1 σ_0       | σ_15 … σ_8   (then zero padding)
 * ```
 *
 * Bias: **biased** (`unbiased = false`): E[ĝ] = ĝ ≠ g unless all |g_i| are equal; a spiky g loses
 * its spike (all coordinates get the same magnitude).
 *
 * Mean squared error (exact, `mseIsExact = true`; the scheme is deterministic): Σ (ĝ_i − g_i)²,
 * computed from the actual estimate, which equals ‖g‖² − ‖g‖₁²/d up to the FP32 rounding of the
 * scale (relative error of s below 2^−24).
 *
 * Edge cases: NaN or ±Infinity in g is refused (the scale could not be sent); a mean absolute value
 * beyond the largest finite FP32 (≈ 3.4028235e38) throws, as the scale could not be sent.
 *
 * Source: the scaled sign compressor (‖g‖₁/d)·sign(g) used with error feedback by Karimireddy,
 * Rebjock, Stich, Jaggi, "Error Feedback Fixes SignSGD and other Gradient Compression Schemes",
 * ICML 2019 (arXiv:1901.09847); signSGD itself is Bernstein et al., ICML 2018 (arXiv:1802.04434).
 * The least-squares property of the scale and the FP32 bit count are ours; lesson 3.
 *
 * @throws TypeError naming `g` unless it is a Float64Array; RangeError naming `g[i]` when it is NaN or
 *   ±Infinity, or naming `g` when the scale overflows FP32; from `decode`, errors naming `message`
 *   (wrong length, or a scale that is not finite and ≥ 0), `d` or `out`.
 * @example
 * ```ts
 * const c = scaledSign();
 * c.bits(10); // 42
 * c.compress(new Float64Array([3, -1, 0, 0]), createRandom(0)).estimate; // [1, -1, 1, 1]
 * c.encode(new Float64Array([3, -1, 0, 0]), createRandom(0)).bytes; // [0, 0, 0x80, 0x3f, 0b0010]: 1.0f, then σ = 0,1,0,0
 * c.meanSquaredError(new Float64Array([3, -1, 0, 0])); // 4 + 0 + 1 + 1 = 6 = 10 − 16/4
 * ```
 */
export function scaledSign(): Compressor {
  return messageCompressor<undefined>({
    name: "scaledSign",
    unbiased: false,
    mseIsExact: true,
    allowInfinite: false,
    carrier: "the FP32 scale ‖g‖₁/d must be finite",
    declaredBits: (d) => SCALE_BITS + d,
    drawPublic: () => undefined,
    encode(g, _pub, _rng, writer) {
      writer.writeFloat32(signScale(g));
      for (let i = 0; i < g.length; i++) writer.writeBits(g[i] < 0 ? 1 : 0, 1);
    },
    decode(reader, _pub, est) {
      const s = reader.readFloat32();
      if (!(s >= 0 && s <= FP32_MAX)) {
        throw new RangeError(`message: its scale must be a finite FP32 value >= 0, got ${describeValue(s)}`);
      }
      for (let i = 0; i < est.length; i++) est[i] = reader.readBits(1) === 1 ? -s : s;
    },
    meanSquaredError(g) {
      const s = signScale(g);
      let mse = 0;
      for (let i = 0; i < g.length; i++) {
        const e = (g[i] < 0 ? -s : s) - g[i];
        mse += e * e;
      }
      return mse;
    },
  }).compressor;
}
