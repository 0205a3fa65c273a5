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
import { accumulateInFormat } from "../../../src/formats/accumulate";

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
    expect(() => quantizeArray("fp16", [1], bad<object>(5))).toThrow(/^options must be an object/);
  });

  it("quantizeArray calls random exactly once per element, in the scalar loop too (integers, E8M0)", () => {
    for (const name of ["int8", "int3", "e8m0", "e4m3", "bf16"] as FormatName[]) {
      for (const n of [0, 1, 5]) {
        let calls = 0;
        quantizeArray(name, Array.from({ length: n }, (_, i) => 1.3 + i), { rounding: "stochastic", random: () => (calls++, 0.5) });
        expect(calls, `${name}, ${n} values`).toBe(n);
      }
    }
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
    const amaxMessage = /^options.tensorAmax must be a number >= 0 that is finite in FP32 \(at most 3.4028234663852886e\+38 after rounding to FP32\), got /;
    expect(() => nvfp4Quantize([1], { tensorAmax: -1 })).toThrow(amaxMessage);
    expect(() => nvfp4Quantize([1], { tensorAmax: Infinity })).toThrow(amaxMessage);
    expect(() => nvfp4Quantize([1], { tensorAmax: NaN })).toThrow(RangeError);
    expect(() => nvfp4Quantize([1], { tensorAmax: bad<number>("1") })).toThrow(TypeError);
    // finite in binary64 but not in FP32: refused rather than turned into an infinite amax
    expect(() => nvfp4Quantize([1], { tensorAmax: 1e300 })).toThrow(amaxMessage);
    expect(() => nvfp4Quantize([1], { tensorAmax: 1e300 })).toThrow(/got 1e\+300$/);
    expect(() => nvfp4Quantize([1], { tensorAmax: 3.41e38 })).toThrow(amaxMessage);
    // FP32's overflow threshold (2 − 2^−24)·2^127: just below it rounds to FP32 max and is accepted
    expect(nvfp4Quantize([1], { tensorAmax: 3.4028235677973362e38 }).tensorAmax).toBe(3.4028234663852886e38);
    expect(() => nvfp4Quantize([1], { tensorAmax: 3.4028235677973366e38 })).toThrow(amaxMessage);
    expect(() => nvfp4Quantize([1], { scaleFloor: bad<"subnormal">("normal") })).toThrow(RangeError);
    expect(() => nvfp4Quantize([1], { scaleFloor: bad<"subnormal">("normal") })).toThrow(/^options.scaleFloor must be one of "subnormal", "min-normal", got "normal"/);
    expect(() => nvfp4Quantize([1], { dequantize: bad<"float64">(32) })).toThrow(TypeError);
    expect(() => nvfp4Quantize([1], { dequantize: bad<"float64">("fp32") })).toThrow(/^options.dequantize must be one of "float64", "float32", got "fp32"/);
  });

  it("takes any positive safe integer block size: one block of everything when it exceeds the length", () => {
    const x = Array.from({ length: 40 }, (_, i) => Math.sin(i) * 2 ** (i % 9));
    for (const blockSize of [2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const big = nvfp4Quantize(x, { blockSize });
      const one = nvfp4Quantize(x, { blockSize: 40 });
      expect(big.blockSize).toBe(blockSize);
      expect(Array.from(big.blockScales)).toEqual(Array.from(one.blockScales));
      expect(Array.from(big.values)).toEqual(Array.from(one.values));
      expect(big.totalBits).toBe(4 * 40 + 8 + 32);
      const mx = mxQuantize(x, "e2m1", { blockSize });
      expect(Array.from(mx.values)).toEqual(Array.from(mxQuantize(x, "e2m1", { blockSize: 40 }).values));
    }
    expect(() => nvfp4Quantize(x, { blockSize: 2 ** 53 })).toThrow(/^options.blockSize must be an integer from 1 to 9007199254740991 \(2\^53 − 1\), got 9007199254740992/);
  });

  it("refuses a random source whose draw lies outside [0, 1), at any draw, in every stochastic path", () => {
    // valid draws for the first `at` calls, then `bad`: every draw is checked, not only the first
    const source = (bad: unknown, at: number) => {
      let i = 0;
      return () => (i++ < at ? 0.5 : bad) as number;
    };
    const sr = (bad: unknown, at: number) => ({ rounding: "stochastic" as const, random: source(bad, at) });
    const x64 = Float64Array.from({ length: 70 }, (_, i) => 1 + i / 7);
    const x32 = Float32Array.from(x64);
    const withNaNBlock = Float64Array.from(x64, (v, i) => (i === 3 ? NaN : v)); // draws inside a NaN block
    const calls: [string, (bad: unknown, at: number) => unknown][] = [
      ["quantize", (bad) => quantize("e4m3", 1.1, sr(bad, 0))],
      ["encode", (bad) => encode("e4m3", 1.1, sr(bad, 0))],
      ["quantizeArray e4m3 f64", (bad, at) => quantizeArray("e4m3", x64, sr(bad, at))],
      ["quantizeArray e4m3 f32", (bad, at) => quantizeArray("e4m3", x32, { ...sr(bad, at), out: new Float32Array(70) })],
      ["quantizeArray bf16 numbers", (bad, at) => quantizeArray("bf16", Array.from(x64), sr(bad, at))],
      ["quantizeArray e8m0 (scalar path)", (bad, at) => quantizeArray("e8m0", x64, sr(bad, at))],
      ["quantizeArray int8 (scalar path)", (bad, at) => quantizeArray("int8", x64, sr(bad, at))],
      ["mxQuantize e2m1 f32", (bad, at) => mxQuantize(x32, "e2m1", sr(bad, at))],
      ["mxQuantize e4m3 f64", (bad, at) => mxQuantize(x64, "e4m3", sr(bad, at))],
      ["mxQuantize int8", (bad, at) => mxQuantize(x64, "int8", sr(bad, at))],
      ["mxQuantize NaN block", (bad, at) => mxQuantize(withNaNBlock, "e2m1", sr(bad, Math.min(at, 5)))],
      ["mxQuantize NaN block f32", (bad, at) => mxQuantize(Float32Array.from(withNaNBlock), "e2m1", sr(bad, Math.min(at, 5)))],
      ["nvfp4Quantize", (bad, at) => nvfp4Quantize(x64, sr(bad, at))],
      ["nvfp4Quantize NaN block", (bad, at) => nvfp4Quantize(withNaNBlock, sr(bad, Math.min(at, 5)))],
      ["accumulateInFormat", (bad, at) => accumulateInFormat("bf16", x64, sr(bad, at))],
    ];
    const message = /^options.random must return a number in \[0, 1\), got /;
    for (const [what, call] of calls) {
      for (const at of [0, 37]) {
        for (const bad of [NaN, 5, -1, 1, -1e-300, Infinity]) {
          expect(() => call(bad, at), `${what}, draw ${at}: ${bad}`).toThrow(RangeError);
          expect(() => call(bad, at), `${what}, draw ${at}: ${bad}`).toThrow(message);
        }
        for (const bad of ["0.5", "abc", undefined, null, 0n]) {
          expect(() => call(bad, at), `${what}, draw ${at}: ${String(bad)}`).toThrow(TypeError);
          expect(() => call(bad, at), `${what}, draw ${at}: ${String(bad)}`).toThrow(message);
        }
      }
      // the ends of [0, 1) are accepted: 0, −0 and the largest double below 1
      for (const good of [0, -0, 1 - 2 ** -53]) expect(() => call(good, 0), `${what}: ${good}`).not.toThrow();
    }
    expect(() => quantize("e4m3", 1.1, sr(5, 0))).toThrow(/got 5$/);
    expect(() => quantize("e4m3", 1.1, sr("0.5", 0))).toThrow(/got "0.5"$/);
  });

  it("refuses to list fp32's 2^32 codes", () => {
    expect(() => representableValues("fp32")).toThrow(RangeError);
    expect(() => representableValues("fp32")).toThrow(/^name must be a format of at most 16 bits/);
  });
});
