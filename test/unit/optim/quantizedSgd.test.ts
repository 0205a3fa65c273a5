import { describe, expect, it } from "vitest";
import { createRandom, monteCarlo } from "../../../src/numeric/index";
import { quadraticOracle } from "../../../src/oracles/index";
import { achievabilityVariance, quantizedSgd } from "../../../src/optim/index";
import {
  type Compressor,
  hadamardStochastic,
  qsgd,
  randomSubsetStochastic,
  scaledSign,
  uniformStochastic,
} from "../../../src/quantizers/index";
import { BitReader, BitWriter } from "../../../src/numeric/index";

const Z = 4;

/**
 * E‖e_T‖² for one-bit random-subset SGD started at θ, by the exact second-moment recursion (valid while
 * no coordinate leaves [−M, M]): e_{t+1} = (1 − η_t)e_t − η_t n_t with E‖n_t‖² = V − ‖e_t‖² (b = 1), so
 * m_{t+1} = (1 − η_t)²m_t + η_t²(V − m_t), η_t = 1/(t + t_0).
 */
function predictedMse(V: number, T: number, t0: number): number {
  let m = 0;
  for (let t = 0; t < T; t++) {
    const eta = 1 / (t + t0);
    m = (1 - eta) ** 2 * m + eta * eta * (V - m);
  }
  return m;
}

/** Monte Carlo of T·‖x_T − θ‖² over runs (θ = 0, x_0 = θ), with the clipped fraction. */
function runs(d: number, k: number, M: number, T: number, t0: number, trials: number, seed: number) {
  let outOfRange = 0;
  const r = monteCarlo({
    trials,
    seed,
    run: (_rng, i) => {
      const oracle = quadraticOracle({ theta: new Float64Array(d), sigma: 1, rng: createRandom(seed, 2 * i) });
      const result = quantizedSgd({ oracle, compressor: randomSubsetStochastic({ k, bits: 1, range: M }), rounds: T, seed: seed + 2 * i + 1, t0, range: M });
      outOfRange += result.outOfRange;
      let e = 0;
      for (const v of result.x) e += v * v;
      return T * e;
    },
  });
  return { ...r, outOfRangeFraction: outOfRange / (trials * T * d) };
}

describe("quantizedSgd", () => {
  it("math.md §9: d = 64, M = 5, k = 32, b = 1 (32 bits a round): T·MSE approaches V = d²M²/k = 3200", () => {
    const V = achievabilityVariance({ d: 64, k: 32, bitsPerCoordinate: 1, range: 5, sigma: 1 });
    expect(V).toBe(3200);
    // t_0 = 4 (the rule's 2d/k) keeps every step below M/2, so the recursion's prediction is exact up to
    // clipping of probability < 1e−6 per coordinate: 4 SE
    const T = 400;
    const ruled = runs(64, 32, 5, T, 4, 200, 11);
    const p = T * predictedMse(V, T, 4);
    expect(Math.abs(ruled.mean - p)).toBeLessThanOrEqual(Z * ruled.stderr);
    expect(p / V).toBeGreaterThan(0.97);
    // t_0 = 1: the first step overshoots to ±10 on the sent coordinates and the next rounds clip, so
    // math.md only claims "within a few percent" of V; we allow 4 SE + 3%
    const plain = runs(64, 32, 5, T, 1, 200, 12);
    expect(Math.abs(plain.mean - V)).toBeLessThanOrEqual(Z * plain.stderr + 0.03 * V);
  });

  it("math.md §5.1: k = 8, t_0 = 16 gives T·MSE ≈ 12,800·(finite-T factor); t_0 = 1 blows up by leaving the range", () => {
    const V = 12800;
    const T = 600;
    const good = runs(64, 8, 5, T, 16, 150, 21);
    const p = T * predictedMse(V, T, 16);
    expect(Math.abs(good.mean - p)).toBeLessThanOrEqual(Z * good.stderr + 0.01 * p);
    expect(good.outOfRangeFraction).toBeLessThan(0.002);
    const bad = runs(64, 8, 5, T, 1, 40, 22);
    // math.md: 1.56e6 at T = 4000 with 7.9% of the coordinates clipped each round
    expect(bad.mean).toBeGreaterThan(20 * V);
    expect(bad.outOfRangeFraction).toBeGreaterThan(0.05);
  });

  it("every round's message is measured: k·b bits, within B; a message over B throws", () => {
    const d = 16;
    const oracle = quadraticOracle({ theta: new Float64Array(d), sigma: 1, rng: createRandom(1) });
    const compressor = randomSubsetStochastic({ k: 5, bits: 3, range: 4 });
    const r = quantizedSgd({ oracle, compressor, rounds: 20, seed: 2, bits: 16 });
    expect(Array.from(r.bitsPerRound)).toEqual(new Array(20).fill(15));
    expect(r.totalBits).toBe(300);
    expect(r.bits).toBe(16);
    const liar: Compressor = {
      ...compressor,
      encodeInto: (g, rng, writer) => {
        compressor.encodeInto!(g, rng, writer);
        writer.writeBits(1, 2); // two bits more than declared
        return writer.bitLength;
      },
    };
    expect(() => quantizedSgd({ oracle, compressor: liar, rounds: 1, seed: 2 })).toThrow(/round 1: .* sent 17 bits .* over the budget B = 15/);
    expect(() => quantizedSgd({ oracle, compressor, rounds: 1, seed: 2, bits: 14 })).toThrow(/bits must be at least/);
  });

  it("the allocation-free path (encodeInto/decodeFrom) gives the same run as encode/decode", () => {
    const d = 24;
    for (const make of [
      () => randomSubsetStochastic({ k: 7, bits: 2, range: 3 }),
      () => uniformStochastic({ bits: 3, range: 4 }),
      () => qsgd({ levels: 2 }),
      () => hadamardStochastic({ bits: 2 }),
      () => scaledSign(),
    ]) {
      const fast = make();
      const { encodeInto: _e, decodeFrom: _d, ...rest } = make();
      const slow: Compressor = rest;
      const theta = Float64Array.from({ length: d }, (_, i) => Math.sin(i));
      const a = quantizedSgd({ oracle: quadraticOracle({ theta, sigma: 0.5, rng: createRandom(3) }), compressor: fast, rounds: 30, seed: 4, t0: 2 });
      const b = quantizedSgd({ oracle: quadraticOracle({ theta, sigma: 0.5, rng: createRandom(3) }), compressor: slow, rounds: 30, seed: 4, t0: 2 });
      expect(Array.from(a.x)).toEqual(Array.from(b.x));
      expect(Array.from(a.bitsPerRound)).toEqual(Array.from(b.bitsPerRound));
    }
  });

  it("encodeInto writes the bytes encode returns; decodeFrom reads back what decode does", () => {
    const g = Float64Array.from({ length: 40 }, (_, i) => Math.cos(3 * i));
    for (const c of [randomSubsetStochastic({ k: 9, bits: 3, range: 2 }), uniformStochastic({ bits: 2, range: 1 }), qsgd({ levels: 3 }), hadamardStochastic({ bits: 1 })]) {
      const message = c.encode(g, createRandom(5, 1));
      const writer = new BitWriter();
      const bits = c.encodeInto!(g, createRandom(5, 1), writer);
      expect(bits).toBe(message.bits);
      expect(Array.from(writer.view())).toEqual(Array.from(message.bytes));
      const reader = new BitReader(writer.view(), bits);
      const out = new Float64Array(40);
      c.decodeFrom!(reader, 40, createRandom(5, 1), out);
      expect(Array.from(out)).toEqual(Array.from(c.decode(message, 40, createRandom(5, 1))));
      expect(() => c.decodeFrom!(new BitReader(writer.view(), bits - 1), 40, createRandom(5, 1), out)).toThrow(/reader must hold one unread message/);
    }
  });

  it("bad input names the parameter", () => {
    const oracle = quadraticOracle({ theta: [0, 0], sigma: 1, rng: createRandom(1) });
    const compressor = uniformStochastic({ bits: 1, range: 1 });
    const ok = { oracle, compressor, rounds: 2, seed: 1 };
    expect(() => quantizedSgd({ ...ok, rounds: -1 })).toThrow(/rounds must be an integer >= 0/);
    expect(() => quantizedSgd({ ...ok, t0: 0 })).toThrow(/t0 must be a finite number > 0/);
    expect(() => quantizedSgd({ ...ok, mu: -1 })).toThrow(/mu/);
    expect(() => quantizedSgd({ ...ok, x0: [1] })).toThrow(/x0.length must equal d = 2/);
    expect(() => quantizedSgd({ ...ok, range: 0 })).toThrow(/range/);
    expect(() => quantizedSgd({ ...ok, seed: 0.5 })).toThrow(/seed/);
    expect(() => quantizedSgd({ ...ok, compressor: {} as never })).toThrow(/compressor must have/);
    expect(() => quantizedSgd({ ...ok, oracle: {} as never })).toThrow(/oracle must have/);
    expect(() => quantizedSgd({ ...ok, onRound: 3 as never })).toThrow(/onRound/);
    expect(quantizedSgd({ ...ok, rounds: 0, x0: [1, 2] }).x).toEqual(new Float64Array([1, 2]));
  });
});
