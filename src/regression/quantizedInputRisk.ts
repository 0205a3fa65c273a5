/**
 * The excess risk measured on quantized inputs (lesson 11, math.md §7.0.1): the other of the two risks
 * a quantized-data experiment must name (the first is `cleanRisk`).
 *
 * @packageDocumentation
 */
import { expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";
import type { ComponentQuantizer } from "../optim/componentQuantizer";
import { dataQuantizationEffect } from "./quantizedSpectrum";
import type { RegressionProblem } from "./regressionProblem";

/**
 * The excess risk of w on quantized inputs over the best predictor for them,
 *
 *     Ẽ(w) = (w − w̃*)ᵀ H̃ (w − w̃*),   H̃ = E[Q(x)Q(x)ᵀ],   w̃* = H̃⁻¹E[Q(x)xᵀ]w*
 *
 * (the mean squared error of ⟨Q(x), w⟩ on fresh quantized inputs minus its minimum). When every
 * direction is "learned" on the floor λ + s², this is where the benefit of a fast-decaying spectrum is
 * lost (k̃* = d, math.md §7.5), while the clean risk `cleanRisk` falls (ridge-like shrinkage, §7.0.1):
 * say which one is measured.
 *
 * Domain: the problems and quantizers of `dataQuantizationEffect` (diagonal H with additive or
 * multiplicative quantization; rotated H with additive dithered). Source: our derivation (lesson 11).
 *
 * @throws as `dataQuantizationEffect`; RangeError naming `w` for a wrong length.
 * @example
 * ```ts
 * quantizedInputRisk(p, run.averaged, { kind: "additive", step: 0.35, rounding: "dithered" });
 * ```
 */
export function quantizedInputRisk(problem: RegressionProblem, w: NumericArray, quantizer: ComponentQuantizer): number {
  const effect = dataQuantizationEffect(problem, quantizer);
  expectNumericArray("w", w);
  const d = problem.d;
  if (w.length !== d) throw new RangeError(`w.length must equal d = ${d}, got ${w.length}`);
  const basis = problem.basis;
  let risk = 0;
  for (let c = 0; c < d; c++) {
    let wc: number; // (Qᵀw)_c
    if (basis === null) wc = w[c];
    else {
      wc = 0;
      for (let r = 0; r < d; r++) wc += basis[r * d + c] * w[r];
    }
    const e = wc - effect.target[c];
    risk += effect.trainedLambdas[c] * e * e;
  }
  return risk;
}
