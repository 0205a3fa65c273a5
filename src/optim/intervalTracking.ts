/**
 * The data-rate theorem, played out: a source x_{t+1} = a·x_t + w_t with bounded noise, tracked
 * through b bits per step by an interval (zooming) quantizer (lesson 10).
 *
 * @packageDocumentation
 */
import { createRandom } from "../numeric/random";
import { describeValue, expectFinite, expectInteger, expectPositive } from "../validation";

/** Options of {@link intervalTracking}. */
export interface IntervalTrackingOptions {
  /** a, the source's coefficient (finite; |a| > 1 is unstable). */
  a: number;
  /** b, bits per step (integer 1 … 16). */
  bits: number;
  /** W > 0: the noise w_t is uniform on [−W, W]. */
  noiseHalfWidth: number;
  /** T, the steps per run (integer ≥ 1). */
  rounds: number;
  /** Independent runs (integer ≥ 1). */
  trials: number;
  /** The seed: run i draws x_1 and the noise from stream i of it. */
  seed: number;
}

/** What {@link intervalTracking} returns. */
export interface IntervalTracking {
  /** L_t, the length of the interval both sides know contains x_t before step t's bits (the same in every run). */
  widths: Float64Array;
  /** The mean over runs of (x_t − x̂_t)² after step t's bits. */
  meanSquaredError: Float64Array;
  /** The largest |x_t − x̂_t| over all runs and steps. */
  maxError: number;
  /** The number of steps, over all runs, at which x_t fell outside the shared interval (0 by construction). */
  misses: number;
}

/**
 * Tracks x_{t+1} = a·x_t + w_t, w_t ~ Uniform[−W, W], x_1 ~ Uniform[−W, W], with b bits per step.
 * Encoder and decoder share an interval I_t = [c_t − L_t/2, c_t + L_t/2] that contains x_t (I_1 = [−W, W]).
 * Step t: the encoder sends which of the 2^b equal cells of I_t holds x_t; both sides take that cell
 * (length L_t/2^b, centre x̂_t, the estimate) and move it: c_{t+1} = a·x̂_t (simulated as x_t − c_t, which
 * keeps its digits while x_t itself grows like |a|^t),
 *
 *     L_{t+1} = |a|·L_t/2^b + 2W.
 *
 * So |x_t − x̂_t| ≤ L_t/2^{b+1}, and L_t converges to 2W/(1 − |a|/2^b) when |a| < 2^b and grows like
 * (|a|/2^b)^t when |a| > 2^b. No b-bit scheme does better in the worst case: the set of values of x_{t+1}
 * consistent with the messages contains a·(a piece of the previous set) + [−W, W], whose length is
 * |a|·(its length) + 2W, and 2^b messages cut a set into pieces of which one is at least 1/2^b of it.
 * That is the data-rate theorem's threshold |a| < 2^R in its simplest (worst-case, bounded-noise) form.
 *
 * Source: the data-rate theorem (Tatikonda and Mitter, IEEE TAC 49(7), 2004; Nair and Evans, SIAM J.
 * Control Optim. 43(2), 2004); the scheme and the argument above are the standard zooming quantizer,
 * written out in lesson 10.
 *
 * @throws TypeError for a non-object; RangeError naming `a`, `bits`, `noiseHalfWidth`, `rounds`,
 * `trials` or `seed`.
 * @example
 * ```ts
 * intervalTracking({ a: 1.9, bits: 1, noiseHalfWidth: 1, rounds: 200, trials: 10, seed: 1 }).widths[199]; // ≈ 40 = 2/(1 − 0.95)
 * intervalTracking({ a: 2.1, bits: 1, noiseHalfWidth: 1, rounds: 200, trials: 10, seed: 1 }).widths[199]; // ≈ 7e5: lost
 * ```
 */
export function intervalTracking(options: IntervalTrackingOptions): IntervalTracking {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { a, bits: b, noiseHalfWidth: W, rounds: T, trials, seed } = options;
  expectFinite("a", a);
  expectInteger("bits", b, 1, 16);
  expectPositive("noiseHalfWidth", W);
  expectInteger("rounds", T, 1);
  expectInteger("trials", trials, 1);
  expectInteger("seed", seed);
  const cells = 2 ** b;
  const widths = new Float64Array(T);
  const meanSquaredError = new Float64Array(T);
  let maxError = 0;
  let misses = 0;
  for (let i = 0; i < trials; i++) {
    const rng = createRandom(seed, i);
    // z = x_t − c_t, the source relative to the interval's centre: x_t itself grows like |a|^t and would
    // lose its low digits (2.1^60 ≈ 2·10^19), while z stays of the order of L_t.
    let z = (2 * rng.uniform() - 1) * W;
    let L = 2 * W;
    for (let t = 0; t < T; t++) {
      widths[t] = L;
      const cell = L / cells;
      let index = Math.floor((z + L / 2) / cell);
      if (index < 0 || index >= cells) {
        misses++;
        index = index < 0 ? 0 : cells - 1;
      }
      const err = z + L / 2 - (index + 0.5) * cell; // x_t − x̂_t
      meanSquaredError[t] += (err * err) / trials;
      if (Math.abs(err) > maxError) maxError = Math.abs(err);
      // x_{t+1} − c_{t+1} = a·x_t + w_t − a·x̂_t
      z = a * err + (2 * rng.uniform() - 1) * W;
      L = Math.abs(a) * cell + 2 * W;
    }
  }
  return { widths, meanSquaredError, maxError, misses };
}
