import { describe, expect, it } from "vitest";
import {
  expectedMaxOfNormals,
  fisherCap,
  fisherMonteCarlo,
  fisherTraceIndexOfMax,
  fisherTraceIndexOfMaxRandom,
  monteCarlo,
} from "../../../src/index";

const TWO_OVER_PI = 2 / Math.PI;

describe("expectedMaxOfNormals(n)", () => {
  it("matches the classical closed forms for n = 2, 3, 4, 5 (Bose and Gupta, Biometrika 46, 1959) to 1e−13", () => {
    const s = 1 / Math.sqrt(Math.PI);
    const exact: [number, number][] = [
      [2, s],
      [3, 1.5 * s],
      [4, 3 * s * (0.5 + Math.asin(1 / 3) / Math.PI)],
      [5, 1.25 * s * (1 + (6 / Math.PI) * Math.asin(1 / 3))],
    ];
    for (const [n, mu] of exact) expect(Math.abs(expectedMaxOfNormals(n) - mu), `n = ${n}`).toBeLessThanOrEqual(1e-13 * mu);
    expect(expectedMaxOfNormals(1)).toBe(0);
  });
  it("matches a Monte Carlo mean of the largest of 1024 normals within 5 SE", () => {
    const r = monteCarlo({
      trials: 3000,
      seed: 21,
      run: (rng) => {
        let m = -Infinity;
        for (let i = 0; i < 1024; i++) m = Math.max(m, rng.normal());
        return m;
      },
    });
    expect(Math.abs(r.mean - expectedMaxOfNormals(1024))).toBeLessThanOrEqual(5 * r.stderr);
  });
});

describe("fisherTraceIndexOfMax(k, d, sigma) — orthogonal projections, by quadrature", () => {
  it("matches a Monte Carlo estimate of the score scatter within 5 SE (k = 2, 4, 6; extra coordinates carry nothing)", () => {
    for (const [k, batches, perMessage] of [[2, 20, 500], [4, 20, 150], [6, 16, 60]]) {
      const n = 2 ** k;
      const d = n + 3; // three coordinates the message ignores
      const r = fisherMonteCarlo({
        d,
        makeEncoder: () => (x) => {
          let best = 0;
          for (let j = 1; j < n; j++) if (x[j] > x[best]) best = j;
          return best;
        },
        batches,
        samplesPerBatch: perMessage * n,
        seed: 100 + k,
        sigma: 1.5,
      });
      const exact = fisherTraceIndexOfMax(k, d, 1.5);
      expect(Math.abs(r.mean - exact), `k = ${k}: MC ${r.mean} ± ${r.stderr}, quadrature ${exact}`).toBeLessThanOrEqual(5 * r.stderr);
    }
  });
  it("is 2/π per bit at k = 1 (the sign of a difference of two projections) and beats it from k = 2 on", () => {
    expect(Math.abs(fisherTraceIndexOfMax(1, 2) - TWO_OVER_PI)).toBeLessThanOrEqual(1e-14);
    for (let k = 2; k <= 30; k++) expect(fisherTraceIndexOfMax(k, 2 ** k) / k).toBeGreaterThan(TWO_OVER_PI);
  });
  it("gives math.md §0's 1.056 per bit at k = 10 and 1.187 at k = 20", () => {
    expect(fisherTraceIndexOfMax(10, 1024) / 10).toBeCloseTo(1.056, 3);
    expect(fisherTraceIndexOfMax(20, 2 ** 20) / 20).toBeCloseTo(1.187, 3);
  });
  it("grows with k and stays under the cap min(d, 2 ln 2·k)/σ² for every k ≤ 30", () => {
    let previous = 0;
    for (let k = 1; k <= 30; k++) {
      const d = 2 ** k;
      const v = fisherTraceIndexOfMax(k, d, 0.7);
      expect(v).toBeGreaterThan(previous);
      expect(v).toBeLessThanOrEqual(fisherCap({ d, bits: k, sigma: 0.7 }));
      previous = v;
    }
  });
  it("refuses k outside 1 … 30, d < 2^k and σ ≤ 0, naming them", () => {
    expect(() => fisherTraceIndexOfMax(0, 4)).toThrow(/k must be an integer from 1 to 30/);
    expect(() => fisherTraceIndexOfMax(3, 7)).toThrow(/d must be an integer >= 8/);
    expect(() => fisherTraceIndexOfMax(3, 8, -1)).toThrow(/sigma/);
  });
});

describe("fisherTraceIndexOfMaxRandom(k, d, options) — random projections, by simulation", () => {
  it("beats 2/π per bit and stays under the cap (k = 4, d = 32: upper 95% limit below 2 ln 2·k)", () => {
    const r = fisherTraceIndexOfMaxRandom(4, 32, { batches: 12, seed: 3 });
    expect(r.mean - 5 * r.stderr).toBeGreaterThan(TWO_OVER_PI * 4);
    expect(r.ci[1]).toBeLessThanOrEqual(fisherCap({ d: 32, bits: 4 }));
  });
  it("allows more projections than dimensions (k = 5, d = 4) and still stays under min(d, 2 ln 2·k)", () => {
    const r = fisherTraceIndexOfMaxRandom(5, 4, { batches: 10, seed: 4 });
    expect(r.mean - 5 * r.stderr).toBeLessThanOrEqual(fisherCap({ d: 4, bits: 5 }));
  });
});
