import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fisherMonteCarlo, fisherOneBit, fisherQuantizedGaussian, quantizedGaussianCells } from "../../../src/index";
import { fisherByQuadrature } from "./quadratureFisher";

// References: the definition integrated numerically (quadratureFisher.ts: cell probabilities and
// first moments of the density, 1e−13 relative), and Monte Carlo through fisherMonteCarlo (5 SE).
// Closed form vs quadrature: 1e−11 relative (cell sums lose a few digits to cancellation in narrow cells).
const REL = 1e-11;

function expectRel(actual: number, expected: number, rel = REL): void {
  expect(Math.abs(actual - expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe("fisherOneBit(t, sigma)", () => {
  it("is 2/π at t = 0 (the definition integrated: p = ½, E[S | Y] = ±√(2/π))", () => {
    expectRel(fisherOneBit(0), fisherByQuadrature([0]));
    expectRel(fisherOneBit(0), 2 / Math.PI, 1e-15);
  });
  it("matches quadrature and math.md §3.2 at t = 0.5, 1, 2 (0.580992, 0.438629, 0.131115)", () => {
    const printed: [number, number][] = [[0.5, 0.580992], [1, 0.438629], [2, 0.131115]];
    for (const [t, value] of printed) {
      expectRel(fisherOneBit(t), fisherByQuadrature([t]));
      expect(Math.abs(fisherOneBit(t) - value)).toBeLessThanOrEqual(5e-7); // six printed decimals
    }
  });
  it("is even in t, scales as 1/σ², and stays accurate far out (t = 12, 30 against quadrature) where φ² underflows at t = 30", () => {
    for (const t of [0.3, 1.7, 5]) expect(fisherOneBit(-t)).toBe(fisherOneBit(t));
    expectRel(fisherOneBit(1, 2), fisherOneBit(1) / 4, 1e-15);
    expectRel(fisherOneBit(12), fisherByQuadrature([12]), 1e-10);
    expectRel(fisherOneBit(30), fisherByQuadrature([30]), 1e-10);
    expect(fisherOneBit(39)).toBe(0);
  });
});

describe("fisherQuantizedGaussian(thresholds, { theta, sigma })", () => {
  it("matches the definition by quadrature for assorted quantizers, means and scales", () => {
    const cases: [number[], number, number][] = [
      [[0], 0, 1],
      [[-0.9816, 0, 0.9816], 0, 1],
      [[-2, -0.5, 0.1, 0.4, 3], 0.3, 1.7],
      [[1, 2, 3, 4, 5, 6], -0.5, 0.8],
      [[-1e-3, 1e-3], 0, 1], // a narrow middle cell
      [[8, 9, 10], 0, 1], // every threshold deep in the upper tail
      [[-12, -11], 0, 1], // and in the lower tail
    ];
    for (const [t, theta, sigma] of cases) {
      expectRel(fisherQuantizedGaussian(t, { theta, sigma }), fisherByQuadrature(t, theta, sigma), t[0] === -1e-3 ? 1e-9 : REL);
    }
  });
  it("agrees with a property sweep of random increasing thresholds (fast-check, 60 runs) to 1e−9", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 1, maxLength: 7 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        (raw, theta, sigma) => {
          const t = [...new Set(raw)].sort((x, y) => x - y);
          if (t.some((v, i) => i > 0 && v - t[i - 1] < 1e-3)) return; // keep cells resolvable by the quadrature
          const closed = fisherQuantizedGaussian(t, { theta, sigma });
          expect(Math.abs(closed - fisherByQuadrature(t, theta, sigma))).toBeLessThanOrEqual(1e-9 * closed + 1e-300);
          expect(closed).toBeLessThanOrEqual(1 / (sigma * sigma)); // data processing: below the unquantized 1/σ²
        },
      ),
      { seed: 42, numRuns: 60 },
    );
  });
  it("gives math.md's uniform-threshold values (2 bits step 1: 0.88245; 3 bits step 0.6: 0.96370, step 0.5: 0.96224)", () => {
    const uniform = (levels: number, step: number): number[] => Array.from({ length: levels - 1 }, (_, j) => (j - (levels - 2) / 2) * step);
    expect(fisherQuantizedGaussian(uniform(4, 1))).toBeCloseTo(0.88245, 5);
    expect(fisherQuantizedGaussian(uniform(8, 0.6))).toBeCloseTo(0.9637, 5);
    expect(fisherQuantizedGaussian(uniform(8, 0.5))).toBeCloseTo(0.96224, 5);
  });
  it("matches a Monte Carlo estimate of the score's conditional-mean scatter within 5 SE (4 levels, θ = 0.4, σ = 1.5)", () => {
    const t = [-1, 0.2, 1.3];
    const r = fisherMonteCarlo({
      d: 1,
      makeEncoder: () => (x) => t.filter((v) => x[0] >= v).length,
      batches: 20,
      samplesPerBatch: 4000,
      seed: 7,
      theta: 0.4,
      sigma: 1.5,
    });
    const closed = fisherQuantizedGaussian(t, { theta: 0.4, sigma: 1.5 });
    expect(Math.abs(r.mean - closed), `MC ${r.mean} ± ${r.stderr}, closed ${closed}`).toBeLessThanOrEqual(5 * r.stderr);
  });
  it("is 0 with no thresholds (one cell) and equals fisherOneBit for one threshold", () => {
    expect(fisherQuantizedGaussian([])).toBe(0);
    expectRel(fisherQuantizedGaussian([1.3], { theta: 0.3, sigma: 2 }), fisherOneBit(0.5, 2), 1e-14);
  });
});

describe("quantizedGaussianCells(thresholds, options)", () => {
  it("has probabilities summing to 1, score means whose p-weighted sum is 0 (E S = 0), and the same fisher", () => {
    const t = [-1.5, -0.2, 0.7, 2];
    const c = quantizedGaussianCells(t, { theta: 0.1, sigma: 1.2 });
    expect(c.probabilities.length).toBe(5);
    expect(Math.abs(c.probabilities.reduce((s, p) => s + p, 0) - 1)).toBeLessThanOrEqual(4e-16);
    let mean = 0;
    for (let j = 0; j < 5; j++) mean += c.probabilities[j] * c.scoreMeans[j];
    expect(Math.abs(mean)).toBeLessThanOrEqual(1e-15);
    expectRel(c.fisher, fisherByQuadrature(t, 0.1, 1.2));
  });
});

describe("bad input", () => {
  it("refuses thresholds that are not strictly increasing or not finite, naming thresholds", () => {
    expect(() => fisherQuantizedGaussian([0, 0])).toThrow(RangeError);
    expect(() => fisherQuantizedGaussian([1, 0])).toThrow(/thresholds must be strictly increasing/);
    expect(() => fisherQuantizedGaussian([0, Infinity])).toThrow(/thresholds\[1\] must be a finite number/);
    expect(() => fisherQuantizedGaussian([0, NaN])).toThrow(/thresholds\[1\]/);
    expect(() => fisherQuantizedGaussian("0" as unknown as number[])).toThrow(TypeError);
  });
  it("refuses σ ≤ 0 and a non-finite θ, naming them", () => {
    expect(() => fisherQuantizedGaussian([0], { sigma: 0 })).toThrow(/sigma must be a finite number > 0/);
    expect(() => fisherQuantizedGaussian([0], { sigma: -1 })).toThrow(RangeError);
    expect(() => fisherQuantizedGaussian([0], { theta: NaN })).toThrow(/theta must be a finite number/);
    expect(() => fisherOneBit(0, 0)).toThrow(/sigma/);
    expect(() => fisherOneBit("0" as unknown as number)).toThrow(TypeError);
  });
});
