import { describe, expect, it } from "vitest";
import {
  cos2PriorDensity,
  gaussianMeanRisk,
  integrate,
  normalCdf,
  normalQuantile,
  posteriorMeanCos2Prior,
  posteriorMeanUniformPrior,
  priorFisherCos2,
  vanTreesBound,
} from "../../../src/index";

const Z = 4.5; // Monte Carlo tolerance in standard errors (false-alarm rate ~7e−6 per comparison)

/** Exact risk of the one-bit estimator at θ (one coordinate): a sum over the Binomial(T, Φ(θ/σ)) law of the count. */
function oneBitRiskExact(theta: number, T: number, sigma: number): number {
  const p = normalCdf(theta / sigma);
  let risk = 0;
  let logC = 0; // log C(T, k), updated in k
  for (let k = 0; k <= T; k++) {
    if (k > 0) logC += Math.log((T - k + 1) / k);
    const logP = logC + (k > 0 ? k * Math.log(p) : 0) + (k < T ? (T - k) * Math.log1p(-p) : 0);
    const pHat = Math.min(1 - 0.5 / T, Math.max(0.5 / T, k / T));
    const err = sigma * normalQuantile(pHat) - theta;
    risk += Math.exp(logP) * err * err;
  }
  return risk;
}

describe("gaussianMeanRisk: Monte Carlo Bayes risk against closed forms derived independently", () => {
  const d = 3;
  const sigma = 1.5;
  it("Gaussian prior: the posterior mean's risk is d/(T/σ² + 1/τ²), the van Trees bound, at T = 1, 10, 100", () => {
    const tau = 0.8;
    for (const T of [1, 10, 100]) {
      const r = gaussianMeanRisk({ d, T, sigma, prior: { kind: "gaussian", tau }, estimator: { kind: "posterior-mean" }, trials: 20_000, seed: 3 });
      const exact = d / (T / sigma ** 2 + 1 / tau ** 2);
      expect(Math.abs(r.mean - exact), `T = ${T}: ${r.mean} vs ${exact}`).toBeLessThanOrEqual(Z * r.stderr);
    }
  });
  it("sample mean: σ²d/T for any prior; shrinkage c·X̄ under N(0, τ²): c²σ²d/T + (1 − c)²dτ²; constant 0 under cos²: d(1/3 − 2/π²)r²", () => {
    const T = 7;
    const sm = gaussianMeanRisk({ d, T, sigma, prior: { kind: "cos2", r: 2 }, estimator: { kind: "sample-mean" }, trials: 20_000, seed: 4 });
    expect(Math.abs(sm.mean - (sigma ** 2 * d) / T)).toBeLessThanOrEqual(Z * sm.stderr);
    const c = 0.6;
    const tau = 0.5;
    const sh = gaussianMeanRisk({ d, T, sigma, prior: { kind: "gaussian", tau }, estimator: { kind: "shrinkage", factor: c }, trials: 20_000, seed: 5 });
    expect(Math.abs(sh.mean - ((c * c * sigma ** 2 * d) / T + (1 - c) ** 2 * d * tau ** 2))).toBeLessThanOrEqual(Z * sh.stderr);
    const r = 1.3;
    const secondMoment = integrate((t) => t * t * cos2PriorDensity(t, r), -r, r).value; // quadrature, not the closed form
    const zero = gaussianMeanRisk({ d, T, sigma, prior: { kind: "cos2", r }, estimator: { kind: "constant" }, trials: 20_000, seed: 6 });
    expect(Math.abs(zero.mean - d * secondMoment)).toBeLessThanOrEqual(Z * zero.stderr);
  });
  it("point prior: the risk at θ is the frequentist risk; clipping at |θ| = radius is biased toward 0", () => {
    const res = gaussianMeanRisk({ d: 1, T: 4, sigma: 1, prior: { kind: "point", theta: 1 }, estimator: { kind: "clipped", radius: 1 }, trials: 40_000, seed: 7 });
    // E(min(1, 1 + Z/2) − 1)² = E[(Z/2)² 1{Z < 0}] = 1/8
    expect(Math.abs(res.mean - 1 / 8)).toBeLessThanOrEqual(Z * res.stderr);
  });
  it("one-bit estimator: Monte Carlo equals the exact sum over the binomial law (θ = 0.4, T = 2, 9, 200)", () => {
    for (const T of [2, 9, 200]) {
      const r = gaussianMeanRisk({ d: 2, T, sigma: 1, prior: { kind: "point", theta: 0.4 }, estimator: { kind: "one-bit" }, trials: 20_000, seed: 8 });
      const exact = 2 * oneBitRiskExact(0.4, T, 1);
      expect(Math.abs(r.mean - exact), `T = ${T}: ${r.mean} vs ${exact}`).toBeLessThanOrEqual(Z * r.stderr);
    }
  });
  it("cos² prior: the Bayes estimator's risk lies above van Trees and below the clipped sample mean's (same draws)", () => {
    for (const T of [1, 30]) {
      const opts = { d: 2, T, sigma: 1, prior: { kind: "cos2" as const, r: 1 }, trials: 20_000, seed: 9 };
      const pm = gaussianMeanRisk({ ...opts, estimator: { kind: "posterior-mean" } });
      const cl = gaussianMeanRisk({ ...opts, estimator: { kind: "clipped", radius: 1 } });
      const vt = vanTreesBound({ d: 2, fisherTrace: 2 * T, priorFisher: priorFisherCos2(1, 2) });
      expect(pm.mean + Z * pm.stderr).toBeGreaterThanOrEqual(vt);
      expect(pm.mean).toBeLessThanOrEqual(cl.mean); // same seed, same θ and X̄: the Bayes rule wins on average
    }
  });
});

describe("posterior means against adaptive quadrature of the posterior (an independent integrator)", () => {
  const byQuadrature = (prior: (t: number) => number, xbar: number, s: number, r: number): number => {
    const w = (t: number): number => prior(t) * Math.exp(-((t - xbar) ** 2) / (2 * s * s));
    const opts = { relTolerance: 1e-12, absTolerance: 1e-300 };
    return integrate((t) => t * w(t), -r, r, opts).value / integrate(w, -r, r, opts).value;
  };
  it("cos² prior on [−1, 1] and [−3, 3]: inside, near the ends and outside the support", () => {
    for (const [xbar, s, r] of [[0.3, 0.2, 1], [0.95, 0.05, 1], [1.2, 0.1, 1], [-2, 1, 1], [0, 3, 1], [2.9, 0.4, 3]]) {
      const q = byQuadrature((t) => cos2PriorDensity(t, r), xbar, s, r);
      expect(Math.abs(posteriorMeanCos2Prior(xbar, s, r) - q), `xbar ${xbar}, s ${s}, r ${r}`).toBeLessThanOrEqual(1e-9 * r);
    }
  });
  it("uniform prior: the truncated normal mean", () => {
    for (const [xbar, s, r] of [[0, 0.5, 1], [2, 0.5, 1], [-0.7, 0.1, 1], [-3, 0.6, 1], [5, 2, 2]]) {
      const q = byQuadrature(() => 1, xbar, s, r);
      expect(Math.abs(posteriorMeanUniformPrior(xbar, s, r) - q), `xbar ${xbar}`).toBeLessThanOrEqual(1e-9 * r);
    }
  });
});

describe("bad input", () => {
  const ok = { d: 2, T: 3, prior: { kind: "gaussian" as const, tau: 1 }, estimator: { kind: "sample-mean" as const }, trials: 10, seed: 1 };
  it("names the parameter", () => {
    expect(() => gaussianMeanRisk({ ...ok, d: 0 })).toThrow(/d/);
    expect(() => gaussianMeanRisk({ ...ok, T: 1.5 })).toThrow(RangeError);
    expect(() => gaussianMeanRisk({ ...ok, sigma: -1 })).toThrow(/sigma/);
    expect(() => gaussianMeanRisk({ ...ok, prior: { kind: "gaussian", tau: 0 } })).toThrow(/prior\.tau/);
    expect(() => gaussianMeanRisk({ ...ok, prior: { kind: "beta" } as never })).toThrow(/prior\.kind/);
    expect(() => gaussianMeanRisk({ ...ok, prior: { kind: "point", theta: 0 }, estimator: { kind: "posterior-mean" } })).toThrow(/posterior-mean/);
    expect(() => gaussianMeanRisk({ ...ok, estimator: { kind: "clipped", radius: 0 } })).toThrow(/estimator\.radius/);
    expect(() => gaussianMeanRisk({ ...ok, estimator: { kind: "one-bit" }, T: 2 ** 21 })).toThrow(/T/);
    expect(() => gaussianMeanRisk(null as never)).toThrow(TypeError);
    expect(() => posteriorMeanCos2Prior(0, 0, 1)).toThrow(/s/);
    expect(() => posteriorMeanUniformPrior(0, 1, Infinity)).toThrow(/r/);
  });
});
