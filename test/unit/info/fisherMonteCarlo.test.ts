import { describe, expect, it } from "vitest";
import { fisherMonteCarlo, fisherOneBit, integrate } from "../../../src/index";
import { phi } from "./quadratureFisher";

const oneBit = () => (x: Float64Array): number => (x[0] >= 0 ? 1 : 0);

describe("fisherMonteCarlo(options)", () => {
  it("estimates one bit at an offset threshold within 5 SE of φ(t)²/(σ²Φ(t)(1 − Φ(t))) (θ = 0.7, σ = 1.3)", () => {
    const r = fisherMonteCarlo({ d: 1, makeEncoder: oneBit, batches: 20, samplesPerBatch: 4000, seed: 2, theta: 0.7, sigma: 1.3 });
    const exact = fisherOneBit(-0.7 / 1.3, 1.3);
    expect(Math.abs(r.mean - exact), `MC ${r.mean} ± ${r.stderr}, exact ${exact}`).toBeLessThanOrEqual(5 * r.stderr);
    expect(r.messagesPerBatch).toBe(2);
    expect(r.singletonFraction).toBe(0);
  });
  it("handles a randomized encoder (dithered sign Y = 1{X + U ≥ 0}, U uniform on [−1, 1]) against quadrature", () => {
    // P(Y = 1) = ½∫_{−1}^{1} Φ((θ + u)/σ) du, dP/dθ = (Φ((θ + 1)/σ) − Φ((θ − 1)/σ))/2; Fisher = (dP/dθ)²/(P(1 − P))
    const theta = 0.3;
    const sigma = 0.8;
    const cdf = (x: number): number => integrate(phi, -Infinity, x).value;
    const p = 0.5 * integrate((u) => cdf((theta + u) / sigma), -1, 1).value;
    const dp = (cdf((theta + 1) / sigma) - cdf((theta - 1) / sigma)) / 2;
    const exact = (dp * dp) / (p * (1 - p));
    const r = fisherMonteCarlo({
      d: 1,
      makeEncoder: () => (x, rng) => (x[0] + (2 * rng.uniform() - 1) >= 0 ? 1 : 0),
      batches: 20,
      samplesPerBatch: 4000,
      seed: 5,
      theta,
      sigma,
    });
    expect(Math.abs(r.mean - exact), `MC ${r.mean} ± ${r.stderr}, quadrature ${exact}`).toBeLessThanOrEqual(5 * r.stderr);
  });
  it("gives uᵀIu along a direction: a sign of coordinate 0 in d = 2 carries 2/π along e₀, 0 along e₁, 1/π along (e₀ + e₁)/√2", () => {
    const run = (direction: number[]) =>
      fisherMonteCarlo({ d: 2, makeEncoder: () => (x) => (x[0] >= 0 ? 1 : 0), batches: 20, samplesPerBatch: 4000, seed: 9, direction });
    for (const [u, exact] of [[[1, 0], 2 / Math.PI], [[0, 3], 0], [[1, 1], 1 / Math.PI]] as [number[], number][]) {
      const r = run(u);
      expect(Math.abs(r.mean - exact), `u = ${u}: ${r.mean} ± ${r.stderr}`).toBeLessThanOrEqual(5 * r.stderr);
    }
  });
  it("sees no information in a message that ignores X (the pair statistic is unbiased: 0 within 5 SE)", () => {
    const r = fisherMonteCarlo({ d: 3, makeEncoder: () => (_x, rng) => rng.integer(4), batches: 20, samplesPerBatch: 2000, seed: 4 });
    expect(Math.abs(r.mean)).toBeLessThanOrEqual(5 * r.stderr);
  });
  it("is reproducible and reports singletons when messages are too many for the batch", () => {
    const opts = { d: 1, makeEncoder: oneBit, batches: 4, samplesPerBatch: 100, seed: 8 };
    expect(fisherMonteCarlo(opts).mean).toBe(fisherMonteCarlo(opts).mean);
    const fine = fisherMonteCarlo({ d: 1, makeEncoder: () => (x) => Math.floor(x[0] * 1000), batches: 2, samplesPerBatch: 50, seed: 1 });
    expect(fine.singletonFraction).toBeGreaterThan(0.5);
  });
  it("refuses bad d, batches, samplesPerBatch, sigma, theta, direction and encoders, naming them", () => {
    const base = { d: 1, makeEncoder: oneBit, batches: 2, samplesPerBatch: 10, seed: 1 };
    expect(() => fisherMonteCarlo({ ...base, d: 0 })).toThrow(/d must be an integer >= 1/);
    expect(() => fisherMonteCarlo({ ...base, batches: 1 })).toThrow(/batches/);
    expect(() => fisherMonteCarlo({ ...base, samplesPerBatch: 1 })).toThrow(/samplesPerBatch/);
    expect(() => fisherMonteCarlo({ ...base, sigma: 0 })).toThrow(/sigma/);
    expect(() => fisherMonteCarlo({ ...base, theta: [1, 2] })).toThrow(/theta must have length d = 1/);
    expect(() => fisherMonteCarlo({ ...base, direction: [0] })).toThrow(/direction must be a finite, non-zero vector/);
    expect(() => fisherMonteCarlo({ ...base, makeEncoder: () => () => ({}) as unknown as number })).toThrow(/must return a number or a string/);
    expect(() => fisherMonteCarlo({ ...base, makeEncoder: 5 as unknown as () => () => number })).toThrow(TypeError);
  });
});
