/**
 * The smallest case of Adam's second-moment fragility (lesson 12, math.md §8.2): an exponential moving
 * average v_t = Q(β2 v_{t−1} + (1 − β2) g²) kept in a low-precision format.
 *
 * @packageDocumentation
 */
import { createRandom } from "../numeric/random";
import { describeValue, expectFinite, expectInteger } from "../validation";
import { expectBeta } from "./adam";
import { bindQuantizer } from "./componentQuantizer";
import type { ComponentQuantizer } from "./componentQuantizer";

/** Options of {@link secondMomentTrajectory}. */
export interface SecondMomentOptions {
  /** β2 in [0, 1) (default 0.999). */
  beta2?: number;
  /** v_0 (default 1). */
  initial?: number;
  /** g², the constant squared gradient fed every step (default 2). */
  gradientSquared?: number;
  /** T, the number of steps (default 1000). */
  steps?: number;
  /** Q, where v is stored (default BF16 round-to-nearest-even: `{ kind: "format", format: "bf16" }`). */
  quantizer?: ComponentQuantizer;
  /** Seed of the quantizer's draws (stochastic rounding; default 0). */
  seed?: number;
}

/**
 * The trajectory v_1 … v_T of v_t = Q(β2 v_{t−1} + (1 − β2) g²) (the update is formed in binary64, then
 * stored through Q). Exactly, v_T = g² − (g² − v_0) β2^T: with β2 = 0.999, v_0 = 1, g² = 2, T = 1000,
 * v_T = 2 − 0.999^1000 = 1.632. Stored in BF16 with round-to-nearest, every increment (1 − β2)(g² − v) ≤ 0.001
 * is below half a BF16 ulp at 1 (2^−8 = 0.0039), so v stays at exactly 1.0 for all 1,000 steps; with
 * stochastic rounding E[v_t] follows the exact recursion (the update is affine, SR unbiased), so the
 * stall disappears on average. Lesson 3's stagnation mechanism, inside Adam.
 *
 * Source: math.md §8.2 ([verified 2026-12-01]); our derivation (lesson 12).
 *
 * @throws RangeError naming `beta2` (in [0, 1)), `initial`, `gradientSquared`, `steps` or a quantizer field.
 * @example
 * ```ts
 * secondMomentTrajectory().at(-1); // 1 (BF16, nearest)
 * secondMomentTrajectory({ quantizer: { kind: "none" } }).at(-1); // 1.6323
 * ```
 */
export function secondMomentTrajectory(options: SecondMomentOptions = {}): Float64Array {
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const beta2 = options.beta2 ?? 0.999;
  expectBeta("beta2", beta2);
  const v0 = options.initial ?? 1;
  expectFinite("initial", v0);
  const g2 = options.gradientSquared ?? 2;
  expectFinite("gradientSquared", g2);
  const steps = options.steps ?? 1000;
  expectInteger("steps", steps, 1);
  const seed = options.seed ?? 0;
  expectInteger("seed", seed);
  const q = bindQuantizer(options.quantizer ?? { kind: "format", format: "bf16" }, createRandom(seed, 4));
  const out = new Float64Array(steps);
  let v = q.value(v0);
  for (let t = 0; t < steps; t++) {
    v = q.value(beta2 * v + (1 - beta2) * g2);
    out[t] = v;
  }
  return out;
}
