/**
 * The true parameter of a regression problem under a source condition (lesson 11): in H's eigenbasis,
 * λ_i (w*_i)² = i^(−β), so the signal in direction i decays as a power of i.
 *
 * @packageDocumentation
 */
import { Random } from "../numeric/random";
import { describeValue, expectFinite, expectOneOf } from "../validation";
import { expectSpectrum } from "./spectrum";
import type { NumericArray } from "../validation";

/**
 * w* in H's eigenbasis with λ_i (w*_i)² = i^(−β): w*_i = ± √(i^(−β)/λ_i).
 *
 * The signal ‖w*‖²_H = Σ i^(−β) is finite as d → ∞ when β > 1; with λ_i = i^(−a), (w*_i)² = i^(a−β),
 * and the bias of iterate-averaged SGD decays as (γN)^((1−β)/a) for 1 < β < 2a + 1 (math.md §7.5).
 *
 * Signs: `"positive"` (default) or `"random"` (independent ±1 from `rng`): the per-direction risks
 * depend only on (w*_i)², the signs only on the rotated coordinates.
 *
 * Source: the standard source condition of power-law regression (math.md §7.5; our parametrization).
 *
 * @param lambdas - the eigenvalues λ_1 ≥ … ≥ λ_d > 0
 * @param beta - β, finite
 * @param signs - `"positive"` or `"random"`
 * @param rng - required for `"random"`
 * @throws RangeError naming `lambdas`, `beta` or `signs`; TypeError naming `rng`.
 * @example
 * ```ts
 * sourceConditionTarget([1, 0.25], 1.5); // Float64Array [1, 0.7071] (√(2^−1.5/0.25))
 * ```
 */
export function sourceConditionTarget(
  lambdas: NumericArray,
  beta: number,
  signs: "positive" | "random" = "positive",
  rng?: Random,
): Float64Array {
  expectSpectrum("lambdas", lambdas);
  expectFinite("beta", beta);
  expectOneOf("signs", signs, ["positive", "random"]);
  if (signs === "random" && !(rng instanceof Random)) {
    throw new TypeError(`rng must be a Random when signs is "random", got ${describeValue(rng)}`);
  }
  const out = new Float64Array(lambdas.length);
  for (let i = 0; i < out.length; i++) {
    const s = signs === "random" && (rng as Random).uniform() < 0.5 ? -1 : 1;
    out[i] = s * Math.sqrt(Math.pow(i + 1, -beta) / lambdas[i]);
  }
  return out;
}
