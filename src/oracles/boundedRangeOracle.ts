/**
 * The quadratic oracle with a bounded dynamic range: every gradient coordinate in [−M, M] (lesson 8).
 *
 * @packageDocumentation
 */
import { cdfUnchecked, normalQuantile, pdfUnchecked, sfUnchecked } from "../numeric/normal";
import type { Random } from "../numeric/random";
import { fillZigguratUnchecked } from "../numeric/ziggurat";
import { type NumericArray, expectOneOf, expectPositive } from "../validation";
import { expectNonNegative, expectOracleOptions, expectRandom, gradientTarget, halfSquaredDistance, readOptimum } from "./oracleOptions";
import { type GradientOracle, expectPoint } from "./quadraticOracle";

/** How {@link boundedRangeOracle} keeps a coordinate in [−M, M]. */
export type RangeMode = "clip" | "truncate";

/** Options of {@link boundedRangeOracle}. */
export interface BoundedRangeOracleOptions {
  /** θ, the unknown optimum (copied): d ≥ 1 finite numbers. */
  theta: NumericArray;
  /** σ ≥ 0, the standard deviation of the Gaussian noise before bounding (> 0 for "truncate"). */
  sigma: number;
  /** M > 0, the dynamic range: every returned coordinate lies in [−M, M]. */
  range: number;
  /** "clip" (default): min(max(g, −M), M). "truncate": g drawn from the Gaussian conditioned on [−M, M]. */
  mode?: RangeMode;
  /** μ > 0, the curvature (default 1). */
  mu?: number;
  /** The seeded source of the noise (the oracle's own): `zigguratNormal` deviates when clipping, one `uniform` per coordinate when truncating. */
  rng: Random;
}

/** The oracle returned by {@link boundedRangeOracle}. */
export interface BoundedRangeOracle extends GradientOracle {
  readonly theta: Float64Array;
  readonly sigma: number;
  readonly range: number;
  readonly mode: RangeMode;
  readonly mu: number;
  /** The number of gradients answered so far. */
  readonly calls: number;
  /** The number of coordinates clipped so far ("clip" mode; always 0 for "truncate"). */
  readonly clipped: number;
  /**
   * The bias E[G(x)] − μ(x − θ) per coordinate that bounding causes (closed form, no round spent),
   * written into `out` when given.
   */
  bias(x: Float64Array, out?: Float64Array): Float64Array;
  /** f_θ(x) − f* = (μ/2)‖x − θ‖² (no round spent). */
  value(x: Float64Array): number;
}

/** P(α ≤ Z ≤ β) for a standard normal Z, accurate in both tails. */
function intervalMass(alpha: number, beta: number): number {
  if (alpha > 0) return sfUnchecked(alpha) - sfUnchecked(beta);
  if (beta < 0) return cdfUnchecked(beta) - cdfUnchecked(alpha);
  return 1 - cdfUnchecked(alpha) - sfUnchecked(beta);
}

/**
 * A draw of Z ~ N(0, 1) conditioned on [α, β] by the inverse distribution function, from the tail
 * that keeps its digits (the upper tail through the survival function when α > 0). When the interval
 * has no mass in double precision the nearer end is returned.
 */
function truncatedStandardNormal(alpha: number, beta: number, u: number): number {
  let z: number;
  if (alpha > 0) {
    const hi = sfUnchecked(alpha);
    const lo = sfUnchecked(beta);
    if (!(hi > lo)) return alpha;
    const p = lo + u * (hi - lo);
    if (!(p > 0 && p < 1)) return p > 0 ? alpha : beta;
    z = -normalQuantile(p);
  } else {
    const lo = cdfUnchecked(alpha);
    const hi = cdfUnchecked(beta);
    if (!(hi > lo)) return beta;
    const p = lo + u * (hi - lo);
    if (!(p > 0 && p < 1)) return p > 0 ? beta : alpha;
    z = normalQuantile(p);
  }
  return z < alpha ? alpha : z > beta ? beta : z; // the quantile's last-digit rounding
}

/**
 * Paper A's bounded-dynamic-range oracle, built from the Gaussian one: the stochastic gradient
 * G(x) = μ(x − θ) + σZ with every coordinate forced into [−M, M], either by
 *
 * - **clipping** (`mode: "clip"`): G_i ← min(max(G_i, −M), M), counted in `clipped`; or
 * - **truncation** (`mode: "truncate"`): G_i drawn from N(μ(x_i − θ_i), σ²) conditioned on [−M, M].
 *
 * Both bias the gradient wherever μ|x_i − θ_i| + a few σ reaches M. The bias per coordinate, with
 * m = μ(x_i − θ_i), α = (−M − m)/σ, β = (M − m)/σ (standard normal φ, Φ), is
 *
 *     clip:      E[clip(G_i)] − m = σ·[αΦ(α) + φ(α)] − σ·[φ(β) − βΦ̄(β)]
 *     truncate:  E[G_i | −M ≤ G_i ≤ M] − m = σ·(φ(α) − φ(β)) / (Φ(β) − Φ(α)),
 *
 * and `bias(x)` returns it. At the optimum (m = 0) both are 0 by symmetry, so SGD still converges to θ;
 * away from it the bias pulls the gradient toward 0. §5.2 of math.md chooses
 * M = ‖x − θ‖_∞ + σ√(2 ln(2dT/δ)) so that no coordinate of T rounds leaves the range with probability
 * ≥ 1 − δ: that √log is the log factor between the achievability result and the lower bound, and the
 * gap paper A leaves open is whether Gaussian (unbounded) gradients can do without it.
 *
 * Source: the bounded-dynamic-range model of paper A's achievability result (arXiv:2606.00703, abstract
 * level); the clipping and truncation means are standard truncated-normal moments (Johnson, Kotz and
 * Balakrishnan, "Continuous Univariate Distributions" vol. 1, §13.10). Lesson 8.
 *
 * Edge cases: σ = 0 in clip mode gives clip(μ(x − θ)) exactly (bias = the clipped amount); when the
 * conditioned interval has no mass in double precision (|m| ≳ M + 38σ) truncation returns the nearer
 * end ±M. NaN in x flows through.
 *
 * @throws TypeError naming `options`, `theta`, `rng`, `mode` or `x`; RangeError naming `theta`, `sigma`
 * (not finite ≥ 0; or 0 with "truncate"), `range` (not finite > 0), `mode` (not "clip" / "truncate"),
 * `mu`, or `x` / `out` / `bias out` (length ≠ d).
 * @example
 * ```ts
 * const oracle = boundedRangeOracle({ theta: [0, 0], sigma: 1, range: 2, rng: createRandom(1) });
 * oracle.gradient(new Float64Array([3, 0])); // first coordinate 3 + Z clipped to 2 with probability 0.84
 * oracle.bias(new Float64Array([3, 0]));     // [−1.083, 0]: E clip(3 + Z) = 1.917 ≠ 3
 * ```
 */
export function boundedRangeOracle(options: BoundedRangeOracleOptions): BoundedRangeOracle {
  expectOracleOptions(options);
  const theta = readOptimum("theta", options.theta);
  const { sigma, range: M, rng } = options;
  const mode = options.mode === undefined ? "clip" : options.mode;
  const mu = options.mu === undefined ? 1 : options.mu;
  expectNonNegative("sigma", sigma);
  expectPositive("range", M);
  expectOneOf("mode", mode, ["clip", "truncate"] as const);
  if (mode === "truncate" && sigma === 0) {
    throw new RangeError(`sigma must be > 0 with mode "truncate" (a point mass cannot be conditioned on [-range, range]), got 0`);
  }
  expectPositive("mu", mu);
  expectRandom("rng", rng);
  const d = theta.length;
  let calls = 0;
  let clipped = 0;
  const noise = new Float64Array(d); // a batch of d normals when clipping (the same values as one call each)
  return {
    d,
    theta: Float64Array.from(theta),
    sigma,
    range: M,
    mode,
    mu,
    get calls() {
      return calls;
    },
    get clipped() {
      return clipped;
    },
    gradient(x: Float64Array, out?: Float64Array): Float64Array {
      const g = gradientTarget(x, out, d);
      if (mode === "clip") {
        fillZigguratUnchecked(noise, rng, 0, d);
        for (let i = 0; i < d; i++) {
          const v = mu * (x[i] - theta[i]) + sigma * noise[i];
          if (v > M) {
            g[i] = M;
            clipped++;
          } else if (v < -M) {
            g[i] = -M;
            clipped++;
          } else g[i] = v;
        }
      } else {
        for (let i = 0; i < d; i++) {
          const m = mu * (x[i] - theta[i]);
          const alpha = (-M - m) / sigma;
          const beta = (M - m) / sigma;
          const v = m + sigma * truncatedStandardNormal(alpha, beta, rng.uniform());
          g[i] = v > M ? M : v < -M ? -M : v; // m + σz can round past ±M
        }
      }
      calls++;
      return g;
    },
    bias(x: Float64Array, out?: Float64Array): Float64Array {
      expectPoint("x", x, d);
      const b = out === undefined ? new Float64Array(d) : out;
      expectPoint("bias out", b, d);
      for (let i = 0; i < d; i++) {
        const m = mu * (x[i] - theta[i]);
        if (sigma === 0) {
          b[i] = (m > M ? M : m < -M ? -M : m) - m;
          continue;
        }
        const alpha = (-M - m) / sigma;
        const beta = (M - m) / sigma;
        if (mode === "clip") {
          b[i] = sigma * (alpha * cdfUnchecked(alpha) + pdfUnchecked(alpha)) - sigma * (pdfUnchecked(beta) - beta * sfUnchecked(beta));
        } else {
          const mass = intervalMass(alpha, beta);
          b[i] = mass > 0 ? (sigma * (pdfUnchecked(alpha) - pdfUnchecked(beta))) / mass : (m > 0 ? M : -M) - m;
        }
      }
      return b;
    },
    value(x: Float64Array): number {
      expectPoint("x", x, d);
      return halfSquaredDistance(mu, x, theta);
    },
  };
}
