/**
 * Seeded Monte Carlo estimation of a mean, with its standard error and a confidence interval.
 *
 * @packageDocumentation
 */
import { describeValue, expectFunction, expectInRange, expectInteger } from "../validation";
import { normalQuantile } from "./normal";
import { createRandom } from "./random";
import type { Random } from "./random";

/** What {@link monteCarlo} and {@link mergeMonteCarlo} return. */
export interface MonteCarloResult {
  /** The sample mean of the trials' values. */
  mean: number;
  /** The standard error of the mean, s/√n, with s² the unbiased sample variance (0 for one trial). */
  stderr: number;
  /** The normal-approximation interval mean ± z·stderr, z = Φ⁻¹((1 + confidence)/2). */
  ci: [number, number];
  /** The number of trials n. */
  trials: number;
  /** The confidence level of `ci`. */
  confidence: number;
  /** The unbiased sample variance s² of the trials' values (0 for one trial). */
  variance: number;
  /** The first trial index (the stream of `createRandom(seed, firstTrial)`). */
  firstTrial: number;
}

/** Options of {@link monteCarlo}. */
export interface MonteCarloOptions {
  /** The number of trials n (an integer ≥ 1). */
  trials: number;
  /** The seed: trial i draws from `createRandom(seed, i)`. */
  seed: number;
  /** One trial: returns the trial's value from its own generator (i is the trial index). */
  run: (rng: Random, i: number) => number;
  /** The confidence level of `ci`, in (0, 1) (default 0.95). */
  confidence?: number;
  /** Index of the first trial (default 0): runs trials firstTrial … firstTrial + n − 1, for batches. */
  firstTrial?: number;
}

function finish(mean: number, m2: number, n: number, confidence: number, firstTrial: number): MonteCarloResult {
  const variance = n > 1 ? m2 / (n - 1) : 0;
  const stderr = Math.sqrt(variance / n);
  const z = normalQuantile(0.5 + confidence / 2);
  return { mean, stderr, ci: [mean - z * stderr, mean + z * stderr], trials: n, confidence, variance, firstTrial };
}

/**
 * Runs n independent seeded trials and returns the mean of their values with its standard error and
 * a confidence interval: the yardstick of every "formula versus simulation" check.
 *
 * Trial i always draws from its own stream `createRandom(seed, i)`, so a trial's value does not depend
 * on which trials ran before it, on their order, or on how the trials are split into batches: the
 * batches {@link mergeMonteCarlo} combines give the same mean and standard error as one run (to
 * rounding). Mean and variance are accumulated with Welford's update (B. P. Welford, Technometrics
 * 4(3), 1962); SE = s/√n; the interval is the normal approximation mean ± z·SE, fine for the
 * thousands of trials the course uses, not for a handful.
 *
 * Edge cases: one trial gives stderr 0 (no spread to measure); a NaN value makes mean and stderr NaN
 * (it flows through).
 *
 * @throws TypeError when `run` is not a function; RangeError naming `trials`, `seed`, `confidence` or
 * `firstTrial` when out of range.
 * @example
 * ```ts
 * const r = monteCarlo({ trials: 10000, seed: 1, run: (rng) => rng.normal() ** 2 });
 * // r.mean = 1.021 (E Z² = 1), r.stderr = 0.0146 (√(2/10000)), r.ci = [0.993, 1.050]
 * ```
 */
export function monteCarlo(options: MonteCarloOptions): MonteCarloResult {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`options must be an object { trials, seed, run }, got ${describeValue(options)}`);
  }
  const { trials, seed, run } = options;
  const confidence = options.confidence ?? 0.95;
  const firstTrial = options.firstTrial ?? 0;
  expectInteger("trials", trials, 1);
  expectInteger("seed", seed);
  expectFunction("run", run);
  expectInRange("confidence", confidence, Number.MIN_VALUE, 1 - 2 ** -52); // (1 + confidence)/2 < 1: 1 − 2⁻⁵³ would round it to 1
  expectInteger("firstTrial", firstTrial, 0);
  let mean = 0;
  let m2 = 0;
  for (let k = 0; k < trials; k++) {
    const i = firstTrial + k;
    const v = run(createRandom(seed, i), i);
    if (typeof v !== "number") throw new TypeError(`run must return a number, got ${describeValue(v)} at trial ${i}`);
    const delta = v - mean;
    mean += delta / (k + 1);
    m2 += delta * (v - mean);
  }
  return finish(mean, m2, trials, confidence, firstTrial);
}

/**
 * Combines Monte Carlo results of disjoint batches of trials into the result of all of them, as if
 * run at once (Chan, Golub and LeVeque's pairwise update of mean and sum of squares, "Algorithms for
 * computing the sample variance", The American Statistician 37(3), 1983).
 *
 * @throws RangeError when `results` is empty or the confidence levels differ.
 * @example
 * ```ts
 * const run = (rng: Random) => rng.uniform();
 * const all = mergeMonteCarlo([
 *   monteCarlo({ trials: 500, seed: 3, run }),
 *   monteCarlo({ trials: 500, seed: 3, run, firstTrial: 500 }),
 * ]); // equals monteCarlo({ trials: 1000, seed: 3, run }) to rounding
 * ```
 */
export function mergeMonteCarlo(results: readonly MonteCarloResult[]): MonteCarloResult {
  if (!Array.isArray(results) || results.length === 0) {
    throw new RangeError(`results must be a non-empty array of MonteCarloResult, got ${describeValue(results)}`);
  }
  const confidence = results[0].confidence;
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const r of results) {
    if (r.confidence !== confidence) {
      throw new RangeError(`results must share one confidence level, got ${confidence} and ${r.confidence}`);
    }
    const nb = r.trials;
    const rm2 = r.variance * (nb - 1);
    const delta = r.mean - mean;
    const total = n + nb;
    mean += (delta * nb) / total;
    m2 += rm2 + (delta * delta * n * nb) / total;
    n = total;
  }
  const firstTrial = Math.min(...results.map((r) => r.firstTrial));
  return finish(mean, m2, n, confidence, firstTrial);
}
