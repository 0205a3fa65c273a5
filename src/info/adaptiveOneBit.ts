/**
 * One bit per sample with an adaptive threshold: an estimator that pays exactly the factor π/2 (lesson 5;
 * the recursion is our Robbins–Monro construction, the π/2 limit for one bit per sample is from Kipnis and
 * Duchi, arXiv:1708.00952).
 *
 * @packageDocumentation
 */
import { monteCarlo } from "../numeric/monteCarlo";
import type { MonteCarloResult } from "../numeric/monteCarlo";
import { describeValue, expectFinite, expectInteger, expectPositive } from "../validation";

/** Options of {@link adaptiveOneBitRisk}. */
export interface AdaptiveOneBitOptions {
  /** Samples (= bits) per run, n, an integer from 1 to 10^7. */
  n: number;
  /** Independent runs, an integer ≥ 2. */
  trials: number;
  /** The seed: run i draws from `createRandom(seed, i)`. */
  seed: number;
  /** The true mean θ (default 0.3). */
  theta?: number;
  /** σ > 0 (default 1). */
  sigma?: number;
  /** The first threshold θ̂_0 (default 0): the estimate before any bit arrives. */
  start?: number;
}

/**
 * Monte Carlo risk of the adaptive one-bit estimator of a Gaussian mean, in units of σ²/n: the mean
 * over runs of n·(θ̂_n − θ)²/σ².
 *
 * Protocol (sequentially interactive, one bit per sample): at step t = 1 … n the encoder sees
 * X_t ~ N(θ, σ²) and sends Y_t = 1{X_t ≥ θ̂_{t−1}} (the threshold is the decoder's current estimate,
 * known to both because it depends only on past bits); the decoder updates
 *
 *     θ̂_t = θ̂_{t−1} + (a/t)·(2Y_t − 1),   a = σ·√(π/2).
 *
 * Why a = σ√(π/2) (a Robbins–Monro recursion; derived in lesson 5): E[2Y − 1 | θ̂] = 1 − 2Φ((θ̂ − θ)/σ)
 * has slope −c = −2φ(0)/σ = −√(2/π)/σ at θ̂ = θ and the noise 2Y − 1 has variance 1 there, so with
 * gain a/t and a·c = 1 the asymptotic variance is a²·1/(2ac − 1)/n = (π/2)·σ²/n: the factor π/2 =
 * 1/(σ²·I_1bit(0)) that Kipnis and Duchi (arXiv:1708.00952) show is the best any one-bit-per-sample
 * scheme can reach, and attain. So the returned mean tends to π/2 ≈ 1.5708 as n grows (the
 * unquantized sample mean gives exactly 1).
 *
 * Cost: trials·n normal draws.
 *
 * @throws TypeError when options is not an object; RangeError naming `n`, `trials`, `seed`, `theta`,
 * `sigma` or `start`.
 * @example
 * ```ts
 * const r = adaptiveOneBitRisk({ n: 1000, trials: 4000, seed: 1 });
 * // r.mean ≈ 1.57 ± 0.035 (π/2 = 1.5708)
 * ```
 */
export function adaptiveOneBitRisk(options: AdaptiveOneBitOptions): MonteCarloResult {
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { n, trials, seed } = options;
  const theta = options.theta ?? 0.3;
  const sigma = options.sigma ?? 1;
  const start = options.start ?? 0;
  expectInteger("n", n, 1, 1e7);
  expectInteger("trials", trials, 2);
  expectInteger("seed", seed);
  expectFinite("theta", theta);
  expectPositive("sigma", sigma);
  expectFinite("start", start);
  const gain = sigma * Math.sqrt(Math.PI / 2);
  return monteCarlo({
    trials,
    seed,
    run: (rng) => {
      let estimate = start;
      for (let t = 1; t <= n; t++) {
        const x = theta + sigma * rng.normal();
        estimate += x >= estimate ? gain / t : -gain / t; // the one bit Y_t, decoded
      }
      const e = (estimate - theta) / sigma;
      return n * e * e;
    },
  });
}
