import { describe, expect, it } from "vitest";
import { monteCarlo, priorFisherCos2, priorFisherGaussian, sampleCos2Prior, vanTreesBound } from "../../../src/index";

describe("vanTreesBound({ d, fisherTrace, priorFisher }) = d²/(fisherTrace + priorFisher)", () => {
  it("equals the Bayes risk of the posterior mean for a Gaussian prior and Gaussian observations (Monte Carlo, 5 SE)", () => {
    // θ ~ N(0, τ²I_d); T observations X_t ~ N(θ, σ²I_d); posterior mean = w·(sample mean), w = (T/σ²)/(T/σ² + 1/τ²)
    const d = 4;
    const T = 10;
    const tau = 1.5;
    const sigma = 2;
    const w = T / sigma ** 2 / (T / sigma ** 2 + 1 / tau ** 2);
    const r = monteCarlo({
      trials: 20000,
      seed: 77,
      run: (rng) => {
        let loss = 0;
        for (let i = 0; i < d; i++) {
          const theta = tau * rng.normal();
          let sum = 0;
          for (let t = 0; t < T; t++) sum += theta + sigma * rng.normal();
          loss += (w * (sum / T) - theta) ** 2;
        }
        return loss;
      },
    });
    const bound = vanTreesBound({ d, fisherTrace: (T * d) / sigma ** 2, priorFisher: priorFisherGaussian(tau, d) });
    expect(Math.abs(r.mean - bound), `Bayes risk ${r.mean} ± ${r.stderr}, bound ${bound}`).toBeLessThanOrEqual(5 * r.stderr);
  });
  it("lies below the risk of estimators that ignore the prior (sample mean under a cos² prior on [−1, 1]^3, T = 4)", () => {
    const d = 3;
    const T = 4;
    const theta = new Float64Array(d);
    const r = monteCarlo({
      trials: 20000,
      seed: 78,
      run: (rng) => {
        sampleCos2Prior(rng, 1, theta);
        let loss = 0;
        for (let i = 0; i < d; i++) {
          let sum = 0;
          for (let t = 0; t < T; t++) sum += theta[i] + rng.normal();
          loss += (sum / T - theta[i]) ** 2;
        }
        return loss;
      },
    });
    const bound = vanTreesBound({ d, fisherTrace: T * d, priorFisher: priorFisherCos2(1, d) });
    expect(r.mean + 5 * r.stderr).toBeGreaterThan(bound);
    expect(bound).toBeLessThan(d / T); // the prior helps: below the flat-prior σ²d/T
  });
  it("drops to σ²d/T as the prior flattens (r = ∞) — the statistical bound's shape", () => {
    expect(vanTreesBound({ d: 1024, fisherTrace: 1000 * 1024, priorFisher: priorFisherCos2(Infinity, 1024) })).toBeCloseTo(1.024, 12);
  });
  it("refuses d not a positive integer, negative or non-finite informations, and a zero total, naming them", () => {
    expect(() => vanTreesBound({ d: 0, fisherTrace: 1, priorFisher: 1 })).toThrow(/d must be an integer >= 1/);
    expect(() => vanTreesBound({ d: 1.5, fisherTrace: 1, priorFisher: 1 })).toThrow(RangeError);
    expect(() => vanTreesBound({ d: 2, fisherTrace: -1, priorFisher: 1 })).toThrow(/fisherTrace must be a finite number ≥ 0/);
    expect(() => vanTreesBound({ d: 2, fisherTrace: 1, priorFisher: NaN })).toThrow(/priorFisher/);
    expect(() => vanTreesBound({ d: 2, fisherTrace: 0, priorFisher: 0 })).toThrow(/fisherTrace \+ priorFisher must be > 0/);
    expect(() => vanTreesBound(undefined as never)).toThrow(TypeError);
  });
});
