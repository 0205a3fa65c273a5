import { describe, expect, it } from "vitest";
import { formatNames, quantize, quantizeArray } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/random";

/** The FP32 value of a 32-bit pattern. */
function fromBits(bits: Int32Array): Float32Array {
  return new Float32Array(bits.buffer);
}

describe("quantizeArray('bf16', Float32Array, { out: Float32Array }) on FP32 bit patterns", () => {
  it("equals the generic scalar rounding quantize('bf16', x) on every pattern of a large random sample and on every boundary", () => {
    const rng = createRandom(77);
    const n = 1 << 20;
    const bits = new Int32Array(n + 4096);
    for (let i = 0; i < n; i++) bits[i] = rng.uint32() | 0;
    // boundaries: around the largest finite bf16 and its overflow midpoint, Inf, NaN, the subnormal range, ±0, ties
    const special = [0x7f7f0000, 0x7f7f7fff, 0x7f7f8000, 0x7f7f8001, 0x7f7fffff, 0x7f800000, 0x7f800001, 0x7fc00000, 0x7fffffff,
      0x00000000, 0x00000001, 0x00007fff, 0x00008000, 0x00018000, 0x007fffff, 0x00800000, 0x3f808000, 0x3f818000, 0x3f808001];
    let j = n;
    for (const s of special) for (const sign of [0, 0x80000000 | 0]) if (j < bits.length) bits[j++] = (s | sign) | 0;
    for (let k = 0; j < bits.length; k++) bits[j++] = ((k & 0xff) << 23) | 0x8000; // a tie in every binade
    const xs = fromBits(bits);
    const out = quantizeArray("bf16", xs, { out: new Float32Array(xs.length) });
    let mismatches = 0;
    for (let i = 0; i < xs.length; i++) {
      const want = quantize("bf16", xs[i]);
      if (!Object.is(out[i], want) && !(Number.isNaN(out[i]) && Number.isNaN(want))) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("is taken for bf16 alone: every format's FP32-to-FP32 nearest-even rounding equals quantize element by element", () => {
    // the bit kernel only fits formats with FP32's exponent field (8 bits, bias 127, Inf, IEEE NaN,
    // subnormals) and fewer mantissa bits: used for fp32, fp16, the FP8 formats, e8m0 or the integers
    // it would give wrong values (fp32: a shift by 23 − 23 = 0 bits; fp16 and FP8: FP32's range)
    const rng = createRandom(78);
    const bits = new Int32Array(4096);
    for (let i = 0; i < bits.length; i++) bits[i] = rng.uint32() | 0;
    const wide = fromBits(bits);
    const near = Float32Array.from({ length: 4096 }, () => rng.normal() * 2 ** (rng.integer(40) - 20));
    for (const name of formatNames) {
      for (const xs of [wide, near]) {
        const out = quantizeArray(name, xs, { out: new Float32Array(xs.length) });
        for (let i = 0; i < xs.length; i++) {
          const want = Math.fround(quantize(name, xs[i]));
          if (!Object.is(out[i], want)) expect({ name, x: xs[i], got: out[i] }).toEqual({ name, x: xs[i], got: want });
        }
      }
    }
  });

  it("works in place and leaves the other options to the general path", () => {
    const x = new Float32Array([1 + 2 ** -8, 3.4e38, -0, 1e-40]);
    const copy = Float32Array.from(x);
    quantizeArray("bf16", x, { out: x });
    expect(Array.from(x)).toEqual(Array.from(copy, (v) => quantize("bf16", v)));
    const saturated = quantizeArray("bf16", new Float32Array([3.4e38]), { out: new Float32Array(1), saturate: true });
    expect(saturated[0]).toBe(quantize("bf16", 3.4e38, { saturate: true }));
  });
});
