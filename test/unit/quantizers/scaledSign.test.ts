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

  it("the largest FP32 scale, 3.4028234663852886e38, is sent; beyond it a RangeError names g and the mean absolute value", () => {
    const max = 3.4028234663852886e38;
    const g = new Float64Array([max, -max]); // ‖g‖₁/d = max exactly (‖g‖₁ = 2·max is a finite double)
    const message = c.encode(g, createRandom(0));
    expect(new DataView(message.bytes.buffer, message.bytes.byteOffset).getFloat32(0, true)).toBe(max);
    expect(Array.from(c.decode(message, 2, createRandom(0)))).toEqual([max, -max]);
    expect(c.meanSquaredError(g)).toBe(0);
    expect(() => c.encode(new Float64Array([1e39, -1e39]), createRandom(0))).toThrow(
      /^g has mean absolute value 1e\+39, beyond the FP32 range of the scale$/,
    );
    expect(() => c.meanSquaredError(new Float64Array([1e39, 0]))).toThrow(/^g has mean absolute value 5e\+38/);
  });

  it("decode reads a zero scale as ĝ = 0 and refuses an infinite one, naming message and the value", () => {
    const zero = c.encode(new Float64Array([0, -0, 0]), createRandom(0));
    expect(Array.from(zero.bytes)).toEqual([0, 0, 0, 0, 0]); // scale +0, three + signs (−0 is sent as +)
    expect(Array.from(c.decode(zero, 3, createRandom(0)))).toEqual([0, 0, 0]);
    const bytes = zero.bytes.slice();
    new DataView(bytes.buffer).setFloat32(0, Infinity, true);
    expect(() => c.decode({ bytes, bits: zero.bits }, 3, createRandom(0))).toThrow(/^message: its scale must be a finite FP32 value >= 0, got Infinity$/);
    new DataView(bytes.buffer).setFloat32(0, -2, true);
    expect(() => c.decode({ bytes, bits: zero.bits }, 3, createRandom(0))).toThrow(/^message: its scale must be a finite FP32 value >= 0, got -2$/);
  });
});
