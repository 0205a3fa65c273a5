/**
 * The exact per-direction bias and variance of iterate-averaged constant-step SGD on a diagonal
 * quadratic (lesson 11, math.md §7.0.4): predictions, not bounds.
 *
 * @packageDocumentation
 */
import { describeValue, expectFinite, expectInteger, expectOneOf } from "../validation";
import type { NumericArray } from "../validation";
import { expectEigenVector, expectNonNegative, expectRiskSetting } from "./riskOptions";

/** Below this n·x the closed form of {@link averagedNoiseSum} loses digits; a two-term series is used. */
const SERIES_THRESHOLD = 1.6e-4;

/**
 * The bias factor of the iterate average: m = (1/n) Σ_{t<n} (1 − x)^t = (1 − (1 − x)^n)/(n x), the
 * fraction of an initial error in a direction of curvature λ that survives in the average of
 * w_0 … w_{n−1} when x = γλ (noise-free SGD multiplies that error by 1 − γλ per step).
 *
 * Domain: x ≥ 0 (x = 0 gives 1: nothing moves), n an integer ≥ 1. Evaluated as −expm1(n·log1p(−x))/(n x)
 * for x ≤ 1 (no cancellation for tiny x), by powers above. 0 < x < 2 is the stable range.
 * Source: geometric sum, our derivation (lesson 11).
 *
 * @throws RangeError naming `x` or `n`.
 * @example
 * ```ts
 * averagedBiasFactor(0.01, 1000); // (1 − 0.99^1000)/10 = 0.099996
 * ```
 */
export function averagedBiasFactor(x: number, n: number): number {
  expectFinite("x", x);
  if (x < 0) throw new RangeError(`x must be >= 0, got ${x}`);
  expectInteger("n", n, 1);
  return biasFactor(x, n);
}

function biasFactor(x: number, n: number): number {
  if (x === 0) return 1;
  const q = x <= 1 ? -Math.expm1(n * Math.log1p(-x)) : 1 - Math.pow(1 - x, n);
  return q / (n * x);
}

/**
 * The noise sum of the iterate average, S(x, n) = Σ_{j=0}^{n−1} (1 − (1 − x)^j)² with x = γλ: label noise
 * of variance σ² per example adds σ²·S(γλ_i, n)/(N·n) to the excess risk of the average in direction i
 * (math.md §7.0.4). S ≈ n when n x ≫ 1 (the direction is learned), ≈ x² n³/3 when n x ≪ 1.
 *
 * Evaluation: the closed form n − 2q_n/x + q_{2n}/(x(2 − x)), q_k = 1 − (1 − x)^k (from the geometric sums
 * of r^j and r^{2j}, r = 1 − x), for n x ≥ 1.6e-4; below it, where that form cancels, the series
 * x²Σj² − x³Σj²(j − 1) (relative truncation error below (n x)² ≈ 3e-8). Accuracy about 1e-7 relative
 * throughout (tested against the direct sum).
 *
 * Domain: 0 ≤ x < 2 (the mean of SGD diverges at x ≥ 2: returns Infinity there); n an integer ≥ 1.
 * Source: our derivation (lesson 11), math.md §7.0.4.
 *
 * @throws RangeError naming `x` or `n`.
 * @example
 * ```ts
 * averagedNoiseSum(0.5, 3); // 0 + 0.25 + 0.5625 = 0.8125
 * ```
 */
export function averagedNoiseSum(x: number, n: number): number {
  expectFinite("x", x);
  if (x < 0) throw new RangeError(`x must be >= 0, got ${x}`);
  expectInteger("n", n, 1);
  return noiseSum(x, n);
}

function noiseSum(x: number, n: number): number {
  if (x >= 2) return Infinity;
  if (x === 0 || n === 1) return 0; // the j = 0 term is 0
  if (n * x < SERIES_THRESHOLD) {
    const s2 = ((n - 1) * n * (2 * n - 1)) / 6; // Σ_{j<n} j²
    const half = ((n - 1) * n) / 2;
    const s3 = half * half; // Σ_{j<n} j³
    return x * x * s2 - x * x * x * (s3 - s2);
  }
  const qn = x <= 1 ? -Math.expm1(n * Math.log1p(-x)) : 1 - Math.pow(1 - x, n);
  const q2n = x <= 1 ? -Math.expm1(2 * n * Math.log1p(-x)) : 1 - Math.pow(1 - x, 2 * n);
  return n - (2 * qn) / x + q2n / (x * (2 - x));
}

/** Options of {@link perDirectionRisk}; every vector is in H's eigenbasis. */
export interface PerDirectionRiskOptions {
  /** λ_i, the eigenvalues of the clean covariance H (non-increasing, > 0). */
  lambdas: NumericArray;
  /** w*_i, the true parameter. */
  wStarEigen: NumericArray;
  /**
   * σ², the variance of the residual y − ⟨x̃, w̃*⟩ SGD sees per example (the label noise, plus label or
   * activation quantization, plus the approximation error of quantized data: `dataQuantizationEffect`).
   */
  noiseVariance: number;
  /** γ > 0, the step size. */
  stepSize: number;
  /** N, the number of examples. */
  samples: number;
  /** b, the batch size (default 1; a divisor of N): n = N/b steps, label noise σ²/b per step. */
  batchSize?: number;
  /** w_0 (default 0). */
  w0Eigen?: NumericArray;
  /** λ̃_i ≥ 0, the curvature SGD trains on (the quantized data's spectrum; default λ). */
  trainedLambdas?: NumericArray;
  /** w̃*_i, the minimizer SGD converges to (default w*; `dataQuantizationEffect` gives it for quantized data). */
  target?: NumericArray;
  /**
   * s² ≥ 0, extra isotropic gradient noise per coordinate per step, independent of everything (gradient
   * quantization, or parameter quantization as s_w²/γ²: see `injectedGradientNoise`). Default 0.
   */
  gradientNoise?: number;
  /**
   * `"clean"` (default): (w̄ − w*)ᵀH(w̄ − w*), the risk on clean inputs; `"quantized-input"`:
   * (w̄ − w̃*)ᵀH̃(w̄ − w̃*), the excess risk on quantized inputs over the best predictor for them.
   */
  risk?: "clean" | "quantized-input";
}

/** What {@link perDirectionRisk} returns. */
export interface PerDirectionRisk {
  /** n = N/b. */
  steps: number;
  /** Σ_i of the bias terms. */
  bias: number;
  /** Σ_i of the label-noise variance terms. */
  variance: number;
  /** Σ_i of the injected-noise terms. */
  injected: number;
  /** bias + variance + injected: the predicted excess risk of the iterate average. */
  total: number;
  /** The same three, direction by direction. */
  perDirection: { bias: Float64Array; variance: Float64Array; injected: Float64Array };
  /** The last iterate w_n, same model: bias Σ ω_i e_i² (1 − γλ̃_i)^{2n}, variance Σ ω_i γσ²(1 − (1 − γλ̃_i)^{2n})/(b(2 − γλ̃_i)). */
  lastIterate: { bias: number; variance: number; injected: number; total: number };
}

/**
 * The exact excess risk of iterate-averaged SGD, direction by direction, in the model where each
 * direction i evolves independently as
 *
 *     e_{t+1} = (1 − γλ̃_i) e_t + γ ζ_t,   e = w − w̃*,   Var ζ_t = σ²λ̃_i/b + s²
 *
 * (label noise σ² with covariance ∝ H̃, plus injected isotropic noise s²). Averaging w_0 … w_{n−1}:
 *
 *     bias_i     = ω_i [ (w̃*_i − w*_i) + (w_0,i − w̃*_i) m_i ]²,   m_i = (1 − (1 − γλ̃_i)^n)/(nγλ̃_i)
 *     variance_i = ω_i σ² S_i /(b n² λ̃_i),   injected_i = ω_i s² S_i/(n² λ̃_i²),   S_i = Σ_{j<n}(1 − (1 − γλ̃_i)^j)²
 *
 * with ω_i = λ_i for the clean risk; for the quantized-input risk ω_i = λ̃_i and the w̃* − w* term is
 * dropped (it is the approximation error, not part of that excess risk). With no quantization and
 * b = 1 this is math.md §7.0.4: variance σ²/(N n) Σ_i S_i, bias Σ λ_i (w_0 − w*)_i² m_i².
 *
 * What the model leaves out: the multiplicative part of SGD's noise (x xᵀ − H)e_t, whose size is set
 * by γ·α·tr H (α = 3 for Gaussian x): small for γ ≪ 1/tr H. In math.md §7.0.4's audit the sums matched
 * simulation within 0–11% (d = 500, λ_i = i^−2); our tests hold them to 15% of Monte Carlo. For the
 * bias with quantized data, the two overlap in unlearned directions: the formula writes them as one
 * square per direction instead of adding a separate approximation error (math.md §7.0.1).
 *
 * Source: our derivation (lesson 11), math.md §7.0.1, §7.0.4, §7.0.5 (batch: n = N/b, σ²/b per step).
 *
 * @throws RangeError naming `lambdas`, `wStarEigen`, `noiseVariance`, `stepSize`, `samples`,
 *   `batchSize`, `w0Eigen`, `trainedLambdas`, `target`, `gradientNoise` or `risk`.
 * @example
 * ```ts
 * const lambdas = polynomialSpectrum(500, 2);
 * perDirectionRisk({ lambdas, wStarEigen: sourceConditionTarget(lambdas, 1.5), noiseVariance: 0.01,
 *   stepSize: 0.2, samples: 10_000 }).total; // the predicted clean risk of the average
 * ```
 */
export function perDirectionRisk(options: PerDirectionRiskOptions): PerDirectionRisk {
  const { d, b, n } = expectRiskSetting(options);
  const { lambdas, wStarEigen } = options;
  const w0 = options.w0Eigen;
  const trained = options.trainedLambdas ?? lambdas;
  expectEigenVector("trainedLambdas", trained, d);
  for (let i = 0; i < d; i++) {
    if (!(trained[i] >= 0) || !Number.isFinite(trained[i])) {
      throw new RangeError(`trainedLambdas[${i}] must be a finite number >= 0, got ${describeValue(trained[i])}`);
    }
  }
  const target = options.target ?? wStarEigen;
  expectEigenVector("target", target, d);
  const s2 = options.gradientNoise ?? 0;
  expectNonNegative("gradientNoise", s2);
  const risk = options.risk ?? "clean";
  expectOneOf("risk", risk, ["clean", "quantized-input"]);

  const gamma = options.stepSize;
  const sigma2 = options.noiseVariance;
  const perBias = new Float64Array(d);
  const perVar = new Float64Array(d);
  const perInj = new Float64Array(d);
  let bias = 0;
  let variance = 0;
  let injected = 0;
  let lastBias = 0;
  let lastVar = 0;
  let lastInj = 0;
  for (let i = 0; i < d; i++) {
    const lt = trained[i];
    const omega = risk === "clean" ? lambdas[i] : lt;
    const x = gamma * lt;
    const start = (w0 === undefined ? 0 : w0[i]) - target[i];
    const offset = risk === "clean" ? target[i] - wStarEigen[i] : 0;
    const e = offset + start * biasFactor(x, n);
    perBias[i] = omega * e * e;
    const rn = x <= 1 ? Math.exp(n * Math.log1p(-x)) : Math.pow(1 - x, n); // (1 − γλ̃)^n
    const eLast = offset + start * rn;
    lastBias += omega * eLast * eLast;
    if (lt > 0) {
      const S = noiseSum(x, n);
      perVar[i] = (omega * sigma2 * S) / (b * n * n * lt);
      perInj[i] = (omega * s2 * S) / (n * n * lt * lt);
      // Var(e_n) = γ² Σ_{s<n} (1 − x)^{2s} · (σ²λ̃/b + s²), a geometric sum
      const r2n = x <= 1 ? -Math.expm1(2 * n * Math.log1p(-x)) : 1 - Math.pow(1 - x, 2 * n);
      const geometric = x >= 2 ? Infinity : r2n / (x * (2 - x));
      lastVar += omega * gamma * gamma * geometric * ((sigma2 * lt) / b);
      lastInj += omega * gamma * gamma * geometric * s2;
    } else {
      // A direction SGD cannot see: nothing moves; injected noise accumulates as a random walk.
      lastInj += omega * gamma * gamma * n * s2;
      perInj[i] = (omega * gamma * gamma * s2 * (n - 1) * (2 * n - 1)) / (6 * n); // Var of the walk's average
    }
    bias += perBias[i];
    variance += perVar[i];
    injected += perInj[i];
  }
  return {
    steps: n,
    bias,
    variance,
    injected,
    total: bias + variance + injected,
    perDirection: { bias: perBias, variance: perVar, injected: perInj },
    lastIterate: { bias: lastBias, variance: lastVar, injected: lastInj, total: lastBias + lastVar + lastInj },
  };
}
