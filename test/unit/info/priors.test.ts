import { describe, expect, it } from "vitest";
import {
  cos2PriorDensity,
  cos2PriorVariance,
  createRandom,
  integrate,
  priorFisherCos2,
  priorFisherGaussian,
  sampleCos2Prior,
  sampleMoments,
} from "../../../src/index";

function quad(f: (x: number) => number, a: number, b: number, relTolerance = 1e-13): number {
  const r = integrate(f, a, b, { relTolerance, absTolerance: 1e-15 });
  expect(r.converged).toBe(true);
  return r.value;
}

describe("prior Fisher information J(π) = ∫(π')²/π", () => {
  it("cos² prior on [−r, r]: quadrature of (π')²/π with a central-difference derivative gives π²/r² (r = 1, 0.3, 5)", () => {
    for (const r of [1, 0.3, 5]) {
      const h = 1e-8 * r; // rounding error of the difference ~ε/h ≈ 1e−8 relative; the omitted ends 4h·π²/r³ ≈ 4e−8·J
      const dens = (t: number): number => cos2PriorDensity(t, r);
      // central difference of the density (its own values, not the closed form of J); accurate to ~h²
      const integrand = (t: number): number => {
        const p = dens(t);
        if (p === 0) return 0;
        const dp = (dens(t + h) - dens(t - h)) / (2 * h);
        return (dp * dp) / p;
      };
      const inner = r - 2 * h; // keep the stencil inside the support
      const j = quad(integrand, -inner, inner, 1e-9); // the difference quotient is noisy at ~1e−8
      expect(Math.abs(j - priorFisherCos2(r)), `r = ${r}: quadrature ${j}`).toBeLessThanOrEqual(1e-6 * priorFisherCos2(r));
    }
    expect(priorFisherCos2(1)).toBeCloseTo(9.8696044011, 10); // math.md §9
    expect(priorFisherCos2(2, 10)).toBeCloseTo((10 * Math.PI * Math.PI) / 4, 12);
    expect(priorFisherCos2(Infinity, 1024)).toBe(0);
  });
  it("Gaussian prior N(0, τ²): quadrature of (π')²/π = t²/τ⁴·π gives 1/τ² (τ = 0.5, 2), and d/τ² in d dimensions", () => {
    for (const tau of [0.5, 2]) {
      const dens = (t: number): number => Math.exp(-(t * t) / (2 * tau * tau)) / (tau * Math.sqrt(2 * Math.PI));
      const j = quad((t) => ((t / (tau * tau)) ** 2) * dens(t), -Infinity, Infinity);
      expect(Math.abs(j - priorFisherGaussian(tau))).toBeLessThanOrEqual(1e-12 * j);
    }
    expect(priorFisherGaussian(2, 10)).toBe(2.5);
  });
});

describe("the cos² prior density and sampler", () => {
  it("integrates to 1, is 0 outside [−r, r], and has variance (1/3 − 2/π²)r² (quadrature)", () => {
    const r = 1.7;
    expect(quad((t) => cos2PriorDensity(t, r), -r, r)).toBeCloseTo(1, 13);
    expect(cos2PriorDensity(1.71, r)).toBe(0);
    expect(cos2PriorDensity(r, r)).toBeLessThan(1e-30);
    expect(Math.abs(quad((t) => t * t * cos2PriorDensity(t, r), -r, r) - cos2PriorVariance(r))).toBeLessThanOrEqual(1e-13);
    expect(cos2PriorVariance(1)).toBeCloseTo(0.130691, 6); // math.md §2.2
  });
  it("samples with variance (1/3 − 2/π²)r² and mean 0 within 5 SE, in [−r, r], P(|θ| ≤ r/2) = ½ + 1/π within 5 SE", () => {
    const r = 2.5;
    const n = 100_000;
    const x = sampleCos2Prior(createRandom(31), r, new Float64Array(n));
    const m = sampleMoments(x);
    expect(Math.abs(m.variance - cos2PriorVariance(r)), `variance ${m.variance} ± ${m.varianceStandardError}`).toBeLessThanOrEqual(5 * m.varianceStandardError);
    expect(Math.abs(m.mean)).toBeLessThanOrEqual(5 * m.standardError);
    expect(Math.max(...x)).toBeLessThanOrEqual(r);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-r);
    // F(t) = (1 + t/r)/2 + sin(πt/r)/(2π) integrates the density; P(|θ| ≤ r/2) = 2F(r/2) − 1
    const p = 0.5 + 1 / Math.PI;
    let inside = 0;
    for (const v of x) if (Math.abs(v) <= r / 2) inside++;
    expect(Math.abs(inside / n - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n));
  });
  it("is reproducible for a seed and returns out", () => {
    const a = new Float64Array(10);
    expect(sampleCos2Prior(createRandom(2), 1, a)).toBe(a);
    expect(Array.from(sampleCos2Prior(createRandom(2), 1, new Float64Array(10)))).toEqual(Array.from(a));
  });
  it("refuses bad τ, r, d, rng and out, naming them", () => {
    expect(() => priorFisherGaussian(0)).toThrow(/tau must be a finite number > 0/);
    expect(() => priorFisherGaussian(1, 0)).toThrow(/d must be an integer >= 1/);
    expect(() => priorFisherCos2(0)).toThrow(/r must be a number > 0/);
    expect(() => priorFisherCos2(-1)).toThrow(RangeError);
    expect(() => priorFisherCos2(1, 1.5)).toThrow(/d must be an integer/);
    expect(() => sampleCos2Prior(createRandom(1), Infinity, new Float64Array(2))).toThrow(/r must be a finite number > 0/);
    expect(() => sampleCos2Prior({} as never, 1, new Float64Array(2))).toThrow(/rng must be a Random/);
    expect(() => sampleCos2Prior(createRandom(1), 1, [0, 0] as unknown as Float64Array)).toThrow(/out must be a Float64Array/);
    expect(() => cos2PriorDensity(0, 0)).toThrow(/r must be/);
  });
});
