import { describe, expect, it } from "vitest";
import { encode, quantize, quantizeArray } from "../../../src/formats/index";

// The scalar test vectors of math.md §9 (checked there with an independent script); the MX and NVFP4
// vectors are in mx.test.ts and nvfp4.test.ts.
describe("math.md §9 scalar test vectors", () => {
  it("E2M1 nearest-even: [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5, 7.9, −0.35, 0.05] → [0, 1, 1, 2, 2, 4, 4, 6, −0.5, 0]", () => {
    const x = [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0, 7.9, -0.35, 0.05];
    const want = [0, 1, 1, 2, 2, 4, 4, 6, -0.5, 0];
    expect(x.map((v) => quantize("e2m1", v))).toEqual(want);
    expect(x.map((v) => quantize("e2m1", v, { saturate: true }))).toEqual(want);
    expect(Array.from(quantizeArray("e2m1", x))).toEqual(want);
    expect(Array.from(quantizeArray("e2m1", new Float32Array(x)))).toEqual(want);
  });

  it("E4M3 nearest-even, saturating: [448, 460, 500, 2^−9, 2^−10, 1.5·2^−10, 3.14159, 240, 232] → [448, 448, 448, 2^−9, 0, 2^−9, 3.25, 240, 224]", () => {
    const x = [448, 460, 500, 2 ** -9, 2 ** -10, 1.5 * 2 ** -10, 3.14159, 240, 232];
    const want = [448, 448, 448, 2 ** -9, 0, 2 ** -9, 3.25, 240, 224];
    expect(x.map((v) => quantize("e4m3", v, { saturate: true }))).toEqual(want);
    expect(Array.from(quantizeArray("e4m3", new Float32Array(x), { saturate: true }))).toEqual(want);
    // the codes: 448 = S.1111.110, 2^−9 = S.0000.001, 3.25 = 1.625·2^1 = S.1000.101, 224 = 1.75·2^7 = S.1110.110
    expect([448, 2 ** -9, 3.25, 224].map((v) => encode("e4m3", v))).toEqual([0x7e, 0x01, 0x45, 0x76]);
    // non-saturating (OCP OFP8): 460 still rounds to 448 (below the midpoint 464), 500 becomes NaN
    expect(quantize("e4m3", 460)).toBe(448);
    expect(quantize("e4m3", 500)).toBeNaN();
  });
});
