/**
 * The effective dimension of constant-step SGD and Zou et al.'s excess-risk bound (lesson 11,
 * math.md §7.4 with the corrected fourth-moment assumption of §7.0.3): a bound, not a prediction.
 *
 * @packageDocumentation
 */
import { expectInteger, expectPositive } from "../validation";
import { expectRiskSetting } from "./riskOptions";
import type { RiskSetting } from "./riskOptions";
import type { NumericArray } from "../validation";
import { expectSpectrum } from "./spectrum";

/** What {@link effectiveDimension} returns. */
export interface EffectiveDimension {
  /** k* = #{i : λ_i ≥ 1/(γ n)}: the directions SGD learns within n steps. */
  kStar: number;
  /** D_eff = k* + γ² n² Σ_{i>k*} λ_i². */
  dEff: number;
  /** Σ_{i>k*} λ_i² (the tail sum in D_eff and in the bound's variance). */
  tailSquares: number;
}

/**
 * k* = max{k : λ_k ≥ 1/(γ n)} and D_eff = k* + γ²n² Σ_{i>k*} λ_i² (Zou et al., arXiv:2103.12692; math.md
 * §7.4). For batch size 1, n = N; with batch b use n = N/b steps (math.md §7.0.5). For λ_i = i^(−a):
 * k* = ⌊(γn)^(1/a)⌋ and D_eff ≈ (γn)^(1/a)·2a/(2a − 1) (§7.5).
 *
 * σ²D_eff/N is the shape of the bound's variance, not a prediction: measured variance/(σ²D_eff/N) was
 * 0.55–0.57 (math.md §7.0.4); use `perDirectionRisk` to predict.
 *
 * @param lambdas - λ_1 ≥ … ≥ λ_d > 0
 * @param stepSize - γ > 0
 * @param steps - n, an integer ≥ 1
 * @throws RangeError naming `lambdas`, `stepSize` or `steps`.
 * @example
 * ```ts
 * effectiveDimension(polynomialSpectrum(1000, 2), 0.5, 200); // k* = 10 (λ_10 = 0.01 = 1/(0.5·200))
 * ```
 */
export function effectiveDimension(lambdas: NumericArray, stepSize: number, steps: number): EffectiveDimension {
  expectSpectrum("lambdas", lambdas);
  expectPositive("stepSize", stepSize);
  expectInteger("steps", steps, 1);
  const threshold = 1 / (stepSize * steps);
  let kStar = 0;
  while (kStar < lambdas.length && lambdas[kStar] >= threshold) kStar++;
  let tailSquares = 0;
  for (let i = kStar; i < lambdas.length; i++) tailSquares += lambdas[i] * lambdas[i];
  return { kStar, dEff: kStar + stepSize * stepSize * steps * steps * tailSquares, tailSquares };
}

/** Options of {@link zouBound}; vectors in H's eigenbasis. */
export interface ZouBoundOptions extends RiskSetting {
  /** α of the fourth-moment assumption E[x xᵀ A x xᵀ] ⪯ α tr(HA) H for all PSD A; 3 for Gaussian x (default). */
  alpha?: number;
}

/** What {@link zouBound} returns (all in our risk convention E(w) = (w − w*)ᵀH(w − w*)). */
export interface ZouBound {
  /** The bias term of the bound on L − L*. */
  bias: number;
  /** The variance term of the bound on L − L*. */
  variance: number;
  /** The bound on E(w̄) = 2(L − L*): 2·(2·bias + 2·variance). */
  bound: number;
  kStar: number;
  dEff: number;
}

/**
 * Zou, Wu, Braverman, Gu and Kakade's upper bound on the excess risk of iterate-averaged one-pass SGD
 * (arXiv:2103.12692), as math.md §7.4 records it:
 *
 *     L(w̄_N) − L(w*) ≤ 2·Bias + 2·Var,   L(w) = ½ E(y − ⟨w, x⟩)²
 *     Bias = ‖w_0 − w*‖²_{H⁻¹_{0:k*}}/(γ²N²) + ‖w_0 − w*‖²_{H_{k*:∞}}
 *     Var  = [2α(‖w_0 − w*‖²_{I_{0:k*}} + Nγ‖w_0 − w*‖²_{H_{k*:∞}})/(Nγ(1 − γα tr H)) + σ²/(1 − γα tr H)]
 *            · ((k*)/N + Nγ² Σ_{i>k*} λ_i²)
 *
 * under E[x xᵀ A x xᵀ] ⪯ α tr(HA) H for all PSD A (α = 3 for Gaussian x: E[xxᵀAxxᵀ] = 2HAH + tr(AH)H,
 * math.md §7.0.3) and γ < 1/(α tr H). Returned `bound` is on our risk E = 2(L − L*), i.e. 4·(Bias + Var).
 * The constants were recorded from memory in math.md ([S/U]); the simulated risk sits well below the
 * bound (a factor of several), as a bound's should; do not read it as a prediction (§7.0.4).
 *
 * @throws RangeError naming `lambdas`, `wStarEigen`, `w0Eigen`, `noiseVariance`, `stepSize` (also when
 *   γ ≥ 1/(α tr H)), `samples` or `alpha`.
 * @example
 * ```ts
 * const lambdas = polynomialSpectrum(500, 2);
 * zouBound({ lambdas, wStarEigen: sourceConditionTarget(lambdas, 1.5), noiseVariance: 0.01, stepSize: 0.1, samples: 10_000 }).bound;
 * ```
 */
export function zouBound(options: ZouBoundOptions): ZouBound {
  const { d, b } = expectRiskSetting(options);
  if (b !== 1) throw new RangeError(`batchSize must be 1 (the bound is stated for one example per step), got ${b}`);
  const { lambdas, wStarEigen } = options;
  const w0 = options.w0Eigen;
  const alpha = options.alpha ?? 3;
  expectPositive("alpha", alpha);
  let traceH = 0;
  for (let i = 0; i < d; i++) traceH += lambdas[i];
  const gamma = options.stepSize;
  const N = options.samples;
  const margin = 1 - gamma * alpha * traceH;
  if (!(margin > 0)) {
    throw new RangeError(`stepSize must be < 1/(alpha·tr H) = ${1 / (alpha * traceH)} for the bound to hold, got ${gamma}`);
  }
  const { kStar, dEff, tailSquares } = effectiveDimension(lambdas, gamma, N);
  let headInverse = 0; // ‖w0 − w*‖²_{H⁻¹_{0:k*}}
  let headIdentity = 0; // ‖w0 − w*‖²_{I_{0:k*}}
  let tailH = 0; // ‖w0 − w*‖²_{H_{k*:∞}}
  for (let i = 0; i < d; i++) {
    const e = (w0 === undefined ? 0 : w0[i]) - wStarEigen[i];
    if (i < kStar) {
      headInverse += (e * e) / lambdas[i];
      headIdentity += e * e;
    } else {
      tailH += lambdas[i] * e * e;
    }
  }
  const bias = headInverse / (gamma * gamma * N * N) + tailH;
  const effective = kStar / N + N * gamma * gamma * tailSquares;
  const variance =
    ((2 * alpha * (headIdentity + N * gamma * tailH)) / (N * gamma * margin) + options.noiseVariance / margin) * effective;
  return { bias, variance, bound: 4 * (bias + variance), kStar, dEff };
}
