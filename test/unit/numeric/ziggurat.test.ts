import { describe, expect, it } from "vitest";
import { createRandom, fillZigguratNormal, normalCdf, normalSf, zigguratNormal } from "../../../src/numeric/index";

describe("zigguratNormal", () => {
  const n = 200_000;
  // drawn inside each test (not while the file is collected), so a mutation tool sees which tests use it
  const draw = () => fillZigguratNormal(new Float64Array(n), createRandom(12));

  it("passes a Kolmogorov–Smirnov test against Φ (D < 1.95/√n, the 0.1% critical value)", () => {
    const sorted = draw().sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i]);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    expect(d).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it("has the normal's moments and tail mass beyond the base strip r = 3.4426 (within 4.5 SE)", () => {
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    let tail = 0;
    for (const v of draw()) {
      m1 += v;
      m2 += v * v;
      m4 += v ** 4;
      if (Math.abs(v) > 3.442619855899) tail++;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(4.5 / Math.sqrt(n));
    expect(Math.abs(m2 / n - 1)).toBeLessThan(4.5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 / n - 3)).toBeLessThan(4.5 * Math.sqrt(96 / n)); // Var(Z⁴) = 105 − 9
    const p = 2 * normalSf(3.442619855899);
    expect(Math.abs(tail / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
  });

  it("is seeded: the same seed gives the same values", () => {
    const a = createRandom(3);
    const b = createRandom(3);
    for (let i = 0; i < 100; i++) expect(zigguratNormal(a)).toBe(zigguratNormal(b));
    expect(() => zigguratNormal({} as never)).toThrow(/rng/);
  });
});
