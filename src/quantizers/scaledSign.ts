import type { Random } from "../numeric/random";
import { describeValue } from "../validation";
import {
  type CompressResult,
  type Compressor,
  expectDimension,
  expectGradient,
  expectRng,
  outputArray,
} from "./compressor";

const FP32_MAX = 3.4028234663852886e38; // FP32 largest finite: (2 − 2^−23)·2^127

/** s = fl32(‖g‖₁/d), the transmitted scale; throws when it overflows FP32. NaN in g gives NaN. */
function signScale(g: Float64Array): number {
  const d = g.length;
  let l1 = 0;
  for (let i = 0; i < d; i++) l1 += Math.abs(g[i]);
  const s = Math.fround(l1 / d);
  if (s > FP32_MAX) {
    throw new RangeError(`g has mean absolute value ${describeValue(l1 / d)}, beyond the FP32 range of the scale`);
  }
  return s;
}

/**
 * Scaled sign compression: d sign bits plus one FP32 scale, **B = d + 32 bits**. Deterministic
 * (the public coin is not used).
 *
 * Encoder: s = ‖g‖₁/d rounded to the nearest FP32 value; one sign bit per coordinate, with
 * sign(0) = + (and −0 sent as +). Decoder: ĝ_i = s·sign(g_i). The scale ‖g‖₁/d is the least-squares
 * choice: it minimizes Σ(s·sign(g_i) − g_i)² over s.
 *
 * Bias: **biased** (`unbiased = false`): E[ĝ] = ĝ ≠ g unless all |g_i| are equal; a spiky g loses
 * its spike (all coordinates get the same magnitude).
 *
 * Mean squared error (exact, `mseIsExact = true`; the scheme is deterministic): Σ (ĝ_i − g_i)²,
 * computed from the actual estimate, which equals ‖g‖² − ‖g‖₁²/d up to the FP32 rounding of the
 * scale (relative error of s below 2^−24).
 *
 * Edge cases: NaN anywhere in g makes the scale, the estimate and the error NaN; a mean absolute
 * value beyond the largest finite FP32 (≈ 3.4028235e38) throws, as the scale could not be sent.
 *
 * Source: the scaled sign compressor (‖g‖₁/d)·sign(g) used with error feedback by Karimireddy,
 * Rebjock, Stich, Jaggi, "Error Feedback Fixes SignSGD and other Gradient Compression Schemes",
 * ICML 2019 (arXiv:1901.09847); signSGD itself is Bernstein et al., ICML 2018 (arXiv:1802.04434).
 * The least-squares property of the scale and the FP32 bit count are ours; lesson 3.
 *
 * @throws TypeError naming `g` unless it is a Float64Array; RangeError when the scale overflows FP32.
 * @example
 * ```ts
 * const c = scaledSign();
 * c.bits(10); // 42
 * c.compress(new Float64Array([3, -1, 0, 0]), createRandom(0)).estimate; // [1, -1, 1, 1]
 * c.meanSquaredError(new Float64Array([3, -1, 0, 0])); // 4 + 0 + 1 + 1 = 6 = 10 − 16/4
 * ```
 */
export function scaledSign(): Compressor {
  return {
    name: "scaledSign",
    unbiased: false,
    mseIsExact: true,
    bits(d: number): number {
      expectDimension(d);
      return d + 32;
    },
    compress(g: Float64Array, rng: Random, out?: Float64Array): CompressResult {
      expectGradient(g);
      expectRng(rng);
      const d = g.length;
      const est = outputArray(out, d);
      const s = signScale(g);
      for (let i = 0; i < d; i++) est[i] = g[i] < 0 ? -s : g[i] !== g[i] ? NaN : s;
      return { estimate: est, bits: d + 32 };
    },
    meanSquaredError(g: Float64Array): number {
      expectGradient(g);
      const s = signScale(g);
      let mse = 0;
      for (let i = 0; i < g.length; i++) {
        const e = (g[i] < 0 ? -s : s) - g[i];
        mse += e * e;
      }
      return mse;
    },
  };
}
