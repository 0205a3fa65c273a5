import { describe, expect, it } from "vitest";
import { createRandom, mergeMonteCarlo, monteCarlo } from "../../../src/numeric/index";
import type { Random } from "../../../src/numeric/index";

const uniform = (rng: Random): number => rng.uniform();

describe("monteCarlo({ trials, seed, run })", () => {
  it("estimates E U = ½ within 5 standard errors, with SE near the exact √(1/12/n)", () => {
    const n = 20000;
    const r = monteCarlo({ trials: n, seed: 11, run: uniform });
    const exactSE = Math.sqrt(1 / 12 / n);
    expect(Math.abs(r.mean - 0.5)).toBeLessThanOrEqual(5 * exactSE);
    // the sample SD of n = 20000 uniforms is within 2% of its true value (SE of s²/σ² is √(0.8/n) ≈ 0.6%)
    expect(Math.abs(r.stderr / exactSE - 1)).toBeLessThan(0.02);
    expect(r.trials).toBe(n);
    expect(r.ci[0]).toBeCloseTo(r.mean - 1.959963984540054 * r.stderr, 14);
    expect(r.ci[1]).toBeCloseTo(r.mean + 1.959963984540054 * r.stderr, 14);
  });
  it("gives trial i the stream createRandom(seed, i)", () => {
    const seen: number[] = [];
    monteCarlo({ trials: 5, seed: 3, run: (rng, i) => (seen[i] = rng.uniform()) });
    for (let i = 0; i < 5; i++) expect(seen[i]).toBe(createRandom(3, i).uniform());
  });
  it("does not depend on batching or order: batches run in reverse order and merged equal one run", () => {
    const run = (rng: Random): number => rng.normal() ** 2 + rng.uniform();
    const whole = monteCarlo({ trials: 3000, seed: 5, run });
    const batches = [2000, 1000, 0].map((firstTrial) => monteCarlo({ trials: 1000, seed: 5, run, firstTrial }));
    const merged = mergeMonteCarlo(batches);
    expect(merged.trials).toBe(3000);
    expect(Math.abs(merged.mean - whole.mean)).toBeLessThanOrEqual(1e-14 * Math.abs(whole.mean));
    expect(Math.abs(merged.stderr - whole.stderr)).toBeLessThanOrEqual(1e-12 * whole.stderr);
    expect(merged.firstTrial).toBe(0);
  });
  it("its 95% intervals cover the true mean about 95% of the time (400 experiments of 60 trials; binomial 5 SE)", () => {
    let covered = 0;
    const experiments = 400;
    for (let e = 0; e < experiments; e++) {
      const r = monteCarlo({ trials: 60, seed: 1000 + e, run: (rng) => rng.normal() });
      if (r.ci[0] <= 0 && 0 <= r.ci[1]) covered++;
    }
    // normal-approximation intervals with an estimated SD undercover slightly at n = 60 (t-quantile 2.00
    // vs 1.96: true coverage ≈ 0.945)
    const rate = covered / experiments;
    expect(Math.abs(rate - 0.945)).toBeLessThanOrEqual(5 * Math.sqrt((0.945 * 0.055) / experiments));
  });
  it("has stderr 0 for one trial and lets NaN flow through", () => {
    expect(monteCarlo({ trials: 1, seed: 1, run: () => 2 }).stderr).toBe(0);
    expect(monteCarlo({ trials: 3, seed: 1, run: (_r, i) => (i === 1 ? NaN : 1) }).mean).toBeNaN();
  });
  it("refuses bad trials, seed, run and confidence, naming them", () => {
    expect(() => monteCarlo({ trials: 0, seed: 1, run: uniform })).toThrow(/trials must be an integer >= 1/);
    expect(() => monteCarlo({ trials: 2.5, seed: 1, run: uniform })).toThrow(RangeError);
    expect(() => monteCarlo({ trials: 2, seed: 0.5, run: uniform })).toThrow(/seed/);
    expect(() => monteCarlo({ trials: 2, seed: 1, run: 3 as unknown as () => number })).toThrow(/run must be a function/);
    expect(() => monteCarlo({ trials: 2, seed: 1, run: uniform, confidence: 1 })).toThrow(/confidence/);
    expect(() => monteCarlo({ trials: 2, seed: 1, run: () => "x" as unknown as number })).toThrow(/run must return a number/);
    expect(() => mergeMonteCarlo([])).toThrow(/results must be a non-empty array/);
  });
});
