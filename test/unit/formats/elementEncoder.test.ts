import { describe, expect, it } from "vitest";
import {
  FLOAT32_INDEX_OFFSET,
  elementEncoder,
  encodeElement,
  encodeFloat32Run,
} from "../../../src/formats/elementEncoder";
import { NEAREST_EVEN, TOWARD_ZERO } from "../../../src/formats/rounding";
import { formatDefinition } from "../../../src/formats/traits";
import { createRandom } from "../../../src/numeric/index";

/**
 * The bit table of encodeFloat32Run against the binary64 encoder it is built from, on FP32 patterns
 * of every exponent field (zero and subnormal x included where the caller may pass them), with edge
 * significands (ties, all ones, all zeros) and random ones, for shared exponents across MX's range.
 */
describe("encodeFloat32Run (bit table)", () => {
  const rng = createRandom(11);
  const fractions = [0, 1, 0x7fffff, 0x400000, 0x200000, 0x100000, 0x080000, 0x600000, 0x500000, 0x580000];
  for (const name of ["e2m1", "e2m3", "e3m2", "e4m3", "e5m2"] as const) {
    for (const mode of [NEAREST_EVEN, TOWARD_ZERO]) {
      it(`${name}, ${mode === NEAREST_EVEN ? "nearest-even" : "toward-zero"}: codes equal encodeElement`, () => {
        const enc = elementEncoder(formatDefinition(name), mode);
        const patterns: number[] = [];
        for (let field = 0; field < 255; field++) {
          for (const f of fractions) patterns.push((field << 23) | f, (1 << 31) | (field << 23) | f);
          for (let r = 0; r < 6; r++) patterns.push((rng.integer(2) << 31) | (field << 23) | rng.integer(1 << 23));
        }
        const bits = Int32Array.from(patterns);
        const xs = new Float32Array(bits.buffer);
        const codes = new Uint8Array(bits.length);
        const out = new Float64Array(bits.length);
        for (let s = -127; s <= 127; s += 3) {
          const offset = FLOAT32_INDEX_OFFSET - s;
          encodeFloat32Run(bits, 0, bits.length, offset << enc.bitsColumnBits, 0, enc.bitsCodes, enc.bitsTopShift,
            enc.bitsColumnMask, enc.bitsStickyMask, enc.signCode, codes, enc.values, 0, 1, out);
          const zerosReadRight = offset <= enc.bitsZeroRowEnd;
          for (let i = 0; i < bits.length; i++) {
            if (((bits[i] >>> 23) & 0xff) === 0 && !zerosReadRight) continue; // the caller's slow path
            const expected = encodeElement(enc, xs[i] * 2 ** -s, 0);
            if (codes[i] !== expected) expect([s, bits[i], codes[i]]).toEqual([s, bits[i], expected]);
          }
        }
      });
    }
  }
});
