/**
 * Monte Carlo helpers for lesson 11: many seeded runs of quantized regression SGD summarised as mean
 * risks with standard errors and a simulated bias–variance split, and the empirical covariance of
 * quantized data (its diagonal with standard errors, and its eigenvalues). The loops live here so that
 * the notebook's cells stay short.
 *
 * @packageDocumentation
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { createRandom } from "../numeric/random";
import { bindQuantizer } from "../optim/componentQuantizer";
import type { ComponentQuantizer } from "../optim/componentQuantizer";
import { describeValue, expectInteger } from "../validation";
import { quantizedInputRisk } from "./quantizedInputRisk";
import { sampleExample } from "./regressionProblem";
import type { RegressionProblem } from "./regressionProblem";
import { sgdRegression } from "./sgdRegression";
import type { SgdRegressionOptions } from "./sgdRegression";

/** A Monte Carlo mean and its standard error s/√R (s² the unbiased sample variance over R runs). */
export interface RiskEstimate {
  mean: number;
  stderr: number;
}

/** Options of {@link sgdRegressionMonteCarlo}: those of `sgdRegression` plus the number of runs. */
export interface SgdRegressionMonteCarloOptions extends SgdRegressionOptions {
  /** R ≥ 2 runs; run r uses seed `seed + r` (fresh examples and quantizer draws). */
  runs: number;
  /** Also measure the quantized-input risk of the final average (needs `quantize.data`; default false). */
  quantizedInput?: boolean;
}

/** What {@link sgdRegressionMonteCarlo} returns. */
export interface SgdRegressionMonteCarlo {
  runs: number;
  /** The checkpoints (step counts), the final step n last. */
  steps: number[];
  /** Clean risk of the iterate average at each checkpoint. */
  averaged: RiskEstimate[];
  /** Clean risk of the iterate w_t at each checkpoint. */
  last: RiskEstimate[];
  /** Quantized-input risk of the final average (`quantizedInputRisk`), or null. */
  quantizedInput: RiskEstimate | null;
  /**
   * The final average's clean risk split by simulation: variance = Σ_i λ_i s_i² with s_i² the unbiased
   * sample variance over runs of (Qᵀw̄)_i (the spread of w̄ around its own mean, in the H norm); bias =
   * ‖mean(w̄) − w*‖²_H − variance/R (unbiased for ‖E w̄ − w*‖²_H). bias + variance equals the mean risk exactly.
   */
  split: { bias: number; variance: number };
}

/**
 * Runs `sgdRegression` R times (seeds seed, seed + 1, …) and summarises the clean risks of the iterate
 * average and the last iterate at every checkpoint (the final step is always one), optionally the
 * quantized-input risk, and a simulated bias–variance split of the final average (see
 * {@link SgdRegressionMonteCarlo.split}). One pass with checkpoints gives the risk for every N ≤ n·b at
 * once: the running average of w_0 … w_{t−1} is exactly the average a run of t steps would return.
 *
 * Source: our construction for lesson 11 (sample means and standard errors; the split is the law of
 * total variance per eigendirection).
 *
 * @throws as `sgdRegression`; RangeError naming `runs` (an integer 2 … 10⁵); RangeError when
 *   `quantizedInput` is set without `quantize.data`.
 * @example
 * ```ts
 * const p = regressionProblem({ lambdas: polynomialSpectrum(100, 2), beta: 1.5, noiseVariance: 0.01 });
 * const mc = sgdRegressionMonteCarlo({ problem: p, samples: 4096, stepSize: 0.1, seed: 1, runs: 8, checkpoints: [256, 1024] });
 * mc.averaged.map((r) => r.mean); // risks at N = 256, 1024, 4096
 * ```
 */
export function sgdRegressionMonteCarlo(options: SgdRegressionMonteCarloOptions): SgdRegressionMonteCarlo {
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  expectInteger("runs", options.runs, 2, 100_000);
  const dataQ = options.quantize?.data;
  if (options.quantizedInput === true && dataQ === undefined) {
    throw new RangeError("quantizedInput needs quantize.data (the quantizer whose inputs the risk is measured on)");
  }
  const R = options.runs;
  const problem = options.problem;
  const b = options.batchSize ?? 1;
  const n = Math.floor(options.samples / b);
  const given = options.checkpoints ?? [];
  const checkpoints = given.length > 0 && given[given.length - 1] === n ? [...given] : [...given, n];
  const K = checkpoints.length;
  const avgValues: number[][] = checkpoints.map(() => []);
  const lastValues: number[][] = checkpoints.map(() => []);
  const qValues: number[] = [];
  const d = problem.d;
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  const eig = new Float64Array(d);
  for (let r = 0; r < R; r++) {
    const run = sgdRegression({ ...options, seed: options.seed + r, checkpoints });
    for (let k = 0; k < K; k++) {
      avgValues[k].push(run.trace.averaged[k]);
      lastValues[k].push(run.trace.last[k]);
    }
    if (options.quantizedInput === true) qValues.push(quantizedInputRisk(problem, run.averaged, dataQ as ComponentQuantizer));
    toEigen(problem, run.averaged, eig);
    for (let i = 0; i < d; i++) {
      sum[i] += eig[i];
      sumSq[i] += eig[i] * eig[i];
    }
  }
  let variance = 0;
  let meanDistance = 0;
  for (let i = 0; i < d; i++) {
    const m = sum[i] / R;
    const s2 = Math.max((sumSq[i] - R * m * m) / (R - 1), 0);
    variance += problem.lambdas[i] * s2;
    const e = m - problem.wStarEigen[i];
    meanDistance += problem.lambdas[i] * e * e;
  }
  return {
    runs: R,
    steps: checkpoints,
    averaged: avgValues.map(estimate),
    last: lastValues.map(estimate),
    quantizedInput: options.quantizedInput === true ? estimate(qValues) : null,
    split: { bias: meanDistance - variance / R, variance },
  };
}

function estimate(values: number[]): RiskEstimate {
  const R = values.length;
  let m = 0;
  for (const v of values) m += v;
  m /= R;
  let s2 = 0;
  for (const v of values) s2 += (v - m) * (v - m);
  s2 /= R - 1;
  return { mean: m, stderr: Math.sqrt(s2 / R) };
}

/** out = Qᵀw (w itself when H is diagonal). */
function toEigen(problem: RegressionProblem, w: Float64Array, out: Float64Array): void {
  const { d, basis } = problem;
  if (basis === null) {
    out.set(w);
    return;
  }
  for (let c = 0; c < d; c++) {
    let s = 0;
    for (let r = 0; r < d; r++) s += basis[r * d + c] * w[r];
    out[c] = s;
  }
}

/** What {@link empiricalQuantizedCovariance} returns. */
export interface EmpiricalQuantizedCovariance {
  /** (1/n) Σ Q(x)_i², i = 1 … d, in the coordinate basis (for a diagonal H, the quantized spectrum entry by entry). */
  diagonal: Float64Array;
  /** Standard error of each diagonal entry: √((mean of Q⁴ − diagonal²)/n). */
  diagonalStderr: Float64Array;
  /** Eigenvalues of the d×d empirical second-moment matrix (1/n) Σ Q(x)Q(x)ᵀ, non-increasing (ml-matrix). */
  eigenvalues: Float64Array;
  /**
   * v_iᵀĤv_i for H's eigenvectors v_i (i = 1 … d, in H's order): the quantized data's second moment along
   * each clean direction, (1/n) Σ ⟨v_i, Q(x)⟩². Equal to `diagonal` when H is diagonal. Unlike the
   * eigenvalues it has no Marchenko–Pastur spread: each entry is a plain sample mean.
   */
  eigenbasisDiagonal: Float64Array;
  /** Standard error of each entry of `eigenbasisDiagonal`. */
  eigenbasisStderr: Float64Array;
}

/**
 * The empirical second-moment matrix of quantized data, Ĥ = (1/n) Σ_k Q(x_k)Q(x_k)ᵀ with x_k ~ N(0, H)
 * drawn by `sampleExample` (stream 0 of `seed`) and Q bound to stream 1: its diagonal with standard
 * errors and its eigenvalues. The sample route against which `quantizedSpectrum`'s formulas are checked
 * (dithered floor, nearest's deadzone, stochastic's √λ law, multiplicative shape and its rotated floor).
 *
 * Cost O(n·d²) plus one symmetric eigendecomposition O(d³).
 *
 * @param problem - the problem (diagonal or rotated)
 * @param quantizer - any `ComponentQuantizer` (including real formats)
 * @param samples - n, an integer 2 … 10⁷
 * @param seed - an integer
 * @throws TypeError for a bad problem; RangeError naming `samples` or `seed`, or the quantizer's field.
 * @example
 * ```ts
 * const c = empiricalQuantizedCovariance(p, { kind: "additive", step: 0.2, rounding: "dithered" }, 4000, 7);
 * c.diagonal[99]; // ≈ λ_100 + 0.04/12
 * ```
 */
export function empiricalQuantizedCovariance(
  problem: RegressionProblem,
  quantizer: ComponentQuantizer,
  samples: number,
  seed: number,
): EmpiricalQuantizedCovariance {
  if (problem === null || typeof problem !== "object" || !(problem.lambdas instanceof Float64Array)) {
    throw new TypeError(`problem must be a RegressionProblem (regressionProblem(...)), got ${describeValue(problem)}`);
  }
  expectInteger("samples", samples, 2, 10_000_000);
  expectInteger("seed", seed);
  const d = problem.d;
  const rng = createRandom(seed, 0);
  const q = bindQuantizer(quantizer, createRandom(seed, 1));
  const x = new Float64Array(d);
  const scratch = new Float64Array(d);
  const upper = new Float64Array(d * d);
  const fourth = new Float64Array(d);
  const basis = problem.basis;
  const proj = new Float64Array(d);
  const projSum = new Float64Array(d);
  const projFourth = new Float64Array(d);
  for (let k = 0; k < samples; k++) {
    sampleExample(problem, rng, x, scratch);
    if (!q.identity) q.apply(x);
    for (let i = 0; i < d; i++) {
      const xi = x[i];
      fourth[i] += xi * xi * xi * xi;
      const row = i * d;
      for (let j = i; j < d; j++) upper[row + j] += xi * x[j];
    }
    if (basis !== null) {
      proj.fill(0);
      for (let r = 0; r < d; r++) {
        const xr = x[r];
        const row = r * d;
        for (let c = 0; c < d; c++) proj[c] += basis[row + c] * xr;
      }
      for (let c = 0; c < d; c++) {
        const p2 = proj[c] * proj[c];
        projSum[c] += p2;
        projFourth[c] += p2 * p2;
      }
    }
  }
  const m = new Matrix(d, d);
  const diagonal = new Float64Array(d);
  const diagonalStderr = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = upper[i * d + j] / samples;
      m.set(i, j, v);
      m.set(j, i, v);
    }
    diagonal[i] = upper[i * d + i] / samples;
    diagonalStderr[i] = Math.sqrt(Math.max(fourth[i] / samples - diagonal[i] * diagonal[i], 0) / samples);
  }
  const eigenvalues = Float64Array.from(new EigenvalueDecomposition(m, { assumeSymmetric: true }).realEigenvalues).sort().reverse();
  if (basis === null) return { diagonal, diagonalStderr, eigenvalues, eigenbasisDiagonal: diagonal, eigenbasisStderr: diagonalStderr };
  const eigenbasisDiagonal = new Float64Array(d);
  const eigenbasisStderr = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    eigenbasisDiagonal[c] = projSum[c] / samples;
    eigenbasisStderr[c] = Math.sqrt(Math.max(projFourth[c] / samples - eigenbasisDiagonal[c] ** 2, 0) / samples);
  }
  return { diagonal, diagonalStderr, eigenvalues, eigenbasisDiagonal, eigenbasisStderr };
}
