/**
 * A Monte Carlo driver for quantized SGD over a grid of dimensions, bit budgets and round counts,
 * with the achievability analysis's predictions beside each measurement (lesson 8).
 *
 * @packageDocumentation
 */
import { productBound } from "../bounds/productBound";
import { type MonteCarloResult, monteCarlo } from "../numeric/monteCarlo";
import { createRandom } from "../numeric/random";
import { sampleCos2Prior } from "../info/priors";
import { quadraticOracle } from "../oracles/quadraticOracle";
import type { Compressor } from "../quantizers/compressor";
import { randomSubsetStochastic } from "../quantizers/randomSubsetStochastic";
import { describeValue, expectFunction, expectInteger, expectPositive } from "../validation";
import { achievabilityScheme, achievabilityVariance, dynamicRange, stepSizeRule } from "./achievability";
import { quantizedSgd } from "./quantizedSgd";

/** Options of {@link quantizedSgdSweep}. */
export interface QuantizedSgdSweepOptions {
  /** The dimensions d to run (integers ≥ 1). */
  dims: readonly number[];
  /** The bit budgets B per round (integers ≥ 1). */
  bits: readonly number[];
  /** The round counts T (integers ≥ 1); one run of max(T) rounds is read at each T. */
  rounds: readonly number[];
  /** σ > 0, the gradient noise per coordinate. */
  sigma: number;
  /** Independent runs per (d, B), an integer ≥ 2. */
  trials: number;
  /** The seed: run i of grid point (d, B) uses streams derived from (seed, i). */
  seed: number;
  /** r > 0: θ is drawn per run from the cos² prior on [−r, r]^d, and x_0 = 0 (default 1). */
  priorRadius?: number;
  /**
   * M, the compressor's range: a number, or a function of (d, B, T_max); default
   * `dynamicRange({ d, rounds: T_max, sigma, offset: r })` (math.md §5.2, δ = 0.01).
   */
  range?: number | ((d: number, bits: number, maxRounds: number) => number);
  /** t_0: a number > 0, or "rule" (default) for `stepSizeRule` of the scheme. */
  t0?: number | "rule";
  /** D > 0: when given, each row also carries the rounds predicted for D and paper A's product bound for D. */
  D?: number;
  /** The compressor for (d, B, M) (default: `achievabilityScheme` with `randomSubsetStochastic`). */
  compressor?: (d: number, bits: number, range: number) => Compressor;
  /** The confidence level of the intervals (default 0.95). */
  confidence?: number;
}

/** One grid point of {@link quantizedSgdSweep}. */
export interface QuantizedSgdSweepRow {
  d: number;
  /** B, the budget per round. */
  bits: number;
  /** T, the rounds run. */
  rounds: number;
  /** k and b of the default scheme (`achievabilityScheme(d, B)`), also reported with a custom compressor. */
  k: number;
  bitsPerCoordinate: number;
  /** M, the range used. */
  range: number;
  /** t_0 used in η_t = 1/(t + t_0). */
  t0: number;
  /** E‖x_T − θ‖² over the runs: mean, standard error, confidence interval. */
  mse: MonteCarloResult;
  /** T·mse.mean, to set beside V. */
  roundsTimesMse: number;
  /** V = `achievabilityVariance` at x = θ (exact for the default scheme): T·E‖x_T − θ‖² → V. */
  predictedVariance: number;
  /** V/T: the error the analysis predicts after T rounds (asymptotically). */
  predictedMse: number;
  /** The largest message measured in any round of any run (≤ B). */
  maxMeasuredBits: number;
  /** Fraction of the oracle's gradient coordinates outside [−M, M] (clipped by the compressor). */
  outOfRangeFraction: number;
  /** ⌈V/D⌉, the rounds the achievability analysis predicts for D (only when D was given). */
  predictedRounds?: number;
  /** Paper A's product bound for D with a flat prior (`productBound`; only when D was given). */
  lowerBoundRounds?: number;
}

/**
 * Runs quantized SGD (`quantizedSgd`: the compressor's encoded message is all the optimizer gets)
 * on f_θ(x) = ½‖x − θ‖² with the Gaussian oracle G(x) = x − θ + σZ over a (d, B, T) grid, and returns
 * for each point the Monte Carlo mean of E‖x_T − θ‖² with its confidence interval beside the
 * achievability analysis's prediction V/T (math.md §5.1, §5.4):
 *
 *     b = 1, k = B ≤ d:   V = d²M²/B,     rounds for D:  T ≈ d²M²/(B·D) = (σ²d/D)·(d/B)·(M²/σ²);
 *     B > d, k = d:       V = σ²d + d·E v(c)  ≤ σ²d + dM²/(2^b − 1)²,   T ≈ V/D ≈ σ²d/D once 2^b − 1 ≥ M/σ.
 *
 * With M from `dynamicRange`, M²/σ² = O(log(dT/δ)): the analysis matches the product bound
 * (σ²d/D)·max{1, d/(2 ln2·B)} up to that log factor, which `roundsTimesMse / (lowerBoundRounds·D)`
 * shows. Each run draws θ from the cos² prior on [−r, r]^d and starts at x_0 = 0; the round counts T
 * of one (d, B) are read off the same runs (a run of max T rounds read at each T), so rows of one
 * (d, B) are correlated, each with a valid interval.
 *
 * Cost: trials·max(T)·(d normal draws + the compressor's work) per (d, B).
 *
 * Source: math.md §5 (our derivation, lesson 8); paper A's achievability result (arXiv:2606.00703,
 * abstract level).
 *
 * @throws TypeError for a non-object or a non-function `compressor`; RangeError naming `dims`, `bits`,
 * `rounds` (empty, or an entry not an integer ≥ 1), `sigma`, `trials`, `seed`, `priorRadius`, `range`,
 * `t0`, `D`, and any error of the compressor or of `quantizedSgd`.
 * @example
 * ```ts
 * const rows = quantizedSgdSweep({ dims: [64], bits: [32], rounds: [1000, 4000], sigma: 1, trials: 200, seed: 1, range: 5, t0: 1 });
 * rows[1].roundsTimesMse; // ≈ 3200 = d²M²/B (± a few %)
 * ```
 */
export function quantizedSgdSweep(options: QuantizedSgdSweepOptions): QuantizedSgdSweepRow[] {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { sigma, trials, seed } = options;
  const grid = { dims: options.dims, bits: options.bits, rounds: options.rounds };
  for (const [name, list] of Object.entries(grid)) {
    if (!Array.isArray(list) || list.length === 0) throw new RangeError(`${name} must be a non-empty array of integers >= 1, got ${describeValue(list)}`);
    list.forEach((v, i) => expectInteger(`${name}[${i}]`, v, 1));
  }
  expectPositive("sigma", sigma);
  expectInteger("trials", trials, 2);
  expectInteger("seed", seed);
  const r = options.priorRadius === undefined ? 1 : options.priorRadius;
  expectPositive("priorRadius", r);
  if (options.D !== undefined) expectPositive("D", options.D);
  const t0Option = options.t0 === undefined ? "rule" : options.t0;
  if (t0Option !== "rule") expectPositive("t0", t0Option);
  if (options.compressor !== undefined) expectFunction("compressor", options.compressor);
  if (options.range !== undefined && typeof options.range !== "function") expectPositive("range", options.range);
  const sortedRounds = [...grid.rounds].sort((a, b) => a - b);
  const maxRounds = sortedRounds[sortedRounds.length - 1];
  const rows: QuantizedSgdSweepRow[] = [];
  for (const d of grid.dims) {
    for (const B of grid.bits) {
      const { k, bitsPerCoordinate } = achievabilityScheme(d, B);
      const range =
        options.range === undefined
          ? dynamicRange({ d, rounds: maxRounds, sigma, offset: r })
          : typeof options.range === "function"
            ? options.range(d, B, maxRounds)
            : options.range;
      expectPositive("range", range);
      const compressor =
        options.compressor === undefined ? randomSubsetStochastic({ k, bits: bitsPerCoordinate, range }) : options.compressor(d, B, range);
      const t0 = t0Option === "rule" ? stepSizeRule({ d, k, bitsPerCoordinate }).t0 : t0Option;
      // errors[i][j]: run i's squared error after sortedRounds[j] rounds
      const errors = sortedRounds.map(() => new Float64Array(trials));
      const theta = new Float64Array(d);
      const x0 = new Float64Array(d);
      let maxMeasuredBits = 0;
      let outOfRange = 0;
      for (let i = 0; i < trials; i++) {
        const rng = createRandom(seed, 3 * i);
        sampleCos2Prior(rng, r, theta);
        const oracle = quadraticOracle({ theta, sigma, rng: createRandom(seed, 3 * i + 1) });
        let next = 0;
        const run = quantizedSgd({
          oracle,
          compressor,
          rounds: maxRounds,
          seed: seed + 3 * i + 2,
          x0,
          t0,
          bits: B,
          range,
          onRound: (t, x, bits) => {
            if (bits > maxMeasuredBits) maxMeasuredBits = bits;
            while (next < sortedRounds.length && sortedRounds[next] === t) {
              let e = 0;
              for (let j = 0; j < d; j++) e += (x[j] - theta[j]) ** 2;
              errors[next][i] = e;
              next++;
            }
          },
        });
        outOfRange += run.outOfRange;
      }
      const V = achievabilityVariance({ d, k, bitsPerCoordinate, range, sigma });
      for (const T of grid.rounds) {
        const j = sortedRounds.indexOf(T);
        const values = errors[j];
        const mse = monteCarlo({ trials, seed, run: (_rng, idx) => values[idx], confidence: options.confidence });
        const row: QuantizedSgdSweepRow = {
          d,
          bits: B,
          rounds: T,
          k,
          bitsPerCoordinate,
          range,
          t0,
          mse,
          roundsTimesMse: T * mse.mean,
          predictedVariance: V,
          predictedMse: V / T,
          maxMeasuredBits,
          outOfRangeFraction: outOfRange / (trials * maxRounds * d),
        };
        if (options.D !== undefined) {
          row.predictedRounds = Math.ceil(V / options.D);
          row.lowerBoundRounds = productBound({ d, sigma, bits: B, D: options.D });
        }
        rows.push(row);
      }
    }
  }
  return rows;
}
