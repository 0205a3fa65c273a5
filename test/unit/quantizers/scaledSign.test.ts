import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { scaledSign } from "../../../src/quantizers/index";

describe("scaledSign()", () => {
  const c = scaledSign();

  it("bits(d) = d + 32", () => {
    expect(c.bits(1)).toBe(33);
    expect(c.bits(1000)).toBe(1032);
  });

  it("sends d signs and one FP32 scale fl32(‖g‖₁/d); sign(0) is +", () => {
    const g = createRandom(31).fillNormal(new Float64Array(33));
    g[5] = 0;
    const { estimate, bits } = c.compress(g, createRandom(0));
    expect(bits).toBe(33 + 32);
    const s = Math.fround(g.reduce((a, v) => a + Math.abs(v), 0) / 33);
    expect(Math.fround(s)).toBe(s);
    for (let i = 0; i < 33; i++) expect(estimate[i]).toBe(g[i] < 0 ? -s : s);
    expect(estimate[5]).toBe(s);
  });

  it("meanSquaredError is Σ(ĝ − g)² = ‖g‖² − ‖g‖₁²/d + d(s − ‖g‖₁/d)²", () => {
    const g = createRandom(32).fillNormal(new Float64Array(100)).map((v) => v * v * v);
    const d = g.length;
    const l1 = g.reduce((a, v) => a + Math.abs(v), 0);
    const l2 = g.reduce((a, v) => a + v * v, 0);
    const s = Math.fround(l1 / d);
    const mse = c.meanSquaredError(g);
    const direct = c.compress(g, createRandom(0)).estimate.reduce((a, v, i) => a + (v - g[i]) ** 2, 0);
    expect(Math.abs(mse - direct)).toBeLessThanOrEqual(1e-12 * l2);
    expect(Math.abs(mse - (l2 - (l1 * l1) / d + d * (s - l1 / d) ** 2))).toBeLessThanOrEqual(1e-12 * l2);
    // the FP32 rounding of the scale changes the ideal error by at most d·(2^−24·‖g‖₁/d)²
    expect(Math.abs(mse - (l2 - (l1 * l1) / d))).toBeLessThanOrEqual(d * (2 ** -24 * (l1 / d)) ** 2 + 1e-12 * l2);
  });

  it("is exact on a vector of equal magnitudes and throws when the scale overflows FP32", () => {
    expect(Array.from(c.compress(new Float64Array([2, -2, 2]), createRandom(0)).estimate)).toEqual([2, -2, 2]);
    expect(c.meanSquaredError(new Float64Array([2, -2, 2]))).toBe(0);
    expect(() => c.compress(new Float64Array([1e39, 1e39]), createRandom(0))).toThrow(RangeError);
  });
});
