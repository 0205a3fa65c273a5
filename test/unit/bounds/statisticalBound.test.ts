import { describe, expect, it } from "vitest";
import { statisticalBound } from "../../../src/bounds/index";
import { createRandom, monteCarlo } from "../../../src/numeric/index";

// Monte Carlo checks: one seeded stream per trial, 4.5 standard errors (a false alarm has probability
// below 1e-5 per comparison under the normal approximation, which is accurate at these N).
const Z = 4.5;

/** E‖x̄ − θ‖² of the mean of T samples N(θ, s² I_d), by Monte Carlo (one stream per trial). */
function sampleMeanRisk(d: number, s: number, T: number, trials: number, seed: number, loss = (e: number) => e) {
  const theta = createRandom(seed, 1_000_000).fillNormal(new Float64Array(d));
  const sum = new Float64Array(d);
  return monteCarlo({
    trials,
    seed,
    run: (rng) => {
      sum.fill(0);
      for (let t = 0; t < T; t++) for (let i = 0; i < d; i++) sum[i] += theta[i] + s * rng.normal();
      let e = 0;
      for (let i = 0; i < d; i++) e += (sum[i] / T - theta[i]) ** 2;
      return loss(e);
    },
  });
}

describe("statisticalBound: the unquantized sample mean meets it", () => {
  it("T·E‖x̄ − θ‖² = σ²d (Monte Carlo), and at T = statisticalBound the risk is ≤ D", () => {
    const d = 8;
    const sigma = 1.5;
    const D = 0.3;
    const T = statisticalBound({ d, sigma, D }); // ⌈σ²d/D⌉ = 60
    const m = sampleMeanRisk(d, sigma, T, 6000, 11);
    expect(Math.abs(m.mean * T - sigma * sigma * d)).toBeLessThanOrEqual(Z * m.stderr * T);
    expect(m.mean).toBeLessThanOrEqual(D + Z * m.stderr);
    // and 20% fewer rounds are not enough for the sample mean: its risk σ²d/(0.8T) ≈ 1.25·D
    const fewer = Math.floor(0.8 * T);
    const m2 = sampleMeanRisk(d, sigma, fewer, 6000, 12);
    expect(m2.mean).toBeGreaterThan(D + Z * m2.stderr);
  });

  it("general μ: D = 2ε²/μ and noise σ/μ; the mean x̄ of X_t = θ − σZ_t/μ has f − f* ≈ ε²", () => {
    const d = 6;
    const sigma = 2;
    const mu = 4;
    const eps = 0.2;
    const T = statisticalBound({ d, sigma, mu, eps }); // σ²d/(2με²) = 75
    const gap = sampleMeanRisk(d, sigma / mu, T, 6000, 13, (e) => (mu / 2) * e); // f_θ(x̂) − f* = (μ/2)‖x̂ − θ‖²
    expect(Math.abs(gap.mean - (sigma * sigma * d) / (2 * mu * T))).toBeLessThanOrEqual(Z * gap.stderr);
    expect(gap.mean).toBeLessThanOrEqual(eps * eps + Z * gap.stderr);
  });

  it("Gaussian prior N(0, τ²): the posterior mean's Bayes risk d/(T/σ² + 1/τ²) meets the bound (van Trees is tight)", () => {
    const d = 5;
    const sigma = 1;
    const tau2 = 0.5;
    const D = 0.25;
    const T = statisticalBound({ d, sigma, D, priorVariance: tau2 }); // ⌈σ²(d/D − 1/τ²)⌉ = 18
    const m = monteCarlo({
      trials: 8000,
      seed: 21,
      run: (rng) => {
        let e = 0;
        for (let i = 0; i < d; i++) {
          const theta = Math.sqrt(tau2) * rng.normal();
          let sum = 0;
          for (let t = 0; t < T; t++) sum += theta + sigma * rng.normal();
          const posteriorMean = sum / sigma ** 2 / (T / sigma ** 2 + 1 / tau2);
          e += (posteriorMean - theta) ** 2;
        }
        return e;
      },
    });
    expect(Math.abs(m.mean - d / (T / sigma ** 2 + 1 / tau2))).toBeLessThanOrEqual(Z * m.stderr);
    expect(m.mean).toBeLessThanOrEqual(D + Z * m.stderr);
    expect(statisticalBound({ d, sigma, D })).toBe(20); // without the prior: σ²d/D
  });
});
