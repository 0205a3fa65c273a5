import { describe, expect, it } from "vitest";
import { fisherQuantizedGaussian, optimalThresholds } from "../../../src/index";
import { firstMoment, phi, quadSplit } from "./quadratureFisher";

/**
 * The Lloyd–Max quantizer of N(0, 1) with K levels by Lloyd's fixed-point iteration (Lloyd, IEEE
 * Trans. Inf. Theory 28(2), 1982, "Method I"): reconstruction points = the cells' centroids (by
 * quadrature of z·φ and φ), thresholds = midpoints between neighbouring points; then its mean squared
 * error by quadrature of (z − c_j)²φ(z) over each cell. Nothing here uses Fisher information.
 */
function lloydMax(levels: number): { thresholds: number[]; mse: number } {
  let t = Array.from({ length: levels - 1 }, (_, j) => (j - (levels - 2) / 2) * (4 / levels));
  let c: number[] = [];
  for (let iteration = 0; iteration < 5000; iteration++) {
    const edges = [-Infinity, ...t, Infinity];
    c = [];
    for (let j = 1; j < edges.length; j++) {
      c.push(firstMoment(edges[j - 1], edges[j]) / quadSplit(phi, edges[j - 1], edges[j]));
    }
    const next = t.map((_, j) => 0.5 * (c[j] + c[j + 1]));
    const moved = Math.max(0, ...next.map((v, j) => Math.abs(v - t[j])));
    t = next;
    if (moved < 1e-12) break;
  }
  const edges = [-Infinity, ...t, Infinity];
  let mse = 0;
  for (let j = 1; j < edges.length; j++) mse += quadSplit((z) => (z - c[j - 1]) ** 2 * phi(z), edges[j - 1], edges[j]);
  return { thresholds: t, mse };
}

describe("optimalThresholds(levels, sigma)", () => {
  // Lloyd's iteration contracts slowly (rate ≈ 0.96 at K = 16): stopping at steps below 1e−12 leaves it
  // within ~3e−11 of its fixed point, hence 1e−9 on thresholds; at a stationary point the MSE is
  // insensitive to that to first order, hence 1e−13 on σ²·I = 1 − MSE.
  it("agrees with the Lloyd–Max quantizer: same thresholds (1e−9) and σ²·I = 1 − MSE (1e−13), K = 2, 3, 4, 5, 8, 16", () => {
    for (const k of [2, 3, 4, 5, 8, 16]) {
      const opt = optimalThresholds(k);
      const lm = lloydMax(k);
      for (let j = 0; j < k - 1; j++) expect(Math.abs(opt.thresholds[j] - lm.thresholds[j]), `K = ${k}, j = ${j}`).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(opt.fisher - (1 - lm.mse)), `K = ${k}: fisher ${opt.fisher}, 1 − MSE ${1 - lm.mse}`).toBeLessThanOrEqual(1e-13);
    }
  });
  it("reproduces math.md §3.3: 2 bits 0.8825182 at 0, ±0.9816; 3 bits 0.9654522; 4 bits 0.9904990", () => {
    const two = optimalThresholds(4);
    expect(two.fisher).toBeCloseTo(0.8825182, 7);
    expect(two.thresholds[1]).toBe(0);
    expect(two.thresholds[2]).toBeCloseTo(0.9816, 4);
    expect(optimalThresholds(8).fisher).toBeCloseTo(0.9654522, 7);
    expect(optimalThresholds(8).thresholds.slice(4).map((v) => Number(v.toFixed(4)))).toEqual([0.5005, 1.05, 1.7479]);
    expect(optimalThresholds(16).fisher).toBeCloseTo(0.990499, 6);
    expect(optimalThresholds(2)).toMatchObject({ thresholds: [0] });
    expect(optimalThresholds(2).fisher).toBeCloseTo(2 / Math.PI, 15);
  });
  it("is a local maximum: no small random perturbation of the thresholds gives more information (K = 8, 32)", () => {
    for (const k of [8, 32]) {
      const opt = optimalThresholds(k);
      let s = 12345;
      for (let trial = 0; trial < 200; trial++) {
        const perturbed = opt.thresholds.map((v) => {
          s = (s * 1103515245 + 12345) % 2147483648;
          return v + 1e-3 * (s / 2147483648 - 0.5);
        });
        expect(fisherQuantizedGaussian(perturbed)).toBeLessThanOrEqual(opt.fisher + 1e-15);
      }
    }
  });
  it("scales with σ (thresholds·σ, fisher/σ²), is symmetric, and approaches 1 as K grows (K = 256: 1 − 4.1e−5)", () => {
    const a = optimalThresholds(6);
    const b = optimalThresholds(6, 2.5);
    for (let j = 0; j < 5; j++) {
      expect(b.thresholds[j]).toBeCloseTo(2.5 * a.thresholds[j], 14);
      expect(a.thresholds[j] + a.thresholds[4 - j]).toBe(0);
    }
    expect(b.fisher).toBeCloseTo(a.fisher / 6.25, 15);
    // Panter–Dite: the Lloyd–Max MSE of N(0, 1) is ≈ (π√3/2)/K² for large K
    const big = optimalThresholds(256);
    expect(Math.abs(1 - big.fisher - (Math.PI * Math.sqrt(3)) / 2 / 256 ** 2)).toBeLessThan(0.02 * (1 - big.fisher));
  });
  it("refuses levels that are not an integer from 2 to 256, and σ ≤ 0, naming them", () => {
    for (const k of [1, 257, 2.5, NaN]) expect(() => optimalThresholds(k)).toThrow(/levels must be an integer from 2 to 256/);
    expect(() => optimalThresholds(4, 0)).toThrow(/sigma must be a finite number > 0/);
    expect(() => optimalThresholds("4" as unknown as number)).toThrow(TypeError);
  });
});
