import { describe, expect, it } from "vitest";
import { achievableRounds } from "../../../src/optim/achievableRounds";
import { productBound } from "../../../src/bounds/productBound";

/**
 * achievableRounds against references that do not share its fixed-point iteration: for one bit on B ≤ d
 * coordinates V = d²M²/B exactly, so the answer is the smallest T with d²M(T)²/(Bμ²D) ≤ T, found here by
 * scanning T upward with M(T) written out from its definition; and everywhere it must sit at or above
 * paper A's product lower bound (an achievable count below a lower bound would be a bug in one of them).
 */
function smallestT(d: number, B: number, sigma: number, D: number, mu: number, r: number, delta: number): number {
  const M = (T: number) => mu * r + sigma * Math.sqrt(2 * Math.log((2 * d * T) / delta));
  let T = 1;
  while (Math.ceil((d * d * M(T) ** 2) / (B * mu * mu * D)) > T) T++;
  return T;
}

describe("achievableRounds({ d, bits, sigma, D, mu, priorRadius, delta })", () => {
  it("equals the smallest T with d²M(T)²/(Bμ²D) ≤ T for one bit per coordinate (a brute-force scan)", () => {
    for (const [d, B, sigma, D, mu, r] of [[16, 8, 1, 2, 1, 0], [64, 32, 1, 8, 1, 0], [32, 4, 0.5, 1, 2, 0.25], [10, 10, 2, 50, 1, 1]] as const) {
      const got = achievableRounds({ d, bits: B, sigma, D, mu, priorRadius: r });
      expect(got.k).toBe(B);
      expect(got.bitsPerCoordinate).toBe(1);
      expect(got.rounds).toBe(smallestT(d, B, sigma, D, mu, r, 0.01));
      expect(got.variance).toBeCloseTo((d * d * got.range ** 2) / B, 6);
    }
  });

  it("is never below the product lower bound, and exceeds it by about 2 ln2·M²/σ² when bits are the limit", () => {
    for (const d of [16, 256, 4096]) {
      for (const B of [1, 8, d / 4, d, 4 * d]) {
        const D = 0.05 * d;
        const got = achievableRounds({ d, bits: B, sigma: 1, D });
        const lower = productBound({ d, bits: B, sigma: 1, D });
        expect(got.rounds).toBeGreaterThanOrEqual(lower);
        if (B <= d / 4) {
          const ratio = got.rounds / lower;
          const predicted = 2 * Math.LN2 * got.range ** 2;
          expect(Math.abs(ratio / predicted - 1)).toBeLessThan(0.05); // rounding up of both counts only
        }
      }
    }
  });

  it("refuses bad parameters, naming them", () => {
    expect(() => achievableRounds({ d: 0, bits: 1, sigma: 1, D: 1 })).toThrow(/d must be an integer/);
    expect(() => achievableRounds({ d: 4, bits: 1.5, sigma: 1, D: 1 })).toThrow(/bits must be an integer/);
    expect(() => achievableRounds({ d: 4, bits: 1, sigma: 0, D: 1 })).toThrow(/sigma/);
    expect(() => achievableRounds({ d: 4, bits: 1, sigma: 1, D: -1 })).toThrow(/D must be/);
    expect(() => achievableRounds({ d: 4, bits: 1, sigma: 1, D: 1, delta: 1 })).toThrow(/delta/);
    expect(() => achievableRounds({ d: 4, bits: 1, sigma: 1, D: 1, priorRadius: -1 })).toThrow(/priorRadius/);
  });
});
