import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { bracket, formatInfo, quantize, representableValues } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import {
  additiveNoise,
  additiveNoiseVariance,
  meanInverseSquareSignificand,
  multiplicativeNoise,
  multiplicativeNoiseVariance,
  relativeErrorBound,
  stochasticRoundingVariance,
} from "../../../src/formats/errorModels";

const Z = 5; // Monte Carlo tolerance in standard errors

/** Sample mean and its standard error. */
function meanAndSe(values: Float64Array): { mean: number; se: number } {
  let s = 0;
  let s2 = 0;
  for (const v of values) {
    s += v;
    s2 += v * v;
  }
  const n = values.length;
  const mean = s / n;
  return { mean, se: Math.sqrt(Math.max(0, s2 / n - mean * mean) / n) };
}

/** |x| = 2^t with t uniform on [a, b) (integers): log-uniform significands; random signs. */
function logUniform(n: number, a: number, b: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = (rng.uniform() < 0.5 ? -1 : 1) * 2 ** (a + (b - a) * rng.uniform());
  return x;
}

const floats: FormatName[] = ["fp32", "fp16", "bf16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1"];

describe("relativeErrorBound(m, rounding)", () => {
  it("is 2^−(m+1) nearest, 2^−m toward zero and stochastic (math.md §8.1 values)", () => {
    expect(relativeErrorBound(7)).toBe(0.00390625);
    expect(relativeErrorBound(7, "toward-zero")).toBe(0.0078125);
    expect(relativeErrorBound(3, "nearest-even")).toBe(0.0625);
    expect(relativeErrorBound(3, "stochastic")).toBe(0.125);
    for (const f of floats) expect(relativeErrorBound(formatInfo(f).mantissaBits)).toBe(formatInfo(f).unitRoundoff);
  });

  it.each(floats)("%s: no rounding of a normal-range value exceeds it (20,000 log-uniform values)", (f) => {
    const info = formatInfo(f);
    const m = info.mantissaBits;
    const lo = Math.log2(info.minNormal);
    const hi = Math.floor(Math.log2(info.maxFinite)); // stay below max: no overflow
    const x = logUniform(20_000, lo, hi, 7);
    const rng = createRandom(8);
    let worstNearest = 0;
    let worstTruncated = 0;
    let worstStochastic = 0;
    for (const v of x) {
      worstNearest = Math.max(worstNearest, Math.abs(quantize(f, v) - v) / Math.abs(v));
      worstTruncated = Math.max(worstTruncated, Math.abs(quantize(f, v, { rounding: "toward-zero" }) - v) / Math.abs(v));
      const sr = quantize(f, v, { rounding: "stochastic", random: rng.uniform });
      worstStochastic = Math.max(worstStochastic, Math.abs(sr - v) / Math.abs(v));
    }
    expect(worstNearest).toBeLessThanOrEqual(relativeErrorBound(m, "nearest-even"));
    expect(worstTruncated).toBeLessThan(relativeErrorBound(m, "toward-zero"));
    expect(worstStochastic).toBeLessThan(relativeErrorBound(m, "stochastic"));
    // and it is not loose: the sample comes within a factor 2 of it (for m ≤ 10 the sample is dense enough)
    if (m <= 10) expect(worstNearest).toBeGreaterThan(0.5 * relativeErrorBound(m));
  });

  it("is attained in the limit at midpoints above powers of two, by exhaustive walk of small formats", () => {
    for (const f of ["e4m3", "e5m2", "e2m1", "e3m2", "e2m3"] as FormatName[]) {
      const info = formatInfo(f);
      const grid = representableValues(f).filter((v) => v >= info.minNormal);
      let worst = 0;
      for (let i = 0; i + 1 < grid.length; i++) {
        const mid = (grid[i] + grid[i + 1]) / 2; // a tie: the largest possible error of nearest-even
        worst = Math.max(worst, Math.abs(quantize(f, mid) - mid) / mid);
      }
      const u = relativeErrorBound(info.mantissaBits);
      expect(worst).toBeLessThanOrEqual(u);
      expect(worst).toBeCloseTo(u / (1 + u), 15);
    }
  });

  it("rejects bad arguments, naming them", () => {
    expect(() => relativeErrorBound(-1)).toThrow(/mantissaBits/);
    expect(() => relativeErrorBound(2.5)).toThrow(RangeError);
    expect(() => relativeErrorBound(3, "nearest" as never)).toThrow(/rounding/);
  });
});

describe("stochasticRoundingVariance(x, lower, upper)", () => {
  it("matches the variance of quantize(·, stochastic) within 5 SE", () => {
    const cases: Array<[FormatName, number]> = [["e4m3", 0.3], ["bf16", 1.00390625 * 3.3], ["e2m1", 2.4], ["int8", 5.7]];
    for (const [f, x] of cases) {
      const { lower, upper } = bracket(f, x);
      const rng = createRandom(21);
      const sq = new Float64Array(200_000);
      for (let i = 0; i < sq.length; i++) sq[i] = (quantize(f, x, { rounding: "stochastic", random: rng.uniform }) - x) ** 2;
      const { mean, se } = meanAndSe(sq);
      const v = stochasticRoundingVariance(x, lower, upper);
      expect(Math.abs(mean - v), `${f} at ${x}: ${mean} vs ${v}`).toBeLessThanOrEqual(Z * se);
    }
  });
  it("is 0 on the grid, (h − ℓ)²/4 at the midpoint, NaN for NaN", () => {
    expect(stochasticRoundingVariance(2, 2, 3)).toBe(0);
    expect(stochasticRoundingVariance(2.5, 2, 3)).toBe(0.25);
    expect(stochasticRoundingVariance(NaN, 2, 3)).toBeNaN();
  });
  it("rejects x outside [lower, upper] and upper < lower, naming them", () => {
    expect(() => stochasticRoundingVariance(4, 2, 3)).toThrow(/x must lie/);
    expect(() => stochasticRoundingVariance(2, 3, 2)).toThrow(/upper/);
    expect(() => stochasticRoundingVariance(2, -Infinity, 3)).toThrow(/lower/);
    expect(() => stochasticRoundingVariance(2, 3, 2)).toThrow("upper must be >= lower = 3, got 2");
    expect(() => stochasticRoundingVariance(4, 2, 3)).toThrow("x must lie in [lower, upper] = [2, 3], got 4");
    expect(() => stochasticRoundingVariance(1.5, 2, 3)).toThrow(RangeError);
  });
  it("accepts the closed interval: x at either end, and lower = upper (a representable x, as bracket returns it)", () => {
    // a neighbour is picked with probability 1 there: no spread
    expect(stochasticRoundingVariance(3, 2, 3)).toBe(0);
    expect(stochasticRoundingVariance(2, 2, 3)).toBe(0);
    const { lower, upper } = bracket("e4m3", 0.3125);
    expect(lower).toBe(upper);
    expect(stochasticRoundingVariance(0.3125, lower, upper)).toBe(0);
  });
});

describe("additive model: additiveNoiseVariance and additiveNoise", () => {
  it("Δ²/12 and Δ²/6", () => {
    expect(additiveNoiseVariance(1)).toBeCloseTo(1 / 12, 15);
    expect(additiveNoiseVariance(0.5, "stochastic")).toBeCloseTo(0.25 / 6, 15);
  });

  it("an int8-like grid of step Δ = 2^−6: SR error² averages Δ²/6 and RNE error² Δ²/12 on spread-out values", () => {
    const step = 2 ** -6; // MXINT8 element step (math.md §6.1)
    const n = 200_000;
    const rng = createRandom(31);
    const sr = new Float64Array(n);
    const rne = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = (rng.uniform() * 2 - 1) * 1.9; // inside the int8 range ±127/64, spread over many cells
      const k = x / step; // exact: step is a power of two
      sr[i] = (quantize("int8", k, { rounding: "stochastic", random: rng.uniform }) * step - x) ** 2;
      rne[i] = (quantize("int8", k) * step - x) ** 2;
    }
    const a = meanAndSe(sr);
    const b = meanAndSe(rne);
    expect(Math.abs(a.mean - additiveNoiseVariance(step, "stochastic"))).toBeLessThanOrEqual(Z * a.se);
    expect(Math.abs(b.mean - additiveNoiseVariance(step, "dither"))).toBeLessThanOrEqual(Z * b.se);
  });

  it("additiveNoise adds zero-mean noise of variance Δ²/12 bounded by Δ/2, whatever x", () => {
    const n = 100_000;
    const x = createRandom(32).fillNormal(new Float64Array(n)).map((v) => 1000 * v);
    const y = additiveNoise(x, 0.5, createRandom(33));
    const noise = y.map((v, i) => v - x[i]);
    expect(noise.every((e) => Math.abs(e) <= 0.25 + 1e-9)).toBe(true);
    const m = meanAndSe(noise);
    expect(Math.abs(m.mean)).toBeLessThanOrEqual(Z * m.se);
    const q = meanAndSe(noise.map((e) => e * e));
    expect(Math.abs(q.mean - additiveNoiseVariance(0.5))).toBeLessThanOrEqual(Z * q.se + 1e-9);
  });

  it("rejects a bad step, model, x, rng or out", () => {
    expect(() => additiveNoiseVariance(0)).toThrow(/step/);
    expect(() => additiveNoiseVariance(1, "uniform" as never)).toThrow(/model/);
    expect(() => additiveNoise("x" as never, 1, createRandom(1))).toThrow(TypeError);
    expect(() => additiveNoise([1, 2], 1, Math.random as never)).toThrow(/rng/);
    expect(() => additiveNoise([1, 2], 1, createRandom(1), new Float64Array(3))).toThrow("out.length must equal x.length = 2, got 3");
    expect(() => additiveNoise([1, 2], 1, createRandom(1), new Float32Array(2) as never)).toThrow(TypeError);
    expect(() => additiveNoise([1, 2], 1, createRandom(1), new Float32Array(2) as never)).toThrow(/^out must be a Float64Array, got /);
    expect(() => additiveNoise([1, 2], 1, {} as never)).toThrow(/^rng must be a Random \(createRandom\(seed, stream\)\), got /);
  });
});

describe("multiplicative model: multiplicativeNoiseVariance and multiplicativeNoise", () => {
  it("E[1/s²] = 3/(8 ln 2) matches numerical integration of the log-uniform density", () => {
    const N = 100_000;
    let integral = 0; // midpoint rule for ∫₁² s^−3 ds / ln 2
    for (let i = 0; i < N; i++) integral += (1 + (i + 0.5) / N) ** -3 / N;
    expect(meanInverseSquareSignificand).toBeCloseTo(integral / Math.LN2, 9);
    expect(multiplicativeNoiseVariance(7)).toBeCloseTo((meanInverseSquareSignificand * 2 ** -14) / 12, 20);
    expect(multiplicativeNoiseVariance(3, "stochastic")).toBeCloseTo((meanInverseSquareSignificand * 2 ** -6) / 6, 18);
  });

  it.each([["bf16", -20, 20], ["e4m3", -6, 8]] as Array<[FormatName, number, number]>)(
    "stochastic rounding of log-uniform values to %s: E[δ²] matches multiplicativeNoiseVariance(m, stochastic) within 5 SE",
    (f, a, b) => {
      const m = formatInfo(f).mantissaBits;
      const x = logUniform(200_000, a, b, 41);
      const rng = createRandom(42);
      const d2 = x.map((v) => ((quantize(f, v, { rounding: "stochastic", random: rng.uniform }) - v) / v) ** 2);
      const { mean, se } = meanAndSe(d2);
      const model = multiplicativeNoiseVariance(m, "stochastic");
      expect(Math.abs(mean - model), `${f}: ${mean} vs ${model}, 5 SE = ${Z * se}`).toBeLessThanOrEqual(Z * se);
    },
  );

  it("the cell-uniform approximation is within 2^−m·2% of the exact log-uniform integral (closed form per cell)", () => {
    for (const m of [3, 7]) {
      const step = 2 ** -m;
      let exact = 0; // Σ over cells [ℓ, h] of ∫ (x − ℓ)(h − x)/x² · dx/(x ln 2)
      for (let k = 0; k < 2 ** m; k++) {
        const l = 1 + k * step;
        const h = l + step;
        const F = (x: number) => -Math.log(x) - (l + h) / x + (l * h) / (2 * x * x);
        exact += (F(h) - F(l)) / Math.LN2;
      }
      const model = multiplicativeNoiseVariance(m, "stochastic");
      expect(Math.abs(model / exact - 1)).toBeLessThan(0.02 * step);
    }
  });

  it("round-to-nearest on log-uniform bf16 values: E[δ²] matches the dither model within 5 SE", () => {
    const x = logUniform(200_000, -20, 20, 43);
    const d2 = x.map((v) => ((quantize("bf16", v) - v) / v) ** 2);
    const { mean, se } = meanAndSe(d2);
    expect(Math.abs(mean - multiplicativeNoiseVariance(7, "dither"))).toBeLessThanOrEqual(Z * se);
  });

  it("multiplicativeNoise: δ has mean 0, |δ| ≤ 2^−(m+1), and E[δ²] = the dither variance on log-uniform x", () => {
    for (const m of [3, 7]) {
      const x = logUniform(200_000, -30, 30, 44 + m);
      const y = multiplicativeNoise(x, m, createRandom(45));
      const delta = y.map((v, i) => (v - x[i]) / x[i]);
      expect(delta.every((e) => Math.abs(e) <= relativeErrorBound(m) * (1 + 1e-12))).toBe(true);
      const d = meanAndSe(delta);
      expect(Math.abs(d.mean)).toBeLessThanOrEqual(Z * d.se);
      const q = meanAndSe(delta.map((e) => e * e));
      expect(Math.abs(q.mean - multiplicativeNoiseVariance(m))).toBeLessThanOrEqual(Z * q.se);
    }
  });

  it("multiplicativeNoise keeps 0, ±Infinity and NaN, reads exponents exactly, writes in place", () => {
    const x = new Float64Array([0, -0, Infinity, -Infinity, NaN, 2 ** 30 - 2 ** -23, 5e-324]);
    const y = multiplicativeNoise(x, 3, createRandom(1));
    expect(Object.is(y[0], 0) && Object.is(y[1], -0)).toBe(true);
    expect(y[2]).toBe(Infinity);
    expect(y[3]).toBe(-Infinity);
    expect(y[4]).toBeNaN();
    expect(Math.abs(y[5] - x[5])).toBeLessThanOrEqual(2 ** (29 - 3) / 2); // binade 29, not 30
    const z = Float64Array.from([1, 2, 3]);
    expect(multiplicativeNoise(z, 5, createRandom(2), z)).toBe(z);
  });

  it("rejects bad mantissaBits and model, naming them", () => {
    expect(() => multiplicativeNoiseVariance(53)).toThrow(/mantissaBits/);
    expect(() => multiplicativeNoiseVariance(3, "rne" as never)).toThrow(/model/);
    expect(() => multiplicativeNoise([1], -1, createRandom(1))).toThrow(/mantissaBits/);
  });
});

describe("the noise samplers draw u_i in index order, one per element, and name what they refuse", () => {
  it("additiveNoise: out_i = x_i + Δ·(u_i − 1/2) with u_i the generator's i-th draw, and no draw past the end", () => {
    // the reference draws come from a twin generator (same seed); the order of draws is the documented contract
    const x = [0, 1, -2.5, 100, 1e-3, 7];
    const rng = createRandom(91);
    const twin = createRandom(91);
    const out = additiveNoise(x, 0.5, rng);
    x.forEach((xi, i) => expect(out[i]).toBe(xi + 0.5 * (twin.uniform() - 0.5)));
    expect(rng.uniform()).toBe(twin.uniform());
  });

  it("multiplicativeNoise: out_i = x_i + 2^(e_i − m)·(u_i − 1/2) with e_i = floor(log2 |x_i|), and no draw past the end", () => {
    // exponents written out: 3 = 1.5·2^1, 0.3 = 1.2·2^−2, −1000 = −1.953125·2^9, 2^−1074 (least subnormal)
    const x = [3, 0.3, -1000, 2 ** -1074];
    const e = [1, -2, 9, -1074];
    const m = 4;
    const rng = createRandom(92);
    const twin = createRandom(92);
    const out = multiplicativeNoise(x, m, rng);
    x.forEach((xi, i) => expect(out[i]).toBe(xi + 2 ** (e[i] - m) * (twin.uniform() - 0.5)));
    expect(rng.uniform()).toBe(twin.uniform());
  });

  it("multiplicativeNoise keeps −0 as −0 whatever the draw (a zero has no binade to take noise from)", () => {
    const twin = createRandom(93);
    const draws = Array.from({ length: 32 }, () => twin.uniform());
    expect(draws.some((u) => u >= 0.5) && draws.some((u) => u < 0.5)).toBe(true); // both signs of u − 1/2 occur
    const y = multiplicativeNoise(new Float64Array(32).fill(-0), 3, createRandom(93));
    for (const v of y) expect(Object.is(v, -0)).toBe(true);
  });

  it("refusals name the parameter", () => {
    const rng = createRandom(1);
    expect(() => stochasticRoundingVariance("a" as never, 2, 3)).toThrow(/^x must be a number, got "a"/);
    expect(() => stochasticRoundingVariance(2, 1, Infinity)).toThrow(/^upper must be a finite number, got Infinity/);
    expect(() => additiveNoise("x" as never, 1, rng)).toThrow(/^x must be a Float64Array/);
    expect(() => additiveNoise([1], 0, rng)).toThrow(/^step must be a finite number > 0, got 0/);
    expect(() => multiplicativeNoise("x" as never, 3, rng)).toThrow(/^x must be a Float64Array/);
  });
});
