/**
 * SGD through a B-bit oracle built from a compressor, with the bits of every round measured from the
 * message itself (lesson 8).
 *
 * @packageDocumentation
 */
import { BitReader, BitWriter } from "../numeric/bitStream";
import { createRandom } from "../numeric/random";
import { channelBudget, expectWithinBudget } from "../oracles/bitOracle";
import type { GradientOracle } from "../oracles/quadraticOracle";
import type { Compressor } from "../quantizers/compressor";
import {
  type NumericArray,
  describeValue,
  expectFunction,
  expectInteger,
  expectNumericArray,
  expectPositive,
} from "../validation";

/** Options of {@link quantizedSgd}. */
export interface QuantizedSgdOptions {
  /** The exact stochastic oracle (`quadraticOracle`, `ar1Oracle`, `boundedRangeOracle`, `driftingOracle`, …). */
  oracle: GradientOracle;
  /** Any compressor with encode/decode: its encoded message is all the optimizer receives. */
  compressor: Compressor;
  /** T, the number of rounds: an integer ≥ 0. */
  rounds: number;
  /** Seed of the public coin (one stream for the whole run; choose it apart from the oracle's seed). */
  seed: number;
  /** B, the bit budget per round: an integer ≥ compressor.bits(d) (default compressor.bits(d)). */
  bits?: number;
  /** x_0, the first query (d finite numbers; default the origin). */
  x0?: NumericArray;
  /** t_0 > 0 in the step η_t = 1/(μ(t + t_0)), t = 0 … T − 1 (default 1: x_T is the mean of the decoded samples). */
  t0?: number;
  /** μ > 0, the curvature in the step (default 1). */
  mu?: number;
  /**
   * M > 0: when given, `outOfRange` counts the oracle's gradient coordinates with |g_i| > M, the ones a
   * range-M quantizer clips (the dynamic-range failure of math.md §5.1).
   */
  range?: number;
  /** Called after round t (1 … T) with the new iterate x_t (read it, do not keep it) and the round's measured bits. */
  onRound?: (t: number, x: Float64Array, bits: number) => void;
}

/** What {@link quantizedSgd} returns. */
export interface QuantizedSgdResult {
  /** x_T, the last iterate (a new array). */
  x: Float64Array;
  /** B, the budget every message was checked against. */
  bits: number;
  /** Each round's message length in bits: the encoder's count, checked against its bytes (⌈B/8⌉ at most, no bit set beyond it). */
  bitsPerRound: Uint32Array;
  /** Σ_t bitsPerRound[t]: the bits that crossed the channel. */
  totalBits: number;
  /** Gradient coordinates (over all rounds) with |g_i| > range; 0 when no range was given. */
  outOfRange: number;
}

/**
 * Stochastic gradient descent on f_θ(x) = (μ/2)‖x − θ‖² through a B-bit channel:
 *
 *     x_{t+1} = x_t − η_t·ĝ_t,    η_t = 1/(μ(t + t_0)),    ĝ_t = decode(encode(G(x_t), U_t), U_t),
 *
 * where G is the exact oracle, U_t the public coin. Each round the encoder side (the oracle and the
 * compressor's encoder) writes its message into bytes; the optimizer side sees only those bytes and
 * the coin, decodes ĝ_t from them, and steps. Each message's length is measured from its bytes and
 * checked against B: **message.bits ≤ B, bytes ≤ ⌈B/8⌉, no bit set beyond message.bits** (as in
 * `bitOracle`), so `bitsPerRound` is measured, not declared.
 *
 * Why this step: with an unbiased compressor and t_0 = 1, x_T = θ − (1/T)Σ_t(ĝ_t − μ(x_t − θ))/μ exactly
 * (the step makes x_T the running mean of the decoded samples x_t − ĝ_t/μ), so
 * E‖x_T − θ‖² = (1/(μ²T²))·Σ_t E V_t → V/(μ²T), with V_t the per-round variance E‖ĝ_t − μ(x_t − θ)‖²
 * (math.md §5.1). For random subsampling with b-bit stochastic rounding V = d²M²/k when b = 1 at x = θ
 * (`achievabilityVariance`). A subsampled compressor can need t_0 > 1: see `stepSizeRule` for the
 * contraction condition t_0 ≥ (1 + c)/2 and the dynamic-range failure of t_0 = 1 with one bit per
 * sent coordinate (its first step moves a coordinate by (d/k)·M, far outside the range; `outOfRange`
 * counts the clipped coordinates that follow).
 *
 * Public coin: one stream `createRandom(seed)` for the whole run; before each round the decoder's copy
 * is set to the encoder's state, so it repeats the public draws (subset, rotation signs) without a bit
 * being spent, and the encoder's private dithers that follow never reach the decoder.
 *
 * Cost: the per-round loop allocates nothing for the library's compressors (their `encodeInto` and
 * `decodeFrom` reuse one writer, one reader, the gradient and estimate buffers); a compressor without
 * them goes through `encode`/`decode`, which allocate each message. Measured by `bench/sgd.bench.ts`
 * (d = 1024, `randomSubsetStochastic` with k = 256, b = 2, Gaussian oracle; CPU time, 2-core shared
 * machine, Node 20): 22–34 µs a round, 30–47 M coordinate-updates/s against 9.6–14.5 for a numpy loop
 * vectorized over the coordinates in the same run (2.6–4.1× over six runs, median 3.1×; 2.4–3.9×, median
 * 2.9×, before the encoder drew its dithers in batches and rounded without a branch on the draw); the
 * oracle's 1024 ziggurat normals are about a third of a round (7–8 µs; 6.9–7.6 µs drawn in one batch by
 * `fillZigguratNormal`, three runs at 3.5–3.8× numpy), the channel (subset, rounding, packing, decoding) 11–12 µs, the step 1–2 µs.
 *
 * Source: math.md §5.1 and §5.4 (our derivation, lesson 8), the achievability result of paper A
 * (arXiv:2606.00703; the scheme is our reconstruction).
 *
 * Edge cases: T = 0 returns x_0 and empty counts. NaN in a gradient is refused by the compressors (a
 * message cannot carry it), so a diverging run throws a RangeError naming `g[i]`.
 *
 * @throws TypeError naming `options`, `oracle`, `compressor`, `x0` or `onRound`; RangeError naming
 * `rounds`, `seed`, `bits` (not an integer ≥ compressor.bits(d)), `x0` (length ≠ d), `t0`, `mu`,
 * `range` (not finite > 0), or a round whose message exceeds B.
 * @example
 * ```ts
 * const d = 64;
 * const oracle = quadraticOracle({ theta: new Float64Array(d), sigma: 1, rng: createRandom(1) });
 * const compressor = randomSubsetStochastic({ k: 32, bits: 1, range: 5 });
 * const run = quantizedSgd({ oracle, compressor, rounds: 1000, seed: 2, x0: new Float64Array(d) });
 * run.bitsPerRound[0]; // 32, measured from the bytes
 * // ‖run.x‖² ≈ V/T = (d²M²/k)/T = 3200/1000 = 3.2 on average over runs
 * ```
 */
export function quantizedSgd(options: QuantizedSgdOptions): QuantizedSgdResult {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { oracle, compressor, rounds, seed, onRound } = options;
  const { d, B } = channelBudget(oracle, compressor, options.bits);
  expectInteger("rounds", rounds, 0);
  expectInteger("seed", seed);
  const x = new Float64Array(d);
  if (options.x0 !== undefined) {
    expectNumericArray("x0", options.x0);
    if (options.x0.length !== d) throw new RangeError(`x0.length must equal d = ${d}, got ${options.x0.length}`);
    x.set(options.x0);
  }
  const t0 = options.t0 === undefined ? 1 : options.t0;
  const mu = options.mu === undefined ? 1 : options.mu;
  expectPositive("t0", t0);
  expectPositive("mu", mu);
  const range = options.range === undefined ? Infinity : options.range;
  if (options.range !== undefined) expectPositive("range", range);
  if (onRound !== undefined) expectFunction("onRound", onRound);

  const bitsPerRound = new Uint32Array(rounds);
  const maxBytes = Math.ceil(B / 8);
  const g = new Float64Array(d);
  const estimate = new Float64Array(d);
  const coin = createRandom(seed);
  const decoderCoin = createRandom(seed);
  const writer = new BitWriter(Math.max(1, maxBytes));
  const reader = new BitReader(new Uint8Array(0), 0);
  const fast = typeof compressor.encodeInto === "function" && typeof compressor.decodeFrom === "function";
  let totalBits = 0;
  let outOfRange = 0;
  for (let t = 1; t <= rounds; t++) {
    // encoder side: the exact oracle's gradient, compressed into bytes
    decoderCoin.copyFrom(coin);
    oracle.gradient(x, g);
    if (range !== Infinity) for (let i = 0; i < d; i++) if (g[i] > range || g[i] < -range) outOfRange++;
    let bytes: Uint8Array;
    let length: number;
    if (fast) {
      length = compressor.encodeInto!(g, coin, writer);
      bytes = writer.view();
    } else {
      const message = compressor.encode(g, coin);
      bytes = message.bytes;
      length = message.bits;
    }
    expectWithinBudget(t, compressor.name, length, bytes, B);
    // optimizer side: the bytes and the public coin, nothing else
    if (fast) {
      reader.reset(bytes, length);
      compressor.decodeFrom!(reader, d, decoderCoin, estimate);
    } else {
      compressor.decode({ bytes, bits: length }, d, decoderCoin, estimate);
    }
    const eta = 1 / (mu * (t - 1 + t0));
    for (let i = 0; i < d; i++) x[i] -= eta * estimate[i];
    bitsPerRound[t - 1] = length;
    totalBits += length;
    if (onRound !== undefined) onRound(t, x, length);
  }
  return { x, bits: B, bitsPerRound, totalBits, outOfRange };
}
