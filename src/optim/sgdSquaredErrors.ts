import { createRandom } from "../numeric/random";
import { quadraticOracle } from "../oracles/quadraticOracle";
import { describeValue, expectFunction, expectInteger, expectNumber, expectPositive } from "../validation";
import { sgdQuadratic } from "./sgdQuadratic";

/** Options of {@link sgdSquaredErrors}. */
export interface SgdSquaredErrorsOptions {
  /** d, the dimension (an integer ≥ 1). θ is the zero vector (the error does not depend on θ, see below). */
  d: number;
  /** σ ≥ 0, the gradient-noise standard deviation per coordinate. */
  sigma: number;
  /** μ > 0, the curvature of f_θ(x) = (μ/2)‖x − θ‖² (default 1). */
  mu?: number;
  /** The rounds T at which to record ‖x_{T+1} − θ‖²: integers ≥ 0, strictly increasing. */
  checkpoints: readonly number[];
  /** The number of independent runs (an integer ≥ 1). */
  trials: number;
  /** Run i draws its oracle noise from `createRandom(seed, i)`, as `monteCarlo` does. */
  seed: number;
  /** x_1, the first query, the same in every run: a number for every coordinate (default 0). */
  start?: number;
  /** η_t (default 1/(μt), the running mean), as in `sgdQuadratic`. */
  step?: (t: number) => number;
}

/** What {@link sgdSquaredErrors} returns. */
export interface SgdSquaredErrors {
  /** The checkpoints T_1 < T_2 < … (a copy). */
  checkpoints: number[];
  /** errors[k][i] = ‖x_{T_k+1} − θ‖² in run i: the squared error after T_k rounds. */
  errors: Float64Array[];
}

/**
 * Runs SGD on the quadratic oracle of paper A's hard family many times and records the squared error
 * ‖x_{T+1} − θ‖² after each of the given numbers of rounds T: the raw material of a "risk against T"
 * figure (mean and standard error per T with `sampleMoments`) or of the error's distribution at each T.
 *
 * Each run is `sgdQuadratic` on `quadraticOracle({ theta: 0, sigma, mu, rng: createRandom(seed, i) })`
 * for max(checkpoints) rounds, started at x_1 = (start, …, start), reading the iterate after the rounds
 * in `checkpoints` (one pass, nothing recorded in between). θ = 0 loses nothing: shifting θ and x_1
 * together shifts every iterate by the same vector (the oracle sees only x − θ).
 *
 * With the default step 1/(μt) the error after T ≥ 1 rounds is ‖mean of T samples of N(0, (σ/μ)²I_d)‖²,
 * whatever `start` is: mean σ²d/(μ²T), distributed as (σ²/(μ²T))·χ²_d (lesson 4). Runs are independent
 * and reproducible one by one: run i does not depend on the other runs or on their number.
 *
 * Cost: trials · max(checkpoints) · d normal draws.
 *
 * @throws TypeError naming `step` (not a function) or a non-number; RangeError naming `d`, `trials`,
 * `seed` (not integers in range), `sigma` (not finite ≥ 0), `mu` (not finite > 0), `start` (not finite)
 * or `checkpoints` (empty, not integers ≥ 0, or not strictly increasing).
 * @example
 * ```ts
 * const { errors } = sgdSquaredErrors({ d: 4, sigma: 1, checkpoints: [10, 100], trials: 2000, seed: 1 });
 * sampleMoments(errors[1]).mean; // ≈ σ²d/T = 0.04
 * ```
 */
export function sgdSquaredErrors(options: SgdSquaredErrorsOptions): SgdSquaredErrors {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { d, sigma, trials, seed, step } = options;
  const mu = options.mu === undefined ? 1 : options.mu;
  const start = options.start === undefined ? 0 : options.start;
  expectInteger("d", d, 1);
  expectNumber("sigma", sigma);
  if (!(sigma >= 0 && sigma < Infinity)) throw new RangeError(`sigma must be a finite number >= 0, got ${describeValue(sigma)}`);
  expectPositive("mu", mu);
  expectNumber("start", start);
  if (!Number.isFinite(start)) throw new RangeError(`start must be finite, got ${describeValue(start)}`);
  expectInteger("trials", trials, 1);
  expectInteger("seed", seed);
  if (step !== undefined) expectFunction("step", step);
  const checkpoints = options.checkpoints;
  if (!Array.isArray(checkpoints) || checkpoints.length === 0) {
    throw new RangeError(`checkpoints must be a non-empty array of round counts, got ${describeValue(checkpoints)}`);
  }
  checkpoints.forEach((T, k) => {
    expectInteger(`checkpoints[${k}]`, T, 0);
    if (k > 0 && !(T > checkpoints[k - 1])) {
      throw new RangeError(`checkpoints must be strictly increasing, got ${checkpoints[k - 1]} then ${T} at index ${k}`);
    }
  });
  const rounds = checkpoints[checkpoints.length - 1];
  const errors = checkpoints.map(() => new Float64Array(trials));
  const theta = new Float64Array(d);
  const squaredNorm = (x: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[j] * x[j];
    return s;
  };
  const x0 = new Float64Array(d).fill(start);
  for (let i = 0; i < trials; i++) {
    const oracle = quadraticOracle({ theta, sigma, mu, rng: createRandom(seed, i) });
    let next = 0;
    if (checkpoints[0] === 0) errors[next++][i] = squaredNorm(x0);
    const { x } = sgdQuadratic({
      oracle, x0, rounds, mu, step, record: false,
      onRound: (t, xt) => {
        if (next < checkpoints.length && t === checkpoints[next]) errors[next++][i] = squaredNorm(xt);
      },
    });
    if (next !== checkpoints.length) errors[next][i] = squaredNorm(x); // unreachable: the last checkpoint is `rounds`
  }
  return { checkpoints: [...checkpoints], errors };
}
