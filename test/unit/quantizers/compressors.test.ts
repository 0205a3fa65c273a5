/**
 * Monte Carlo checks shared by every compressor: unbiasedness coordinate by coordinate and the
 * mean squared error against the closed form (exact) or the stated bound, each within 5 standard
 * errors of the sample mean (the standard error is estimated from the same sample).
 */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { type Compressor, hadamardStochastic, qsgd, randomSubsetStochastic, scaledSign, uniformStochastic } from "../../../src/quantizers/index";

const TRIALS = 20_000;
const Z = 5; // standard errors allowed

function gaussian(d: number, seed: number): Float64Array {
  return createRandom(seed).fillNormal(new Float64Array(d));
}
function spiky(d: number): Float64Array {
  const g = new Float64Array(d);
  for (let i = 0; i < d; i++) g[i] = 0.05 * ((i % 3) - 1);
  g[d >> 1] = 8; // one outlier, 160 times the rest
  return g;
}
function maxAbs(g: Float64Array): number {
  return g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

interface Summary {
  mean: Float64Array;
  se: Float64Array;
  mse: number;
  mseSe: number;
}

/** TRIALS compressions of g with one seeded stream; per-coordinate mean and squared-error mean with their standard errors. */
function simulate(c: Compressor, g: Float64Array, seed: number): Summary {
  const d = g.length;
  const rng = createRandom(seed);
  const sum = new Float64Array(d);
  const sumSq = new Float64Array(d);
  const out = new Float64Array(d);
  let errSum = 0;
  let errSq = 0;
  for (let t = 0; t < TRIALS; t++) {
    const { estimate } = c.compress(g, rng, out);
    let e = 0;
    for (let i = 0; i < d; i++) {
      const v = estimate[i];
      sum[i] += v;
      sumSq[i] += v * v;
      e += (v - g[i]) ** 2;
    }
    errSum += e;
    errSq += e * e;
  }
  const mean = sum.map((s) => s / TRIALS);
  const se = sumSq.map((s, i) => Math.sqrt(Math.max(0, s / TRIALS - mean[i] ** 2) / TRIALS));
  const mse = errSum / TRIALS;
  return { mean, se, mse, mseSe: Math.sqrt(Math.max(0, errSq / TRIALS - mse * mse) / TRIALS) };
}

const gauss16 = gaussian(16, 5);
const gauss12 = gaussian(12, 6);
const spike12 = spiky(12);
const vectors: Array<[string, Float64Array]> = [
  ["gaussian d=16", gauss16],
  ["gaussian d=12", gauss12],
  ["spiky d=12", spike12],
];

// Compressors whose range covers the vector (so the unbiasedness claim applies), built per vector.
function inRangeCompressors(g: Float64Array): Compressor[] {
  const M = 1.1 * maxAbs(g);
  return [
    uniformStochastic({ bits: 1, range: M }),
    uniformStochastic({ bits: 3, range: M }),
    randomSubsetStochastic({ k: 4, bits: 1, range: M }),
    randomSubsetStochastic({ k: g.length, bits: 2, range: M }),
    randomSubsetStochastic({ k: 3, bits: 3, range: M }),
    qsgd({ levels: 1 }),
    qsgd({ levels: 4 }),
    hadamardStochastic({ bits: 1 }),
    hadamardStochastic({ bits: 3 }),
  ];
}

describe.each(vectors)("Monte Carlo on a %s vector", (_label, g) => {
  const compressors = inRangeCompressors(g);
  it.each(compressors.map((c, i) => [c.name, i] as const))("%s is unbiased and its MSE matches", (_name, i) => {
    const c = compressors[i];
    expect(c.unbiased).toBe(true);
    const s = simulate(c, g, 100 + i);
    const scale = maxAbs(g);
    for (let j = 0; j < g.length; j++) {
      const tol = Z * s.se[j] + 1e-12 * scale;
      if (Math.abs(s.mean[j] - g[j]) > tol) {
        throw new Error(`${c.name}: coordinate ${j}: mean ${s.mean[j]} vs g ${g[j]}, difference ${s.mean[j] - g[j]} > tolerance ${tol}`);
      }
    }
    const predicted = c.meanSquaredError(g);
    const tol = Z * s.mseSe + 1e-12 * predicted;
    if (c.mseIsExact) {
      expect(Math.abs(s.mse - predicted), `${c.name}: empirical ${s.mse} vs exact ${predicted}, tolerance ${tol}`).toBeLessThanOrEqual(tol);
    } else {
      expect(s.mse, `${c.name}: empirical ${s.mse} above bound ${predicted} + ${tol}`).toBeLessThanOrEqual(predicted + tol);
    }
  });
});

describe("Monte Carlo outside the exactly-unbiased cases", () => {
  it("uniformStochastic with clipping: the exact MSE includes the clipping bias (|g_i| − M)²", () => {
    for (const [b, seed] of [[1, 7], [2, 8]] as const) {
      const c = uniformStochastic({ bits: b, range: 1 });
      const s = simulate(c, gauss16, seed);
      const predicted = c.meanSquaredError(gauss16);
      expect(Math.abs(s.mse - predicted)).toBeLessThanOrEqual(Z * s.mseSe);
      // clipped coordinates are biased toward ±M: the mean is the clipped value
      for (let j = 0; j < 16; j++) {
        const clipped = Math.max(-1, Math.min(1, gauss16[j]));
        expect(Math.abs(s.mean[j] - clipped)).toBeLessThanOrEqual(Z * s.se[j] + 1e-12);
      }
    }
  });
  it("randomSubsetStochastic with clipping: the exact MSE formula holds", () => {
    const c = randomSubsetStochastic({ k: 5, bits: 2, range: 1 });
    const s = simulate(c, gauss12, 9);
    expect(Math.abs(s.mse - c.meanSquaredError(gauss12))).toBeLessThanOrEqual(Z * s.mseSe);
  });
  it("scaledSign is deterministic and biased on a spiky vector", () => {
    const c = scaledSign();
    expect(c.unbiased).toBe(false);
    const s = simulate(c, spike12, 10);
    // deterministic: every trial has the same error; the average differs only by summation rounding
    expect(Math.abs(s.mse / c.meanSquaredError(spike12) - 1)).toBeLessThan(1e-12);
    const mid = spike12.length >> 1;
    expect(s.mean[mid]).toBeLessThan(spike12[mid] / 2); // the spike is lost
  });
  it("hadamardStochastic given fixed signs: the MSE is exact, (d/n)·Σ(y − ℓ)(h − y)", () => {
    for (const [b, g, seed] of [[1, gauss12, 11], [2, spike12, 12], [3, gauss16, 13]] as const) {
      const c = hadamardStochastic({ bits: b });
      const n = g.length <= 8 ? 8 : 16;
      const signs = createRandom(seed, 99).fillSigns(new Float64Array(n));
      const rng = createRandom(seed);
      let sum = 0;
      let sumSq = 0;
      const sumEst = new Float64Array(g.length);
      for (let t = 0; t < TRIALS; t++) {
        const { estimate } = c.compressGivenSigns(g, signs, rng);
        let e = 0;
        for (let i = 0; i < g.length; i++) {
          e += (estimate[i] - g[i]) ** 2;
          sumEst[i] += estimate[i];
        }
        sum += e;
        sumSq += e * e;
      }
      const mse = sum / TRIALS;
      const se = Math.sqrt((sumSq / TRIALS - mse * mse) / TRIALS);
      const exact = c.meanSquaredErrorGivenSigns(g, signs);
      expect(Math.abs(mse - exact), `b=${b}: empirical ${mse} vs exact ${exact}`).toBeLessThanOrEqual(Z * se);
      expect(exact).toBeLessThanOrEqual(c.meanSquaredError(g));
    }
  });
});
