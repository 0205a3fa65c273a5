/**
 * Tracking a drifting optimum through B bits a round: a Kalman-style decoder fed quantized
 * innovations (lesson 10).
 *
 * @packageDocumentation
 */
import { trackingLowerBound } from "../bounds/trackingLowerBound";
import { BitReader, BitWriter } from "../numeric/bitStream";
import { type MonteCarloResult, monteCarlo } from "../numeric/monteCarlo";
import { createRandom } from "../numeric/random";
import { driftingOracle } from "../oracles/driftingOracle";
import { describeValue, expectInteger, expectPositive } from "../validation";
import { steadyStateKalmanVariance } from "./kalman";

/** Options of {@link predictiveQuantizerRisk}. */
export interface PredictiveQuantizerOptions {
  /** d, the dimension (integer ≥ 1). */
  d: number;
  /** q > 0, the random walk's variance per coordinate and round. */
  q: number;
  /** σ > 0, the gradient noise per coordinate. */
  sigma: number;
  /** B, the bits per round (integer ≥ 1). */
  bits: number;
  /** b, bits per sent coordinate, 1 … 16 (default max(1, ⌊B/d⌋)); k = min(d, ⌊B/b⌋) coordinates go each round. */
  bitsPerCoordinate?: number;
  /** The quantizer's range in units of the innovation's predicted standard deviation (default 2 for b = 1, 3 for b ≥ 2). */
  rangeInDeviations?: number;
  /** T, the rounds per run (integer ≥ 2). */
  rounds: number;
  /** Rounds left out of the average while the filter settles (default ⌊T/2⌋; an integer from 0 to T − 1). */
  burnIn?: number;
  /** Independent runs (integer ≥ 2). */
  trials: number;
  /** The seed: run i uses streams 2i (the oracle) and 2i + 1 (the public coin) of it. */
  seed: number;
}

/** What {@link predictiveQuantizerRisk} returns. */
export interface PredictiveQuantizerRisk {
  /** The time-averaged tracking error (1/(T − burnIn))·Σ_{t > burnIn} ‖θ_t − x̂_t‖² over runs. */
  mse: MonteCarloResult;
  /**
   * The decoder's own account of its error, Σ_j P_j after each update, time-averaged like `mse`: it
   * matches the measured error when the dither model holds (no clipping), and falls below it when the
   * quantizer's range clips innovations.
   */
  predictedMse: number;
  /** The mean over runs of ‖θ_t − x̂_t‖² at each round t = 1 … T (the transient and the plateau). */
  perRound: Float64Array;
  /** `trackingLowerBound({ d, q, sigma, bits })`: no scheme can go below it in steady state. */
  bound: number;
  /** d·P∞: the Kalman filter's error with every sample in full (infinite bits). */
  kalman: number;
  /** k and b: coordinates sent per round and bits per sent coordinate. */
  k: number;
  bitsPerCoordinate: number;
  /** The largest message of any round, measured by the writer (k·b ≤ B). */
  maxMeasuredBits: number;
}

/**
 * Monte Carlo tracking error of a predictive quantizer for the random-walk optimum of
 * `driftingOracle` (a = 1, μ = 1), to set beside `trackingLowerBound`.
 *
 * The scheme (ours, lesson 10): encoder and decoder share the decoder's state — an estimate x̂ and a
 * variance P_i per coordinate, functions of past messages only — so the encoder stays memoryless in
 * paper A's sense. Each round:
 * 1. predict: P_i ← P_i + q for every coordinate (the optimum moved);
 * 2. the oracle answers at x̂; the encoder forms the sample y = x̂ − G(x̂) = θ_t + σZ and, for the k
 *    coordinates whose turn it is (cycling through all d), the innovation e_i = y_i − x̂_i, whose
 *    predicted variance is s_i² = P_i + σ²;
 * 3. each e_i is sent with b bits: a uniform quantizer of 2^b cells on [−c·s_i, c·s_i] (c =
 *    `rangeInDeviations`) with subtractive dither from the public coin, so the decoder's ê_i = e_i + u_i
 *    with u_i uniform of variance Δ_i²/12 while e_i stays in range (clipped beyond it);
 * 4. the decoder reads the k·b bits back from the bytes and makes a Kalman update treating the dither
 *    noise as extra observation noise: K = P_i/(P_i + σ² + Δ_i²/12), x̂_i += K·ê_i, P_i ← (1 − K)P_i.
 * The error ‖θ_t − x̂_t‖² is measured after each round's update, like the bound's filtered estimate.
 *
 * It is not optimal: the dither costs the space-filling loss and the clipping at c·s a little bias,
 * and the encoder does not know the Kalman estimate θ̂_t the bound's coding term pictures. The
 * measured error stays above the bound; how far is the lesson's point.
 *
 * Cost: trials·T·(2d normal draws + k quantizations).
 *
 * @throws TypeError for a non-object; RangeError naming `d`, `q`, `sigma`, `bits`, `bitsPerCoordinate`
 * (not 1 … 16, or above B), `rangeInDeviations`, `rounds`, `burnIn`, `trials` or `seed`.
 * @example
 * ```ts
 * const r = predictiveQuantizerRisk({ d: 8, q: 1e-3, sigma: 1, bits: 8, rounds: 4000, trials: 20, seed: 1 });
 * r.mse.mean >= r.bound; // true: 8 bits a round cannot beat d·[P∞ + q/(2^{2B/d} − 1)] = 0.276
 * ```
 */
export function predictiveQuantizerRisk(options: PredictiveQuantizerOptions): PredictiveQuantizerRisk {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { d, q, sigma, bits: B, rounds: T, trials, seed } = options;
  expectInteger("d", d, 1);
  expectPositive("q", q);
  expectPositive("sigma", sigma);
  expectInteger("bits", B, 1);
  const b = options.bitsPerCoordinate === undefined ? Math.max(1, Math.min(16, Math.floor(B / d))) : options.bitsPerCoordinate;
  expectInteger("bitsPerCoordinate", b, 1, Math.min(16, B));
  const c = options.rangeInDeviations === undefined ? (b === 1 ? 2 : 3) : options.rangeInDeviations;
  expectPositive("rangeInDeviations", c);
  expectInteger("rounds", T, 2);
  const burnIn = options.burnIn === undefined ? Math.floor(T / 2) : options.burnIn;
  expectInteger("burnIn", burnIn, 0, T - 1);
  expectInteger("trials", trials, 2);
  expectInteger("seed", seed);
  const k = Math.min(d, Math.floor(B / b));
  const cells = 2 ** b;
  const s2 = sigma * sigma;
  const perRound = new Float64Array(T);
  const xhat = new Float64Array(d);
  const P = new Float64Array(d);
  const g = new Float64Array(d);
  const writer = new BitWriter(Math.ceil((k * b) / 8) + 1);
  const reader = new BitReader(new Uint8Array(0), 0);
  let maxMeasuredBits = 0;
  let predicted = 0;
  const mse = monteCarlo({
    trials,
    seed,
    run: (_rng, i) => {
      const oracle = driftingOracle({ theta: new Float64Array(d), sigma, q, rng: createRandom(seed, 2 * i) });
      const coin = createRandom(seed, 2 * i + 1);
      const decoderCoin = createRandom(seed, 2 * i + 1);
      xhat.fill(0);
      P.fill(0); // θ_1 = 0 is known to both sides: the walk starts at the origin
      let pointer = 0;
      let sum = 0;
      for (let t = 1; t <= T; t++) {
        if (t > 1) for (let j = 0; j < d; j++) P[j] += q;
        oracle.gradient(xhat, g); // y = x̂ − g = θ_t + σZ
        // encoder: k innovations, b bits each, dithered by the public coin
        decoderCoin.copyFrom(coin);
        writer.reset();
        for (let m = 0; m < k; m++) {
          const j = (pointer + m) % d;
          const A = c * Math.sqrt(P[j] + s2);
          const delta = (2 * A) / cells;
          const u = (coin.uniform() - 0.5) * delta;
          const e = -g[j]; // y_j − x̂_j with y = x̂ − g
          let index = Math.floor((e + u + A) / delta);
          index = index < 0 ? 0 : index >= cells ? cells - 1 : index;
          writer.writeBits(index, b);
        }
        const length = writer.bitLength;
        if (length > maxMeasuredBits) maxMeasuredBits = length;
        // decoder: the bytes, the dither (public coin) and its own state
        reader.reset(writer.view(), length);
        for (let m = 0; m < k; m++) {
          const j = (pointer + m) % d;
          const A = c * Math.sqrt(P[j] + s2);
          const delta = (2 * A) / cells;
          const u = (decoderCoin.uniform() - 0.5) * delta;
          const ehat = -A + (reader.readBits(b) + 0.5) * delta - u;
          const K = P[j] / (P[j] + s2 + (delta * delta) / 12);
          xhat[j] += K * ehat;
          P[j] *= 1 - K;
        }
        pointer = (pointer + k) % d;
        const theta = oracle.theta;
        let e2 = 0;
        for (let j = 0; j < d; j++) e2 += (theta[j] - xhat[j]) ** 2;
        perRound[t - 1] += e2 / trials;
        if (t > burnIn) {
          sum += e2;
          let p = 0;
          for (let j = 0; j < d; j++) p += P[j];
          predicted += p / (T - burnIn) / trials;
        }
      }
      return sum / (T - burnIn);
    },
  });
  return {
    mse,
    predictedMse: predicted,
    perRound,
    bound: trackingLowerBound({ d, q, sigma, bits: B }),
    kalman: d * steadyStateKalmanVariance(q, sigma),
    k,
    bitsPerCoordinate: b,
    maxMeasuredBits,
  };
}
