import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { uniformStochastic } from "../../../src/quantizers/index";

describe("uniformStochastic({ bits, range })", () => {
  it("bits(d) = d·b", () => {
    expect(uniformStochastic({ bits: 1, range: 1 }).bits(100)).toBe(100);
    expect(uniformStochastic({ bits: 4, range: 1 }).bits(7)).toBe(28);
  });

  it("sends one b-bit grid index per coordinate: every estimate is −M + jΔ, j ∈ [0, 2^b − 1], and all 2^b are used", () => {
    const b = 3;
    const M = 2;
    const delta = (2 * M) / (2 ** b - 1);
    const c = uniformStochastic({ bits: b, range: M });
    const rng = createRandom(4);
    const g = rng.fillNormal(new Float64Array(64));
    const seen = new Set<number>();
    for (let t = 0; t < 200; t++) {
      const { estimate, bits } = c.compress(g, rng);
      expect(bits).toBe(64 * b);
      for (const v of estimate) {
        const j = Math.round((v + M) / delta);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(2 ** b - 1);
        expect(Math.abs(v - (-M + j * delta))).toBeLessThanOrEqual(4 * Number.EPSILON * M);
        seen.add(j);
      }
    }
    expect(seen.size).toBe(2 ** b); // the alphabet really has 2^b letters: b bits each
  });

  it("rounds to a neighbour of g_i and keeps grid points and ±M exact", () => {
    const c = uniformStochastic({ bits: 2, range: 1.5 }); // grid {−1.5, −0.5, 0.5, 1.5}
    const g = new Float64Array([-1.5, -0.5, 0.5, 1.5, 0.2, 7, -7]);
    for (let seed = 0; seed < 50; seed++) {
      const e = c.compress(g, createRandom(seed)).estimate;
      expect(Array.from(e.subarray(0, 4))).toEqual([-1.5, -0.5, 0.5, 1.5]);
      expect([-0.5, 0.5]).toContain(e[4]);
      expect(e[5]).toBe(1.5); // clipped
      expect(e[6]).toBe(-1.5);
    }
  });

  it("meanSquaredError is Σ(g − ℓ)(ℓ + Δ − g) plus (|g| − M)² for clipped coordinates", () => {
    const c = uniformStochastic({ bits: 2, range: 1.5 }); // Δ = 1
    // 0 → (0.5)(0.5); 0.25 → (0.75)(0.25); 1.5 → 0; 2 → (2 − 1.5)²
    expect(c.meanSquaredError(new Float64Array([0, 0.25, 1.5, 2]))).toBeCloseTo(0.25 + 0.1875 + 0 + 0.25, 15);
  });

  it("1-bit case: meanSquaredError = Σ(M² − g_i²) on [−M, M]", () => {
    const M = 3;
    const c = uniformStochastic({ bits: 1, range: M });
    const g = createRandom(8).fillUniform(new Float64Array(50)).map((u) => (2 * u - 1) * M);
    const expected = g.reduce((s, v) => s + M * M - v * v, 0);
    expect(Math.abs(c.meanSquaredError(g) - expected)).toBeLessThanOrEqual(1e-12 * 50 * M * M);
  });

  it("rejects bad options, naming the parameter", () => {
    for (const bits of [0, 1.5, 33, -1]) expect(() => uniformStochastic({ bits, range: 1 })).toThrow(/bits must be/);
    expect(() => uniformStochastic({ bits: "2" as unknown as number, range: 1 })).toThrow(TypeError);
    for (const range of [0, -1, Infinity, NaN]) {
      expect(() => uniformStochastic({ bits: 2, range })).toThrow(RangeError);
      expect(() => uniformStochastic({ bits: 2, range })).toThrow(/range/);
    }
    expect(() => uniformStochastic(undefined as never)).toThrow(/options/);
  });
});
