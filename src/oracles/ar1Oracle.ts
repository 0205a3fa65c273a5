/**
 * The quadratic oracle with AR(1)-correlated gradient noise (lesson 9).
 *
 * @packageDocumentation
 */
import type { Random } from "../numeric/random";
import { fillZigguratUnchecked } from "../numeric/ziggurat";
import { type NumericArray, expectPositive } from "../validation";
import { expectCorrelation, expectNonNegative, expectOracleOptions, expectRandom, gradientTarget, halfSquaredDistance, readOptimum } from "./oracleOptions";
import { type GradientOracle, expectPoint } from "./quadraticOracle";

/** Options of {@link ar1Oracle}. */
export interface Ar1OracleOptions {
  /** θ, the unknown optimum (copied): d ≥ 1 finite numbers. */
  theta: NumericArray;
  /** σ ≥ 0, the stationary standard deviation of the noise per coordinate. */
  sigma: number;
  /** ρ, the correlation of successive rounds' noise, −1 < ρ < 1. */
  rho: number;
  /** μ > 0, the curvature (default 1). */
  mu?: number;
  /** The seeded source of the innovations η_t, `zigguratNormal` deviates (the oracle's own; do not share it with a public coin). */
  rng: Random;
}

/** The oracle returned by {@link ar1Oracle}. */
export interface Ar1Oracle extends GradientOracle {
  readonly theta: Float64Array;
  readonly sigma: number;
  readonly rho: number;
  readonly mu: number;
  /** The number of gradients answered so far. */
  readonly calls: number;
  /** f_θ(x) − f* = (μ/2)‖x − θ‖² (no round spent). */
  value(x: Float64Array): number;
}

/**
 * The stochastic gradient oracle of f_θ(x) = (μ/2)‖x − θ‖² whose noise is a stationary AR(1) process
 * in time, independent across coordinates:
 *
 *     G_t(x) = μ(x − θ) + ξ_t,   ξ_1 ~ N(0, σ² I),   ξ_t = ρ ξ_{t−1} + √(1 − ρ²)·σ·η_t,   η_t ~ N(0, I),
 *
 * so Var ξ_t,i = σ² in every round and Cov(ξ_s,i, ξ_t,i) = σ²ρ^|s−t|. The noise evolves once per call,
 * whatever the query (as in `quadraticOracle`, the reduction's samples X_t = x_t − G_t/μ = θ − ξ_t/μ
 * do not depend on the queries). ρ = 0 is the i.i.d. oracle; positive ρ makes successive samples
 * repeat each other, so T rounds carry the information of about T(1 − ρ)/(1 + ρ) independent ones
 * (`ar1FisherMean`); negative ρ makes them cancel, and the sample mean improves.
 *
 * Source: math.md §4.4 (the model behind paper A's correlated-oracle extension, arXiv:2606.00703, whose
 * abstract states that positive correlation raises the bounds by (1 + ρ)/(1 − ρ)); lesson 9.
 *
 * Edge cases: σ = 0 gives exact gradients; NaN in x flows through.
 *
 * @throws TypeError naming `options`, `theta`, `rng` or `x`; RangeError naming `theta`, `sigma` (not
 * finite ≥ 0), `rho` (not −1 < ρ < 1), `mu` (not finite > 0), or `x` / `out` (length ≠ d).
 * @example
 * ```ts
 * const oracle = ar1Oracle({ theta: [0, 0], sigma: 1, rho: 0.9, rng: createRandom(3) });
 * const x = new Float64Array(2);
 * const g1 = Float64Array.from(oracle.gradient(x));
 * const g2 = oracle.gradient(x); // close to g1: successive noises have correlation 0.9
 * ```
 */
export function ar1Oracle(options: Ar1OracleOptions): Ar1Oracle {
  expectOracleOptions(options);
  const theta = readOptimum("theta", options.theta);
  const { sigma, rho, rng } = options;
  const mu = options.mu === undefined ? 1 : options.mu;
  expectNonNegative("sigma", sigma);
  expectCorrelation("rho", rho);
  expectPositive("mu", mu);
  expectRandom("rng", rng);
  const d = theta.length;
  const xi = new Float64Array(d);
  const innovation = Math.sqrt(1 - rho * rho) * sigma;
  let calls = 0;
  const noise = new Float64Array(d); // a batch of d normals (the same values as one call each)
  return {
    d,
    theta: Float64Array.from(theta),
    sigma,
    rho,
    mu,
    get calls() {
      return calls;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      const g = gradientTarget(x, out, d);
      fillZigguratUnchecked(noise, rng, 0, d);
      if (calls === 0) {
        for (let i = 0; i < d; i++) xi[i] = sigma * noise[i]; // the stationary start
      } else {
        for (let i = 0; i < d; i++) xi[i] = rho * xi[i] + innovation * noise[i];
      }
      for (let i = 0; i < d; i++) g[i] = mu * (x[i] - theta[i]) + xi[i];
      calls++;
      return g;
    },
    value(x: Float64Array): number {
      expectPoint("x", x, d);
      return halfSquaredDistance(mu, x, theta);
    },
  };
}
