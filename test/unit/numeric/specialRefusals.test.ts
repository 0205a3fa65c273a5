import { describe, expect, it } from "vitest";
import { erf, erfc, normalCdf, normalPdf, normalQuantile, normalSf } from "../../../src/numeric/index";

// Each special function names its parameter and the bad value in its TypeError (src/validation.ts conventions).
describe("erf, erfc and the normal functions refuse a non-number by name", () => {
  it.each([
    ["erf", erf],
    ["erfc", erfc],
    ["normalPdf", normalPdf],
    ["normalCdf", normalCdf],
    ["normalSf", normalSf],
  ] as [string, (x: number) => number][])("%s: x must be a number, got the value", (_name, f) => {
    expect(() => f("1" as never)).toThrow(new TypeError('x must be a number, got "1"'));
    expect(() => f(null as never)).toThrow(new TypeError("x must be a number, got null"));
  });
  it("normalQuantile: p must be a number (TypeError), then a probability strictly between 0 and 1 (RangeError)", () => {
    expect(() => normalQuantile("0.5" as never)).toThrow(new TypeError('p must be a number, got "0.5"'));
    expect(() => normalQuantile(1.5)).toThrow(new RangeError("p must be a probability strictly between 0 and 1, got 1.5"));
    expect(() => normalQuantile(-0)).toThrow(new RangeError("p must be a probability strictly between 0 and 1, got -0"));
  });
});
