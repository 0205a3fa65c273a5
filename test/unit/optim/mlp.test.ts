import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { createAdam, mlpAccuracy, mlpInit, mlpLayout, mlpLoss, rosenbrock, teacherDataset } from "../../../src/optim/index";

describe("mlpLoss gradient", () => {
  for (const loss of ["mse", "softmax-cross-entropy"] as const) {
    it(`${loss}: backpropagation equals central finite differences (relative 1e-6)`, () => {
      const data = teacherDataset({ sizes: [3, 5, 4], samples: 7, task: loss === "mse" ? "regression" : "classification", noise: 0.1, seed: 2 });
      const layout = mlpLayout([3, 6, 5, 4]);
      const params = mlpInit(layout, createRandom(9));
      for (let i = 0; i < params.length; i++) params[i] += 0.05 * Math.sin(i); // non-zero biases too
      const grad = new Float64Array(layout.parameterCount);
      mlpLoss(layout, params, data.inputs, data.targets, loss, grad);
      const h = 1e-5;
      for (let i = 0; i < params.length; i++) {
        const keep = params[i];
        params[i] = keep + h;
        const up = mlpLoss(layout, params, data.inputs, data.targets, loss);
        params[i] = keep - h;
        const down = mlpLoss(layout, params, data.inputs, data.targets, loss);
        params[i] = keep;
        const fd = (up - down) / (2 * h); // error O(h²·f''') ≈ 1e-10
        expect(Math.abs(grad[i] - fd), `parameter ${i}`).toBeLessThanOrEqual(1e-6 * Math.abs(fd) + 1e-9);
      }
    });
  }

  it("trains in well under a second: Adam fits a teacher's classes (accuracy > 0.9 on the training set)", () => {
    const data = teacherDataset({ sizes: [6, 12, 3], samples: 300, task: "classification", seed: 4 });
    const layout = mlpLayout([6, 24, 3]);
    const opt = createAdam(mlpInit(layout, createRandom(1)), { learningRate: 0.01 });
    const grad = new Float64Array(layout.parameterCount);
    const before = mlpLoss(layout, opt.w, data.inputs, data.targets, "softmax-cross-entropy");
    for (let t = 0; t < 300; t++) {
      mlpLoss(layout, opt.w, data.inputs, data.targets, "softmax-cross-entropy", grad);
      opt.step(grad);
    }
    expect(mlpLoss(layout, opt.w, data.inputs, data.targets, "softmax-cross-entropy")).toBeLessThan(before / 3);
    expect(mlpAccuracy(layout, opt.w, data.inputs, data.targets)).toBeGreaterThan(0.9);
  });

  it("refuses bad shapes and losses, naming them", () => {
    const layout = mlpLayout([2, 3, 1]);
    const p = new Float64Array(layout.parameterCount);
    expect(() => mlpLayout([2])).toThrow(/sizes/);
    expect(() => mlpLoss(layout, new Float64Array(3), new Float64Array(2), new Float64Array(1))).toThrow(/params/);
    expect(() => mlpLoss(layout, p, new Float64Array(3), new Float64Array(1))).toThrow(/inputs/);
    expect(() => mlpLoss(layout, p, new Float64Array(4), new Float64Array(1))).toThrow(/targets/);
    expect(() => mlpLoss(layout, p, new Float64Array(2), new Float64Array(1), "hinge" as never)).toThrow(/loss/);
  });
});

describe("rosenbrock", () => {
  it("has f(−1.2, 1) = 24.2, its minimum 0 at ones, and the gradient of central differences (n = 2 and 5)", () => {
    const g = new Float64Array(2);
    expect(rosenbrock([-1.2, 1], g)).toBeCloseTo(24.2, 12);
    expect(Array.from(g).map((v) => +v.toFixed(10))).toEqual([-215.6, -88]);
    const ones = new Float64Array(5).fill(1);
    const g5 = new Float64Array(5);
    expect(rosenbrock(ones, g5)).toBe(0);
    expect(Array.from(g5)).toEqual([0, 0, 0, 0, 0]);
    const x = [0.3, -0.7, 1.1, 0.2, -1.4];
    rosenbrock(x, g5);
    for (let i = 0; i < 5; i++) {
      const h = 1e-6;
      const up = [...x];
      const down = [...x];
      up[i] += h;
      down[i] -= h;
      expect(g5[i]).toBeCloseTo((rosenbrock(up) - rosenbrock(down)) / (2 * h), 5);
    }
  });
  it("refuses a point of length < 2 and a gradient of another length", () => {
    expect(() => rosenbrock([1])).toThrow(/x/);
    expect(() => rosenbrock([1, 2], new Float64Array(3))).toThrow(/gradient/);
  });
});
