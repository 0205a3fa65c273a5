import { describe, expect, it } from "vitest";
import { predictiveQuantizerRisk, steadyStateKalmanVariance } from "../../../src/optim/index";

const Z = 4;

describe("predictiveQuantizerRisk", () => {
  it("with many bits per coordinate its error approaches the Kalman filter's d·P∞ (simulation against the Riccati fixed point)", () => {
    const d = 8;
    const r = predictiveQuantizerRisk({ d, q: 1e-3, sigma: 1, bits: 64, rounds: 3000, trials: 12, seed: 9 });
    expect(r.bitsPerCoordinate).toBe(8);
    expect(r.k).toBe(8);
    // 8 bits on ±4 predicted deviations: dither noise Δ²/12 = (8/256)²/12 ≈ 8e−5 of the innovation variance,
    // which raises the steady state by well under 1%; the margin is 1%
    const P = d * steadyStateKalmanVariance(1e-3, 1);
    expect(Math.abs(r.mse.mean - P)).toBeLessThanOrEqual(Z * r.mse.stderr + 0.01 * P);
    expect(r.perRound.length).toBe(3000);
    expect(r.maxMeasuredBits).toBe(64);
  });

  it("at 2 bits per coordinate the decoder's own variance bookkeeping (with the dither's Δ²/12) matches the measured error", () => {
    // on ±3 predicted deviations the innovation leaves the range with probability about 1%, so the
    // dither model holds up to that clipping: 4 SE + 2% (a gain that forgot the dither's Δ²/12 would
    // claim 8% less than it measures)
    const r = predictiveQuantizerRisk({ d: 8, q: 1e-3, sigma: 1, bits: 16, bitsPerCoordinate: 2, rounds: 3000, trials: 48, seed: 10 });
    expect(Math.abs(r.mse.mean - r.predictedMse)).toBeLessThanOrEqual(Z * r.mse.stderr + 0.02 * r.predictedMse);
  });

  it("bad input names the parameter", () => {
    const ok = { d: 4, q: 1e-3, sigma: 1, bits: 4, rounds: 10, trials: 2, seed: 1 };
    expect(() => predictiveQuantizerRisk({ ...ok, q: 0 })).toThrow(/q/);
    expect(() => predictiveQuantizerRisk({ ...ok, bits: 0 })).toThrow(/bits/);
    expect(() => predictiveQuantizerRisk({ ...ok, bitsPerCoordinate: 5 })).toThrow(/bitsPerCoordinate/);
    expect(() => predictiveQuantizerRisk({ ...ok, burnIn: 10 })).toThrow(/burnIn/);
    expect(() => predictiveQuantizerRisk({ ...ok, rangeInDeviations: 0 })).toThrow(/rangeInDeviations/);
  });
});
