import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { randomSubsetStochastic } from "../../../src/quantizers/index";

describe("randomSubsetStochastic({ k, bits, range })", () => {
  it("bits(d) = k·b, whatever d ≥ k", () => {
    const c = randomSubsetStochastic({ k: 8, bits: 3, range: 1 });
    expect(c.bits(8)).toBe(24);
    expect(c.bits(1000)).toBe(24);
  });

  it("sends exactly k rounded coordinates: k non-zeros, each (d/k)·(a point of the b-bit grid)", () => {
    const d = 40;
    const k = 6;
    const b = 2;
    const M = 3;
    const delta = (2 * M) / (2 ** b - 1);
    const c = randomSubsetStochastic({ k, bits: b, range: M });
    const rng = createRandom(21);
    const g = rng.fillNormal(new Float64Array(d));
    for (let t = 0; t < 200; t++) {
      const { estimate, bits } = c.compress(g, rng);
      expect(bits).toBe(k * b);
      const sent = Array.from(estimate).filter((v) => v !== 0); // 0 is not on a grid with 2^b points
      expect(sent.length).toBe(k);
      for (const v of sent) {
        const q = (v * k) / d;
        const j = Math.round((q + M) / delta);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(2 ** b - 1);
        expect(Math.abs(q - (-M + j * delta))).toBeLessThanOrEqual(1e-14 * M);
      }
    }
  });

  it("picks every coordinate with probability k/d (within 5 standard errors)", () => {
    const d = 10;
    const k = 3;
    const trials = 20_000;
    const c = randomSubsetStochastic({ k, bits: 1, range: 1 });
    const g = new Float64Array(d).fill(0.5);
    const rng = createRandom(22);
    const count = new Float64Array(d);
    for (let t = 0; t < trials; t++) {
      const e = c.compress(g, rng).estimate;
      for (let i = 0; i < d; i++) if (e[i] !== 0) count[i]++;
    }
    const p = k / d;
    const se = Math.sqrt((p * (1 - p)) / trials);
    for (let i = 0; i < d; i++) expect(Math.abs(count[i] / trials - p)).toBeLessThanOrEqual(5 * se);
  });

  it("meanSquaredError: (d/k − 1)‖g‖² + (d/k)Σv_i, and (d/k)·d·M² − ‖g‖² for one bit", () => {
    // math.md §5.1: d = 64, M = 5, k = 8, one bit, g = 0 → V = d²M²/k = 12,800
    expect(randomSubsetStochastic({ k: 8, bits: 1, range: 5 }).meanSquaredError(new Float64Array(64))).toBe(12800);
    const g = createRandom(23).fillUniform(new Float64Array(64)).map((u) => 8 * u - 4);
    const norm2 = g.reduce((s, v) => s + v * v, 0);
    const oneBit = randomSubsetStochastic({ k: 16, bits: 1, range: 5 }).meanSquaredError(g);
    expect(Math.abs(oneBit - ((64 / 16) * 64 * 25 - norm2))).toBeLessThanOrEqual(1e-10 * oneBit);
    // b = 2 on [−5, 5]: grid step 10/3; v_i from the definition
    const delta = 10 / 3;
    let sumV = 0;
    for (const v of g) {
      const l = -5 + Math.floor((v + 5) / delta) * delta;
      sumV += (v - l) * (l + delta - v);
    }
    const twoBit = randomSubsetStochastic({ k: 16, bits: 2, range: 5 }).meanSquaredError(g);
    expect(Math.abs(twoBit - ((64 / 16 - 1) * norm2 + (64 / 16) * sumV))).toBeLessThanOrEqual(1e-10 * twoBit);
  });

  it("one compressor over changing d draws, every time, the subset of the documented partial Fisher–Yates shuffle", () => {
    const k = 4;
    const c = randomSubsetStochastic({ k, bits: 1, range: 1 }); // 1-bit grid {−1, 1}: a sent coordinate is never 0
    for (const [d, seed] of [[10, 1], [20, 2], [10, 3], [10, 4], [5, 5], [4, 6], [20, 7]] as const) {
      // the reference: a fresh identity permutation, swap i with i + integer(d − i) for i < k
      const coin = createRandom(seed);
      const perm = Array.from({ length: d }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + coin.integer(d - i);
        [perm[i], perm[j]] = [perm[j], perm[i]];
      }
      const expected = perm.slice(0, k).sort((a, b) => a - b);
      const g = new Float64Array(d).fill(0.25);
      const estimate = c.compress(g, createRandom(seed)).estimate;
      const sent = Array.from(estimate.keys()).filter((i) => estimate[i] !== 0);
      expect(sent, `d = ${d}, seed ${seed}`).toEqual(expected);
      for (const i of sent) expect(Math.abs(estimate[i])).toBe(d / k);
    }
  });

  it("a draw at the rejection limit n·⌊2^32/n⌋ is drawn again, as rng.integer(n) does (a scripted coin)", () => {
    // d = 3, k = 1: the limit is 3·⌊2^32/3⌋ = 2^32 − 1. The coin says 2^32 − 1, then 7: integer(3) rejects the
    // first and returns 7 mod 3 = 1, so coordinate 1 is sent; accepting the limit would send (2^32 − 1) mod 3 = 0
    const scripted = () => {
      const rng = createRandom(0);
      const words = [4294967295, 7];
      let t = 0;
      Object.defineProperty(rng, "uint32", { value: () => (t < words.length ? words[t++] : 7) });
      return rng;
    };
    expect(scripted().integer(3)).toBe(1);
    const estimate = randomSubsetStochastic({ k: 1, bits: 1, range: 1 }).compress(new Float64Array([0.5, 0.5, 0.5]), scripted()).estimate;
    expect(Array.from(estimate).map((v) => v !== 0)).toEqual([false, true, false]);
  });

  it("a coin in another state than the last draw's gets its own subset, even the state of createRandom(0)", () => {
    const g = Float64Array.from({ length: 12 }, (_, i) => 0.1 * i - 0.5);
    const c = randomSubsetStochastic({ k: 3, bits: 2, range: 1 });
    c.compress(g, createRandom(5)); // the last draw started from createRandom(5)'s state
    for (const seed of [0, 5, 9]) {
      const fresh = randomSubsetStochastic({ k: 3, bits: 2, range: 1 }).compress(g, createRandom(seed)).estimate;
      expect(Array.from(c.compress(g, createRandom(seed)).estimate), `seed ${seed}`).toEqual(Array.from(fresh));
    }
  });

  it("rejects bad options and k > d, naming k", () => {
    for (const k of [0, 2.5, -3]) expect(() => randomSubsetStochastic({ k, bits: 1, range: 1 })).toThrow(/k must be/);
    expect(() => randomSubsetStochastic({ k: 2, bits: 0, range: 1 })).toThrow(/bits must be/);
    expect(() => randomSubsetStochastic({ k: 2, bits: 1, range: -2 })).toThrow(/range/);
    const c = randomSubsetStochastic({ k: 5, bits: 1, range: 1 });
    expect(() => c.bits(4)).toThrow(RangeError);
    expect(() => c.bits(4)).toThrow(/k must be at most/);
    expect(() => c.compress(new Float64Array(4), createRandom(1))).toThrow(/k must be at most/);
    expect(() => c.meanSquaredError(new Float64Array(4))).toThrow(/k must be at most/);
  });
});
