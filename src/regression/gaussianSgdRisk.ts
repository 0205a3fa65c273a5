/**
 * The exact risk of one-pass SGD on Gaussian data, by the second-moment recursion (lesson 11): what
 * `perDirectionRisk` approximates by dropping SGD's multiplicative noise.
 *
 * @packageDocumentation
 */
import { expectNonNegative, expectRiskSetting } from "./riskOptions";
import type { RiskSetting } from "./riskOptions";

/** Options of {@link gaussianSgdRisk}; vectors in H's eigenbasis. */
export interface GaussianSgdRiskOptions extends RiskSetting {
  /** s² ≥ 0: isotropic gradient noise per coordinate per step, independent of everything (default 0). */
  gradientNoise?: number;
}

/** What {@link gaussianSgdRisk} returns: clean excess risks E[(w − w*)ᵀH(w − w*)]. */
export interface GaussianSgdRisk {
  /** Of the average of w_0 … w_{n−1}. */
  averaged: number;
  /** Of the last iterate w_n. */
  last: number;
  /** n = N/b. */
  steps: number;
}

/**
 * The exact expected clean risk of minibatch SGD with iterate averaging when x ~ N(0, H) and y = ⟨w*, x⟩ + ξ
 * (ξ independent, variance σ²), from the second moments s_i(t) = E[(w_t − w*)_i²] in H's eigenbasis. For
 * Gaussian x, E[x xᵀ A x xᵀ] = 2HAH + tr(AH)H, so the diagonal closes on itself:
 *
 *     s_i(t+1) = (1 − γλ_i)² s_i(t) + (γ²/b)(λ_i² s_i(t) + λ_i Σ_j λ_j s_j(t)) + γ²σ²λ_i/b + γ²s²
 *
 * and, since E[w_t − w* | w_s] = (I − γH)^{t−s}(w_s − w*) for t > s, the average of w_0 … w_{n−1} has
 *
 *     E[ē_i²] = (1/n²) Σ_s s_i(s) [1 + 2 Σ_{k=1}^{n−1−s} (1 − γλ_i)^k].
 *
 * Risk = Σ_i λ_i E[ē_i²]. No approximation beyond Gaussian inputs; the (γ²/b)(…) term is the
 * multiplicative noise that `perDirectionRisk` leaves out (it matters when γ tr H is not small).
 * Cost O(n·d).
 *
 * Source: our derivation (lesson 11); the Gaussian fourth moment is math.md §7.0.3.
 *
 * @throws RangeError naming `lambdas`, `wStarEigen`, `w0Eigen`, `noiseVariance`, `stepSize`, `samples`,
 *   `batchSize` or `gradientNoise`.
 * @example
 * ```ts
 * const lambdas = polynomialSpectrum(100, 2);
 * gaussianSgdRisk({ lambdas, wStarEigen: new Float64Array(100), noiseVariance: 1, stepSize: 0.1, samples: 2000 }).averaged;
 * ```
 */
export function gaussianSgdRisk(options: GaussianSgdRiskOptions): GaussianSgdRisk {
  const { d, b, n } = expectRiskSetting(options);
  const { lambdas, wStarEigen } = options;
  const w0 = options.w0Eigen;
  const s2 = options.gradientNoise ?? 0;
  expectNonNegative("gradientNoise", s2);
  const gamma = options.stepSize;
  const sigma2 = options.noiseVariance;
  const s = new Float64Array(d);
  const r = new Float64Array(d);
  const acc = new Float64Array(d); // Σ_s s_i(s)·[1 + 2 Σ_{k=1}^{n−1−s} r^k]
  for (let i = 0; i < d; i++) {
    const e = (w0 === undefined ? 0 : w0[i]) - wStarEigen[i];
    s[i] = e * e;
    r[i] = 1 - gamma * lambdas[i];
  }
  for (let t = 0; t < n; t++) {
    const m = n - 1 - t; // later iterates in the average
    let trace = 0;
    for (let i = 0; i < d; i++) {
      const ri = r[i];
      // Σ_{k=1}^{m} r^k = r(1 − r^m)/(1 − r), with 1 − r = γλ > 0
      const x = gamma * lambdas[i];
      const tail = m === 0 ? 0 : x <= 1 ? (ri * -Math.expm1(m * Math.log1p(-x))) / x : (ri * (1 - Math.pow(ri, m))) / x;
      acc[i] += s[i] * (1 + 2 * tail);
      trace += lambdas[i] * s[i];
    }
    for (let i = 0; i < d; i++) {
      const l = lambdas[i];
      s[i] = r[i] * r[i] * s[i] + ((gamma * gamma) / b) * (l * l * s[i] + l * trace) + (gamma * gamma * sigma2 * l) / b + gamma * gamma * s2;
    }
  }
  let averaged = 0;
  let last = 0;
  for (let i = 0; i < d; i++) {
    averaged += (lambdas[i] * acc[i]) / (n * n);
    last += lambdas[i] * s[i];
  }
  return { averaged, last, steps: n };
}
