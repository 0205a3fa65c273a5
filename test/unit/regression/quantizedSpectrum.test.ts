import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { bindQuantizer } from "../../../src/optim/index";
import type { ComponentQuantizer } from "../../../src/optim/index";
import {
  dataQuantizationEffect,
  polynomialSpectrum,
  quantizedInputRisk,
  quantizedMoments,
  quantizedSpectrum,
  regressionProblem,
  rotatedMultiplicativeFloor,
  sampleExample,
  stochasticSpectrumApproximation,
} from "../../../src/regression/index";
import type { RegressionProblem } from "../../../src/regression/index";

const Z = 4.5; // standard errors allowed in Monte Carlo comparisons

/** Empirical E[Q(x_i)²], its standard error, and the largest |E[Q(x_i)Q(x_j)]| off the diagonal, from n examples. */
function empiricalCovariance(problem: RegressionProblem, q: ComponentQuantizer, n: number, seed: number) {
  const d = problem.d;
  const rng = createRandom(seed, 0);
  const bound = bindQuantizer(q, createRandom(seed, 1));
  const x = new Float64Array(d);
  const scratch = new Float64Array(d);
  const sum = new Float64Array(d * d);
  const sumFourth = new Float64Array(d);
  for (let k = 0; k < n; k++) {
    sampleExample(problem, rng, x, scratch);
    bound.apply(x);
    for (let i = 0; i < d; i++) {
      sumFourth[i] += x[i] ** 4;
      for (let j = i; j < d; j++) sum[i * d + j] += x[i] * x[j];
    }
  }
  const cov = new Matrix(d, d);
  const diag = new Float64Array(d);
  const se = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      cov.set(i, j, sum[i * d + j] / n);
      cov.set(j, i, sum[i * d + j] / n);
    }
    diag[i] = sum[i * d + i] / n;
    se[i] = Math.sqrt(Math.max(sumFourth[i] / n - diag[i] ** 2, 0) / n);
  }
  return { cov, diag, se };
}

describe("quantizedMoments: each rounding's E[Q(x)²] and E[Q(x)x] against Monte Carlo", () => {
  const step = 1;
  // σ/Δ from deep in the deadzone to beyond the switch to Sheppard's correction at 4
  for (const rounding of ["dithered", "nearest", "toward-zero", "stochastic"] as const) {
    it(`${rounding}: series (or Sheppard) equals the simulated moments within ${Z} SE`, () => {
      const q = bindQuantizer({ kind: "additive", step, rounding }, createRandom(7, 1));
      const rng = createRandom(7, 0);
      for (const ratio of [0.15, 0.3, 0.5, 1, 3.9, 4.1, 6]) {
        const lambda = (ratio * step) ** 2;
        const n = 100_000;
        let s2 = 0;
        let s4 = 0;
        let c = 0;
        let c2 = 0;
        for (let k = 0; k < n; k++) {
          const x = ratio * rng.normal();
          const y = q.value(x);
          s2 += y * y;
          s4 += y ** 4;
          c += x * y;
          c2 += (x * y) ** 2;
        }
        const exact = quantizedMoments(lambda, { kind: "additive", step, rounding });
        const m2 = s2 / n;
        const se2 = Math.sqrt((s4 / n - m2 * m2) / n);
        const mc = c / n;
        const seC = Math.sqrt((c2 / n - mc * mc) / n);
        // In a deadzone the sample may hold no nonzero Q at all (SE 0): a nonzero Q has |Q| ≥ Δ/2 and |x| ≥ Δ/2,
        // so Var(Q²) and Var(xQ) are at least about (Δ²/4)·E[Q²]; that floors the standard error.
        const floor = Math.sqrt((step * step * exact.second) / (4 * n));
        expect(Math.abs(m2 - exact.second), `${rounding} σ/Δ=${ratio}: E[Q²] ${m2} ± ${se2} vs ${exact.second}`).toBeLessThanOrEqual(Z * Math.max(se2, floor));
        expect(Math.abs(mc - exact.cross), `${rounding} σ/Δ=${ratio}: E[Qx] ${mc} ± ${seC} vs ${exact.cross}`).toBeLessThanOrEqual(Z * Math.max(seC, floor));
      }
    });
  }

  it("shows the three shapes: dithered floor λ + Δ²/12, nearest's deadzone, stochastic's Δ√(2λ/π)", () => {
    const step = 0.2;
    const lambda = 1e-4; // σ = Δ/20
    const dithered = quantizedMoments(lambda, { kind: "additive", step, rounding: "dithered" }).second;
    expect(dithered).toBeCloseTo(lambda + step * step / 12, 15);
    expect(dithered / lambda).toBeGreaterThan(30); // a floor far above λ
    const nearest = quantizedMoments(lambda, { kind: "additive", step, rounding: "nearest" }).second;
    expect(nearest / lambda).toBeLessThan(1e-15); // all but nothing rounds to 0: P(|x| > Δ/2) = P(|z| > 10)
    const stochastic = quantizedMoments(lambda, { kind: "additive", step, rounding: "stochastic" }).second;
    // For σ ≪ Δ, E[Q²] = Δ·E|x| exactly up to P(|x| > Δ) (here e^−200): Δ√(2λ/π)
    expect(Math.abs(stochastic - step * Math.sqrt((2 * lambda) / Math.PI))).toBeLessThanOrEqual(1e-15);
    // math.md's λ + Δ√(2λ/π) is above it by λ, a relative √(πλ/2)/Δ = 6%
    const approx = stochasticSpectrumApproximation(lambda, step);
    expect((approx - stochastic) / stochastic).toBeCloseTo(Math.sqrt((Math.PI * lambda) / 2) / step, 10);
  });
});

describe("quantizedSpectrum against the empirical covariance of quantized data", () => {
  const lambdas = polynomialSpectrum(16, 2); // σ_i = 1/i: from 5Δ down to Δ/3.2 for Δ = 0.2
  const diagonal = regressionProblem({ lambdas, beta: 1.5, noiseVariance: 0 });

  for (const rounding of ["dithered", "nearest", "stochastic"] as const) {
    it(`${rounding} (Δ = 0.2, diagonal H): each eigenvalue within ${Z} SE, off-diagonals near 0`, () => {
      const q: ComponentQuantizer = { kind: "additive", step: 0.2, rounding };
      const { cov, diag, se } = empiricalCovariance(diagonal, q, 40_000, 11);
      const exact = quantizedSpectrum(diagonal, q);
      const perCoordinate = Array.from(lambdas, (l) => quantizedMoments(l, q).second);
      expect(Array.from(exact)).toEqual([...perCoordinate].sort((a, b) => b - a));
      for (let i = 0; i < 16; i++) {
        expect(Math.abs(diag[i] - perCoordinate[i]), `i=${i}: ${diag[i]} ± ${se[i]} vs ${perCoordinate[i]}`).toBeLessThanOrEqual(Z * se[i]);
        for (let j = i + 1; j < 16; j++) {
          const bound = Z * Math.sqrt((diag[i] * diag[j]) / 40_000);
          expect(Math.abs(cov.get(i, j))).toBeLessThanOrEqual(bound);
        }
      }
    });
  }

  it("multiplicative noise keeps the shape (1 + s²)λ in the eigenbasis and loses it under a rotation (floor ≈ s² tr H/d)", () => {
    const s = 0.3;
    const q: ComponentQuantizer = { kind: "multiplicative", s };
    const lambdas3 = polynomialSpectrum(16, 3);
    const eigen = regressionProblem({ lambdas: lambdas3, beta: 1.5, noiseVariance: 0 });
    const { diag, se } = empiricalCovariance(eigen, q, 40_000, 12);
    for (let i = 0; i < 16; i++) {
      expect(Math.abs(diag[i] - (1 + s * s) * lambdas3[i])).toBeLessThanOrEqual(Z * se[i]);
    }
    const rotated = regressionProblem({ lambdas: lambdas3, beta: 1.5, noiseVariance: 0, rotation: "random", seed: 5 });
    const n = 60_000;
    const { cov } = empiricalCovariance(rotated, q, n, 13);
    const empirical = new EigenvalueDecomposition(cov, { assumeSymmetric: true }).realEigenvalues.sort((a, b) => b - a);
    const predicted = quantizedSpectrum(rotated, q);
    const floor = rotatedMultiplicativeFloor(lambdas3, s);
    // smallest eigenvalue: lifted from (1 + s²)λ_16 = 2.7e-4 by a factor of about 8 (the shape is lost) to the
    // order of the floor s² tr H/d = 6.8e-3: diag(H) of a Haar rotation fluctuates around tr H/d (here H_jj ≈ λ_1 Q_j1²),
    // so the smallest eigenvalue sits at 0.3× the floor for this d = 16, a = 3 (0.5× at d = 64, a = 2)
    expect(empirical[15] / ((1 + s * s) * lambdas3[15])).toBeGreaterThan(5);
    expect(predicted[15] / floor).toBeGreaterThan(0.2);
    expect(predicted[15] / floor).toBeLessThan(2);
    // the sample covariance's eigenvalues carry O(√(λ_1 λ_i/n)) noise: 10% of the small ones here
    for (let i = 8; i < 16; i++) {
      expect(Math.abs(empirical[i] - predicted[i]) / predicted[i], `eigenvalue ${i}`).toBeLessThan(0.1);
    }
    expect(() => quantizedSpectrum(rotated, { kind: "additive", step: 0.1, rounding: "nearest" })).toThrow(/rounding/);
  });
});

describe("dataQuantizationEffect against simulation", () => {
  it.each(["nearest", "stochastic", "dithered"] as const)(
    "%s: the residual variance E[(y − ⟨Q(x), w̃*⟩)²] − σ² and the normal equations E[Q(x)(y − ⟨Q(x), w̃*⟩)] = 0 (Monte Carlo, 4.5 SE)",
    (rounding) => {
      const lambdas = polynomialSpectrum(8, 1.5);
      const p = regressionProblem({ lambdas, beta: 1.2, noiseVariance: 0 });
      const q: ComponentQuantizer = { kind: "additive", step: 0.4, rounding };
      const e = dataQuantizationEffect(p, q);
      const rng = createRandom(21, 0);
      const bound = bindQuantizer(q, createRandom(21, 1));
      const x = new Float64Array(8);
      const n = 100_000;
      let s = 0;
      let s2 = 0;
      const grad = new Float64Array(8);
      const grad2 = new Float64Array(8);
      for (let k = 0; k < n; k++) {
        const y = sampleExample(p, rng, x);
        bound.apply(x);
        let pred = 0;
        for (let i = 0; i < 8; i++) pred += x[i] * e.target[i];
        const r = y - pred;
        s += r * r;
        s2 += r ** 4;
        for (let i = 0; i < 8; i++) {
          grad[i] += x[i] * r;
          grad2[i] += (x[i] * r) ** 2;
        }
      }
      const mean = s / n;
      const se = Math.sqrt((s2 / n - mean * mean) / n);
      expect(Math.abs(mean - e.residualVariance), `${mean} ± ${se} vs ${e.residualVariance}`).toBeLessThanOrEqual(4.5 * se);
      for (let i = 0; i < 8; i++) expect(Math.abs(grad[i] / n)).toBeLessThanOrEqual(4.5 * Math.sqrt(grad2[i] / n / n));
    },
  );
});

describe("quantizedInputRisk and the clean risk tell different stories (math.md §7.0.1)", () => {
  it("w̃* has zero quantized-input risk; its clean risk is the approximation error, and the quantized-input risk of w* is the floor's cost", () => {
    const lambdas = polynomialSpectrum(50, 2);
    const p = regressionProblem({ lambdas, beta: 1.5, noiseVariance: 0 });
    const q: ComponentQuantizer = { kind: "additive", step: 0.35, rounding: "dithered" };
    const e = dataQuantizationEffect(p, q);
    expect(quantizedInputRisk(p, e.target, q)).toBe(0);
    let byHand = 0; // ridge shrinkage: Σ λ (s²/(λ + s²))² w*², s² = Δ²/12
    const s2 = 0.35 ** 2 / 12;
    for (let i = 0; i < 50; i++) byHand += lambdas[i] * (s2 / (lambdas[i] + s2)) ** 2 * p.wStarEigen[i] ** 2;
    expect(Math.abs(e.approximationError - byHand)).toBeLessThanOrEqual(1e-12 * byHand);
    expect(quantizedInputRisk(p, p.wStar, q)).toBeGreaterThan(0);
  });
});
