/**
 * SGD's squared error under AR(1)-correlated gradient noise, run many times (lesson 9).
 *
 * @packageDocumentation
 */
import { createRandom } from "../numeric/random";
import { ar1Oracle } from "../oracles/ar1Oracle";
import { describeValue, expectInteger, expectNumber, expectPositive } from "../validation";
import { sgdQuadratic } from "./sgdQuadratic";

/** Options of {@link ar1SgdSquaredErrors}. */
export interface Ar1SgdSquaredErrorsOptions {
  /** d, the dimension (an integer ≥ 1); θ = 0 (the error does not depend on θ). */
  d: number;
  /** σ > 0, the stationary standard deviation of the noise per coordinate. */
  sigma: number;
  /** ρ, the correlation of successive rounds' noise, −1 < ρ < 1. */
  rho: number;
  /** The rounds T at which to record ‖x_{T+1} − θ‖²: integers ≥ 1, strictly increasing. */
  checkpoints: readonly number[];
  /** The number of independent runs (an integer ≥ 1). */
  trials: number;
  /** Run i draws its oracle noise from `createRandom(seed, i)`. */
  seed: number;
}

/** What {@link ar1SgdSquaredErrors} returns. */
export interface Ar1SgdSquaredErrors {
  /** The checkpoints (a copy). */
  checkpoints: number[];
  /** errors[k][i] = ‖x_{T_k+1} − θ‖² in run i. */
  errors: Float64Array[];
}

/**
 * Runs SGD with step 1/t (μ = 1) on the quadratic oracle whose gradient noise is stationary AR(1) in
 * time (`ar1Oracle`: Var σ², correlation ρ between successive rounds, independent coordinates), and
 * records the squared error after each checkpoint T. SGD with step 1/t is the running mean of the
 * samples X_t = x_t − G_t = θ − ξ_t (lesson 4), so the expected error is d·σ²·Σ_{s,t≤T} ρ^|s−t|/T²
 * (`ar1VarianceOfMean` times d), which tends to (σ²d/T)·(1 + ρ)/(1 − ρ): positive correlation
 * inflates SGD's error by the factor that raises the statistical bound (math.md §4.4, lesson 9).
 *
 * Runs are independent and reproducible one by one (run i uses `createRandom(seed, i)` for the oracle).
 * Cost: trials · max(checkpoints) · d normal draws.
 *
 * Source: math.md §4.4 (our derivation; the factor is paper A's claim, arXiv:2606.00703, abstract level).
 *
 * @throws TypeError for a non-object; RangeError naming `d`, `sigma`, `rho` (|ρ| ≥ 1), `trials`, `seed`
 * or `checkpoints` (empty, not integers ≥ 1, not strictly increasing).
 * @example
 * ```ts
 * const { errors } = ar1SgdSquaredErrors({ d: 4, sigma: 1, rho: 0.5, checkpoints: [100], trials: 500, seed: 1 });
 * sampleMoments(errors[0]).mean; // ≈ 4·ar1VarianceOfMean(100, 0.5) ≈ 0.1184 (≈ 3× the i.i.d. 0.04)
 * ```
 */
export function ar1SgdSquaredErrors(options: Ar1SgdSquaredErrorsOptions): Ar1SgdSquaredErrors {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { d, sigma, rho, trials, seed } = options;
  expectInteger("d", d, 1);
  expectPositive("sigma", sigma);
  expectNumber("rho", rho);
  if (!(rho > -1 && rho < 1)) throw new RangeError(`rho must be a number with |rho| < 1 (a stationary AR(1) process), got ${describeValue(rho)}`);
  expectInteger("trials", trials, 1);
  expectInteger("seed", seed);
  const checkpoints = options.checkpoints;
  if (!Array.isArray(checkpoints) || checkpoints.length === 0) {
    throw new RangeError(`checkpoints must be a non-empty array of round counts, got ${describeValue(checkpoints)}`);
  }
  checkpoints.forEach((T, k) => {
    expectInteger(`checkpoints[${k}]`, T, 1);
    if (k > 0 && !(T > checkpoints[k - 1])) {
      throw new RangeError(`checkpoints must be strictly increasing, got ${checkpoints[k - 1]} then ${T} at index ${k}`);
    }
  });
  const rounds = checkpoints[checkpoints.length - 1];
  const errors = checkpoints.map(() => new Float64Array(trials));
  const theta = new Float64Array(d);
  const x0 = new Float64Array(d);
  for (let i = 0; i < trials; i++) {
    const oracle = ar1Oracle({ theta, sigma, rho, rng: createRandom(seed, i) });
    let next = 0;
    sgdQuadratic({
      oracle, x0, rounds, record: false,
      onRound: (t, x) => {
        if (next < checkpoints.length && t === checkpoints[next]) {
          let s = 0;
          for (let j = 0; j < d; j++) s += x[j] * x[j];
          errors[next++][i] = s;
        }
      },
    });
  }
  return { checkpoints: [...checkpoints], errors };
}
