import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import type { ComponentQuantizer } from "../../../src/optim/index";
import { cleanRisk, polynomialSpectrum, regressionProblem, sampleExample, sgdRegression } from "../../../src/regression/index";

const lambdas = polynomialSpectrum(12, 2);
const problem = regressionProblem({ lambdas, beta: 1.5, noiseVariance: 0.04 });

describe("sgdRegression", () => {
  it.each([1, 3])("is plain minibatch SGD with iterate averaging (b = %i): a step-by-step reference on the same examples agrees to the last bit", (b) => {
    const N = 60;
    const gamma = 0.2;
    const run = sgdRegression({ problem, samples: N, batchSize: b, stepSize: gamma, seed: 4, checkpoints: [5, N / b] });
    // reference: the same example stream (stream 0 of the seed), written out
    const rng = createRandom(4, 0);
    const w = new Float64Array(12);
    const avg = new Float64Array(12);
    const x = new Float64Array(12);
    for (let t = 0; t < N / b; t++) {
      for (let i = 0; i < 12; i++) avg[i] += w[i];
      const g = new Float64Array(12);
      for (let j = 0; j < b; j++) {
        const y = sampleExample(problem, rng, x);
        let p = 0;
        for (let i = 0; i < 12; i++) p += x[i] * w[i];
        for (let i = 0; i < 12; i++) g[i] += x[i] * (p - y);
      }
      for (let i = 0; i < 12; i++) w[i] -= gamma * (g[i] / b);
    }
    expect(Array.from(run.last)).toEqual(Array.from(w));
    expect(Array.from(run.averaged)).toEqual(Array.from(avg, (v) => v / (N / b)));
    expect(run.riskAveraged).toBe(cleanRisk(problem, run.averaged));
    expect(run.trace.steps).toEqual([5, N / b]);
    expect(run.trace.last[1]).toBe(run.riskLast);
  });

  it("with a 52-bit mantissa quantizer on every component reproduces the unquantized run bit for bit", () => {
    const m52: ComponentQuantizer = { kind: "mantissa", bits: 52, rounding: "nearest" };
    const sr52: ComponentQuantizer = { kind: "mantissa", bits: 52, rounding: "stochastic" };
    const plain = sgdRegression({ problem, samples: 400, batchSize: 4, stepSize: 0.3, seed: 2 });
    for (const q of [m52, sr52]) {
      const quantized = sgdRegression({
        problem,
        samples: 400,
        batchSize: 4,
        stepSize: 0.3,
        seed: 2,
        quantize: { data: q, labels: q, parameters: q, activations: q, gradients: q },
      });
      expect(Array.from(quantized.last)).toEqual(Array.from(plain.last));
      expect(Array.from(quantized.averaged)).toEqual(Array.from(plain.averaged));
    }
    // and a 10-bit one does not
    const m10: ComponentQuantizer = { kind: "mantissa", bits: 10, rounding: "nearest" };
    const coarse = sgdRegression({ problem, samples: 400, batchSize: 4, stepSize: 0.3, seed: 2, quantize: { parameters: m10 } });
    expect(Array.from(coarse.last)).not.toEqual(Array.from(plain.last));
  });

  it("quantizes per-example gradients before averaging, or the average once (gradientAt)", () => {
    const g: ComponentQuantizer = { kind: "additive", step: 0.5, rounding: "nearest" };
    const perExample = sgdRegression({ problem, samples: 8, batchSize: 8, stepSize: 1, seed: 3, quantize: { gradients: g } });
    const averaged = sgdRegression({ problem, samples: 8, batchSize: 8, stepSize: 1, seed: 3, quantize: { gradients: g, gradientAt: "averaged" } });
    // one step from w0 = 0: w1 = −γ·mean of Q(g_j) vs −γ·Q(mean g_j); the second lies on the grid 0.5ℤ
    for (const v of averaged.last) expect(Math.abs(v / 0.5 - Math.round(v / 0.5))).toBeLessThan(1e-12);
    expect(Array.from(perExample.last)).not.toEqual(Array.from(averaged.last));
  });

  it.each([
    [{ stepSize: 0 }, /stepSize/],
    [{ stepSize: -0.1 }, /stepSize/],
    [{ samples: 10, batchSize: 3 }, /batchSize/],
    [{ w0: new Float64Array(3) }, /w0/],
    [{ checkpoints: [5, 3] }, /checkpoints/],
    [{ quantize: { data: { kind: "mantissa", bits: 53, rounding: "nearest" } } }, /quantizer\.bits/],
    [{ quantize: { data: { kind: "mantissa", bits: 0, rounding: "nearest" } } }, /quantizer\.bits/],
    [{ quantize: { labels: { kind: "additive", step: 0, rounding: "nearest" } } }, /quantizer\.step/],
    [{ quantize: { gradients: { kind: "format", format: "fp12" } } }, /quantizer\.format/],
    [{ quantize: { gradientAt: "later" } }, /gradientAt/],
  ])("refuses %o, naming the parameter", (patch, message) => {
    expect(() => sgdRegression({ problem, samples: 12, stepSize: 0.1, seed: 1, ...(patch as object) } as never)).toThrow(message);
  });
});
