/**
 * The stochastic first-order oracle of paper A's hard family (arXiv:2606.00703): the quadratic
 * f_θ(x) = (μ/2)‖x − θ‖² with Gaussian gradient noise. Lesson 4.
 *
 * @packageDocumentation
 */
import { Random } from "../numeric/random";
import { fillZigguratUnchecked } from "../numeric/ziggurat";
import { type NumericArray, describeValue, expectNumber, expectNumericArray, expectPositive } from "../validation";

/** Anything that answers a query x with a gradient: the exact oracle or its B-bit version. */
export interface GradientOracle {
  /** d, the dimension of the queries and gradients. */
  readonly d: number;
  /**
   * The gradient the optimizer receives at x, written into `out` when given (a Float64Array of
   * length d), else into a fresh array. One call is one round.
   */
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
}

/** Options of {@link quadraticOracle}. */
export interface QuadraticOracleOptions {
  /** θ, the unknown optimum (copied): d ≥ 1 finite numbers. */
  theta: NumericArray;
  /** σ ≥ 0, the standard deviation of the gradient noise per coordinate (0 gives exact gradients). */
  sigma: number;
  /** μ > 0, the curvature (default 1, paper A's choice). */
  mu?: number;
  /** The seeded source of the noise Z_1, Z_2, …; it belongs to the oracle (do not share it with a public coin). */
  rng: Random;
}

/** The oracle returned by {@link quadraticOracle}. */
export interface QuadraticOracle extends GradientOracle {
  /** θ (a copy; changing it does not change the oracle). */
  readonly theta: Float64Array;
  readonly sigma: number;
  readonly mu: number;
  /** The number of gradients answered so far (rounds). */
  readonly calls: number;
  /** f_θ(x) − f* = (μ/2)‖x − θ‖², the noiseless suboptimality of x (no round is spent, no noise drawn). */
  value(x: Float64Array): number;
}

/** Throws unless x is a Float64Array of length d. */
export function expectPoint(name: string, x: unknown, d: number): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array, got ${describeValue(x)}`);
  if (x.length !== d) throw new RangeError(`${name}.length must equal d = ${d}, got ${x.length}`);
}

/**
 * The stochastic gradient oracle of f_θ(x) = (μ/2)‖x − θ‖²:
 *
 *     G(x) = ∇f_θ(x) + σZ = μ(x − θ) + σZ,    Z ~ N(0, I_d), independent across rounds.
 *
 * Round t's noise Z_t is the t-th block of d normal deviates of `rng` (`zigguratNormal`, in coordinate
 * order), whatever the query: the
 * oracle's randomness does not depend on x. This is the model of paper A's reduction lemma
 * (arXiv:2606.00703; math.md §1.1): since x_t is known to whoever asked, X_t = x_t − G(x_t)/μ =
 * θ − (σ/μ)Z_t is a sample of N(θ, (σ/μ)² I_d) that does not depend on the query; see
 * {@link transcriptToSamples}. Paper A uses μ = 1; the general μ is ours (lesson 4).
 *
 * Cost: d ziggurat normals a round (about 5 ns each on one core of the project's machine, 6–7× less than
 * `Random.normal`'s Box–Muller), so lesson 8's quantized SGD at d = 1024 spends about a third of a round
 * here (`bench/sgd.bench.ts`).
 *
 * Edge cases: σ = 0 gives exact gradients (one round then reveals θ = x − G(x)/μ); NaN in x flows
 * through to the gradient. Draws from `rng` even when σ = 0, so runs with different σ share their Z_t.
 *
 * @throws TypeError naming `theta`, `rng` or `x` (wrong type); RangeError naming `theta` (empty or not
 * finite), `sigma` (not finite ≥ 0), `mu` (not finite > 0), or `x` / `out` (length ≠ d).
 * @example
 * ```ts
 * const oracle = quadraticOracle({ theta: [1, -2], sigma: 0.5, rng: createRandom(1) });
 * const g = oracle.gradient(new Float64Array([0, 0])); // ≈ [−1, 2] plus N(0, 0.25) noise per coordinate
 * oracle.value(new Float64Array([0, 0])); // 2.5 = ½·(1 + 4)
 * ```
 */
export function quadraticOracle(options: QuadraticOracleOptions): QuadraticOracle {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { sigma, rng } = options;
  const mu = options.mu === undefined ? 1 : options.mu;
  expectNumericArray("theta", options.theta);
  const theta = Float64Array.from(options.theta);
  const d = theta.length;
  if (d < 1) throw new RangeError("theta must have at least one coordinate, got length 0");
  for (let i = 0; i < d; i++) {
    if (!Number.isFinite(theta[i])) throw new RangeError(`theta[${i}] must be finite, got ${describeValue(theta[i])}`);
  }
  expectNumber("sigma", sigma);
  if (!(sigma >= 0 && sigma < Infinity)) throw new RangeError(`sigma must be a finite number >= 0, got ${describeValue(sigma)}`);
  expectPositive("mu", mu);
  if (!(rng instanceof Random)) throw new TypeError(`rng must be a Random (createRandom(seed)), got ${describeValue(rng)}`);
  let calls = 0;
  const noise = new Float64Array(d); // the round's d normals, drawn in one batch (the same values as one call each)
  return {
    d,
    theta: Float64Array.from(theta),
    sigma,
    mu,
    get calls() {
      return calls;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      expectPoint("x", x, d);
      const g = out === undefined ? new Float64Array(d) : out;
      expectPoint("out", g, d);
      fillZigguratUnchecked(noise, rng, 0, d);
      for (let i = 0; i < d; i++) g[i] = mu * (x[i] - theta[i]) + sigma * noise[i];
      calls++;
      return g;
    },
    value(x: Float64Array): number {
      expectPoint("x", x, d);
      let s = 0;
      for (let i = 0; i < d; i++) s += (x[i] - theta[i]) ** 2;
      return (mu / 2) * s;
    },
  };
}
