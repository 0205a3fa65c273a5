import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createRandom } from "../../../src/numeric/index";
import { type Compressor, empiricalError, qsgd, qsgdVarianceBound } from "../../../src/quantizers/index";

// ‖g‖ rounded up to binary32 through the bit pattern (independent of the library's rounding).
function normUp32(g: Float64Array): number {
  const norm = Math.sqrt(g.reduce((a, v) => a + v * v, 0));
  const buf = new Float32Array([norm]);
  if (buf[0] < norm) new Uint32Array(buf.buffer)[0] += 1;
  return buf[0];
}

describe("qsgd({ levels })", () => {
  it("bits(d) = 32 + d·(1 + ⌈log2(s + 1)⌉)", () => {
    const perCoordinate: Array<[number, number]> = [[1, 2], [2, 3], [3, 3], [4, 4], [7, 4], [8, 5], [255, 9]];
    for (const [s, b] of perCoordinate) expect(qsgd({ levels: s }).bits(10)).toBe(32 + 10 * b);
  });

  it("sends the FP32 norm rounded up and, per coordinate, a sign and a level ξ ∈ {0 … s}", () => {
    const s = 5;
    const c = qsgd({ levels: s });
    const rng = createRandom(41);
    const g = rng.fillNormal(new Float64Array(30));
    const r = normUp32(g);
    expect(r).toBeGreaterThanOrEqual(Math.sqrt(g.reduce((a, v) => a + v * v, 0)));
    for (let t = 0; t < 100; t++) {
      const { estimate } = c.compress(g, rng);
      for (let i = 0; i < 30; i++) {
        const xi = (Math.abs(estimate[i]) * s) / r;
        const level = Math.round(xi);
        expect(Math.abs(xi - level)).toBeLessThanOrEqual(1e-12 * s);
        expect(level).toBeGreaterThanOrEqual(0);
        expect(level).toBeLessThanOrEqual(s); // s + 1 values fit in ⌈log2(s + 1)⌉ bits
        expect(estimate[i] === 0 || Math.sign(estimate[i]) === Math.sign(g[i])).toBe(true);
        // it rounds to one of the two levels around s|g_i|/r
        expect(Math.abs(level - (s * Math.abs(g[i])) / r)).toBeLessThan(1 + 1e-12);
      }
    }
  });

  it("meanSquaredError = Σ (r²/s²) p_i(1 − p_i): [3, 4] with s = 1 gives 25·(0.24 + 0.16) = 10", () => {
    expect(qsgd({ levels: 1 }).meanSquaredError(new Float64Array([3, 4]))).toBeCloseTo(10, 12);
    expect(qsgd({ levels: 3 }).meanSquaredError(new Float64Array([0, 0, 0]))).toBe(0);
    expect(Array.from(qsgd({ levels: 3 }).compress(new Float64Array(3), createRandom(1)).estimate)).toEqual([0, 0, 0]);
  });

  it("exact MSE ≤ the paper's bound min(d/s², √d/s)·‖g‖² up to (r/‖g‖)² ≤ 1 + 2^−21 (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (d, s, seed, heavy) => {
          const rng = createRandom(seed);
          const g = rng.fillNormal(new Float64Array(d));
          if (heavy) for (let i = 0; i < d; i++) g[i] = g[i] ** 5; // heavy tails: one coordinate dominates
          const exact = qsgd({ levels: s }).meanSquaredError(g);
          return exact <= qsgdVarianceBound(g, s) * (1 + 2 ** -21);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
    expect(qsgdVarianceBound(new Float64Array([3, 4]), 1)).toBeCloseTo(Math.SQRT2 * 25, 12);
  });

  it("works for tiny and large norms and throws beyond the FP32 range", () => {
    const tiny = new Float64Array([1e-200, -2e-200]);
    const e = qsgd({ levels: 2 }).compress(tiny, createRandom(3)).estimate;
    expect(e.every((v) => Number.isFinite(v))).toBe(true);
    expect(qsgd({ levels: 2 }).meanSquaredError(new Float64Array([2 ** 100, 0]))).toBe(0); // r = ‖g‖ exactly in FP32
    // 1e30 is not an FP32 value: r exceeds it by < 2^−23 relative, so a = s·|g|/r falls just below s
    expect(qsgd({ levels: 2 }).meanSquaredError(new Float64Array([1e30, 0]))).toBeLessThan(2 ** -22 * 1e60);
    expect(() => qsgd({ levels: 2 }).compress(new Float64Array(16).fill(1e38), createRandom(1))).toThrow(RangeError);
  });

  it("an infinite or NaN entry is a RangeError naming the entry of g, in compress, encode and meanSquaredError", () => {
    const c = qsgd({ levels: 2 });
    for (const bad of [Infinity, -Infinity, NaN]) {
      const g = new Float64Array([1, 2, bad]);
      for (const call of [() => c.compress(g, createRandom(1)), () => c.encode(g, createRandom(1)), () => c.meanSquaredError(g)]) {
        expect(call).toThrow(RangeError);
        expect(call).toThrow(/^g\[2\] must be finite/);
      }
    }
  });

  it("rejects levels < 1 or non-integer, naming levels", () => {
    for (const levels of [0, -1, 1.5]) expect(() => qsgd({ levels })).toThrow(/levels must be/);
    expect(() => qsgdVarianceBound(new Float64Array(2), 0)).toThrow(/levels/);
    expect(() => qsgdVarianceBound([1] as unknown as Float64Array, 1)).toThrow(TypeError);
  });

  /** A generator whose every uniform draw is `u` (the dithers), everything else seeded. */
  function constantDither(u: number) {
    const rng = createRandom(0);
    Object.defineProperty(rng, "uniform", { value: () => u });
    return rng;
  }

  it("a coordinate exactly on a level is sent on it whatever the dither, even u = 0: [3, 4], s = 5 gives levels 3, 4 of r = 5", () => {
    const c = qsgd({ levels: 5 });
    const g = new Float64Array([3, -4]);
    for (const u of [0, 0.5, 1 - 2 ** -53]) expect(Array.from(c.compress(g, constantDither(u)).estimate)).toEqual([3, -4]);
    expect(c.meanSquaredError(g)).toBe(0);
  });

  it("the level never exceeds s, even when s·|g_i|/r rounds above s (s = 907817615, g = [1.399591088294983], an FP32 value)", () => {
    const s = 907_817_615; // 30 significant bits: s·r needs 54 bits and rounds up
    const gi = 1.399591088294983;
    expect(Math.fround(gi)).toBe(gi); // r = |g_0| exactly, so a = s by the definition
    expect((s * gi) / gi).toBeGreaterThan(s); // ... but the double arithmetic gives a > s
    const c = qsgd({ levels: s });
    const g = new Float64Array([gi]);
    // by the definition ξ = s whatever the dither: ĝ = r·s/s, and the error is that of the two roundings only
    for (const u of [0, 0.5]) {
      const message = c.encode(g, constantDither(u));
      expect(message.bytes[4] >> 1).toBe(s & 0x7f); // ξ_0 starts at bit 33 (byte 4, bit 1)
      expect(c.decode(message, 1, createRandom(0))[0]).toBe((gi * s) / s);
    }
    expect(c.meanSquaredError(g)).toBe(0);
  });

  it("the largest FP32 norm, 3.4028234663852886e38, is sent; a norm beyond it is a RangeError naming g and the norm", () => {
    const max = 3.4028234663852886e38;
    const c = qsgd({ levels: 3 });
    const message = c.encode(new Float64Array([max]), createRandom(1));
    expect(new DataView(message.bytes.buffer, message.bytes.byteOffset).getFloat32(0, true)).toBe(max);
    expect(Array.from(c.decode(message, 1, createRandom(1)))).toEqual([max]);
    expect(c.meanSquaredError(new Float64Array([-max, 0]))).toBe(0);
    const beyond = new Float64Array([max, max]); // ‖g‖ = √2·max ≈ 4.81e38
    expect(() => c.encode(beyond, createRandom(1))).toThrow(/^g has Euclidean norm 4\.81\d*e\+38, beyond the FP32 range of the transmitted norm$/);
    expect(() => c.meanSquaredError(beyond)).toThrow(/^g has Euclidean norm 4\.81\d*e\+38/);
  });

  it("decode refuses a norm that is negative or infinite, naming message and the value", () => {
    const c = qsgd({ levels: 3 });
    const m = c.encode(new Float64Array([3, 4]), createRandom(1));
    for (const [bad, shown] of [[-1, "-1"], [Infinity, "Infinity"], [-0.5, "-0.5"]] as const) {
      const bytes = m.bytes.slice();
      new DataView(bytes.buffer).setFloat32(0, bad, true);
      expect(() => c.decode({ bytes, bits: m.bits }, 2, createRandom(1))).toThrow(
        new RegExp(`^message: its norm must be a finite FP32 value >= 0, got ${shown}$`),
      );
    }
  });

  it("qsgdVarianceBound takes the smaller of d/s² and √d/s, by hand", () => {
    // d = 2, s = 2: min(1/2, √2/2) = 1/2, times ‖g‖² = 25
    expect(qsgdVarianceBound(new Float64Array([3, 4]), 2)).toBe(12.5);
    // d = 100, s = 2: min(25, 5) = 5, times ‖g‖² = 100
    expect(qsgdVarianceBound(new Float64Array(100).fill(-1), 2)).toBe(500);
    // d = 100, s = 20: min(1/4, 1/2) = 1/4, times 100
    expect(qsgdVarianceBound(new Float64Array(100).fill(1), 20)).toBe(25);
  });

  it("is named after its levels: qsgd(levels=7)", () => {
    expect(qsgd({ levels: 7 }).name).toBe("qsgd(levels=7)");
  });

  describe("the MSE uses the transmitted FP32 norm r, not the exact ‖g‖", () => {
    /**
     * Exact enumeration of QSGD's output distribution over its dithers: with the dither of coordinate
     * i fixed at u (the others at 0), the decoded ĝ_i is the upper level for u < p_i and the lower one
     * above; p_i is found by bisection on u (to 2^−53), so E‖ĝ − g‖² = Σ p_i(v_hi − g_i)² + (1 − p_i)(v_lo − g_i)²
     * follows from compress's outputs alone, not from the library's formula.
     */
    function enumeratedMse(c: Compressor, g: Float64Array): number {
      const d = g.length;
      const decodeWith = (i: number, u: number): number => {
        const rng = createRandom(0);
        let k = 0;
        Object.defineProperty(rng, "uniform", { value: () => (k++ === i ? u : 0) });
        return c.compress(g, rng).estimate[i];
      };
      let mse = 0;
      const uMax = 1 - 2 ** -53;
      for (let i = 0; i < d; i++) {
        const hi = decodeWith(i, 0);
        const lo = decodeWith(i, uMax);
        if (hi === lo) {
          mse += (hi - g[i]) ** 2;
          continue;
        }
        let a = 0; // output(a) = hi
        let b = uMax; // output(b) = lo
        for (let step = 0; step < 60 && b - a > 2 ** -53; step++) {
          const m = (a + b) / 2;
          if (decodeWith(i, m) === hi) a = m;
          else b = m;
        }
        const p = b; // P(u < threshold), u uniform on [0, 1)
        mse += p * (hi - g[i]) ** 2 + (1 - p) * (lo - g[i]) ** 2;
      }
      return mse;
    }
    /** The MSE formula with another scale in place of r: what a wrong implementation would compute. */
    function mseWithScale(g: Float64Array, s: number, scale: number): number {
      let sum = 0;
      for (const x of g) {
        const a = (s * Math.abs(x)) / scale;
        const p = a >= s ? 0 : a - Math.floor(a);
        sum += p * (1 - p);
      }
      return ((scale * scale) / (s * s)) * sum;
    }
    const exactNorm = (g: Float64Array): number => Math.sqrt(g.reduce((a, v) => a + v * v, 0));

    it("s = 2^24, g = [2, 3]: r/‖g‖ − 1 ≈ 5.7e−8 moves s·|g_i|/r by 0.5–0.8 levels; the exact norm, or the nearest FP32 norm (below ‖g‖ here), gives an MSE 30–45% lower", () => {
      const s = 2 ** 24;
      const g = new Float64Array([2, 3]);
      expect(Math.fround(exactNorm(g))).toBeLessThan(exactNorm(g)); // nearest FP32 rounds √13 down
      const c = qsgd({ levels: s });
      const mse = c.meanSquaredError(g);
      const enumerated = enumeratedMse(c, g);
      // enumeration: p to 2^−53 and a few roundings in the sums
      expect(Math.abs(mse - enumerated)).toBeLessThanOrEqual(1e-9 * enumerated);
      const mc = empiricalError(c, g, { trials: 20_000, rng: createRandom(77) });
      expect(Math.abs(mc.meanSquaredError - mse)).toBeLessThanOrEqual(5 * mc.standardError);
      // the wrong scales are far outside both: the test can tell them apart
      for (const wrong of [mseWithScale(g, s, exactNorm(g)), mseWithScale(g, s, Math.fround(exactNorm(g)))]) {
        expect(Math.abs(wrong - enumerated)).toBeGreaterThan(0.25 * enumerated);
        expect(Math.abs(wrong - mc.meanSquaredError)).toBeGreaterThan(20 * mc.standardError);
      }
    });

    it("s = 1, g = [0.7]: with r = FP32↑(0.7) > 0.7 the level is random (MSE ≈ 3.3e−8); the exact or nearest-FP32 norm would say 0", () => {
      const c = qsgd({ levels: 1 });
      const g = new Float64Array([0.7]);
      const r = normUp32(g);
      const enumerated = enumeratedMse(c, g);
      expect(Math.abs(c.meanSquaredError(g) - enumerated)).toBeLessThanOrEqual(1e-6 * enumerated);
      // two-point check by hand: ĝ ∈ {0, r}, unbiased, so the MSE is (r − 0.7)·0.7
      expect(Math.abs(enumerated - (r - 0.7) * 0.7)).toBeLessThanOrEqual(1e-6 * enumerated);
      expect(enumerated).toBeGreaterThan(1e-8);
      expect(mseWithScale(g, 1, exactNorm(g))).toBe(0);
      expect(mseWithScale(g, 1, Math.fround(0.7))).toBe(0);
    });
  });
});
