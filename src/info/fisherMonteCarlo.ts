/**
 * Monte Carlo estimate of the Fisher information that any quantizer's message carries about the
 * mean of a Gaussian observation: the cross-check of every closed form in lessons 5–6.
 *
 * @packageDocumentation
 */
import { monteCarlo } from "../numeric/monteCarlo";
import type { MonteCarloResult } from "../numeric/monteCarlo";
import type { Random } from "../numeric/random";
import { describeValue, expectFunction, expectInteger, expectNumericArray, expectPositive } from "../validation";
import type { NumericArray } from "../validation";
import { readMeanVector } from "./meanVector";

/** A quantizer's message: any number or string that identifies the cell. */
export type Message = number | string;

/** An encoder: the message for observation x (a buffer the encoder must not keep), with private randomness from rng. */
export type Encoder = (x: Float64Array, rng: Random) => Message;

/** Options of {@link fisherMonteCarlo}. */
export interface FisherMonteCarloOptions {
  /** The dimension d of X and θ, a positive integer. */
  d: number;
  /**
   * Draws the public coin of one batch and returns the encoder for that batch (called once per batch
   * with the batch's generator). A deterministic quantizer ignores rng: `makeEncoder: () => (x) => …`.
   */
  makeEncoder: (rng: Random) => Encoder;
  /** The number of independent batches (≥ 2; the standard error comes from their spread). */
  batches: number;
  /** Observations per batch (≥ 2); each message should be seen many times in a batch. */
  samplesPerBatch: number;
  /** The seed: batch b draws from `createRandom(seed, b)`. */
  seed: number;
  /** The true mean θ: a number (every coordinate) or an array of length d (default 0). */
  theta?: number | NumericArray;
  /** The noise standard deviation σ (default 1). */
  sigma?: number;
  /**
   * Estimate uᵀI u, the information along the unit vector u (normalized here), instead of the trace.
   * An array of length d.
   */
  direction?: NumericArray;
}

/** What {@link fisherMonteCarlo} returns: a Monte Carlo result over batches, and diagnostics. */
export interface FisherMonteCarloResult extends MonteCarloResult {
  /** Mean number of distinct messages seen per batch. */
  messagesPerBatch: number;
  /**
   * Fraction of the observations that fell in a message seen only once in its batch: those are
   * dropped, which biases the estimate down by at most about this fraction times the largest
   * ‖E[S | y]‖². Keep it near 0 by raising samplesPerBatch.
   */
  singletonFraction: number;
}

/**
 * Monte Carlo estimate of the Fisher information about θ in the message Y = q(X) of any quantizer q
 * (deterministic or randomized, with or without a public coin), X ~ N(θ, σ²I_d): by simulation, from
 * the scatter of the conditional score means (math.md §3.1, Barnes–Han–Özgür, arXiv:1902.02890),
 *
 *     tr I_Y(θ) = Σ_y p(y)·‖E[S | Y = y]‖²,   S = (X − θ)/σ² the score of the unquantized X,
 *
 * which holds for every quantizer whose message takes finitely many values (with a public coin U,
 * the information of (Y, U) is its average over U, which the batches sample).
 *
 * Estimator, per batch (its own public coin): draw n observations, encode them, group the scores by
 * message; for each message y seen n_y ≥ 2 times, the pair statistic
 * (‖Σ S‖² − Σ‖S‖²)/(n_y(n_y − 1)) is an unbiased estimate of ‖E[S | y]‖² given the cell counts; the
 * batch estimate is their average weighted by n_y/n. Messages seen once are dropped (see
 * `singletonFraction`). The batches are independent trials of {@link monteCarlo}, which gives the
 * mean, its standard error and a 95% interval. Nothing here uses a closed form of the quantizer:
 * only samples and the messages it returns.
 *
 * Cost: batches·samplesPerBatch encoder calls and d normal draws each; memory d numbers per distinct
 * message (1 with `direction`).
 *
 * @throws TypeError for a non-function `makeEncoder` or an encoder that returns neither a number nor a
 * string; RangeError naming `d`, `batches`, `samplesPerBatch`, `seed`, `theta`, `sigma` or `direction`.
 * @example
 * ```ts
 * // one bit at the mean: 2/π
 * const r = fisherMonteCarlo({ d: 1, makeEncoder: () => (x) => (x[0] >= 0 ? 1 : 0),
 *   batches: 20, samplesPerBatch: 5000, seed: 1 });
 * // r.mean ≈ 0.6366 ± 0.01
 * ```
 */
export function fisherMonteCarlo(options: FisherMonteCarloOptions): FisherMonteCarloResult {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { d, makeEncoder, batches, samplesPerBatch, seed } = options;
  expectInteger("d", d, 1);
  expectFunction("makeEncoder", makeEncoder);
  expectInteger("batches", batches, 2);
  expectInteger("samplesPerBatch", samplesPerBatch, 2);
  expectInteger("seed", seed);
  const sigma = options.sigma ?? 1;
  expectPositive("sigma", sigma);
  const theta = readMeanVector("theta", options.theta ?? 0, d);
  let u: Float64Array | null = null;
  if (options.direction !== undefined) {
    const dir = options.direction;
    expectNumericArray("direction", dir);
    if (dir.length !== d) throw new RangeError(`direction must have length d = ${d}, got length ${dir.length}`);
    let norm = 0;
    for (let i = 0; i < d; i++) norm += dir[i] * dir[i];
    norm = Math.sqrt(norm);
    if (!(norm > 0 && Number.isFinite(norm))) throw new RangeError("direction must be a finite, non-zero vector");
    u = Float64Array.from(dir, (v) => v / norm);
  }
  const width = u ? 1 : d; // what is summed per message: the projection or the whole score
  let messagesTotal = 0;
  let singletons = 0;
  const x = new Float64Array(d);
  const s = new Float64Array(d);
  const result = monteCarlo({
    trials: batches,
    seed,
    run: (rng) => {
      const encode = makeEncoder(rng);
      if (typeof encode !== "function") throw new TypeError(`makeEncoder must return a function, got ${describeValue(encode)}`);
      const sums = new Map<Message, { n: number; sq: number; sum: Float64Array }>();
      for (let k = 0; k < samplesPerBatch; k++) {
        for (let i = 0; i < d; i++) {
          const z = rng.normal();
          x[i] = theta[i] + sigma * z;
          s[i] = z / sigma; // the score (x − θ)/σ²
        }
        const y = encode(x, rng);
        if (typeof y !== "number" && typeof y !== "string") {
          throw new TypeError(`the encoder must return a number or a string, got ${describeValue(y)}`);
        }
        let cell = sums.get(y);
        if (!cell) {
          cell = { n: 0, sq: 0, sum: new Float64Array(width) };
          sums.set(y, cell);
        }
        cell.n++;
        if (u) {
          let proj = 0;
          for (let i = 0; i < d; i++) proj += u[i] * s[i];
          cell.sum[0] += proj;
          cell.sq += proj * proj;
        } else {
          for (let i = 0; i < d; i++) {
            cell.sum[i] += s[i];
            cell.sq += s[i] * s[i];
          }
        }
      }
      let estimate = 0;
      for (const cell of sums.values()) {
        if (cell.n < 2) {
          singletons++;
          continue;
        }
        let total2 = 0;
        for (let i = 0; i < width; i++) total2 += cell.sum[i] * cell.sum[i];
        const meanSquare = (total2 - cell.sq) / (cell.n * (cell.n - 1));
        estimate += (cell.n / samplesPerBatch) * meanSquare;
      }
      messagesTotal += sums.size;
      return estimate;
    },
  });
  return {
    ...result,
    messagesPerBatch: messagesTotal / batches,
    singletonFraction: singletons / (batches * samplesPerBatch),
  };
}
