import { describe, expect, it } from "vitest";
import { quantizeArray } from "../../../src/formats/index";
import { createRandom, sqnrDb } from "../../../src/numeric/index";

describe("sqnrDb(reference, approx)", () => {
  it("is 10·log10(Σx² / Σ(x − x̂)²)", () => {
    expect(sqnrDb([3, 4], [3, 4.05])).toBeCloseTo(40, 10); // 25 / 0.0025 = 10^4
    // FP32 input: 0.9 is stored as 0.89999997615814…, which moves the result by 2·10^−6 dB
    expect(sqnrDb(new Float64Array([1, -1, 1, -1]), new Float32Array([0.9, -0.9, 0.9, -0.9]))).toBeCloseTo(20, 5);
  });

  it("is +Infinity for an exact copy, −Infinity for a zero signal with error, NaN if a value is NaN", () => {
    expect(sqnrDb([1, 2, 3], [1, 2, 3])).toBe(Infinity);
    expect(sqnrDb([0, 0], [0, 0])).toBe(Infinity);
    expect(sqnrDb([0, 0], [0, 1])).toBe(-Infinity);
    expect(sqnrDb([1, NaN], [1, 1])).toBeNaN();
  });

  it("gains about 6.02 dB per mantissa bit for FP formats on normal data (uniform relative error model)", () => {
    // relative RNE error uniform in ±2^−(m+1) has variance 2^−2m/12 (times a significand factor close to 1):
    // fp16 (m = 10) and bf16 (m = 7) differ by 3 bits ≈ 18 dB; the tolerance 1 dB covers the significand factor
    const x = createRandom(51).fillNormal(new Float64Array(100000));
    const gap = sqnrDb(x, quantizeArray("fp16", x)) - sqnrDb(x, quantizeArray("bf16", x));
    expect(Math.abs(gap - 3 * 20 * Math.log10(2))).toBeLessThan(1);
  });

  it("validates its arguments", () => {
    expect(() => sqnrDb([1, 2], [1])).toThrow(RangeError);
    expect(() => sqnrDb([1, 2], [1])).toThrow(/^approx must have the length of reference \(2\), got length 1/);
    expect(() => sqnrDb([], [])).toThrow(/^reference must not be empty/);
    expect(() => sqnrDb("x" as unknown as number[], [1])).toThrow(TypeError);
    expect(() => sqnrDb([1], null as unknown as number[])).toThrow(/^approx must be/);
  });
});
