import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { createAdam, rosenbrock } from "../../../src/optim/index";
import type { ComponentQuantizer } from "../../../src/optim/index";

/** Adam written out step by step (Kingma & Ba, Algorithm 1, with decoupled weight decay). */
function referenceAdam(w0: number[], grads: (w: number[]) => number[], steps: number, lr: number, b1: number, b2: number, eps: number, decay = 0): number[] {
  const w = [...w0];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    const g = grads(w);
    for (let i = 0; i < w.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      const mHat = m[i] * (1 / (1 - b1 ** t));
      const vHat = v[i] * (1 / (1 - b2 ** t));
      w[i] = w[i] - lr * (mHat / (Math.sqrt(vHat) + eps) + decay * w[i]);
    }
  }
  return w;
}

function rosenbrockGradient(w: number[]): number[] {
  const g = new Float64Array(w.length);
  rosenbrock(w, g);
  return Array.from(g);
}

describe("createAdam", () => {
  it("in full precision matches the step-by-step reference on 4-d Rosenbrock (relative 1e-12 after 300 steps)", () => {
    const w0 = [-1.2, 1, 0.5, -0.3];
    const opt = createAdam(w0, { learningRate: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-8, weightDecay: 0.01 });
    const g = new Float64Array(4);
    for (let t = 0; t < 300; t++) {
      rosenbrock(opt.w, g);
      opt.step(g);
    }
    const ref = referenceAdam(w0, rosenbrockGradient, 300, 0.01, 0.8, 0.99, 1e-8, 0.01);
    for (let i = 0; i < 4; i++) expect(Math.abs(opt.w[i] - ref[i])).toBeLessThanOrEqual(1e-12 * Math.abs(ref[i]));
    expect(opt.t).toBe(300);
  });

  it("with 52-bit mantissa quantizers on G, W, M, V reproduces the unquantized run bit for bit", () => {
    const rng = createRandom(3);
    const w0 = rng.fillNormal(new Float64Array(50));
    for (const rounding of ["nearest", "toward-zero", "stochastic"] as const) {
      const q: ComponentQuantizer = { kind: "mantissa", bits: 52, rounding };
      const plain = createAdam(w0, { learningRate: 0.05 });
      const quant = createAdam(w0, { learningRate: 0.05, quantize: { gradient: q, weights: q, firstMoment: q, secondMoment: q }, seed: 8 });
      const g = new Float64Array(50);
      for (let t = 0; t < 200; t++) {
        rosenbrock(plain.w, g);
        plain.step(g);
        rosenbrock(quant.w, g);
        quant.step(g);
      }
      expect(Array.from(quant.w)).toEqual(Array.from(plain.w));
      expect(Array.from(quant.v)).toEqual(Array.from(plain.v));
    }
  });

  it("stores every component on its quantizer's grid (BF16 weights and second moment)", () => {
    const opt = createAdam([-1.2, 1], { learningRate: 1e-2, quantize: { weights: { kind: "format", format: "bf16" }, secondMoment: { kind: "mantissa", bits: 7, rounding: "nearest" } } });
    const g = new Float64Array(2);
    for (let t = 0; t < 20; t++) {
      rosenbrock(opt.w, g);
      opt.step(g);
    }
    for (const x of [...opt.w, ...opt.v]) {
      // a BF16 value has at most 8 significant bits: x·2^(7 − e) is an integer
      const e = Math.floor(Math.log2(Math.abs(x)));
      expect(Number.isInteger(x * 2 ** (7 - e))).toBe(true);
    }
  });

  it("weights stagnate when the update is below half an ulp: BF16 weights at w = 1 with lr 1e-3 never move", () => {
    // |Δw| ≤ lr·(1 + small) = 1e-3 < ½ ulp_bf16(1) = 2^-8 ≈ 3.9e-3 (math.md §8.0.2)
    const opt = createAdam([1], { learningRate: 1e-3, quantize: { weights: { kind: "format", format: "bf16" } } });
    for (let t = 0; t < 500; t++) opt.step([1]);
    expect(opt.w[0]).toBe(1);
    const sr = createAdam([1], { learningRate: 1e-3, quantize: { weights: { kind: "format", format: "bf16", rounding: "stochastic" } }, seed: 2 });
    for (let t = 0; t < 500; t++) sr.step([1]);
    expect(sr.w[0]).toBeLessThan(0.75); // stochastic rounding moves it ≈ 500·1e-3 = 0.5 on average
  });

  it.each([
    [{ learningRate: 0 }, /learningRate/],
    [{ learningRate: -1e-3 }, /learningRate/],
    [{ beta1: 1 }, /beta1/],
    [{ beta1: -0.1 }, /beta1/],
    [{ beta2: 1.5 }, /beta2/],
    [{ epsilon: 0 }, /epsilon/],
    [{ quantize: { secondMoment: { kind: "mantissa", bits: 0, rounding: "nearest" } } }, /quantizer\.bits/],
    [{ quantize: { weights: { kind: "mantissa", bits: 60, rounding: "nearest" } } }, /quantizer\.bits/],
  ])("refuses %o naming the parameter", (options, message) => {
    expect(() => createAdam([1, 2], options as never)).toThrow(RangeError);
    expect(() => createAdam([1, 2], options as never)).toThrow(message);
  });

  it("refuses a gradient of the wrong length", () => {
    expect(() => createAdam([1, 2]).step([1, 2, 3])).toThrow(/gradient/);
  });
});
