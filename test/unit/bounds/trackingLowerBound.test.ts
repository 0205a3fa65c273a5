import { describe, expect, it } from "vitest";
import { trackingLowerBound } from "../../../src/bounds/index";
import { predictiveQuantizerRisk } from "../../../src/optim/index";

const Z = 4;

/** Steady state of the coding recursion D = (D + q)·2^{−2R} (random walk), iterated in the test. */
function codingFloor(q: number, R: number): number {
  let D = q;
  for (let t = 0; t < 1_000_000; t++) {
    const next = (D + q) * 2 ** (-2 * R);
    if (Math.abs(next - D) <= 1e-16 * next) return next;
    D = next;
  }
  return D;
}

describe("trackingLowerBound({ d, q, sigma, bits })", () => {
  it("math.md §4.5's worked example: P∞ = 0.031127, coding 0.002414 (R = ¼), 3.33e−4 (R = 1), 6.67e−5 (R = 2)", () => {
    const P = 0.031127;
    expect(trackingLowerBound({ d: 1, q: 1e-3, sigma: 1, bits: 0.25 })).toBeCloseTo(P + 0.002414, 6);
    expect(trackingLowerBound({ d: 8, q: 1e-3, sigma: 1, bits: 8 })).toBeCloseTo(8 * (P + 3.333e-4), 5);
    expect(trackingLowerBound({ d: 8, q: 1e-3, sigma: 1, bits: 16 })).toBeCloseTo(8 * (P + 6.667e-5), 5);
  });

  it("the coding term is the steady state of the decoder's error recursion (iterated); prediction adds d·q", () => {
    for (const [d, bits] of [[4, 1], [16, 40], [3, 30]]) {
      const q = 0.02;
      const sigma = 0.7;
      const estimation = trackingLowerBound({ d, q, sigma, bits: 1e6 }); // coding term vanishes
      const total = trackingLowerBound({ d, q, sigma, bits });
      expect(Math.abs(total - estimation - d * codingFloor(q, bits / d))).toBeLessThanOrEqual(1e-12 * total);
      expect(trackingLowerBound({ d, q, sigma, bits, prediction: true }) - total).toBeCloseTo(d * q, 12);
    }
  });

  it("the predictive quantizer's measured error stays above the bound (simulation against bound)", () => {
    for (const [bits, b] of [[4, 1], [16, 2]]) {
      const r = predictiveQuantizerRisk({ d: 8, q: 1e-3, sigma: 1, bits, bitsPerCoordinate: b, rounds: 3000, trials: 12, seed: 5 });
      // a lower bound: the measured error is never significantly below it
      expect(r.mse.mean + Z * r.mse.stderr).toBeGreaterThanOrEqual(r.bound);
      // and at 4 bits for 8 coordinates the scheme sits clearly above it (the genie's advantage)
      if (bits === 4) expect(r.mse.mean - Z * r.mse.stderr).toBeGreaterThan(1.2 * r.bound);
      expect(r.bound).toBe(trackingLowerBound({ d: 8, q: 1e-3, sigma: 1, bits }));
      expect(r.maxMeasuredBits).toBeLessThanOrEqual(bits);
    }
  });

  it("bad input names the parameter", () => {
    expect(() => trackingLowerBound({ d: 4, q: 0, sigma: 1, bits: 1 })).toThrow(/q must be a finite number > 0, got 0/);
    expect(() => trackingLowerBound({ d: 4, q: 1, sigma: -1, bits: 1 })).toThrow(/sigma/);
    expect(() => trackingLowerBound({ d: 4, q: 1, sigma: 1, bits: 0 })).toThrow(/bits/);
    expect(() => trackingLowerBound({ d: 1.5, q: 1, sigma: 1, bits: 1 })).toThrow(/d must be an integer >= 1/);
    expect(() => trackingLowerBound({ d: 1, q: 1, sigma: 1, bits: 1, prediction: "yes" as never })).toThrow(TypeError);
  });
});
