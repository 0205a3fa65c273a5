/**
 * Monte Carlo Bayes risk of mean estimators in the Gaussian location model (lesson 6): the quantity the
 * van Trees inequality bounds from below.
 *
 * @packageDocumentation
 */
import { monteCarlo, type MonteCarloResult } from "../numeric/monteCarlo";
import { normalCdf, normalPdf, normalQuantile, normalSf } from "../numeric/normal";
import type { Random } from "../numeric/random";
import { describeValue, expectFinite, expectInteger, expectPositive } from "../validation";

/**
 * The prior of θ ∈ R^d, the same law for every coordinate, independently:
 * - `gaussian`: N(0, τ²);
 * - `cos2`: density (1/r)·cos²(π t/(2r)) on [−r, r] ({@link cos2PriorDensity});
 * - `uniform`: uniform on [−r, r] (a prior van Trees cannot use: J = ∞);
 * - `point`: every coordinate equal to `theta` (a point mass: the "Bayes risk" is then the ordinary
 *   risk at θ = (theta, …, theta), the quantity Cramér–Rao speaks about).
 */
export type BayesPrior =
  | { kind: "gaussian"; tau: number }
  | { kind: "cos2"; r: number }
  | { kind: "uniform"; r: number }
  | { kind: "point"; theta: number };

/**
 * An estimator of θ from T samples X_1 … X_T ~ N(θ, σ²I_d), coordinate by coordinate (X̄ is the sample
 * mean):
 * - `sample-mean`: θ̂ = X̄ (unbiased; risk σ²d/T at every θ);
 * - `posterior-mean`: θ̂ = E[θ | X̄], the Bayes estimator of the prior (gaussian: the linear shrinkage
 *   X̄·τ²/(τ² + σ²/T); uniform: the mean of a normal truncated to [−r, r]; cos2: by 64-point
 *   Gauss–Legendre quadrature of the posterior on a window of ±12 posterior scales);
 * - `shrinkage`: θ̂ = c·X̄ with the given factor c (biased unless c = 1);
 * - `clipped`: θ̂_i = X̄_i clipped to [−radius, radius];
 * - `one-bit`: each sample sends one bit per coordinate, Y = 1{X_{t,i} ≥ 0}; with N_i ones out of T,
 *   θ̂_i = σ·Φ⁻¹(p̂_i), p̂_i = N_i/T clamped to [1/(2T), 1 − 1/(2T)] (the inverse of P(Y = 1) = Φ(θ_i/σ));
 * - `constant`: θ̂ = value in every coordinate (default 0), ignoring the data.
 */
export type MeanEstimator =
  | { kind: "sample-mean" }
  | { kind: "posterior-mean" }
  | { kind: "shrinkage"; factor: number }
  | { kind: "clipped"; radius: number }
  | { kind: "one-bit" }
  | { kind: "constant"; value?: number };

/** Options of {@link gaussianMeanRisk}. */
export interface GaussianMeanRiskOptions {
  /** The dimension d, a positive integer. */
  d: number;
  /** The number of samples T, a positive integer. */
  T: number;
  /** The noise standard deviation σ per coordinate (default 1), a finite number > 0. */
  sigma?: number;
  /** The prior θ is drawn from in each trial. */
  prior: BayesPrior;
  /** The estimator whose squared error is averaged. */
  estimator: MeanEstimator;
  /** Monte Carlo trials (each draws θ and the data afresh), an integer ≥ 1. */
  trials: number;
  /** Seed: trial i draws from createRandom(seed, i) (see {@link monteCarlo}). */
  seed: number;
  /** Confidence level of the returned interval (default 0.95). */
  confidence?: number;
}

/** Largest T accepted for the one-bit estimator, which draws every bit (T·d uniforms per trial). */
export const MAX_ONE_BIT_SAMPLES = 1 << 20;

const GL_NODES = 64;
let glCache: { x: Float64Array; w: Float64Array } | null = null;

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton on P_n from the Chebyshev guesses; Golub–Welsch would agree). */
function gaussLegendre(): { x: Float64Array; w: Float64Array } {
  if (glCache) return glCache;
  const n = GL_NODES;
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n / 2; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const step = p1 / dp;
      z -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    x[i] = -z;
    x[n - 1 - i] = z;
    w[i] = w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  glCache = { x, w };
  return glCache;
}

/**
 * The posterior mean E[θ | X̄ = xbar] for the cos² prior on [−r, r] ({@link cos2PriorDensity}) and
 * X̄ | θ ~ N(θ, s²) (s = σ/√T for T samples): the ratio ∫t·w(t)dt/∫w(t)dt with
 * w(t) = cos²(πt/(2r))·exp(−((t − xbar)² − (c − xbar)²)/(2s²)), c = xbar clamped to [−r, r] (so the
 * exponent is ≤ 0 on [−r, r] and nothing overflows), by 64-point Gauss–Legendre quadrature on the window
 * [c − h, c + h] ∩ [−r, r] where the posterior lives: h = 12s, or min(12s, 40s²/|xbar − c|) when xbar
 * lies outside the support (the posterior then piles up against the end, on the scale s²/|xbar − c|).
 * Outside the window the likelihood factor is below e^−72 of its value at c. Always in [−r, r].
 *
 * Source: the definition of the posterior mean (Bayes' rule); the window is our choice.
 *
 * @param xbar - the observed sample mean (finite)
 * @param s - its standard deviation σ/√T, a finite number > 0
 * @param r - the prior's half-width, a finite number > 0
 * @throws RangeError naming `xbar`, `s` or `r`.
 * @example
 * ```ts
 * posteriorMeanCos2Prior(0.3, 0.2, 1); // ≈ 0.2437: pulled from 0.3 toward the prior's centre
 * ```
 */
export function posteriorMeanCos2Prior(xbar: number, s: number, r: number): number {
  expectFinite("xbar", xbar);
  expectFiniteScale("s", s);
  expectFiniteScale("r", r);
  return cos2PosteriorMean(xbar, s, r);
}

/**
 * The posterior mean E[θ | X̄ = xbar] for θ uniform on [−r, r] and X̄ | θ ~ N(θ, s²): the mean of
 * N(xbar, s²) truncated to [−r, r], xbar + s·(φ(a) − φ(b))/(Φ(b) − Φ(a)) with a = (−r − xbar)/s,
 * b = (r − xbar)/s (the mass computed from the tail on the far side of 0, without cancellation).
 * Always in [−r, r]; when the mass underflows (xbar more than ~38 s outside) the nearer end.
 *
 * Source: the mean of a truncated normal distribution (Johnson, Kotz, Balakrishnan, "Continuous
 * Univariate Distributions" vol. 1, 2nd ed., §10.1).
 *
 * @throws RangeError naming `xbar`, `s` or `r`.
 * @example
 * ```ts
 * posteriorMeanUniformPrior(0, 0.5, 1); // 0 (symmetry)
 * posteriorMeanUniformPrior(2, 0.5, 1); // ≈ 0.8134: inside the support although xbar is outside
 * ```
 */
export function posteriorMeanUniformPrior(xbar: number, s: number, r: number): number {
  expectFinite("xbar", xbar);
  expectFiniteScale("s", s);
  expectFiniteScale("r", r);
  return uniformPosteriorMean(xbar, s, r);
}

function expectFiniteScale(name: string, value: unknown): asserts value is number {
  expectPositive(name, value);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number > 0, got ${describeValue(value)}`);
}

function cos2PosteriorMean(xbar: number, s: number, r: number): number {
  const c = Math.min(r, Math.max(-r, xbar));
  const outside = Math.abs(xbar - c);
  // Posterior scale: s inside; s²/distance just outside the support (the likelihood is then steep at the end).
  const half = outside > 0 ? Math.min(12 * s, (40 * s * s) / outside) : 12 * s;
  const lo = Math.max(-r, c - half);
  const hi = Math.min(r, c + half);
  const { x, w } = gaussLegendre();
  const mid = 0.5 * (lo + hi);
  const rad = 0.5 * (hi - lo);
  const k = Math.PI / (2 * r);
  const base = (c - xbar) * (c - xbar);
  let num = 0;
  let den = 0;
  for (let j = 0; j < GL_NODES; j++) {
    const t = mid + rad * x[j];
    const cs = Math.cos(k * t);
    const e = Math.exp(-((t - xbar) * (t - xbar) - base) / (2 * s * s));
    const v = w[j] * cs * cs * e;
    num += v * t;
    den += v;
  }
  return den > 0 ? num / den : c;
}

function uniformPosteriorMean(xbar: number, s: number, r: number): number {
  const a = (-r - xbar) / s;
  const b = (r - xbar) / s;
  // Mass Φ(b) − Φ(a) without cancellation: lower tails left of 0, upper tails right of it.
  const mass = a > 0 ? normalSf(a) - normalSf(b) : normalCdf(b) - normalCdf(a);
  if (!(mass > 0)) return Math.min(r, Math.max(-r, xbar));
  return xbar + (s * (normalPdf(a) - normalPdf(b))) / mass;
}

function drawTheta(prior: BayesPrior, rng: Random): number {
  switch (prior.kind) {
    case "gaussian":
      return prior.tau * rng.normal();
    case "uniform":
      return prior.r * (2 * rng.uniform() - 1);
    case "point":
      return prior.theta;
    case "cos2":
      for (;;) {
        const u = 2 * rng.uniform() - 1; // rejection from the uniform, acceptance cos²(πu/2) (as sampleCos2Prior)
        const cs = Math.cos((Math.PI * u) / 2);
        if (rng.uniform() < cs * cs) return prior.r * u;
      }
  }
}

function expectPrior(prior: unknown): asserts prior is BayesPrior {
  if (prior === null || typeof prior !== "object") {
    throw new TypeError(`prior must be an object such as { kind: "gaussian", tau: 1 }, got ${describeValue(prior)}`);
  }
  const p = prior as Record<string, unknown>;
  switch (p.kind) {
    case "gaussian":
      expectPositive("prior.tau", p.tau);
      if (!Number.isFinite(p.tau)) throw new RangeError(`prior.tau must be finite, got ${describeValue(p.tau)}`);
      return;
    case "cos2":
    case "uniform":
      expectPositive("prior.r", p.r);
      if (!Number.isFinite(p.r)) throw new RangeError(`prior.r must be finite, got ${describeValue(p.r)}`);
      return;
    case "point":
      expectFinite("prior.theta", p.theta);
      return;
    default:
      throw new RangeError(`prior.kind must be "gaussian", "cos2", "uniform" or "point", got ${describeValue(p.kind)}`);
  }
}

function expectEstimator(estimator: unknown, prior: BayesPrior): asserts estimator is MeanEstimator {
  if (estimator === null || typeof estimator !== "object") {
    throw new TypeError(`estimator must be an object such as { kind: "sample-mean" }, got ${describeValue(estimator)}`);
  }
  const e = estimator as Record<string, unknown>;
  switch (e.kind) {
    case "sample-mean":
    case "one-bit":
      return;
    case "posterior-mean":
      if (prior.kind === "point") throw new RangeError('estimator "posterior-mean" needs a gaussian, cos2 or uniform prior, got prior.kind "point"');
      return;
    case "shrinkage":
      expectFinite("estimator.factor", e.factor);
      return;
    case "clipped":
      expectPositive("estimator.radius", e.radius);
      return;
    case "constant":
      if (e.value !== undefined) expectFinite("estimator.value", e.value);
      return;
    default:
      throw new RangeError(
        `estimator.kind must be "sample-mean", "posterior-mean", "shrinkage", "clipped", "one-bit" or "constant", got ${describeValue(e.kind)}`,
      );
  }
}

/**
 * Monte Carlo estimate of the Bayes risk E‖θ̂ − θ‖² of an estimator θ̂ of the mean θ ∈ R^d from T
 * samples X_t ~ N(θ, σ²I_d), θ drawn from a prior with independent coordinates: each trial draws θ,
 * then the data, then the squared error. With a `point` prior it is the ordinary (frequentist) risk at
 * that θ.
 *
 * Every estimator except `one-bit` depends on the data only through the sample mean, whose law given θ
 * is exactly N(θ, σ²/T·I_d); those trials draw X̄ directly (d normals per trial, whatever T). The
 * one-bit estimator draws all T·d bits (Bernoulli(Φ(θ_i/σ)) each), so T is limited to
 * {@link MAX_ONE_BIT_SAMPLES}.
 *
 * Closed forms the tests and lesson 6 compare with (with the van Trees bound d²/(E tr I + J(π))):
 * sample mean σ²d/T for every prior; posterior mean under N(0, τ²) exactly d/(T/σ² + 1/τ²), the van
 * Trees bound; shrinkage c·X̄ under N(0, τ²): c²σ²d/T + (1 − c)²dτ²; constant 0: d·E θ_i².
 *
 * Source: the Gaussian location model of arXiv:2606.00703's reduction (lesson 4); the estimators are
 * textbook (posterior means: e.g. Lehmann and Casella, "Theory of Point Estimation", 2nd ed., 1998,
 * §4.1); the one-bit inversion is the estimator behind the π/2 price of one bit (lesson 5).
 *
 * @returns the {@link MonteCarloResult} of the per-trial squared errors ‖θ̂ − θ‖² (mean, stderr, ci)
 * @throws TypeError when options, prior or estimator is not an object; RangeError naming `d`, `T`,
 * `sigma`, `trials`, `seed`, `prior.*` or `estimator.*` when out of range (also `T` above
 * MAX_ONE_BIT_SAMPLES for `one-bit`, and `posterior-mean` with a point prior).
 * @example
 * ```ts
 * gaussianMeanRisk({ d: 4, T: 16, prior: { kind: "gaussian", tau: 0.5 }, estimator: { kind: "posterior-mean" }, trials: 20000, seed: 1 }).mean;
 * // ≈ 0.2 = 4/(16 + 4), the van Trees bound (stderr ≈ 0.0014)
 * ```
 */
export function gaussianMeanRisk(options: GaussianMeanRiskOptions): MonteCarloResult {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`options must be an object { d, T, prior, estimator, trials, seed }, got ${describeValue(options)}`);
  }
  const { d, T, prior, estimator, trials, seed } = options;
  const sigma = options.sigma ?? 1;
  expectInteger("d", d, 1);
  expectInteger("T", T, 1);
  expectPositive("sigma", sigma);
  if (!Number.isFinite(sigma)) throw new RangeError(`sigma must be finite, got ${describeValue(sigma)}`);
  expectPrior(prior);
  expectEstimator(estimator, prior);
  if (estimator.kind === "one-bit" && T > MAX_ONE_BIT_SAMPLES) {
    throw new RangeError(`T must be at most ${MAX_ONE_BIT_SAMPLES} for the one-bit estimator (it draws every bit), got ${T}`);
  }
  const s = sigma / Math.sqrt(T); // standard deviation of each coordinate of X̄
  const run = (rng: Random): number => {
    let loss = 0;
    for (let i = 0; i < d; i++) {
      const theta = drawTheta(prior, rng);
      let est: number;
      if (estimator.kind === "one-bit") {
        const p = normalCdf(theta / sigma); // P(X ≥ 0) for X ~ N(θ, σ²)
        let ones = 0;
        for (let t = 0; t < T; t++) if (rng.uniform() < p) ones++;
        const pHat = Math.min(1 - 0.5 / T, Math.max(0.5 / T, ones / T));
        est = sigma * normalQuantile(pHat);
      } else if (estimator.kind === "constant") {
        est = estimator.value ?? 0;
      } else {
        const xbar = theta + s * rng.normal();
        switch (estimator.kind) {
          case "sample-mean":
            est = xbar;
            break;
          case "shrinkage":
            est = estimator.factor * xbar;
            break;
          case "clipped":
            est = Math.min(estimator.radius, Math.max(-estimator.radius, xbar));
            break;
          case "posterior-mean":
            if (prior.kind === "gaussian") est = (xbar * prior.tau * prior.tau) / (prior.tau * prior.tau + s * s);
            else if (prior.kind === "uniform") est = uniformPosteriorMean(xbar, s, prior.r);
            else est = cos2PosteriorMean(xbar, s, (prior as { r: number }).r);
            break;
        }
      }
      loss += (est - theta) * (est - theta);
    }
    return loss;
  };
  return monteCarlo({ trials, seed, run, confidence: options.confidence });
}
