import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mxElements, mxQuantize, packMx, unpackMx } from "../../../src/formats/index";
import type { MxElement, RoundingMode } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";
import { randomBlockData } from "./blockData";
import { referenceBytes } from "../numeric/bitReference";
import { expectSameFields } from "./sameFields";

/** Element widths from the OCP MX v1.0 element formats (Table 1), written out here. */
const WIDTH: Record<MxElement, number> = { e5m2: 8, e4m3: 8, e3m2: 6, e2m3: 6, e2m1: 4, int8: 8 };
const ROUNDINGS: RoundingMode[] = ["nearest-even", "toward-zero", "stochastic"];
const RUNS_PER_ELEMENT = 200;

const randomData = (seed: number, n: number, specialRate: number): number[] =>
  randomBlockData(seed, n, specialRate, 40, true);

/** The layout's bytes from the definition: scale codes (8 bits), then element codes (w bits), by the string reference. */
function expectedBytes(scaleCodes: Uint8Array, elementCodes: Uint8Array, w: number): Uint8Array {
  const fields: Array<[number, number]> = [];
  for (const c of scaleCodes) fields.push([c, 8]);
  for (const c of elementCodes) fields.push([c, w]);
  return referenceBytes(fields);
}

describe("packMx / unpackMx", () => {
  it.each(mxElements.map((e) => [e] as const))(
    `%s: ${RUNS_PER_ELEMENT} random round trips (ragged lengths, block sizes 1–40 and 32, every rounding, FP32/FP64/array input, NaN and Inf blocks) are bit-exact in every field`,
    (element) => {
      let nanBlocks = 0;
      let raggedTails = 0;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 150 }),
          fc.oneof(fc.constant(32), fc.integer({ min: 1, max: 40 })),
          fc.constantFrom(...ROUNDINGS),
          fc.constantFrom("float32", "float64", "array"),
          fc.constantFrom(0, 0.01, 0.05),
          fc.integer({ min: 0, max: 1_000_000 }),
          (n, blockSize, rounding, kind, specialRate, seed) => {
            const data = randomData(seed, n, specialRate);
            const input = kind === "float32" ? Float32Array.from(data) : kind === "float64" ? Float64Array.from(data) : data;
            const random = createRandom(seed, 2).uniform;
            const r = mxQuantize(input, element, rounding === "stochastic" ? { blockSize, rounding, random } : { blockSize, rounding });
            const p = packMx(r);
            const w = WIDTH[element];
            const blocks = Math.ceil(n / blockSize);
            // measured length = the definition's count; bytes = the string reference's packing
            expect(p.bits).toBe(8 * blocks + n * w);
            expect(p.bytes.length).toBe(Math.ceil(p.bits / 8));
            expect(Array.from(p.bytes)).toEqual(Array.from(expectedBytes(r.scaleCodes, r.elementCodes, w)));
            expect(p.bitsPerElement).toBe(n === 0 ? NaN : p.bits / n);
            expectSameFields(unpackMx(p), r, `${element} n=${n} block=${blockSize} ${rounding} ${kind} seed=${seed}`);
            if (r.scaleCodes.includes(0xff)) nanBlocks++;
            if (p.bits % 8 !== 0) raggedTails++;
          },
        ),
        { seed: 42, numRuns: RUNS_PER_ELEMENT },
      );
      expect(nanBlocks).toBeGreaterThan(10); // the NaN-block path was exercised
      if (WIDTH[element] < 8) expect(raggedTails).toBeGreaterThan(10); // and partial last bytes
    },
  );

  it("measures 8.25, 6.25 and 4.25 bits per element on whole blocks of 32, and 8 bits more per extra block", () => {
    const expected: Record<MxElement, number> = { e5m2: 8.25, e4m3: 8.25, e3m2: 6.25, e2m3: 6.25, e2m1: 4.25, int8: 8.25 };
    for (const element of mxElements) {
      const p = packMx(mxQuantize(randomData(3, 32 * 5, 0), element));
      expect(p.bitsPerElement).toBe(expected[element]);
      expect(p.bytes.length * 8).toBe(p.bits); // whole blocks of 32 fill whole bytes
      // a ragged tail of 1 element pays its own 8-bit scale
      const q = packMx(mxQuantize(randomData(3, 32 * 5 + 1, 0), element));
      expect(q.bits - p.bits).toBe(8 + WIDTH[element]);
    }
  });

  it("packs a worked example by hand: E2M1 two codes a byte (low nibble first), E3M2 four codes in three bytes", () => {
    // E2M1, one block: amax 12 → scale 2^1 (E8M0 code 128); 0.05 → 0, −0.35 → −0.5 (code 0x9), 1.65 → 1.5 (0x3), 6 (0x7)
    const r = mxQuantize([0.1, -0.7, 3.3, 12.0], "e2m1");
    expect(Array.from(r.elementCodes)).toEqual([0x0, 0x9, 0x3, 0x7]);
    const p = packMx(r);
    expect(Array.from(p.bytes)).toEqual([0x80, 0x90, 0x73]);
    expect(p.bits).toBe(24);
    // E3M2 with block size 4: codes c0..c3 → byte0 = c0 | c1<<6, byte1 = c1>>2 | c2<<4, byte2 = c2>>4 | c3<<2
    const q = mxQuantize([1, 2, 3, 4, 5], "e3m2", { blockSize: 4 });
    const [c0, c1, c2, c3, c4] = Array.from(q.elementCodes);
    const packed = packMx(q);
    expect(packed.bits).toBe(2 * 8 + 5 * 6);
    expect(Array.from(packed.bytes)).toEqual([
      q.scaleCodes[0],
      q.scaleCodes[1],
      (c0 | (c1 << 6)) & 0xff,
      ((c1 >> 2) | (c2 << 4)) & 0xff,
      ((c2 >> 4) | (c3 << 2)) & 0xff,
      c4, // the fifth code alone, 2 bits of zero padding
    ]);
  });

  it("keeps a NaN block's scale 0xFF and NaN values, and the empty tensor", () => {
    const r = mxQuantize([1, NaN, 2, 3, 4, 5], "e4m3", { blockSize: 2 });
    const back = unpackMx(packMx(r));
    expect(Array.from(back.scaleCodes)).toEqual(Array.from(r.scaleCodes));
    expect(back.scaleCodes[0]).toBe(0xff);
    expect(Number.isNaN(back.values[0]) && Number.isNaN(back.values[1])).toBe(true);
    const empty = packMx(mxQuantize([], "e2m1"));
    expect(empty.bits).toBe(0);
    expect(empty.bytes.length).toBe(0);
    expectSameFields(unpackMx(empty), mxQuantize([], "e2m1"), "empty");
  });

  it("refuses results and packed tensors it cannot round-trip, naming the field", () => {
    const r = mxQuantize([1, 2, 3], "e2m1");
    expect(() => packMx(null as never)).toThrow(TypeError);
    expect(() => packMx({ ...r, element: "fp16" } as never)).toThrow(/result\.element/);
    expect(() => packMx({ ...r, elementCodes: Uint8Array.from([1, 16, 2]) })).toThrow(/result\.elementCodes\[1\] must be below 2\^4/);
    expect(() => packMx({ ...r, scaleCodes: new Uint8Array(2) })).toThrow(/result\.scaleCodes must have one code per block/);
    expect(() => packMx({ ...r, elementCodes: [1, 2, 3] } as never)).toThrow(TypeError);
    const p = packMx(r);
    expect(() => unpackMx({ ...p, bits: p.bits + 1 })).toThrow(/packed\.bits must be 20/);
    expect(() => unpackMx({ ...p, bytes: new Uint8Array(2) })).toThrow(/packed\.bytes\.length must be/);
    expect(() => unpackMx({ ...p, length: -1 })).toThrow(/packed\.length/);
    expect(() => unpackMx({ ...p, blockSize: 0 })).toThrow(/packed\.blockSize/);
    expect(() => unpackMx(undefined as never)).toThrow(TypeError);
  });

  it("says in each refusal which field is wrong, what it must be and what it got", () => {
    const r = mxQuantize([1, 2, 3], "e2m1");
    const p = packMx(r);
    expect(() => packMx(null as never)).toThrow(/^result must be an MxResult \(from mxQuantize\), got null$/);
    expect(() => packMx({ ...r, elementCodes: [1, 2, 3] } as never)).toThrow(/^result\.elementCodes must be a Uint8Array, got an array of length 3$/);
    expect(() => packMx({ ...r, scaleCodes: [0] } as never)).toThrow(/^result\.scaleCodes must be a Uint8Array, got an array of length 1$/);
    expect(() => packMx({ ...r, scaleCodes: new Uint8Array(2) })).toThrow(/^result\.scaleCodes must have one code per block, ⌈3\/32⌉ = 1, got 2$/);
    expect(() => packMx({ ...r, elementCodes: Uint8Array.from([1, 16, 2]) })).toThrow(/^result\.elementCodes\[1\] must be below 2\^4 \(an e2m1 code\), got 16$/);
    // the largest code of each width passes, the next one is refused
    expect(packMx({ ...r, elementCodes: Uint8Array.from([15, 0, 0]) }).bytes[1]).toBe(15);
    expect(() => packMx({ ...mxQuantize([1], "e3m2"), elementCodes: Uint8Array.from([64]) })).toThrow(/must be below 2\^6 \(an e3m2 code\), got 64$/);
    expect(() => unpackMx(undefined as never)).toThrow(/^packed must be a PackedMx \(from packMx\), got undefined$/);
    expect(() => unpackMx({ ...p, bytes: [0, 0, 0] } as never)).toThrow(TypeError);
    expect(() => unpackMx({ ...p, bytes: [0, 0, 0] } as never)).toThrow(/^packed\.bytes must be a Uint8Array, got an array of length 3$/);
    expect(() => unpackMx({ ...p, bits: p.bits + 1 })).toThrow(/^packed\.bits must be 20 for this element type, block size and length, got 21$/);
    expect(() => unpackMx({ ...p, bytes: new Uint8Array(2) })).toThrow(/^packed\.bytes\.length must be ⌈20\/8⌉ = 3, got 2$/);
    expect(() => unpackMx({ ...p, bytes: new Uint8Array(4) })).toThrow(/^packed\.bytes\.length must be ⌈20\/8⌉ = 3, got 4$/);
    expect(() => packMx(5 as never)).toThrow(/^result must be an MxResult \(from mxQuantize\), got 5$/);
    expect(() => unpackMx(5 as never)).toThrow(/^packed must be a PackedMx \(from packMx\), got 5$/);
    expect(() => packMx({ ...r, blockSize: 1.5 })).toThrow(/^result\.blockSize must be an integer >= 1, got 1\.5$/);
    expect(() => unpackMx({ ...p, element: "fp16" as never })).toThrow(/^packed\.element must be one of "e5m2", "e4m3", "e3m2", "e2m3", "e2m1", "int8", got "fp16"$/);
  });
});
