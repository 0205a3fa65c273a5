/**
 * Noise injected into SGD by quantizing parameters, activations or gradients (lesson 11, math.md
 * §7.3(iii) with the corrections of §7.0.5–7.0.6): the gradient-scale variance each one adds per step,
 * and §7.3(iii)'s head/tail heuristic for its cost.
 *
 * @packageDocumentation
 */
import { expectFinite, expectInteger, expectOneOf, expectPositive } from "../validation";
import type { NumericArray } from "../validation";
import { effectiveDimension } from "./effectiveDimension";
import { expectSpectrum } from "./spectrum";

/**
 * The per-coordinate gradient-noise variance s² equivalent to an injected error of variance `variance`
 * per coordinate per step, by where it enters:
 *
 * - `"parameters"`: w_{t+1} = w_t − γg_t + ε_t with Var ε = s_w² is a gradient error ε/γ: s² = s_w²/γ²
 *   (math.md §7.0.6: reading s_w² itself as the gradient noise is off by 1/γ², 63× in the audit's case);
 * - `"per-example-gradients"`: each of b example gradients quantized, then averaged: s² = s_A²/b;
 * - `"averaged-gradient"`: the batch mean quantized once: s² = s_A² (no suppression by b).
 *
 * Feed the result to `perDirectionRisk`'s `gradientNoise`. Additive (dithered) quantization of step Δ
 * has variance Δ²/12 (`additiveNoiseVariance`).
 * Source: our derivation (lesson 11), math.md §7.0.5–7.0.6.
 *
 * @param variance - the injected variance per coordinate (≥ 0)
 * @param where - `"parameters"`, `"per-example-gradients"` or `"averaged-gradient"`
 * @param stepSize - γ > 0 (used for `"parameters"`)
 * @param batchSize - b ≥ 1 (used for `"per-example-gradients"`; default 1)
 * @throws RangeError naming `variance`, `where`, `stepSize` or `batchSize`.
 * @example
 * ```ts
 * injectedGradientNoise(1e-6, "parameters", 0.1); // 1e-4
 * ```
 */
export function injectedGradientNoise(
  variance: number,
  where: "parameters" | "per-example-gradients" | "averaged-gradient",
  stepSize: number,
  batchSize = 1,
): number {
  expectFinite("variance", variance);
  if (variance < 0) throw new RangeError(`variance must be >= 0, got ${variance}`);
  expectOneOf("where", where, ["parameters", "per-example-gradients", "averaged-gradient"]);
  expectPositive("stepSize", stepSize);
  expectInteger("batchSize", batchSize, 1);
  if (where === "parameters") return variance / (stepSize * stepSize);
  if (where === "per-example-gradients") return variance / batchSize;
  return variance;
}

/**
 * math.md §7.3(iii)'s heuristic for the risk added by isotropic gradient noise s² per step to the
 * iterate average after N steps (batch 1):
 *
 *     ΔVar ≈ s² [ Σ_{i≤k*} 1/(N λ_i) + (γ²N/3) Σ_{i>k*} λ_i ]
 *
 * (head directions amplify isotropic noise by 1/λ_i). A heuristic: it overestimates the exact
 * per-direction sum (`perDirectionRisk` with `gradientNoise`) by about 1.6–2× (math.md §7.0.6), and at
 * fixed γ it grows with N while the label-noise variance falls.
 *
 * @throws RangeError naming `lambdas`, `gradientNoise`, `stepSize` or `samples`.
 * @example
 * ```ts
 * injectedNoiseHeuristic(polynomialSpectrum(500, 2), 1e-3, 0.1, 10_000);
 * ```
 */
export function injectedNoiseHeuristic(lambdas: NumericArray, gradientNoise: number, stepSize: number, samples: number): number {
  expectSpectrum("lambdas", lambdas);
  expectFinite("gradientNoise", gradientNoise);
  if (gradientNoise < 0) throw new RangeError(`gradientNoise must be >= 0, got ${gradientNoise}`);
  expectPositive("stepSize", stepSize);
  expectInteger("samples", samples, 1);
  const { kStar } = effectiveDimension(lambdas, stepSize, samples);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < lambdas.length; i++) {
    if (i < kStar) head += 1 / (samples * lambdas[i]);
    else tail += lambdas[i];
  }
  return gradientNoise * (head + ((stepSize * stepSize * samples) / 3) * tail);
}
