import { Random } from "../numeric/random";
import { expectInteger } from "../validation";
import { type Compressor, expectBitsPerCoordinate, expectOptions } from "./compressor";
import { messageCompressor } from "./messageCompressor";
import { clip, expectGridRange, gridPoint, gridRoundingVariance, stochasticGridIndex } from "./uniformGrid";

/**
 * The largest subset size k: 2^32. The public coin draws the subset with `Random.integer(n)`, which
 * takes n ≤ 2^32, so the dimension d ≥ k cannot exceed 2^32 either.
 */
const MAX_SUBSET = 2 ** 32;
/** Sent coordinates whose dithers the encoder draws in one batch (`Random.fillUint32`). */
const DITHER_CHUNK = 256;

/** Options of {@link randomSubsetStochastic}. */
export interface RandomSubsetStochasticOptions {
  /** k, coordinates sent per message: an integer from 1 to 2^32 (and ≤ d, checked when g arrives). */
  k: number;
  /** b, bits per sent coordinate: an integer from 1 to 32. */
  bits: number;
  /** M > 0: the stochastic-rounding grid spans [−M, M]; coordinates outside are clipped first. At most `MAX_GRID_RANGE`. */
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
 * Randomness: the **public draws** come first, k calls `rng.integer(d − t)` (t = 0 … k − 1) of a
 * partial Fisher–Yates shuffle that give S in draw order s_0 … s_{k−1}; the decoder repeats them. Then
 * the encoder's **private draws**: one dither per sent coordinate, in draw order, which `decode` never
 * reads. A decoder given a coin in the very state the same compressor last drew its subset from (a
 * simulation's decoder repeating its encoder's coin, as `quantizedSgd` does) reuses that subset and has its
 * coin moved past the public draws, exactly as if it had drawn them (`Random.sameState`).
 *
 * Message layout (least significant bit first, see `BitWriter`): the grid index j_t of coordinate
 * s_t in bits [t·b, (t + 1)·b), t = 0 … k − 1; ⌈k·b/8⌉ bytes. The indices s_t themselves are not sent.
 *
 * ```text
 *   bit 0          b            2b           k·b
 *       | j(s_0)   | j(s_1)     | ...        | (zero padding to a byte)
 * ```
 *
 * Bias: unbiased for inputs in [−M, M] (P(i ∈ S) = k/d cancels the d/k); a clipped coordinate is
 * biased toward ±M as in `uniformStochastic`.
 *
 * Mean squared error (exact, `mseIsExact = true`), with c_i = g_i clipped to [−M, M] and
 * v_i = (c_i − ℓ_i)(ℓ_i + Δ − c_i) its rounding variance:
 * E‖ĝ − g‖² = Σ_i [(d/k − 1)c_i² + (d/k)v_i + (g_i − c_i)²],
 * which for an in-range g is **(d/k − 1)‖g‖² + (d/k)·Σ v_i**, and for b = 1 equals (d/k)·d·M² − ‖g‖².
 * ±Infinity is clipped like any large value; NaN (sent or not) is refused. The estimate (d/k)·q_i
 * overflows to ±Infinity when it exceeds the largest double (M near `MAX_GRID_RANGE` with d/k ≥ 2).
 *
 * Source: math.md §5.4 (derived there and checked numerically), the bounded-dynamic-range
 * scheme behind the achievability result of paper A (arXiv:2606.00703; its abstract reports near-matching
 * achievability under a bounded-dynamic-range oracle, the scheme here is our reconstruction); derived in lesson 8.
 *
 * @throws RangeError naming `k` (not an integer from 1 to 2^32, or k > d when g arrives), `bits` or
 *   `range` (not finite, ≤ 0 or above `MAX_GRID_RANGE`); TypeError naming `g` unless it is a
 *   Float64Array, RangeError naming a NaN entry `g[i]`; from `decode`, errors naming `message`, `d`, `out`.
 * @example
 * ```ts
 * const c = randomSubsetStochastic({ k: 8, bits: 1, range: 5 });
 * c.bits(64); // 8
 * c.meanSquaredError(new Float64Array(64)); // (64/8)·64·25 − 0 = 12800
 * c.encode(new Float64Array(64), createRandom(1)).bits; // 8
 * ```
 */
export function randomSubsetStochastic(options: RandomSubsetStochasticOptions): Compressor {
  expectOptions(options);
  const k = options.k;
  const b = options.bits;
  const M = options.range;
  expectInteger("k", k, 1, MAX_SUBSET);
  expectBitsPerCoordinate(b);
  expectGridRange(M);
  const intervals = 2 ** b - 1;
  const low = -M;
  const width = M - low;
  // The grid points gridPoint(−M, M, intervals, j), j = 0 … intervals, for b ≤ 12 (a table of at most
  // 4097 numbers): the inner loops read them instead of recomputing them (the same values bit for bit).
  /** Whether b divides 32 (b < 32), so that whole 32-bit words of fields can be written and read at once. */
  const packed = b <= 16 && 32 % b === 0;
  const points = b <= 12 ? Float64Array.from({ length: intervals + 1 }, (_, j) => gridPoint(low, M, intervals, j)) : null;
  /** Whether the tabled grid points strictly increase (every M but ranges near the smallest subnormal). */
  const increasing = points !== null && points.every((v, j) => j === 0 || v > points[j - 1]);
  // Per-dimension scratch: the index permutation whose first k entries are the public subset, and the
  // swaps that made it, so the next draw restores the identity in O(k) instead of refilling all d entries;
  // and the rejection limits n·⌊2^32/n⌋ of the draws integer(n), n = d − i (as Random.integer computes them).
  let perm = new Uint32Array(0);
  const swaps = new Uint32Array(Math.min(k, 1 << 20));
  const limits = new Float64Array(swaps.length);
  let drawn = false;
  /** Scratch for the encoder's dithers: two 32-bit draws per sent coordinate, DITHER_CHUNK coordinates at a time. */
  const draws = new Uint32Array(2 * DITHER_CHUNK);
  // The coin's state before and after the last draw: a decoder whose copy of the coin is in the "before"
  // state would draw the very subset perm[0..k) holds (the draws are a function of the state), so it gets
  // perm as it is and its coin is moved to the "after" state, as if it had drawn (a simulation's decoder
  // repeating its encoder's public draws pays for them once).
  const before = new Random(0);
  const after = new Random(0);
  let memo = false;
  /** The public draws: perm[0..k) ← a uniform random k-subset of 0 … d − 1, in draw order (partial Fisher–Yates). */
  const drawSubset = (d: number, rng: Random): Uint32Array => {
    if (memo && perm.length === d && rng.sameState(before)) {
      rng.copyFrom(after);
      return perm;
    }
    before.copyFrom(rng);
    const undo = drawn && perm.length === d && k <= swaps.length;
    if (undo) {
      for (let i = k - 1; i >= 0; i--) {
        const j = swaps[i];
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
    } else {
      if (perm.length !== d) perm = new Uint32Array(d);
      for (let i = 0; i < d; i++) perm[i] = i;
      for (let i = 0; i < swaps.length && i < d; i++) limits[i] = Math.floor(4294967296 / (d - i)) * (d - i);
    }
    for (let i = 0; i < k; i++) {
      let j: number;
      if (i < swaps.length) {
        // rng.integer(d − i) without its per-call check (d − i is an integer from 1 to 2^32 here)
        const n = d - i;
        let x = rng.uint32();
        while (x >= limits[i]) x = rng.uint32();
        const q = Math.floor(x / n); // x mod n by a division (a floating remainder is a slow library call):
        const r = x - q * n; // exact, as in Random.integer (the correction below is a guard)
        j = i + (r < 0 ? r + n : r);
        swaps[i] = j;
      } else j = i + rng.integer(d - i);
      const t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    drawn = true;
    after.copyFrom(rng);
    memo = k <= swaps.length; // beyond 2^20 sent coordinates the swaps are not all kept (no undo): no memo either
    return perm;
  };
  return messageCompressor<Uint32Array>({
    name: `randomSubsetStochastic(k=${k}, bits=${b}, range=${M})`,
    unbiased: true,
    mseIsExact: true,
    allowInfinite: true,
    carrier: "a grid index cannot carry NaN; ±Infinity is clipped to ±range",
    declaredBits(d) {
      if (k > d) throw new RangeError(`k must be at most the dimension d = ${d}, got ${k}`);
      return k * b;
    },
    drawPublic: drawSubset,
    encode(g, subset, rng, writer) {
      if (points === null) {
        for (let t = 0; t < k; t++) writer.writeBits(stochasticGridIndex(g[subset[t]], low, M, intervals, rng.uniform()), b);
        return;
      }
      // stochasticGridIndex with the grid points read from the table (the same index for every input);
      // for b dividing 32 the fields are gathered into 32-bit words first (the same bits, fewer writes)
      const last = intervals - 1;
      let word = 0;
      let shift = 0;
      for (let t = 0, chunkEnd = 0; t < k; t++) {
        if (t === chunkEnd) {
          // the dithers of the next DITHER_CHUNK coordinates, two 32-bit draws each, in one batch: the very
          // draws rng.uniform() would make, in the same order (the rounding decision below rebuilds it)
          chunkEnd = Math.min(k, t + DITHER_CHUNK);
          rng.fillUint32(draws, 2 * (chunkEnd - t));
        }
        const x = g[subset[t]];
        const c = x < low ? low : x > M ? M : x;
        let j = Math.floor(((c - low) / width) * intervals);
        if (j > last) j = last;
        else if (j < 0) j = 0;
        if (j > 0 && c < points[j]) j -= 1;
        else if (j < last && c > points[j + 1]) j += 1;
        const l = points[j];
        const o = 2 * (t % DITHER_CHUNK);
        const u = ((draws[o] >>> 5) * 67108864 + (draws[o + 1] >>> 6)) / 9007199254740992; // rng.uniform(), bit for bit
        const p = (c - l) / (points[j + 1] - l); // in [0, 1]: c lies in [l, points[j + 1]]
        // u < p ? j + 1 : j without a branch (mispredicted about half the time): u − p is negative exactly when
        // u < p (a difference of doubles is 0 only when they are equal) and lies in [−1, 1), so it floors to −1 or 0;
        // the branch where two grid points coincide (p = 0/0, a range M near the smallest subnormal)
        const index = increasing ? j - Math.floor(u - p) : u < p ? j + 1 : j;
        if (packed) {
          word |= index << shift;
          shift += b;
          if (shift === 32) {
            writer.writeBits(word >>> 0, 32);
            word = 0;
            shift = 0;
          }
        } else writer.writeBits(index, b);
      }
      if (shift > 0) writer.writeBits(word >>> 0, shift);
    },
    decode(reader, subset, est) {
      const scale = est.length / k;
      est.fill(0);
      if (points === null) {
        for (let t = 0; t < k; t++) est[subset[t]] = scale * gridPoint(low, M, intervals, reader.readBits(b));
      } else if (packed) {
        const mask = intervals; // 2^b − 1
        for (let t = 0; t < k; ) {
          const fields = Math.min(32 / b, k - t); // a whole word, or the last partial one
          const word = reader.readBits(fields * b);
          for (let f = 0; f < fields; f++, t++) est[subset[t]] = scale * points[(word >>> (f * b)) & mask];
        }
      } else {
        for (let t = 0; t < k; t++) est[subset[t]] = scale * points[reader.readBits(b)];
      }
    },
    meanSquaredError(g) {
      const scale = g.length / k;
      let mse = 0;
      for (let i = 0; i < g.length; i++) {
        const gi = g[i];
        const c = clip(gi, -M, M);
        const v = gridRoundingVariance(c, -M, M, intervals);
        const bias = gi - c;
        // (d/k)(c² + v) − 2g·c + g², arranged to avoid cancellation when k = d
        mse += (scale - 1) * c * c + scale * v + bias * bias;
      }
      return mse;
    },
  }).compressor;
}
