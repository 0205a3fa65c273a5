import { describe, expect, it } from "vitest";
import { blahutArimoto } from "../../../src/info/index";

/** Binary entropy in bits. */
const h = (p: number) => (p <= 0 || p >= 1 ? 0 : -p * Math.log2(p) - (1 - p) * Math.log2(1 - p));
const hamming = [
  [0, 1],
  [1, 0],
];

describe("blahutArimoto(sourceProbabilities, distortionMatrix, options)", () => {
  it("a binary source under Hamming distortion: R(D) = h(p) − h(D) (closed form), within the stated tolerance", () => {
    for (const p of [0.5, 0.3]) {
      for (const D of [0.02, 0.1, 0.2]) {
        if (D >= p) continue;
        const tolerance = 1e-9;
        const r = blahutArimoto([p, 1 - p], hamming, { targetDistortion: D, tolerance });
        // the returned point is (distortion, rate) of the final channel; R is within `tolerance` above the
        // curve at that distortion, and the distortion matches the target to 1e-10 (so h moves by < 1e-8)
        expect(r.gap).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(r.distortion - D)).toBeLessThanOrEqual(1e-9);
        const exact = h(p) - h(r.distortion);
        expect(r.rate - exact).toBeGreaterThanOrEqual(-1e-12);
        expect(r.rate - exact).toBeLessThanOrEqual(tolerance + 1e-12);
        // the fair bit's optimal output is uniform, where the iteration starts: nothing to iterate
        if (p === 0.5) expect(r.iterations).toBe(0);
        else expect(r.iterations).toBeGreaterThan(0);
      }
    }
  });

  it("the curve's slope at the returned point is −slope/ln 2 bits per unit distortion (finite differences)", () => {
    const s = 2;
    const a = blahutArimoto([0.5, 0.5], hamming, { slope: s - 1e-4, tolerance: 1e-13 });
    const b = blahutArimoto([0.5, 0.5], hamming, { slope: s + 1e-4, tolerance: 1e-13 });
    const derivative = (a.rate - b.rate) / (a.distortion - b.distortion);
    expect(Math.abs(derivative + s / Math.LN2)).toBeLessThanOrEqual(1e-5);
    // and for the binary source the slope s is reached at D with ln((1 − D)/D) = s
    const m = blahutArimoto([0.5, 0.5], hamming, { slope: s, tolerance: 1e-13 });
    expect(Math.abs(m.distortion - 1 / (1 + Math.exp(s)))).toBeLessThanOrEqual(1e-9);
  });

  it("a finely discretized Gaussian: R(D) = ½log2(σ²/D) within the tolerance plus the discretization's error", () => {
    // 121 points on ±6σ (step 0.1σ), probabilities ∝ the normal density at the points, squared error to
    // the same grid. Sampling the density on a grid this fine changes the variance by e^{−2π²σ²/h²}
    // (Poisson summation: below 1e−300) and loses the mass beyond 6σ (2e−9), so the discrete source's
    // R(D) is within 1e−6 bit of ½log2(σ²/D) for D ≫ h²; the returned rate is within `tolerance` above it.
    const sigma = 1.5;
    const n = 121;
    const xs: number[] = [];
    const px: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = -6 * sigma + (12 * sigma * i) / (n - 1);
      xs.push(x);
      px.push(Math.exp(-(x * x) / (2 * sigma * sigma)));
    }
    const total = px.reduce((a, b) => a + b, 0);
    const p = px.map((v) => v / total);
    const dist = xs.map((x) => xs.map((y) => (x - y) ** 2));
    const tolerance = 1e-4;
    // slope s = 1/(2D) nats per unit distortion for a Gaussian: D = 0.25σ² and 0.1σ²
    for (const D of [0.25 * sigma * sigma, 0.1 * sigma * sigma]) {
      const r = blahutArimoto(p, dist, { slope: 1 / (2 * D), tolerance });
      const exact = 0.5 * Math.log2((sigma * sigma) / r.distortion);
      expect(r.gap).toBeLessThanOrEqual(tolerance);
      expect(Math.abs(r.distortion / D - 1)).toBeLessThanOrEqual(1e-3);
      expect(r.rate - exact).toBeGreaterThanOrEqual(-1e-6);
      expect(r.rate - exact).toBeLessThanOrEqual(tolerance + 1e-6);
    }
  });

  it("a target at or above the zero-rate distortion returns rate 0 without iterating", () => {
    const r = blahutArimoto([0.25, 0.75], hamming, { targetDistortion: 0.25 });
    expect(r.rate).toBe(0);
    expect(r.distortion).toBe(0.25);
    expect(r.iterations).toBe(0);
    expect(Array.from(r.reproduction)).toEqual([0, 1]);
  });

  it("bad input: a clear error naming the parameter", () => {
    expect(() => blahutArimoto([0.5, 0.6], hamming, { slope: 1 })).toThrow(/sourceProbabilities must sum to 1/);
    expect(() => blahutArimoto([1.5, -0.5], hamming, { slope: 1 })).toThrow(/sourceProbabilities\[1\]/);
    expect(() => blahutArimoto([], [], { slope: 1 })).toThrow(/sourceProbabilities/);
    expect(() => blahutArimoto([0.5, 0.5], [[0, 1]], { slope: 1 })).toThrow(/distortionMatrix must have one row per source letter \(2 rows\), got 1/);
    expect(() => blahutArimoto([0.5, 0.5], [[0, 1], [1]], { slope: 1 })).toThrow(/distortionMatrix must be rectangular/);
    expect(() => blahutArimoto([0.5, 0.5], [[0, 1], [1, -1]], { slope: 1 })).toThrow(/distortionMatrix\[1\]\[1\]/);
    expect(() => blahutArimoto([0.5, 0.5], "no" as never, { slope: 1 })).toThrow(TypeError);
    expect(() => blahutArimoto([0.5, 0.5], hamming, {})).toThrow(/exactly one of slope and targetDistortion/);
    expect(() => blahutArimoto([0.5, 0.5], hamming, { slope: 1, targetDistortion: 0.1 })).toThrow(/exactly one/);
    expect(() => blahutArimoto([0.5, 0.5], hamming, { slope: -1 })).toThrow(/slope/);
    expect(() => blahutArimoto([0.5, 0.5], hamming, { targetDistortion: 0 })).toThrow(/targetDistortion/);
    expect(() => blahutArimoto([0.5, 0.5], [[0.1, 1], [1, 0.1]], { targetDistortion: 0.1 })).toThrow(/smallest achievable distortion 0.1/);
    expect(() => blahutArimoto([0.5, 0.5], hamming, { slope: 1, tolerance: 0 })).toThrow(/tolerance/);
    expect(() => blahutArimoto([0.3, 0.7], hamming, { slope: 3, tolerance: 1e-15, maxIterations: 3 })).toThrow(/maxIterations/);
  });
});
