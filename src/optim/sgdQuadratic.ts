import type { GradientOracle } from "../oracles/quadraticOracle";
import { expectPoint } from "../oracles/quadraticOracle";
import type { Transcript } from "../oracles/transcript";
import { type NumericArray, describeValue, expectFunction, expectInteger, expectNumericArray, expectPositive } from "../validation";

/** Options of {@link sgdQuadratic}. */
export interface SgdQuadraticOptions {
  /** The oracle to query: `quadraticOracle`, `bitOracle`, or anything with `d` and `gradient(x)`. */
  oracle: GradientOracle;
  /** x_1, the first query (d finite numbers; copied). */
  x0: NumericArray;
  /** T, the number of rounds: an integer ≥ 0. */
  rounds: number;
  /** μ > 0, the curvature the default step uses (default 1). */
  mu?: number;
  /** η_t for t = 1 … T (default 1/(μt), which makes the iterate the running mean of the samples). */
  step?: (t: number) => number;
  /** Keep the transcript (default true). False keeps memory flat for long runs: queries and gradients stay empty. */
  record?: boolean;
  /** Called after each round with t and the new iterate x_{t+1} (read it, do not keep it: it is overwritten). */
  onRound?: (t: number, x: Float64Array) => void;
}

/** What {@link sgdQuadratic} returns: the output x̂ = x_{T+1} and, when recorded, the transcript. */
export interface SgdResult extends Transcript {
  /** x̂ = x_{T+1}, the last iterate. */
  x: Float64Array;
}

/**
 * Stochastic gradient descent x_{t+1} = x_t − η_t·g_t, g_t the oracle's answer at x_t, for t = 1 … T.
 *
 * With the default step η_t = 1/(μt) on f_θ(x) = (μ/2)‖x − θ‖², SGD is the running mean of the
 * reduction's samples X_t = x_t − g_t/μ (math.md §1.2, lesson 4): by induction
 *
 *     x_{t+1} = x_t − (x_t − X_t)/t = ((t − 1)·x_t + X_t)/t = (X_1 + … + X_t)/t,
 *
 * whatever x_1 is (the first step lands on X_1). With the exact oracle its risk is
 * E‖x_{T+1} − θ‖² = σ²d/(μ²T), which meets the statistical bound (see `statisticalBound`). With a
 * B-bit oracle it averages the decoded gradients instead.
 *
 * Edge cases: T = 0 returns x_1 (a copy) and an empty transcript; NaN flows through.
 *
 * @throws TypeError naming `oracle`, `x0`, `step` or `onRound` (wrong type); RangeError naming `x0`
 * (length ≠ oracle.d), `rounds` (not an integer ≥ 0), `mu` (not finite > 0), or `step` when η_t is not
 * a finite number.
 * @example
 * ```ts
 * const oracle = quadraticOracle({ theta: [1, 2, 3], sigma: 1, rng: createRandom(4) });
 * const { x, queries, gradients } = sgdQuadratic({ oracle, x0: [0, 0, 0], rounds: 100 });
 * oracle.value(x); // ≈ σ²d/(2T) = 0.015 on average
 * ```
 */
export function sgdQuadratic(options: SgdQuadraticOptions): SgdResult {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { oracle, rounds, step, onRound } = options;
  const mu = options.mu === undefined ? 1 : options.mu;
  const record = options.record === undefined ? true : options.record;
  if (typeof oracle !== "object" || oracle === null || typeof oracle.gradient !== "function") {
    throw new TypeError(`oracle must have d and gradient(x), got ${describeValue(oracle)}`);
  }
  expectInteger("oracle.d", oracle.d, 1);
  expectNumericArray("x0", options.x0);
  const x = Float64Array.from(options.x0);
  expectPoint("x0", x, oracle.d);
  expectInteger("rounds", rounds, 0);
  expectPositive("mu", mu);
  if (step !== undefined) expectFunction("step", step);
  if (onRound !== undefined) expectFunction("onRound", onRound);
  const d = oracle.d;
  const queries: Float64Array[] = [];
  const gradients: Float64Array[] = [];
  const g = new Float64Array(d);
  for (let t = 1; t <= rounds; t++) {
    if (record) queries.push(Float64Array.from(x));
    oracle.gradient(x, g);
    if (record) gradients.push(Float64Array.from(g));
    if (step === undefined) {
      // η_t = 1/(μt), written as (g/μ)/t so that x − g/μ is formed as in the reduction's sample
      for (let i = 0; i < d; i++) x[i] -= g[i] / mu / t;
    } else {
      const eta = step(t);
      if (!Number.isFinite(eta)) throw new RangeError(`step(${t}) must be a finite number, got ${describeValue(eta)}`);
      for (let i = 0; i < d; i++) x[i] -= eta * g[i];
    }
    if (onRound !== undefined) onRound(t, x);
  }
  return { x, queries, gradients };
}
