import { describe, expect, it } from "vitest";
import {
  FISHER_PER_BIT_CAP,
  fisherCap,
  fisherCapRounds,
  fisherMatrixPerCoordinate,
  fisherMonteCarlo,
  fisherOneBit,
  fisherQuantizedGaussian,
  fisherTraceIndexOfMax,
  optimalThresholds,
} from "../../../src/index";

describe("fisherCap({ d, bits, sigma }) = min(d, 2 ln 2·B)/σ²", () => {
  it("takes the bits side below B* = d/(2 ln 2) and d above it (d = 1024: B* ≈ 738.7)", () => {
    expect(fisherCap({ d: 1024, bits: 64 })).toBeCloseTo(128 * Math.LN2, 12);
    expect(fisherCap({ d: 1024, bits: 738 })).toBeLessThan(1024);
    expect(fisherCap({ d: 1024, bits: 739 })).toBe(1024);
    expect(fisherCap({ d: 16, bits: 64, sigma: 2 })).toBe(4);
    expect(FISHER_PER_BIT_CAP).toBe(2 * Math.LN2);
  });
  it("T rounds multiply it: fisherCapRounds = T·fisherCap", () => {
    expect(fisherCapRounds({ d: 1024, bits: 64, T: 1000 })).toBeCloseTo(1000 * fisherCap({ d: 1024, bits: 64 }), 9);
  });
  it("refuses d not a positive integer, B ≤ 0, σ ≤ 0 and T not a positive integer, naming each", () => {
    expect(() => fisherCap({ d: 0, bits: 1 })).toThrow(/d must be an integer >= 1/);
    expect(() => fisherCap({ d: 2.5, bits: 1 })).toThrow(RangeError);
    expect(() => fisherCap({ d: 4, bits: 0 })).toThrow(/bits must be a finite number > 0/);
    expect(() => fisherCap({ d: 4, bits: -3 })).toThrow(/bits/);
    expect(() => fisherCap({ d: 4, bits: 1, sigma: 0 })).toThrow(/sigma/);
    expect(() => fisherCapRounds({ d: 4, bits: 1, T: 0 })).toThrow(/T must be an integer >= 1/);
    expect(() => fisherCap({ d: "4" as unknown as number, bits: 1 })).toThrow(TypeError);
    expect(() => fisherCap(null as unknown as { d: number; bits: number })).toThrow(TypeError);
  });
});

describe("every concrete B-bit scheme's Fisher trace is at or under the cap", () => {
  it("one threshold on one coordinate, at every offset t in [−6, 6] (B = 1, any d)", () => {
    for (let t = -6; t <= 6; t += 0.05) expect(fisherOneBit(t)).toBeLessThanOrEqual(fisherCap({ d: 1, bits: 1 }));
  });
  it("m one-bit coordinates out of d (B = m < d): (2/π)·m ≤ 2 ln 2·m", () => {
    for (const m of [1, 5, 50]) {
      const f = fisherMatrixPerCoordinate({ thresholds: [[0], ...Array.from({ length: m - 1 }, () => [0]), ...Array.from({ length: 100 - m }, () => [])] });
      expect(f.bits).toBe(m);
      expect(f.trace).toBeLessThanOrEqual(fisherCap({ d: 100, bits: f.bits }));
    }
  });
  it("the Fisher-optimal b-bit scalar quantizer on one coordinate, b = 1 … 8 (B = b, d = 1: cap 1/σ²)", () => {
    for (let b = 1; b <= 8; b++) {
      const { fisher } = optimalThresholds(2 ** b, 1.7);
      expect(fisher).toBeLessThanOrEqual(fisherCap({ d: 1, bits: b, sigma: 1.7 }));
    }
  });
  it("3-bit uniform quantizers on 4 of 64 coordinates (B = 12), at several offsets", () => {
    const grid = [-1.5, -1, -0.5, 0, 0.5, 1, 1.5];
    for (const theta of [0, 0.25, 0.8]) {
      const trace = 4 * fisherQuantizedGaussian(grid, { theta });
      expect(trace).toBeLessThanOrEqual(fisherCap({ d: 64, bits: 12 }));
    }
  });
  it("the index of the largest of 2^k orthogonal projections, k = 1 … 30 (closest to the cap: 1.24 vs 1.386 per bit at k = 30)", () => {
    for (let k = 1; k <= 30; k++) expect(fisherTraceIndexOfMax(k, 2 ** k)).toBeLessThanOrEqual(fisherCap({ d: 2 ** k, bits: k }));
  });
  it("a joint 2-bit quantizer of a 2-D observation (four quadrants at an offset), by simulation: estimate ≤ cap + 5 SE", () => {
    const r = fisherMonteCarlo({
      d: 2,
      makeEncoder: () => (x) => (x[0] >= 0 ? 2 : 0) + (x[1] >= 0.3 ? 1 : 0),
      batches: 20,
      samplesPerBatch: 3000,
      seed: 13,
      theta: [0.1, -0.2],
    });
    expect(r.mean - 5 * r.stderr).toBeLessThanOrEqual(fisherCap({ d: 2, bits: 2 }));
  });
  it("T rounds of one bit each: T·(2/π) ≤ fisherCapRounds (T = 10⁶)", () => {
    expect(1e6 * fisherOneBit(0)).toBeLessThanOrEqual(fisherCapRounds({ d: 10, bits: 1, T: 1e6 }));
  });
});
