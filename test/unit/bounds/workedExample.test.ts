import { describe, expect, it } from "vitest";
import { communicationBound, crossoverBits, lowerBounds, productBound, regime, statisticalBound } from "../../../src/bounds/index";

// Reference: math.md §3.5, "Worked example ✓num" (computed there with an independent script):
// d = 1024, σ = 1, ε = 0.1 (D = 2ε² = 0.02), r = ∞ unless stated.
const base = { d: 1024, sigma: 1, eps: 0.1 };

describe("math.md §3.5 worked example", () => {
  it.each([
    [16, 2_363_712],
    [64, 590_928],
    [709, 53_342],
    [739, 51_200],
    [1_000, 51_200],
    [100_000, 51_200],
  ])("product bound, B = %i → T ≥ %i", (bits, expected) => {
    expect(productBound({ ...base, bits })).toBe(expected);
    expect(lowerBounds({ ...base, bits }).product).toBe(expected);
  });

  it("statistical bound σ²d/D = 51,200, met by the product bound from B = 739 on", () => {
    expect(statisticalBound(base)).toBe(51_200);
    expect(lowerBounds({ ...base, bits: 16 }).statistical).toBe(51_200);
  });

  it("prior radius r = 1, B = 64 → T ≥ 590,814", () => {
    expect(productBound({ ...base, bits: 64, priorRadius: 1 })).toBe(590_814);
    expect(lowerBounds({ ...base, bits: 64, priorRadius: 1 }).product).toBe(590_814);
  });

  it("crossover B* = d/(2 ln 2) ≈ 738.7: B = 738 is bits-limited, B = 739 noise-limited", () => {
    expect(crossoverBits(1024)).toBeCloseTo(738.7, 1);
    expect(regime({ d: 1024, bits: 738 })).toBe("bits-limited");
    expect(regime({ d: 1024, bits: 739 })).toBe("noise-limited");
    expect(lowerBounds({ ...base, bits: 738 }).regime).toBe("bits-limited");
    expect(lowerBounds({ ...base, bits: 739 }).regime).toBe("noise-limited");
    // the reference lists B = 709 → 53,342 at "factor 1.0418" above σ²d/D
    expect(productBound({ ...base, bits: 709 }) / 51_200).toBeCloseTo(1.0418, 4);
  });

  it("communication bound: TB ≥ 8,009.7 bits (Gaussian prior τ² = 1) and 6,937.4 bits (box r = 1)", () => {
    const gauss = communicationBound({ d: 1024, eps: 0.1, bits: 64, priorVariance: 1 });
    const box = communicationBound({ d: 1024, eps: 0.1, bits: 64, priorRadius: 1 });
    // the reference gives one decimal: |error| ≤ 0.05
    expect(Math.abs(gauss.totalBits - 8009.7)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(box.totalBits - 6937.4)).toBeLessThanOrEqual(0.05);
    // rounds: the least T with T·64 ≥ bits, found by counting
    let t = 0;
    while (t * 64 < gauss.totalBits) t++;
    expect(gauss.rounds).toBe(t);
    t = 0;
    while (t * 64 < box.totalBits) t++;
    expect(box.rounds).toBe(t);
    const all = lowerBounds({ ...base, bits: 64, priorVariance: 1 });
    expect(all.communicationBits).toBe(gauss.totalBits);
    expect(all.communication).toBe(gauss.rounds);
  });
});

describe("whole rounds", () => {
  it("an exact integer bound is not bumped by floating-point noise (exact values by integer arithmetic)", () => {
    // σ²d/(2με²) with ε = k/100: the exact value is σ²d·10⁴/(2k²μ), an integer in these cases, while the
    // floating-point evaluation lands a few ulps above it (checked when the cases were chosen).
    const cases: [number, number, number, number][] = [
      // [d, σ, μ, k]
      [5, 1, 5, 1],
      [7, 2, 5, 1],
      [10, 0.5, 5, 1],
      [9, 1, 5, 3],
      [1024, 1, 1, 10],
    ];
    for (const [d, sigma, mu, k] of cases) {
      const num = sigma * sigma * d * 10_000;
      const den = 2 * k * k * mu;
      expect(num % den).toBe(0);
      expect(statisticalBound({ d, sigma, mu, eps: k / 100 })).toBe(num / den);
      expect(productBound({ d, sigma, mu, eps: k / 100, bits: d })).toBe(num / den); // B = d ≥ d/(2 ln 2): noise-limited
    }
  });

  it("names the binding bound: statistical when noise-limited, product when bits-limited, communication when it is largest", () => {
    expect(lowerBounds({ ...base, bits: 2000, priorRadius: 1 }).binding).toBe("statistical");
    expect(lowerBounds({ ...base, bits: 64, priorRadius: 1 }).binding).toBe("product");
    // tiny noise: the statistical and product bounds are small, describing θ to 0.02 still takes bits
    const b = lowerBounds({ d: 1024, bits: 64, sigma: 1e-3, eps: 0.1, priorVariance: 1 });
    expect(b.binding).toBe("communication");
    expect(b.rounds).toBe(b.communication);
    expect(b.rounds).toBeGreaterThan(b.product);
  });

  it("regime at the crossover itself is noise-limited (the two terms of the cap are equal)", () => {
    const Bstar = crossoverBits(1024);
    expect(2 * Math.LN2 * Bstar).toBe(1024);
    expect(regime({ d: 1024, bits: Bstar })).toBe("noise-limited");
    expect(regime({ d: 1024, bits: Bstar * (1 - 1e-12) })).toBe("bits-limited");
  });
});
