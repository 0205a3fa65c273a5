import { describe, expect, it } from "vitest";
import {
  empiricalQuantizedCovariance,
  perDirectionRisk,
  polynomialSpectrum,
  regressionProblem,
  sgdRegression,
  sgdRegressionMonteCarlo,
} from "../../../src/regression/index";

const lambdas = polynomialSpectrum(24, 2);
const problem = regressionProblem({ lambdas, beta: 1.5, noiseVariance: 0.25 });

describe("sgdRegressionMonteCarlo", () => {
  it("its means and standard errors equal a loop over sgdRegression with seeds seed … seed + R − 1", () => {
    const mc = sgdRegressionMonteCarlo({ problem, samples: 400, stepSize: 0.1, seed: 5, runs: 4, checkpoints: [100] });
    const direct = [5, 6, 7, 8].map((s) => sgdRegression({ problem, samples: 400, stepSize: 0.1, seed: s, checkpoints: [100, 400] }));
    const at100 = direct.map((r) => r.trace.averaged[0]);
    const final = direct.map((r) => r.riskAveraged);
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const se = (v: number[]) => Math.sqrt(v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1) / v.length);
    expect(mc.steps).toEqual([100, 400]);
    expect(mc.averaged[0].mean).toBeCloseTo(mean(at100), 14);
    expect(mc.averaged[1].mean).toBeCloseTo(mean(final), 14);
    expect(mc.averaged[1].stderr).toBeCloseTo(se(final), 14);
    expect(mc.last[1].mean).toBeCloseTo(mean(direct.map((r) => r.riskLast)), 14);
    expect(mc.quantizedInput).toBeNull();
  });

  it("splits the mean risk exactly into bias + variance, and the simulated variance of a warm start matches the per-direction sum within 15%", () => {
    const mc = sgdRegressionMonteCarlo({ problem, samples: 2000, stepSize: 0.1, seed: 11, runs: 60, w0: problem.wStar });
    expect(mc.split.bias + mc.split.variance).toBeCloseTo(mc.averaged[0].mean, 12);
    const pred = perDirectionRisk({ lambdas, wStarEigen: problem.wStarEigen, w0Eigen: problem.wStarEigen, noiseVariance: 0.25, stepSize: 0.1, samples: 2000 });
    expect(pred.bias).toBe(0);
    expect(Math.abs(mc.split.variance / pred.variance - 1)).toBeLessThan(0.15);
    expect(Math.abs(mc.split.bias)).toBeLessThan(0.2 * pred.variance); // no bias from a warm start
  });

  it("refuses bad runs and a quantized-input risk without a data quantizer", () => {
    expect(() => sgdRegressionMonteCarlo({ problem, samples: 10, stepSize: 0.1, seed: 1, runs: 1 })).toThrow(/runs/);
    expect(() => sgdRegressionMonteCarlo({ problem, samples: 10, stepSize: 0.1, seed: 1, runs: 2, quantizedInput: true })).toThrow(/quantize\.data/);
  });
});

describe("empiricalQuantizedCovariance", () => {
  it("unquantized diagonal data: the diagonal is λ within 4.5 SE and the eigenvalues are the sorted diagonal's neighbours", () => {
    const c = empiricalQuantizedCovariance(problem, { kind: "none" }, 20000, 3);
    for (let i = 0; i < lambdas.length; i++) expect(Math.abs(c.diagonal[i] - lambdas[i])).toBeLessThan(4.5 * c.diagonalStderr[i]);
    expect(Math.abs(c.eigenvalues[0] / lambdas[0] - 1)).toBeLessThan(0.05);
    for (let i = 1; i < c.eigenvalues.length; i++) expect(c.eigenvalues[i]).toBeLessThanOrEqual(c.eigenvalues[i - 1]);
  });

  it("dithered additive data: the diagonal is λ + Δ²/12 (uniform error independent of x) within 4.5 SE", () => {
    const c = empiricalQuantizedCovariance(problem, { kind: "additive", step: 0.5, rounding: "dithered" }, 20000, 4);
    for (let i = 0; i < lambdas.length; i++) expect(Math.abs(c.diagonal[i] - (lambdas[i] + 0.25 / 12))).toBeLessThan(4.5 * c.diagonalStderr[i]);
  });

  it("rotated unquantized data: the trace of the eigenvalues equals the diagonal's sum, and the top eigenvalue is λ_1 within 5%", () => {
    const rotated = regressionProblem({ lambdas, beta: 1.5, noiseVariance: 0, rotation: "random", seed: 2 });
    const c = empiricalQuantizedCovariance(rotated, { kind: "none" }, 20000, 5);
    const tr = c.eigenvalues.reduce((a, b) => a + b, 0);
    const diag = c.diagonal.reduce((a, b) => a + b, 0);
    expect(tr).toBeCloseTo(diag, 10);
    expect(Math.abs(c.eigenvalues[0] / lambdas[0] - 1)).toBeLessThan(0.05);
    // along H's eigenvectors the unquantized second moments are λ_i
    for (let i = 0; i < lambdas.length; i++) expect(Math.abs(c.eigenbasisDiagonal[i] - lambdas[i])).toBeLessThan(4.5 * c.eigenbasisStderr[i]);
  });

  it("refuses a bad sample count", () => {
    expect(() => empiricalQuantizedCovariance(problem, { kind: "none" }, 1, 1)).toThrow(/samples/);
  });
});
