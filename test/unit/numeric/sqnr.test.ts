// sqnrDb against quantities computed another way: a uniform quantizer's closed form on a
// full-scale grid, exact ratios of powers of ten, and the roles of the two arguments.
import { describe, expect, it } from "vitest";
import { sqnrDb } from "../../../src/numeric/index";

describe("sqnrDb against independent values", () => {
  it("a b-bit mid-rise quantizer of a full-scale uniform grid: 20·log10(2^b) dB (signal Δ²·4^b/12, noise Δ²/12)", () => {
    // x on [−1, 1) at the midpoints of 2^b·m equal cells; each x̂ the centre of its 2^b-cell: the errors are
    // uniform on a grid of m points in ±Δ/2 (noise (Δ²/12)(1 − 1/m²)), the signal (1/3)(1 − 1/(2^b·m)²)
    for (const b of [2, 4, 8]) {
      const levels = 2 ** b;
      const m = 64;
      const n = levels * m;
      const x = new Float64Array(n);
      const q = new Float64Array(n);
      const delta = 2 / levels;
      for (let i = 0; i < n; i++) {
        x[i] = -1 + (2 * (i + 0.5)) / n;
        q[i] = -1 + delta * (Math.floor(i / m) + 0.5);
      }
      const signal = (1 / 3) * (1 - 1 / (n * n));
      const noise = ((delta * delta) / 12) * (1 - 1 / (m * m));
      expect(Math.abs(sqnrDb(x, q) - 10 * Math.log10(signal / noise))).toBeLessThan(1e-9);
      expect(Math.abs(sqnrDb(x, q) - 20 * b * Math.log10(2))).toBeLessThan(0.01);
    }
  });

  it("powers of ten: signal 100, noise 1 → 20 dB; noise 10⁴ → −20 dB; the arguments are not interchangeable", () => {
    expect(sqnrDb([6, 8], [6, 7])).toBeCloseTo(20, 12); // 36 + 64 over 1
    expect(sqnrDb([0, 10], [100, 10])).toBeCloseTo(-20, 12); // 100 over 10⁴
    expect(sqnrDb([1, 0], [0, 0])).toBe(0); // 1 over 1
    expect(sqnrDb([0, 0], [1, 0])).toBe(-Infinity);
    // every element counts, the last included
    expect(sqnrDb([1, 1, 1, 1], [1, 1, 1, 1.5])).toBeCloseTo(10 * Math.log10(4 / 0.25), 12);
    expect(sqnrDb([1, 1, 1, 3], [1, 1, 1, 3])).toBe(Infinity);
    expect(sqnrDb([0, 0, 0], [0, 0, 0])).toBe(Infinity); // documented: no error is +Infinity, even for a zero signal
  });

  it("scaling both by 2^k leaves it unchanged; a sign flip of the error leaves it unchanged", () => {
    const x = [0.3, -1.7, 2.2, 0.01];
    const y = [0.31, -1.6, 2.25, 0];
    const base = sqnrDb(x, y);
    expect(sqnrDb(x.map((v) => v * 1024), y.map((v) => v * 1024))).toBe(base);
    const mirrored = y.map((v, i) => 2 * x[i] - v); // x − x̂ negated
    expect(Math.abs(sqnrDb(x, mirrored) - base)).toBeLessThan(1e-12);
  });

  it("refusals name the argument, the bad value or the lengths", () => {
    expect(() => sqnrDb([], [])).toThrow(new RangeError("reference must not be empty, got length 0"));
    expect(() => sqnrDb([1, 2, 3], [1, 2])).toThrow(new RangeError("approx must have the length of reference (3), got length 2"));
    expect(() => sqnrDb([1], [1, 2])).toThrow(new RangeError("approx must have the length of reference (1), got length 2"));
    expect(() => sqnrDb("ab" as never, [1, 2])).toThrow(TypeError);
    expect(() => sqnrDb("ab" as never, [1, 2])).toThrow(/^reference must be .*"ab"/);
    expect(() => sqnrDb([1, 2], 7 as never)).toThrow(/^approx must be .*7/);
  });
});
