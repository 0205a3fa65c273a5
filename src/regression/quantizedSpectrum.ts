/**
 * How quantizing the data reshapes its covariance (lesson 11, math.md §7.0.2, §7.3(i)): the second
 * moments E[Q(x)²] and E[Q(x)·x] of a quantized Gaussian coordinate for each rounding, the spectrum of
 * H̃ = E[Q(x)Q(x)ᵀ], and what SGD then converges to.
 *
 * @packageDocumentation
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { pdfUnchecked, sfUnchecked } from "../numeric/normal";
import { gridRoundings } from "../optim/componentQuantizer";
import type { ComponentQuantizer } from "../optim/componentQuantizer";
import { describeValue, expectFinite, expectOneOf, expectPositive } from "../validation";
import type { RegressionProblem } from "./regressionProblem";

/** The moments of a quantized centred Gaussian coordinate x ~ N(0, λ). */
export interface QuantizedMoments {
  /** E[Q(x)²]: the coordinate's variance after quantization (an eigenvalue of H̃ for a diagonal H). */
  second: number;
  /** E[Q(x)·x]: λ for every unbiased rounding (dithered, stochastic, multiplicative); less for nearest and toward zero. */
  cross: number;
}

/** Above this σ/Δ the grid sums are replaced by Sheppard's λ + Δ²/12 (resp. + Δ²/6), exact to e^(−2π²·16) ≈ 1e-137. */
const SHEPPARD_RATIO = 4;

function expectQuantizerObject(q: unknown): asserts q is ComponentQuantizer {
  if (q === null || typeof q !== "object") {
    throw new TypeError(`quantizer must be an object such as { kind: "additive", step: 0.1, rounding: "nearest" }, got ${describeValue(q)}`);
  }
}

/**
 * E[Q(x)²] and E[Q(x)x] for x ~ N(0, λ) and an additive or multiplicative quantizer, exactly:
 *
 * - additive `"dithered"` (step Δ): second = λ + Δ²/12, cross = λ (the error is uniform and independent of x);
 * - additive `"nearest"`: second = 2Δ² Σ_{k≥1} (2k − 1)·P(x ≥ (k − ½)Δ), cross = 2Δσ Σ_{k≥1} φ((k − ½)Δ/σ)
 *   (summation by parts over the cells; φ the standard normal density). For σ ≪ Δ/2 almost every value
 *   rounds to 0: the **deadzone**, second ≈ 2Δ² P(x ≥ Δ/2) → 0;
 * - additive `"toward-zero"`: the same sums at kΔ instead of (k − ½)Δ;
 * - additive `"stochastic"`: E[Q² | x] = x² + (x − ℓ)(h − x) = x(ℓ + h) − ℓh on the cell [ℓ, h), summed over
 *   cells with E[x; cell] = σ(φ(ℓ/σ) − φ(h/σ)); cross = λ. For σ ≪ Δ it tends to Δ·E|x| = Δ√(2λ/π), so the
 *   spectrum decays like √λ (math.md §7.0.2 writes λ + Δ√(2λ/π), the same to leading order);
 * - multiplicative (s): second = (1 + s²)λ, cross = λ.
 *
 * For σ/Δ > 4 the grid sums are Sheppard's corrections λ + Δ²/12 (nearest) and λ + Δ²/6 (stochastic), exact
 * up to terms of order e^(−2π²σ²/Δ²) < 1e-137 (Poisson summation); toward zero always sums (about 10σ/Δ terms).
 *
 * Domain: λ > 0 finite; `quantizer` of kind `"additive"`, `"multiplicative"` or `"none"` (mantissa and
 * format quantizers have no closed form here: measure their covariance from samples).
 * Source: our derivation (lesson 11); Sheppard's correction (W. F. Sheppard, Proc. LMS 29, 1898); the
 * stochastic-rounding variance (x − ℓ)(h − x) is math.md §5.3.
 *
 * @throws RangeError naming `lambda` or the quantizer's kind/fields; TypeError for a non-object quantizer.
 * @example
 * ```ts
 * quantizedMoments(1e-4, { kind: "additive", step: 0.1, rounding: "nearest" }).second; // 1.1e-7: the deadzone
 * quantizedMoments(1e-4, { kind: "additive", step: 0.1, rounding: "stochastic" }).second; // 7.98e-4 ≈ 0.1·√(2e-4/π)
 * ```
 */
export function quantizedMoments(lambda: number, quantizer: ComponentQuantizer): QuantizedMoments {
  expectPositive("lambda", lambda);
  expectQuantizerObject(quantizer);
  expectOneOf("quantizer.kind", quantizer.kind, ["none", "additive", "multiplicative"]);
  if (quantizer.kind === "none") return { second: lambda, cross: lambda };
  if (quantizer.kind === "multiplicative") {
    expectPositive("quantizer.s", quantizer.s);
    return { second: (1 + quantizer.s * quantizer.s) * lambda, cross: lambda };
  }
  if (quantizer.kind !== "additive") throw new RangeError("unreachable");
  expectPositive("quantizer.step", quantizer.step);
  expectOneOf("quantizer.rounding", quantizer.rounding, gridRoundings);
  return additiveMoments(lambda, quantizer.step, quantizer.rounding);
}

function additiveMoments(lambda: number, step: number, rounding: string): QuantizedMoments {
  const sigma = Math.sqrt(lambda);
  const ratio = sigma / step;
  if (rounding === "dithered") return { second: lambda + (step * step) / 12, cross: lambda };
  if (rounding === "nearest" || rounding === "toward-zero") {
    if (rounding === "nearest" && ratio > SHEPPARD_RATIO) return { second: lambda + (step * step) / 12, cross: lambda };
    const shift = rounding === "nearest" ? 0.5 : 0;
    let second = 0;
    let cross = 0;
    for (let k = 1; ; k++) {
      const z = (k - shift) / ratio;
      const tail = sfUnchecked(z);
      const density = pdfUnchecked(z);
      second += (2 * k - 1) * tail;
      cross += density;
      if (tail < 1e-300 || (z > 9 && (2 * k - 1) * tail < 1e-18 * second)) break;
    }
    return { second: 2 * step * step * second, cross: 2 * step * sigma * cross };
  }
  // stochastic: cells [kΔ, (k+1)Δ), k ≥ 0, doubled by symmetry
  if (ratio > SHEPPARD_RATIO) return { second: lambda + (step * step) / 6, cross: lambda };
  let second = 0;
  for (let k = 0; ; k++) {
    const a = k / ratio;
    const b = (k + 1) / ratio;
    const mass = sfUnchecked(a) - sfUnchecked(b);
    const mean = sigma * (pdfUnchecked(a) - pdfUnchecked(b)); // E[x; cell]
    const term = step * (2 * k + 1) * mean - k * (k + 1) * step * step * mass;
    second += term;
    if (mass < 1e-300 || (a > 9 && term < 1e-18 * second)) break;
  }
  return { second: 2 * second, cross: lambda };
}

function expectDataQuantizer(quantizer: unknown): asserts quantizer is ComponentQuantizer {
  expectQuantizerObject(quantizer);
  const q = quantizer as ComponentQuantizer;
  expectOneOf("quantizer.kind", q.kind, ["none", "additive", "multiplicative"]);
  if (q.kind === "additive") {
    expectPositive("quantizer.step", q.step);
    expectOneOf("quantizer.rounding", q.rounding, gridRoundings);
  } else if (q.kind === "multiplicative") {
    expectPositive("quantizer.s", q.s);
  }
}

/**
 * The eigenvalues of H̃ = E[Q(x)Q(x)ᵀ] (non-increasing) when every coordinate of x ~ N(0, H) passes
 * through `quantizer`:
 *
 * - H diagonal (`problem.basis === null`): the coordinates are independent and symmetric, so H̃ is
 *   diagonal with entries `quantizedMoments(λ_i, quantizer).second`, for every additive rounding and
 *   the multiplicative model;
 * - H rotated: additive dithered gives H + (Δ²/12) I (the error is independent of x in every basis:
 *   eigenvalues λ_i + Δ²/12); multiplicative gives H + s² diag(H), whose eigenvalues have a floor near
 *   s² tr H/d instead of (1 + s²)λ_i: a rotation destroys "multiplicative preserves the shape"
 *   (math.md §7.0.2). Computed by a symmetric eigendecomposition (ml-matrix), O(d³).
 *   Nearest and stochastic rounding of a rotated H correlate the coordinates' errors: not covered
 *   (RangeError); measure them from samples.
 *
 * Source: our derivation (lesson 11), math.md §7.0.2 and §7.3(i); model of paper B (arXiv:2510.18259).
 *
 * @throws TypeError for a bad problem or quantizer; RangeError for an unsupported combination.
 * @example
 * ```ts
 * const p = regressionProblem({ lambdas: polynomialSpectrum(100, 2), beta: 1.5, noiseVariance: 0 });
 * quantizedSpectrum(p, { kind: "additive", step: 0.1, rounding: "dithered" }); // λ_i + 1/1200: a floor
 * ```
 */
export function quantizedSpectrum(problem: RegressionProblem, quantizer: ComponentQuantizer): Float64Array {
  expectProblem(problem);
  expectDataQuantizer(quantizer);
  const { d, lambdas, basis } = problem;
  const out = new Float64Array(d);
  if (basis === null) {
    for (let i = 0; i < d; i++) out[i] = quantizedMoments(lambdas[i], quantizer).second;
    return out.sort().reverse();
  }
  if (quantizer.kind === "none") return Float64Array.from(lambdas);
  if (quantizer.kind === "additive") {
    if (quantizer.rounding !== "dithered") {
      throw new RangeError(
        `quantizer.rounding must be "dithered" for a rotated problem (nearest and stochastic rounding correlate the coordinates' errors; measure them from samples), got ${JSON.stringify(quantizer.rounding)}`,
      );
    }
    for (let i = 0; i < d; i++) out[i] = lambdas[i] + (quantizer.step * quantizer.step) / 12;
    return out;
  }
  if (quantizer.kind !== "multiplicative") throw new RangeError("unreachable");
  const h = covarianceMatrix(problem);
  const s2 = quantizer.s * quantizer.s;
  for (let i = 0; i < d; i++) h.set(i, i, h.get(i, i) * (1 + s2));
  const evd = new EigenvalueDecomposition(h, { assumeSymmetric: true });
  const values = evd.realEigenvalues;
  for (let i = 0; i < d; i++) out[i] = values[i];
  return out.sort().reverse();
}

/** H = Q diag(λ) Qᵀ as an ml-matrix Matrix. */
function covarianceMatrix(problem: RegressionProblem): Matrix {
  const { d, lambdas, basis } = problem;
  const h = new Matrix(d, d);
  const q = basis as Float64Array;
  for (let r = 0; r < d; r++) {
    for (let c = r; c < d; c++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += q[r * d + k] * lambdas[k] * q[c * d + k];
      h.set(r, c, s);
      h.set(c, r, s);
    }
  }
  return h;
}

function expectProblem(problem: unknown): asserts problem is RegressionProblem {
  const p = problem as RegressionProblem | null;
  if (p === null || typeof p !== "object" || !(p.lambdas instanceof Float64Array)) {
    throw new TypeError(`problem must be a RegressionProblem (regressionProblem(...)), got ${describeValue(problem)}`);
  }
}

/**
 * The floor of the spectrum of H + s² diag(H) for a rotated H: s²·tr H/d, the mean of the added
 * diagonal (for a Haar rotation diag(H) ≈ (tr H/d)·I, so the small eigenvalues are lifted to about
 * this value; math.md §7.0.2).
 *
 * @throws RangeError naming `s` or `lambdas`.
 * @example
 * ```ts
 * rotatedMultiplicativeFloor(polynomialSpectrum(100, 2), 0.1); // 0.01·1.635/100 = 1.6e-4
 * ```
 */
export function rotatedMultiplicativeFloor(lambdas: ArrayLike<number>, s: number): number {
  expectPositive("s", s);
  if (lambdas === null || typeof lambdas !== "object" || lambdas.length === 0) {
    throw new RangeError(`lambdas must be a non-empty list of eigenvalues, got ${describeValue(lambdas)}`);
  }
  let trace = 0;
  for (let i = 0; i < lambdas.length; i++) {
    expectFinite(`lambdas[${i}]`, lambdas[i]);
    trace += lambdas[i];
  }
  return (s * s * trace) / lambdas.length;
}

/**
 * math.md §7.0.2's approximation of stochastic rounding's eigenvalue, λ + Δ√(2λ/π): right in both
 * limits to leading order (Δ√(2λ/π) for σ ≪ Δ, where the exact value is Δ·E|x| = Δ√(2λ/π); λ + O(Δσ)
 * for σ ≫ Δ, where the exact value is λ + Δ²/6). Compare with `quantizedMoments` (exact).
 *
 * @throws RangeError naming `lambda` or `step`.
 * @example
 * ```ts
 * stochasticSpectrumApproximation(1e-4, 0.1); // 1e-4 + 0.1·√(2e-4/π) = 8.98e-4
 * ```
 */
export function stochasticSpectrumApproximation(lambda: number, step: number): number {
  expectPositive("lambda", lambda);
  expectPositive("step", step);
  return lambda + step * Math.sqrt((2 * lambda) / Math.PI);
}

/** What quantized training data does to SGD's target (see {@link dataQuantizationEffect}). */
export interface DataQuantizationEffect {
  /** λ̃_i = E[Q(x)²] in H's eigenbasis (the curvature SGD trains on; not sorted again). */
  trainedLambdas: Float64Array;
  /** w̃*_i = (c_i/λ̃_i)·w*_i, c_i = E[Q(x_i)x_i]: the minimizer of the risk on quantized inputs. */
  target: Float64Array;
  /**
   * E[(y − ⟨Q(x), w̃*⟩)²] − σ² = Σ_i (w*_i)²(λ_i − c_i²/λ̃_i): the extra residual variance SGD sees as
   * label noise (add it to σ² in `perDirectionRisk`).
   */
  residualVariance: number;
  /** The clean risk of w̃*: Σ_i λ_i (w̃*_i − w*_i)², the approximation error (ridge-like shrinkage for additive). */
  approximationError: number;
}

/**
 * SGD on quantized inputs converges to w̃* = H̃⁻¹ E[Q(x) xᵀ] w* (math.md §7.3(i)): in H's eigenbasis,
 * per direction, w̃*_i = (c_i/λ̃_i)·w*_i with λ̃_i, c_i from {@link quantizedMoments}; additive dithered
 * quantization is ridge regression with penalty Δ²/12 (w̃*_i = λ_i/(λ_i + Δ²/12)·w*_i), multiplicative
 * shrinks every direction by 1/(1 + s²).
 *
 * Domain: a diagonal problem with any additive rounding or the multiplicative model; a rotated problem
 * with additive dithered only (where H̃ shares H's eigenbasis).
 * Source: our derivation (lesson 11), math.md §7.0.1, §7.3(i).
 *
 * @throws TypeError or RangeError for a bad problem, quantizer or unsupported combination.
 * @example
 * ```ts
 * const e = dataQuantizationEffect(p, { kind: "additive", step: 0.35, rounding: "dithered" });
 * perDirectionRisk({ lambdas: p.lambdas, wStarEigen: p.wStarEigen, noiseVariance: p.noiseVariance + e.residualVariance,
 *   trainedLambdas: e.trainedLambdas, target: e.target, stepSize: 0.2, samples: 10_000 });
 * ```
 */
export function dataQuantizationEffect(problem: RegressionProblem, quantizer: ComponentQuantizer): DataQuantizationEffect {
  expectProblem(problem);
  expectDataQuantizer(quantizer);
  const { d, lambdas, basis, wStarEigen } = problem;
  if (basis !== null && quantizer.kind !== "none" && !(quantizer.kind === "additive" && quantizer.rounding === "dithered")) {
    throw new RangeError(
      `quantizer must be additive dithered for a rotated problem (otherwise H̃ is not diagonal in H's eigenbasis), got ${describeValue(quantizer.kind)}`,
    );
  }
  const trainedLambdas = new Float64Array(d);
  const target = new Float64Array(d);
  let residualVariance = 0;
  let approximationError = 0;
  for (let i = 0; i < d; i++) {
    const m = quantizedMoments(lambdas[i], quantizer);
    trainedLambdas[i] = m.second;
    // a coordinate lost in nearest rounding's deadzone (E[Q²] underflows to 0) carries nothing: w̃*_i = 0
    const ratio = m.second > 0 ? m.cross / m.second : 0;
    target[i] = ratio * wStarEigen[i];
    residualVariance += wStarEigen[i] * wStarEigen[i] * (lambdas[i] - ratio * m.cross);
    const gap = target[i] - wStarEigen[i];
    approximationError += lambdas[i] * gap * gap;
  }
  return { trainedLambdas, target, residualVariance, approximationError };
}
