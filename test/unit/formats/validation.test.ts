import { describe, expect, it } from "vitest";
import {
  bracket,
  decode,
  encode,
  formatInfo,
  mxQuantize,
  nvfp4Quantize,
  quantize,
  quantizeArray,
  representableValues,
  ulp,
} from "../../../src/formats/index";
import type { FormatName, MxElement, RoundingMode } from "../../../src/formats/index";

// Bad parameters throw at the public boundary: RangeError for a bad value, TypeError for a bad type,
// with a message that names the parameter.
const bad = <T>(v: unknown) => v as T;

describe("argument validation", () => {
  it("rejects an unknown format name in every function", () => {
    const calls: (() => unknown)[] = [
      () => formatInfo(bad<FormatName>("e9m9")),
      () => decode(bad<FormatName>("fp8"), 0),
      () => encode(bad<FormatName>("E4M3"), 1),
      () => quantize(bad<FormatName>("float16"), 1),
      () => quantizeArray(bad<FormatName>("int9"), [1]),
      () => representableValues(bad<FormatName>("int1")),
      () => bracket(bad<FormatName>(""), 1),
      () => ulp(bad<FormatName>("fp64"), 1),
    ];
    for (const call of calls) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(/^name must be one of/);
    }
    expect(() => formatInfo(bad<FormatName>(8))).toThrow(TypeError);
    expect(() => mxQuantize([1], bad<MxElement>("e8m0"))).toThrow(/^element must be one of/);
  });

  it("rejects codes that are not integers in [0, 2^bits − 1]", () => {
    expect(() => decode("e4m3", 256)).toThrow(RangeError);
    expect(() => decode("e4m3", -1)).toThrow(/code must be an integer from 0 to 255, got -1/);
    expect(() => decode("e2m1", 1.5)).toThrow(/code/);
    expect(() => decode("fp16", NaN)).toThrow(RangeError);
    expect(() => decode("fp16", bad<number>("3"))).toThrow(TypeError);
    expect(decode("fp32", 2 ** 32 - 1)).toBeNaN();
    expect(() => decode("fp32", 2 ** 32)).toThrow(/code/);
  });

  it("rejects x that is not a number", () => {
    expect(() => quantize("fp16", bad<number>("1"))).toThrow(TypeError);
    expect(() => quantize("fp16", bad<number>("1"))).toThrow(/^x must be a number/);
    expect(() => encode("fp16", bad<number>(null))).toThrow(/^x must be a number/);
    expect(() => bracket("fp16", bad<number>(undefined))).toThrow(/^x must be a number/);
    expect(() => ulp("fp16", bad<number>([1]))).toThrow(/^x must be a number/);
  });

  it("rejects a rounding that is not one of the three, a missing or non-function random, non-boolean flags", () => {
    expect(() => quantize("fp16", 1, { rounding: bad<RoundingMode>("nearest") })).toThrow(RangeError);
    expect(() => quantize("fp16", 1, { rounding: bad<RoundingMode>("nearest") })).toThrow(/^options.rounding must be one of "nearest-even", "toward-zero", "stochastic"/);
    expect(() => quantize("fp16", 1, { rounding: "stochastic" })).toThrow(TypeError);
    expect(() => quantize("fp16", 1, { rounding: "stochastic" })).toThrow(/^options.random must be a function/);
    expect(() => quantize("fp16", 1, { rounding: "stochastic", random: bad<() => number>(0.5) })).toThrow(/options.random/);
    expect(() => quantizeArray("fp16", [1], { rounding: "stochastic" })).toThrow(/options.random/);
    expect(() => mxQuantize([1], "e2m1", { rounding: "stochastic" })).toThrow(/options.random/);
    expect(() => nvfp4Quantize([1], { rounding: "stochastic", random: bad<() => number>({}) })).toThrow(/options.random/);
    expect(() => mxQuantize([1], "e2m1", { rounding: bad<RoundingMode>("even") })).toThrow(/options.rounding/);
    expect(() => quantize("fp16", 1, { saturate: bad<boolean>(1) })).toThrow(/^options.saturate must be true or false/);
    expect(() => quantize("fp16", 1, { flushSubnormals: bad<boolean>("yes") })).toThrow(/options.flushSubnormals/);
    expect(() => quantize("fp16", 1, bad<object>(5))).toThrow(/^options must be an object/);
  });

  it("rejects xs that is not a numeric array, and an out of the wrong type or length", () => {
    expect(() => quantizeArray("fp16", bad<number[]>("abc"))).toThrow(TypeError);
    expect(() => quantizeArray("fp16", bad<number[]>("abc"))).toThrow(/^xs must be a Float64Array/);
    expect(() => quantizeArray("fp16", bad<number[]>([1, "2"]))).toThrow(/^xs\[1\] must be a number/);
    expect(() => quantizeArray("fp16", bad<number[]>(new Int32Array(2)))).toThrow(/^xs must be/);
    expect(() => quantizeArray("fp16", [1, 2], { out: new Float32Array(3) })).toThrow(RangeError);
    expect(() => quantizeArray("fp16", [1, 2], { out: new Float32Array(3) })).toThrow(/^options.out must have the length of xs \(2\), got length 3/);
    expect(() => quantizeArray("fp16", [1, 2], { out: bad<Float64Array>([0, 0]) })).toThrow(TypeError);
    expect(() => quantizeArray("fp16", [1, 2], { out: bad<Float64Array>(new Int16Array(2)) })).toThrow(/^options.out must be a Float32Array or a Float64Array/);
    expect(() => mxQuantize(bad<number[]>(null), "e4m3")).toThrow(/^values must be/);
    expect(() => nvfp4Quantize(bad<number[]>({ length: 1 }))).toThrow(/^values must be/);
  });

  it("rejects a blockSize that is not a positive integer and a tensorAmax that is not finite and ≥ 0", () => {
    for (const blockSize of [0, -32, 2.5, NaN, Infinity]) {
      expect(() => mxQuantize([1], "e4m3", { blockSize })).toThrow(RangeError);
      expect(() => nvfp4Quantize([1], { blockSize })).toThrow(/^options.blockSize must be an integer >= 1/);
    }
    expect(() => mxQuantize([1], "e4m3", { blockSize: bad<number>("32") })).toThrow(TypeError);
    expect(() => nvfp4Quantize([1], { tensorAmax: -1 })).toThrow(/^options.tensorAmax must be a finite number >= 0/);
    expect(() => nvfp4Quantize([1], { tensorAmax: Infinity })).toThrow(/options.tensorAmax/);
    expect(() => nvfp4Quantize([1], { tensorAmax: NaN })).toThrow(RangeError);
  });

  it("refuses to list fp32's 2^32 codes", () => {
    expect(() => representableValues("fp32")).toThrow(RangeError);
    expect(() => representableValues("fp32")).toThrow(/^name must be a format of at most 16 bits/);
  });
});
