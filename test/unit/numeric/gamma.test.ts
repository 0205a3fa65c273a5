import { describe, expect, it } from "vitest";
import { createRandom, fillGamma, fillLaplace, studentTVariance } from "../../../src/numeric/index";

// Each distribution function below is written from its closed form, not from the sampler:
// Gamma(1) is the standard exponential, 1 − e^(−x); Gamma(2): 1 − e^(−x)(1 + x); Gamma(½) is χ²₁/2, so
// P(X ≤ x) = P(|Z| ≤ √(2x)) = erf(√x), with erf by its Maclaurin series (enough terms for x ≤ 4).
function erf(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 80; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const laws: [number, (x: number) => number, number[]][] = [
  [1, (x) => 1 - Math.exp(-x), [0.05, 0.5, 1, 2, 4, 8]],
  [2, (x) => 1 - Math.exp(-x) * (1 + x), [0.2, 1, 2, 4, 8, 12]],
  [0.5, (x) => erf(Math.sqrt(x)), [0.001, 0.05, 0.5, 1, 2, 4]],
];

describe("fillGamma(out, shape, rng): Marsaglia and Tsang's Gamma(shape, 1)", () => {
  it.each(laws)("shape %d: the distribution function at six points within 5 standard errors (200,000 draws)", (shape, cdf, points) => {
    const n = 200_000;
    const x = fillGamma(new Float64Array(n), shape, createRandom(41, shape * 10));
    let sum = 0;
    for (const v of x) sum += v;
    expect(Math.abs(sum / n - shape)).toBeLessThanOrEqual(5 * Math.sqrt(shape / n)); // mean k, variance k
    for (const p of points) {
      let below = 0;
      for (const v of x) if (v <= p) below++;
      const want = cdf(p);
      const se = Math.sqrt((want * (1 - want)) / n);
      expect(Math.abs(below / n - want), `P(X ≤ ${p}) = ${below / n}, exact ${want}`).toBeLessThanOrEqual(5 * se);
    }
  });

  it("returns out, is reproducible, and refuses bad arguments by name", () => {
    const a = new Float64Array(16);
    expect(fillGamma(a, 3, createRandom(2))).toBe(a);
    expect(Array.from(fillGamma(new Float64Array(16), 3, createRandom(2)))).toEqual(Array.from(a));
    for (const shape of [0, -1, NaN, Infinity]) expect(() => fillGamma(new Float64Array(1), shape, createRandom(1))).toThrow(/^shape must be/);
    expect(() => fillGamma([0] as unknown as Float64Array, 1, createRandom(1))).toThrow(/^out must be a Float64Array/);
    expect(() => fillGamma(new Float64Array(1), 1, {} as never)).toThrow(/^rng must be a Random/);
  });

  it("draws exactly one deviate per element: two calls of n continue the stream as one call of 2n", () => {
    for (const shape of [0.5, 1, 2.5]) {
      const whole = fillGamma(new Float64Array(10), shape, createRandom(8));
      const rng = createRandom(8);
      const first = fillGamma(new Float64Array(5), shape, rng);
      const second = fillGamma(new Float64Array(5), shape, rng);
      expect([...first, ...second]).toEqual(Array.from(whole));
    }
  });
});

describe("the samplers' argument checks", () => {
  it("refuse null, a plain object and a function carrying uniform and normal as rng, by name", () => {
    const impostor = Object.assign(() => 0, { uniform: () => 0.5, normal: () => 0 });
    for (const rng of [null, {}, impostor]) {
      expect(() => fillLaplace(new Float64Array(1), 1, rng as never)).toThrow(TypeError);
      expect(() => fillLaplace(new Float64Array(1), 1, rng as never)).toThrow(/^rng must be a Random/);
    }
  });

  it("studentTVariance names nu when it refuses it", () => {
    expect(() => studentTVariance(0)).toThrow(/^nu must be/);
  });
});
