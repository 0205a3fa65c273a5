import { describe, expect, it } from "vitest";
import { lowPrecisionTraining } from "../../../src/optim/lowPrecisionTraining";

/** Plain Adam on the 2-d Rosenbrock function, written out here as the independent reference. */
function referenceAdamRosenbrock(lr: number, steps: number): number[] {
  let x = -1.2, y = 1, m1 = 0, m2 = 0, v1 = 0, v2 = 0;
  const b1 = 0.9, b2 = 0.999, eps = 1e-8;
  for (let t = 1; t <= steps; t++) {
    const gx = -2 * (1 - x) - 400 * x * (y - x * x);
    const gy = 200 * (y - x * x);
    m1 = b1 * m1 + (1 - b1) * gx; m2 = b1 * m2 + (1 - b1) * gy;
    v1 = b2 * v1 + (1 - b2) * gx * gx; v2 = b2 * v2 + (1 - b2) * gy * gy;
    const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
    x -= (lr * (m1 / c1)) / (Math.sqrt(v1 / c2) + eps);
    y -= (lr * (m2 / c1)) / (Math.sqrt(v2 / c2) + eps);
  }
  return [x, y];
}

describe("lowPrecisionTraining", () => {
  it("unquantized Adam on Rosenbrock matches a plain Adam written in the test", () => {
    const run = lowPrecisionTraining({ problem: { kind: "rosenbrock" }, optimizer: "adam", learningRate: 1e-2, steps: 500 });
    const [x, y] = referenceAdamRosenbrock(1e-2, 500);
    expect(run.weights[0]).toBeCloseTo(x, 10);
    expect(run.weights[1]).toBeCloseTo(y, 10);
    expect(run.finalLoss).toBeCloseTo((1 - x) ** 2 + 100 * (y - x * x) ** 2, 10);
  });

  it("weights freeze exactly when η < ½ ulp(w): 8 mantissa bits at w ≈ 1 (½ ulp = 2^-9) vs 10 bits (2^-11)", () => {
    const frozen = lowPrecisionTraining({ problem: { kind: "rosenbrock" }, optimizer: "adam", learningRate: 1e-3, steps: 300, quantize: { weights: { kind: "mantissa", bits: 8, rounding: "nearest" } } });
    expect(frozen.lastChange).toBe(0);
    expect(Array.from(frozen.weights)).toEqual([-307 / 256, 1]); // 1.2 rounded to 8 bits: 1.2·256 = 307.2 → 307
    const moving = lowPrecisionTraining({ problem: { kind: "rosenbrock" }, optimizer: "adam", learningRate: 1e-3, steps: 300, quantize: { weights: { kind: "mantissa", bits: 10, rounding: "nearest" } } });
    expect(moving.lastChange).toBeGreaterThan(100); // it moves (it may stall later, once Adam's steps shrink)
  });

  it("52-bit quantizers reproduce the unquantized run bit for bit (Adam and Muon, least squares)", () => {
    const q52 = { kind: "mantissa", bits: 52, rounding: "nearest" } as const;
    for (const optimizer of ["adam", "muon"] as const) {
      const base = { problem: { kind: "least-squares", rows: 6, cols: 4, seed: 2 } as const, optimizer, learningRate: 0.02, steps: 50, gradientNoise: 0.5, seed: 3 };
      const a = lowPrecisionTraining(base);
      const b = lowPrecisionTraining({ ...base, quantize: { gradient: q52, weights: q52, firstMoment: q52, ...(optimizer === "adam" ? { secondMoment: q52 } : {}) } });
      expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    }
  });

  it("least squares: the loss at W0 = 0 is ½ tr(W*ᵀ H W*) > 0 and both optimizers reduce it tenfold", () => {
    for (const optimizer of ["adam", "muon"] as const) {
      const run = lowPrecisionTraining({ problem: { kind: "least-squares", rows: 8, cols: 8 }, optimizer, learningRate: 0.03, steps: 400, every: 100 });
      expect(run.steps).toEqual([0, 100, 200, 300, 400]);
      expect(run.loss[0]).toBeGreaterThan(0);
      expect(run.finalLoss).toBeLessThan(run.loss[0] / 10);
    }
  });

  it("the MLP: Muon (matrices) with an auxiliary Adam (biases) and Adam both lower the loss", () => {
    for (const optimizer of ["adam", "muon"] as const) {
      const run = lowPrecisionTraining({ problem: { kind: "mlp", sizes: [3, 8, 2], samples: 64, seed: 1 }, optimizer, learningRate: 0.01, steps: 200, every: 200 });
      expect(run.finalLoss).toBeLessThan(run.loss[0]);
    }
  });

  it("rejects bad input naming the parameter", () => {
    const base = { problem: { kind: "rosenbrock" } as const, optimizer: "adam" as const, learningRate: 1e-3, steps: 10 };
    expect(() => lowPrecisionTraining({ ...base, learningRate: 0 })).toThrow(/learningRate/);
    expect(() => lowPrecisionTraining({ ...base, steps: 0 })).toThrow(/steps/);
    expect(() => lowPrecisionTraining({ ...base, gradientNoise: -1 })).toThrow(/gradientNoise/);
    expect(() => lowPrecisionTraining({ ...base, optimizer: "sgd" as never })).toThrow(/optimizer/);
    expect(() => lowPrecisionTraining({ ...base, problem: { kind: "cube" } as never })).toThrow(/problem.kind/);
    expect(() => lowPrecisionTraining({ ...base, beta2: 1 })).toThrow(/beta2/);
  });
});
