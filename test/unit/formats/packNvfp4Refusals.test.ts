import { describe, expect, it } from "vitest";
import { nvfp4Quantize, packNvfp4, unpackNvfp4 } from "../../../src/formats/index";

/** What packNvfp4 and unpackNvfp4 refuse, and the default a hand-built result gets (issue 12's open mutants). */
describe("packNvfp4 / unpackNvfp4 at their boundary", () => {
  it("refuse a value that is not a result or a packed tensor, naming what they need and the value", () => {
    expect(() => packNvfp4(5 as never)).toThrow(new TypeError("result must be an Nvfp4Result (from nvfp4Quantize), got 5"));
    expect(() => unpackNvfp4(5 as never)).toThrow(new TypeError("packed must be a PackedNvfp4 (from packNvfp4), got 5"));
  });

  it("refuse a packed block size that is not a positive integer, naming packed.blockSize and the value", () => {
    const packed = packNvfp4(nvfp4Quantize([1, -2, 3.5, 0.25]));
    expect(() => unpackNvfp4({ ...packed, blockSize: 0 })).toThrow(/packed\.blockSize.*\b0\b/);
    expect(() => unpackNvfp4({ ...packed, blockSize: 2.5 })).toThrow(/packed\.blockSize.*2\.5/);
  });

  it("read a result without dequantize (built by hand, or from before the option) as float64, and round-trip it", () => {
    const x = [0.3, -1.7, 5.9, 0.001, -0.02, 2.5, 0, 4];
    const full = nvfp4Quantize(x);
    const { dequantize: _omitted, ...handBuilt } = full as typeof full & { dequantize?: string };
    const packed = packNvfp4(handBuilt as never);
    expect(packed.dequantize).toBe("float64");
    expect(Array.from(unpackNvfp4(packed).values)).toEqual(Array.from(full.values));
  });
});
