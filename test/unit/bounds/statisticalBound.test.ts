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

// Each case: Monte Carlo confirms the risk formula of an estimator at T − 1 and T rounds (within 4.5 SE),
// and the formula then shows that T = statisticalBound is exactly the fewest rounds with which that
// estimator reaches the target: the bound is met and tight.
describe("statisticalBound: the unquantized sample mean meets it", () => {
  it("no prior: E‖x̄ − θ‖² = σ²d/T (Monte Carlo), ≤ D at T = statisticalBound and > D at T − 1", () => {
    const d = 8;
    const sigma = 1.5;
    const D = 0.3;
    const T = statisticalBound({ d, sigma, D }); // ⌈σ²d/D⌉ = 60
    const risk = (t: number) => (sigma * sigma * d) / t;
    for (const t of [T - 1, T]) {
      const m = sampleMeanRisk(d, sigma, t, 6000, 11 + t);
      expect(Math.abs(m.mean - risk(t))).toBeLessThanOrEqual(Z * m.stderr);
    }
    expect(risk(T)).toBeLessThanOrEqual(D);
    expect(risk(T - 1)).toBeGreaterThan(D);
  });

  it("general μ: D = 2ε²/μ and noise σ/μ; the mean of X_t = θ − σZ_t/μ reaches f − f* ≤ ε² at T, not at T − 1", () => {
    const d = 6;
    const sigma = 2;
    const mu = 4;
    const eps = 0.2;
    const T = statisticalBound({ d, sigma, mu, eps }); // σ²d/(2με²) = 75
    const gap = (t: number) => (sigma * sigma * d) / (2 * mu * t); // (μ/2)·(σ/μ)²d/t
    for (const t of [T - 1, T]) {
      const m = sampleMeanRisk(d, sigma / mu, t, 6000, 13 + t, (e) => (mu / 2) * e); // f_θ(x̂) − f* = (μ/2)‖x̂ − θ‖²
      expect(Math.abs(m.mean - gap(t))).toBeLessThanOrEqual(Z * m.stderr);
    }
    expect(gap(T)).toBeLessThanOrEqual(eps * eps);
    expect(gap(T - 1)).toBeGreaterThan(eps * eps);
  });

  it("Gaussian prior N(0, τ²): the posterior mean's Bayes risk d/(T/σ² + 1/τ²) meets the bound exactly (van Trees is tight)", () => {
    const d = 5;
    const sigma = 1;
    const tau2 = 0.5;
    const D = 0.25;
    const T = statisticalBound({ d, sigma, D, priorVariance: tau2 }); // ⌈σ²(d/D − 1/τ²)⌉ = 18
    const risk = (t: number) => d / (t / sigma ** 2 + 1 / tau2);
    for (const t of [T - 1, T]) {
      const m = monteCarlo({
        trials: 8000,
        seed: 21 + t,
        run: (rng) => {
          let e = 0;
          for (let i = 0; i < d; i++) {
            const theta = Math.sqrt(tau2) * rng.normal();
            let sum = 0;
            for (let k = 0; k < t; k++) sum += theta + sigma * rng.normal();
            const posteriorMean = sum / sigma ** 2 / (t / sigma ** 2 + 1 / tau2);
            e += (posteriorMean - theta) ** 2;
          }
          return e;
        },
      });
      expect(Math.abs(m.mean - risk(t))).toBeLessThanOrEqual(Z * m.stderr);
    }
    expect(risk(T)).toBeLessThanOrEqual(D);
    expect(risk(T - 1)).toBeGreaterThan(D);
    expect(statisticalBound({ d, sigma, D })).toBe(20); // without the prior: σ²d/D
  });
});
