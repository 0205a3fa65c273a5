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

describe("monteCarlo and mergeMonteCarlo: levels, merging and refusals by name", () => {
  it("a 90% interval is mean ± 1.6448536269514722·stderr (z from tables), and the variance is s² by a two-pass sum", () => {
    const values = [0.5, 2, -1, 4.25, 3];
    const r = monteCarlo({ trials: 5, seed: 9, run: (_rng, i) => values[i], confidence: 0.9 });
    const m = values.reduce((s, v) => s + v, 0) / 5;
    const s2 = values.reduce((s, v) => s + (v - m) ** 2, 0) / 4;
    expect(r.mean).toBeCloseTo(m, 14);
    expect(r.variance).toBeCloseTo(s2, 13);
    expect(r.stderr).toBeCloseTo(Math.sqrt(s2 / 5), 14);
    expect(r.confidence).toBe(0.9);
    expect(r.firstTrial).toBe(0);
    expect(r.ci[1] - r.mean).toBeCloseTo(1.6448536269514722 * r.stderr, 13);
    expect(r.mean - r.ci[0]).toBeCloseTo(1.6448536269514722 * r.stderr, 13);
  });
  it("merging keeps the pooled mean and s² of all values, one-trial batches and a later firstTrial included", () => {
    const values = [3, -2, 7.5, 1, 0.25, 6];
    const run = (_rng: Random, i: number) => values[i - 10];
    const parts = [
      monteCarlo({ trials: 1, seed: 2, run, firstTrial: 13 }),
      monteCarlo({ trials: 3, seed: 2, run, firstTrial: 10 }),
      monteCarlo({ trials: 2, seed: 2, run, firstTrial: 14 }),
    ];
    expect(parts[0].variance).toBe(0);
    const merged = mergeMonteCarlo(parts);
    const m = values.reduce((s, v) => s + v, 0) / 6;
    const s2 = values.reduce((s, v) => s + (v - m) ** 2, 0) / 5;
    expect(merged.trials).toBe(6);
    expect(merged.mean).toBeCloseTo(m, 13);
    expect(merged.variance).toBeCloseTo(s2, 12);
    expect(merged.firstTrial).toBe(10);
    expect(merged.confidence).toBe(0.95);
  });
  it("refusals name the parameter and the bad value", () => {
    const run = (rng: Random) => rng.uniform();
    expect(() => monteCarlo(null as never)).toThrow(new TypeError("options must be an object { trials, seed, run }, got null"));
    expect(() => monteCarlo(5 as never)).toThrow(new TypeError("options must be an object { trials, seed, run }, got 5"));
    expect(() => monteCarlo({ trials: 2, seed: 1, run: () => "x" as never })).toThrow(
      new TypeError('run must return a number, got "x" at trial 0'),
    );
    expect(() => monteCarlo({ trials: 3, seed: 1, run: (_r, i) => (i === 6 ? (null as never) : 1), firstTrial: 4 })).toThrow(
      new TypeError("run must return a number, got null at trial 6"),
    );
    expect(() => monteCarlo({ trials: 2, seed: 1, run, firstTrial: -1 })).toThrow(/^firstTrial must be an integer >= 0, got -1/);
    expect(() => monteCarlo({ trials: 2, seed: 1, run, confidence: 0 })).toThrow(/^confidence must be .*got 0/);
    // the largest level whose (1 + confidence)/2 is below 1 (z = Φ⁻¹(1 − 2⁻⁵³) ≈ 8.21); the next double up is refused
    const top = monteCarlo({ trials: 2, seed: 1, run, confidence: 1 - 2 ** -52 });
    expect(Math.abs((top.ci[1] - top.mean) / top.stderr - 8.2095361516013864)).toBeLessThan(1e-6);
    expect(() => monteCarlo({ trials: 2, seed: 1, run, confidence: 1 - 2 ** -53 })).toThrow(/^confidence must be a number from .* got 0.9999999999999999/);
    const a = monteCarlo({ trials: 2, seed: 1, run, confidence: 0.9 });
    const b = monteCarlo({ trials: 2, seed: 1, run, firstTrial: 2 });
    expect(() => mergeMonteCarlo([a, b])).toThrow(new RangeError("results must share one confidence level, got 0.9 and 0.95"));
    expect(() => mergeMonteCarlo("ab" as never)).toThrow(
      new RangeError('results must be a non-empty array of MonteCarloResult, got "ab"'),
    );
    expect(() => mergeMonteCarlo([])).toThrow(/got an array of length 0$/);
  });
});
