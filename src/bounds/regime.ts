/**
 * Which constraint binds: the bit budget or the gradient noise.
 *
 * @packageDocumentation
 */
import { FISHER_PER_BIT_CAP } from "../info/fisherCap";
import { expectInteger } from "../validation";
import { expectArgumentObject, expectBitsPerRound } from "./problem";

/** "bits-limited" when 2 ln 2 · B < d, "noise-limited" otherwise. */
export type Regime = "bits-limited" | "noise-limited";

/**
 * B* = d/(2 ln 2) ≈ 0.7213·d bits per round: the crossover of the product bound, where the per-round
 * Fisher cap min(d, 2 ln 2·B)/σ² switches from its bit term to the unquantized d/σ².
 *
 * Paper A (arXiv:2606.00703) states the crossover at order level only, B* = Θ(d) (the product bound
 * T = Ω((σ²d/ε²)·max{1, d/B})); the constant 2 ln 2 is our derivation (math.md §3.4: a Donsker–Varadhan
 * step on the sub-Gaussian score, refined by Barnes and Özgür, arXiv:2102.05802), derived in lesson 5.
 * With B ≥ B* the quantized bound equals the statistical one. B* depends on neither σ nor the accuracy
 * (ε above is paper A's, f(x̂) − f* ≤ ε², i.e. D = 2ε² for μ = 1: a convention; D = ε² would double T
 * but leave B* unchanged).
 *
 * @param d - the dimension, an integer ≥ 1
 * @returns B* in bits (a real number; the first whole B in the noise-limited regime is ⌈B*⌉)
 * @throws RangeError naming `d` unless it is an integer ≥ 1.
 * @example
 * ```ts
 * crossoverBits(1024); // 738.66, so B = 739 bits per round is noise-limited
 * ```
 */
export function crossoverBits(d: number): number {
  expectInteger("d", d, 1);
  return d / FISHER_PER_BIT_CAP;
}

/**
 * The regime of a B-bit oracle in dimension d: "bits-limited" when 2 ln 2 · B < d (the bit term of
 * the Fisher cap binds, and the product bound exceeds the statistical one by d/(2 ln 2 · B)),
 * "noise-limited" otherwise (the product bound equals the statistical bound). At equality the two
 * terms agree; it is called noise-limited.
 *
 * Paper A's order-level statement: the factor max{1, d/B} (arXiv:2606.00703); the constant 2 ln 2 is
 * our derivation (math.md §3.4, lesson 5). The regime concerns the memoryless encoder of the product
 * bound (each message a function of the current gradient, the public coin and past messages).
 *
 * @param args.d - the dimension, an integer ≥ 1
 * @param args.bits - B, the bits per round, a finite number > 0
 * @throws RangeError naming `d` or `bits`; TypeError when `args` is not an object.
 * @example
 * ```ts
 * regime({ d: 1024, bits: 64 }); // "bits-limited"
 * regime({ d: 1024, bits: 739 }); // "noise-limited"
 * ```
 */
export function regime(args: { d: number; bits: number }): Regime {
  expectArgumentObject("the argument", args);
  expectInteger("d", args.d, 1);
  expectBitsPerRound(args.bits);
  return FISHER_PER_BIT_CAP * args.bits < args.d ? "bits-limited" : "noise-limited";
}
