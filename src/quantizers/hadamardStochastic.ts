import { fwht, nextPowerOfTwo, type SignArray } from "../numeric/hadamard";
import type { Random } from "../numeric/random";
import { describeValue } from "../validation";
import {
  type CompressResult,
  type Compressor,
  expectBitsPerCoordinate,
  expectGradient,
  expectOptions,
  expectRng,
  expectSendable,
  outputArray,
} from "./compressor";
import { messageCompressor } from "./messageCompressor";
import { roundDownToFloat32, roundUpToFloat32 } from "./float32Rounding";
import { gridPoint, gridRoundingVariance, stochasticGridIndex } from "./uniformGrid";

const RANGE_BITS = 64; // min and max of the rotated vector, one FP32 value each
const FP32_MAX = 3.4028234663852886e38; // FP32 largest finite: (2 − 2^−23)·2^127
const FP32_ROUNDING_SLACK = (1 + 2 ** -23) ** 2; // outward FP32 rounding widens the range by < 2^−23 relative, squared

/** Options of {@link hadamardStochastic}. */
export interface HadamardStochasticOptions {
  /** b, bits per rotated coordinate: an integer from 1 to 32; the grid has 2^b points. */
  bits: number;
}

/** What {@link HadamardStochasticCompressor.compressGivenSigns} returns: the estimate, the bits and the FP32 range sent. */
export interface HadamardCompressResult extends CompressResult {
  /** The transmitted lower end of the grid: min_j y_j rounded down to FP32 (read back from the message). */
  low: number;
  /** The transmitted upper end of the grid: max_j y_j rounded up to FP32 (read back from the message). */
  high: number;
}

/** The rotation-plus-stochastic-rounding compressor, with the pieces that fix the rotation exposed. */
export interface HadamardStochasticCompressor extends Compressor {
  /**
   * `compress` with the rotation signs D given instead of drawn from the coin (`signs` has length
   * n = nextPowerOfTwo(d), entries ±1); `rng` then only drives the stochastic rounding.
   */
  compressGivenSigns(g: Float64Array, signs: SignArray, rng: Random, out?: Float64Array): HadamardCompressResult;
  /**
   * The exact E‖ĝ − g‖² over the stochastic rounding for the given rotation signs:
   * (d/n)·Σ_j (y_j − ℓ_j)(h_j − y_j), y = (1/√n)·H·D·[g; 0].
   */
  meanSquaredErrorGivenSigns(g: Float64Array, signs: SignArray): number;
}

function expectSignsFor(signs: unknown, n: number): asserts signs is SignArray {
  if (!(signs instanceof Float64Array || signs instanceof Float32Array || signs instanceof Int8Array)) {
    throw new TypeError(`signs must be a Float64Array, Float32Array or Int8Array of ±1, got ${describeValue(signs)}`);
  }
  if (signs.length !== n) {
    throw new RangeError(`signs.length must be nextPowerOfTwo(g.length) = ${n}, got ${signs.length}`);
  }
  for (let i = 0; i < n; i++) {
    if (signs[i] !== 1 && signs[i] !== -1) {
      throw new RangeError(`signs[${i}] must be +1 or -1, got ${describeValue(signs[i])}`);
    }
  }
}

/**
 * Random Hadamard rotation plus b-bit stochastic rounding, in the style of the rotated
 * stochastic-k-level scheme of Suresh, Yu, Kumar, McMahan, "Distributed Mean Estimation with
 * Limited Communication", ICML 2017 (arXiv:1611.00429).
 *
 * Encoder: zero-pad g to n = nextPowerOfTwo(d); rotate, y = (1/√n)·H·D·[g; 0], with D = diag of n
 * random signs from the public coin (free); send low = min_j y_j rounded down and high = max_j y_j
 * rounded up to FP32 (64 bits); send each y_j by b-bit stochastic rounding on the uniform grid of
 * 2^b points from low to high. Decoder: ĝ = the first d coordinates of D·H·q/√n.
 * **B = 64 + n·b bits.** When low = high (every y_j equal, e.g. g = 0) the grid is one point, q = y,
 * and every index is sent as 0.
 *
 * Randomness: the **public draws** are the n signs of D, `rng.fillSigns` (one 32-bit draw per 32
 * signs), repeated by the decoder; then the encoder's **private draws**, one dither per rotated
 * coordinate j = 0 … n − 1 (drawn even when low = high), which `decode` never reads.
 *
 * Message layout (least significant bit first, see `BitWriter`): bits 0–31 the FP32 pattern of low,
 * bits 32–63 that of high (bytes 0–7, little-endian), then the grid index of q_j in bits
 * [64 + j·b, 64 + (j + 1)·b), j = 0 … n − 1; ⌈(64 + n·b)/8⌉ bytes.
 *
 * ```text
 *   bit 0        32          64       64+b      64+2b        64+n·b
 *       | low FP32 | high FP32 | j(q_0) | j(q_1)  | ...       | (zero padding to a byte)
 * ```
 *
 * Bias: unbiased for every finite g: E[q | D] = y and the inverse rotation is linear.
 *
 * Mean squared error. Given the signs it is exact: E‖ĝ − g‖² = (d/n)·Σ_j (y_j − ℓ_j)(h_j − y_j)
 * (`meanSquaredErrorGivenSigns`; the rounding errors e_j are independent with mean 0, and every
 * entry of D·H/√n has square 1/n, so each e_j contributes its variance times d/n after truncation
 * to d coordinates; d/n = 1 when d is a power of two). Over the coin, `meanSquaredError` is an
 * **upper bound** (`mseIsExact = false`) that we derive:
 *
 *   E‖ĝ − g‖² ≤ d·(1 + 2^−23)²·min(1, (4 ln n + 2 ln 2)/n)·‖g‖² / (2^b − 1)².
 *
 * Derivation (ours): each rounding variance is ≤ Δ²/4 with Δ = (high − low)/(2^b − 1), and
 * high − low ≤ 2(1 + 2^−23)·Y with Y = max_j |y_j| (outward FP32 rounding moves each end by less
 * than 2^−23 of its magnitude in the FP32 normal range), so the error given D is ≤ d·(1 + 2^−23)²·Y²/(2^b − 1)².
 * Each y_j is a Rademacher sum with Σ of squared weights ‖g‖²/n, so E exp(λ y_j²) ≤ (1 − 2λ‖g‖²/n)^−1/2
 * (Gaussian linearization and Hoeffding); with λ = n/(4‖g‖²) and Jensen over the maximum,
 * E[Y²] ≤ (‖g‖²/n)(4 ln n + 2 ln 2); also Y² ≤ ‖y‖² = ‖g‖². The bound needs Y ≥ 2^−126, which
 * holds whenever ‖g‖ ≥ √n·2^−126. Compare b-bit rounding without rotation on the range ±‖g‖_∞.
 *
 * Edge cases: NaN or ±Infinity in g is refused; a rotated coordinate beyond the FP32 range
 * (≈ 3.4028235e38) throws, as the range could not be sent.
 *
 * @throws RangeError naming `bits` (not an integer in [1, 32]); TypeError naming `g`, RangeError
 *   naming `g[i]` when it is NaN or ±Infinity; in `compressGivenSigns` / `meanSquaredErrorGivenSigns`,
 *   errors naming `signs`; from `decode`, errors naming `message` (wrong length, or a range that is
 *   not finite with low ≤ high), `d` or `out`.
 * @example
 * ```ts
 * const c = hadamardStochastic({ bits: 1 });
 * c.bits(1000); // 64 + 1024·1
 * const g = new Float64Array(1000);
 * g[0] = 100; // one outlier: plain 1-bit rounding on ±100 would be hopeless
 * c.compress(g, createRandom(3)).estimate; // unbiased; the rotation spreads the spike first
 * c.encode(g, createRandom(3)).bits; // 1088, measured
 * ```
 */
export function hadamardStochastic(options: HadamardStochasticOptions): HadamardStochasticCompressor {
  expectOptions(options);
  const b = options.bits;
  expectBitsPerCoordinate(b);
  const intervals = 2 ** b - 1;
  const carrier = "the FP32 range of the rotated vector must be finite";
  // Per-dimension scratch: the rotated (then rounded) vector and the coin's signs.
  let y = new Float64Array(0);
  let coinSigns = new Float64Array(0);
  // The range the last decode read (reported by compressGivenSigns).
  let lastLow = NaN;
  let lastHigh = NaN;

  /** y ← (1/√n)·H·D·[g; 0] (g finite), n = signs.length. */
  const rotate = (g: Float64Array, signs: SignArray): void => {
    const n = signs.length;
    if (y.length !== n) y = new Float64Array(n);
    const d = g.length;
    for (let i = 0; i < d; i++) y[i] = signs[i] * g[i];
    y.fill(0, d);
    fwht(y);
    const scale = 1 / Math.sqrt(n);
    for (let j = 0; j < n; j++) y[j] *= scale;
  };

  /** The FP32 range [low, high] of y, rounded outward; throws beyond FP32. */
  const transmittedRange = (): { low: number; high: number } => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < y.length; j++) {
      if (y[j] < lo) lo = y[j];
      if (y[j] > hi) hi = y[j];
    }
    const low = roundDownToFloat32(lo);
    const high = roundUpToFloat32(hi);
    if (!(low >= -FP32_MAX && high <= FP32_MAX)) {
      throw new RangeError(`g rotates to coordinates in [${lo}, ${hi}], beyond the FP32 range of the transmitted range`);
    }
    return { low, high };
  };

  const { compressor, compressWithPublic } = messageCompressor<SignArray>({
    name: `hadamardStochastic(bits=${b})`,
    unbiased: true,
    mseIsExact: false,
    allowInfinite: false,
    carrier,
    declaredBits: (d) => RANGE_BITS + nextPowerOfTwo(d) * b,
    drawPublic(d, rng) {
      const n = nextPowerOfTwo(d);
      if (coinSigns.length !== n) coinSigns = new Float64Array(n);
      return rng.fillSigns(coinSigns);
    },
    encode(g, signs, rng, writer) {
      rotate(g, signs);
      const { low, high } = transmittedRange();
      writer.writeFloat32(low);
      writer.writeFloat32(high);
      for (let j = 0; j < y.length; j++) {
        const u = rng.uniform();
        writer.writeBits(high > low ? stochasticGridIndex(y[j], low, high, intervals, u) : 0, b);
      }
    },
    decode(reader, signs, est) {
      const low = reader.readFloat32();
      const high = reader.readFloat32();
      if (!(low >= -FP32_MAX && high <= FP32_MAX && low <= high)) {
        throw new RangeError(`message: its range must be finite FP32 values low <= high, got [${describeValue(low)}, ${describeValue(high)}]`);
      }
      const n = signs.length;
      if (y.length !== n) y = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const index = reader.readBits(b);
        y[j] = high > low ? gridPoint(low, high, intervals, index) : low;
      }
      fwht(y);
      const scale = 1 / Math.sqrt(n);
      for (let i = 0; i < est.length; i++) est[i] = signs[i] * y[i] * scale;
      lastLow = low;
      lastHigh = high;
    },
    meanSquaredError(g) {
      const d = g.length;
      const n = nextPowerOfTwo(d);
      let amax = 0;
      for (let i = 0; i < d; i++) {
        const a = Math.abs(g[i]);
        if (a > amax) amax = a;
      }
      if (amax === 0) return 0;
      let sq = 0;
      for (let i = 0; i < d; i++) {
        const t = g[i] / amax;
        sq += t * t;
      }
      const spread = Math.min(1, (4 * Math.log(n) + 2 * Math.LN2) / n);
      return (d * FP32_ROUNDING_SLACK * spread * sq * amax * amax) / (intervals * intervals);
    },
  });

  return {
    ...compressor,
    compressGivenSigns(g: Float64Array, signs: SignArray, rng: Random, out?: Float64Array): HadamardCompressResult {
      expectGradient(g);
      expectRng(rng);
      expectSendable(g, false, carrier);
      const est = outputArray(out, g.length);
      expectSignsFor(signs, nextPowerOfTwo(g.length));
      const { estimate, bits } = compressWithPublic(g, signs, rng, est);
      return { estimate, bits, low: lastLow, high: lastHigh };
    },
    meanSquaredErrorGivenSigns(g: Float64Array, signs: SignArray): number {
      expectGradient(g);
      expectSendable(g, false, carrier);
      expectSignsFor(signs, nextPowerOfTwo(g.length));
      rotate(g, signs);
      const { low, high } = transmittedRange();
      if (!(high > low)) return 0;
      let sum = 0;
      for (let j = 0; j < y.length; j++) sum += gridRoundingVariance(y[j], low, high, intervals);
      return (g.length / y.length) * sum;
    },
  };
}
