import { createRandom } from "../../../src/numeric/index";

/**
 * Test data for block formats: n values normal × 2^k with k uniform in [−halfBinades, halfBinades],
 * and, each at `specialRate`, NaN or ±Inf, ±0, and (with `tiny`) magnitudes near 1e−40 (FP32
 * subnormals), so that NaN blocks, zero blocks and subnormal block maxima occur.
 */
export function randomBlockData(seed: number, n: number, specialRate: number, halfBinades: number, tiny: boolean): number[] {
  const rng = createRandom(seed, 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.uniform();
    if (u < specialRate) out.push([NaN, Infinity, -Infinity][rng.integer(3)]);
    else if (u < 2 * specialRate) out.push(rng.uniform() < 0.5 ? 0 : -0);
    else if (tiny && u < 3 * specialRate) out.push((rng.uniform() - 0.5) * 1e-40);
    else out.push(rng.normal() * 2 ** (rng.integer(2 * halfBinades + 1) - halfBinades));
  }
  return out;
}
