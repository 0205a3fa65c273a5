import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { createMuon, polarFactor } from "../../../src/optim/index";
import type { ComponentQuantizer } from "../../../src/optim/index";

type M = number[][];
const mul = (a: M, b: M): M => a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
const transpose = (a: M): M => a[0].map((_, j) => a.map((row) => row[j]));
const toRows = (x: ArrayLike<number>, r: number, c: number): M => Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => x[i * c + j]));

/** KellerJordan/Muon's zeropower_via_newtonschulz5, written with plain nested arrays (binary64). */
function referenceNs5(g: M): M {
  const [a, b, c] = [3.4445, -4.775, 2.0315];
  let x = g.length > g[0].length ? transpose(g) : g.map((r) => [...r]);
  const norm = Math.sqrt(x.flat().reduce((s, v) => s + v * v, 0));
  x = x.map((r) => r.map((v) => v / (norm + 1e-7)));
  for (let s = 0; s < 5; s++) {
    const A = mul(x, transpose(x));
    const AA = mul(A, A);
    const B = A.map((row, i) => row.map((v, j) => b * v + c * AA[i][j]));
    const BX = mul(B, x);
    x = x.map((row, i) => row.map((v, j) => a * v + BX[i][j]));
  }
  return g.length > g[0].length ? transpose(x) : x;
}

/** Matrix least squares f(W) = ½‖W X − Y‖²_F: gradient (W X − Y) Xᵀ. */
function problem(rows: number, cols: number, n: number, seed: number) {
  const rng = createRandom(seed);
  const X = toRows(rng.fillNormal(new Float64Array(cols * n)), cols, n);
  const Y = toRows(rng.fillNormal(new Float64Array(rows * n)), rows, n);
  return (w: ArrayLike<number>): Float64Array => {
    const R = mul(toRows(w, rows, cols), X).map((row, i) => row.map((v, j) => v - Y[i][j]));
    return Float64Array.from(mul(R, transpose(X)).flat());
  };
}

describe("createMuon", () => {
  it("in full precision matches a step-by-step reference (Nesterov momentum, NS5, shape scale, weight decay) to 1e-12", () => {
    const rows = 8;
    const cols = 5;
    const grad = problem(rows, cols, 12, 1);
    const w0 = createRandom(2).fillNormal(new Float64Array(rows * cols));
    const lr = 0.02;
    const beta = 0.9;
    const decay = 0.1;
    const opt = createMuon(w0, rows, cols, { learningRate: lr, momentum: beta, weightDecay: decay });
    let w = toRows(w0, rows, cols);
    let mom = w.map((r) => r.map(() => 0));
    for (let t = 0; t < 30; t++) {
      const G = toRows(grad(w.flat()), rows, cols);
      mom = mom.map((r, i) => r.map((v, j) => beta * v + (1 - beta) * G[i][j]));
      const U = G.map((r, i) => r.map((v, j) => (1 - beta) * v + beta * mom[i][j]));
      const O = referenceNs5(U);
      const scale = Math.sqrt(Math.max(1, rows / cols));
      w = w.map((r, i) => r.map((v, j) => (1 - lr * decay) * v - lr * scale * O[i][j]));
      opt.step(grad(opt.w));
    }
    const flat = w.flat();
    for (let i = 0; i < flat.length; i++) expect(Math.abs(opt.w[i] - flat[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(flat[i])));
  });

  it("with orthogonalize: \"svd\" steps along the exact polar factor", () => {
    const g = createRandom(5).fillNormal(new Float64Array(12));
    const opt = createMuon(new Float64Array(12), 4, 3, { learningRate: 0.1, momentum: 0, nesterov: false, orthogonalize: "svd" });
    opt.step(g);
    const p = polarFactor(g, 4, 3);
    const scale = Math.sqrt(4 / 3);
    for (let i = 0; i < 12; i++) expect(opt.w[i]).toBeCloseTo(-0.1 * scale * p[i], 14);
  });

  it("with 52-bit mantissa quantizers on G, W and the momentum reproduces the unquantized run bit for bit", () => {
    const grad = problem(6, 6, 10, 3);
    const w0 = createRandom(4).fillNormal(new Float64Array(36));
    const q: ComponentQuantizer = { kind: "mantissa", bits: 52, rounding: "stochastic" };
    const plain = createMuon(w0, 6, 6);
    const quant = createMuon(w0, 6, 6, { quantize: { gradient: q, weights: q, firstMoment: q }, seed: 1 });
    for (let t = 0; t < 40; t++) {
      plain.step(grad(plain.w));
      quant.step(grad(quant.w));
    }
    expect(Array.from(quant.w)).toEqual(Array.from(plain.w));
  });

  it.each([
    [{ learningRate: 0 }, /learningRate/],
    [{ momentum: 1 }, /momentum/],
    [{ momentum: -0.5 }, /momentum/],
    [{ steps: -1 }, /steps/],
    [{ orthogonalize: "qr" }, /orthogonalize/],
    [{ quantize: { gradient: { kind: "mantissa", bits: 53, rounding: "nearest" } } }, /quantizer\.bits/],
    [{ quantize: { secondMoment: { kind: "mantissa", bits: 7, rounding: "nearest" } } }, /secondMoment/],
  ])("refuses %o naming the parameter", (options, message) => {
    expect(() => createMuon(new Float64Array(6), 2, 3, options as never)).toThrow(message);
  });

  it("refuses mismatched shapes", () => {
    expect(() => createMuon(new Float64Array(5), 2, 3)).toThrow(/w0\.length/);
    expect(() => createMuon(new Float64Array(6), 2, 3).step(new Float64Array(5))).toThrow(/gradient/);
  });
});
