import { fwht, nextPowerOfTwo, type SignArray } from "../numeric/hadamard";
import type { Random } from "../numeric/random";
import { describeValue } from "../validation";
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
import { roundDownToFloat32, roundUpToFloat32 } from "./float32Rounding";
import { gridRoundingVariance, stochasticRoundOnGrid } from "./uniformGrid";

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
  /** The transmitted lower end of the grid: min_j y_j rounded down to FP32. */
  low: number;
  /** The transmitted upper end of the grid: max_j y_j rounded up to FP32. */
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
 * **B = 64 + n·b bits.** When low = high (every y_j equal, e.g. g = 0) the grid is one point and q = y.
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
 * Edge cases: NaN anywhere in g makes every estimate NaN; a rotated coordinate beyond the FP32
 * range (≈ 3.4028235e38) throws, as the range could not be sent.
 *
 * @throws RangeError naming `bits` (not an integer in [1, 32]); TypeError naming `g`; in
 *   `compressGivenSigns` / `meanSquaredErrorGivenSigns`, errors naming `signs`.
 * @example
 * ```ts
 * const c = hadamardStochastic({ bits: 1 });
 * c.bits(1000); // 64 + 1024·1
 * const g = new Float64Array(1000);
 * g[0] = 100; // one outlier: plain 1-bit rounding on ±100 would be hopeless
 * c.compress(g, createRandom(3)).estimate; // unbiased; the rotation spreads the spike first
 * ```
 */
export function hadamardStochastic(options: HadamardStochasticOptions): HadamardStochasticCompressor {
  expectOptions(options);
  const b = options.bits;
  expectBitsPerCoordinate(b);
  const intervals = 2 ** b - 1;
  // Per-dimension scratch: the rotated (then rounded) vector and the coin's signs.
  let y = new Float64Array(0);
  let coinSigns = new Float64Array(0);

  const messageBits = (n: number): number => RANGE_BITS + n * b;

  /** y ← (1/√n)·H·D·[g; 0]; returns false when g has a NaN. */
  const rotate = (g: Float64Array, signs: SignArray, n: number): boolean => {
    if (y.length !== n) y = new Float64Array(n);
    const d = g.length;
    for (let i = 0; i < d; i++) {
      if (g[i] !== g[i]) return false;
      y[i] = signs[i] * g[i];
    }
    y.fill(0, d);
    fwht(y);
    const scale = 1 / Math.sqrt(n);
    for (let j = 0; j < n; j++) y[j] *= scale;
    return true;
  };

  /** The FP32 range [low, high] of y[0..n), rounded outward; throws beyond FP32. */
  const transmittedRange = (n: number): { low: number; high: number } => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < n; j++) {
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

  const compressGivenSigns = (
    g: Float64Array,
    signs: SignArray,
    rng: Random,
    out: Float64Array | undefined,
    n: number,
  ): HadamardCompressResult => {
    const d = g.length;
    if (!rotate(g, signs, n)) {
      const est = outputArray(out, d).fill(NaN);
      return { estimate: est, bits: messageBits(n), low: NaN, high: NaN };
    }
    const { low, high } = transmittedRange(n);
    const est = outputArray(out, d);
    for (let j = 0; j < n; j++) {
      const u = rng.uniform();
      if (high > low) y[j] = stochasticRoundOnGrid(y[j], low, high, intervals, u);
    }
    fwht(y);
    const scale = 1 / Math.sqrt(n);
    for (let i = 0; i < d; i++) est[i] = signs[i] * y[i] * scale;
    return { estimate: est, bits: messageBits(n), low, high };
  };

  const mseGivenSigns = (g: Float64Array, signs: SignArray, n: number): number => {
    if (!rotate(g, signs, n)) return NaN;
    const { low, high } = transmittedRange(n);
    if (!(high > low)) return 0;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += gridRoundingVariance(y[j], low, high, intervals);
    return (g.length / n) * sum;
  };

  return {
    name: `hadamardStochastic(bits=${b})`,
    unbiased: true,
    mseIsExact: false,
    bits(d: number): number {
      expectDimension(d);
      return messageBits(nextPowerOfTwo(d));
    },
    compress(g: Float64Array, rng: Random, out?: Float64Array): CompressResult {
      expectGradient(g);
      expectRng(rng);
      if (out !== undefined) outputArray(out, g.length);
      const n = nextPowerOfTwo(g.length);
      if (coinSigns.length !== n) coinSigns = new Float64Array(n);
      rng.fillSigns(coinSigns);
      const { estimate, bits } = compressGivenSigns(g, coinSigns, rng, out, n);
      return { estimate, bits };
    },
    compressGivenSigns(g: Float64Array, signs: SignArray, rng: Random, out?: Float64Array): HadamardCompressResult {
      expectGradient(g);
      expectRng(rng);
      if (out !== undefined) outputArray(out, g.length);
      const n = nextPowerOfTwo(g.length);
      expectSignsFor(signs, n);
      return compressGivenSigns(g, signs, rng, out, n);
    },
    meanSquaredErrorGivenSigns(g: Float64Array, signs: SignArray): number {
      expectGradient(g);
      const n = nextPowerOfTwo(g.length);
      expectSignsFor(signs, n);
      return mseGivenSigns(g, signs, n);
    },
    meanSquaredError(g: Float64Array): number {
      expectGradient(g);
      const d = g.length;
      const n = nextPowerOfTwo(d);
      let amax = 0;
      for (let i = 0; i < d; i++) {
        const a = Math.abs(g[i]);
        if (a !== a) return NaN;
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
  };
}
