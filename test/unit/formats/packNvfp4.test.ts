import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { nvfp4Quantize, packNvfp4, unpackNvfp4 } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";
import { randomBlockData } from "./blockData";
import { float32OfPattern, referenceBitString, referenceBytes, referenceField } from "../numeric/bitReference";
import { expectSameFields } from "./sameFields";

const RUNS = 600;

const randomData = (seed: number, n: number, specialRate: number): number[] =>
  randomBlockData(seed, n, specialRate, 30, false);

describe("packNvfp4 / unpackNvfp4", () => {
  it(`${RUNS} random round trips (ragged lengths, block sizes 1–40 and 16, both roundings, given and data amax, NaN blocks) are bit-exact in every field`, () => {
    let nanBlocks = 0;
    let oddLengths = 0;
    let givenAmax = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 150 }),
        fc.oneof(fc.constant(16), fc.integer({ min: 1, max: 40 })),
        fc.constantFrom("nearest-even", "stochastic"),
        fc.constantFrom("float32", "float64", "array"),
        fc.constantFrom(0, 0.01, 0.05),
        // tensor amax: from the data, or given (not FP32-exact, zero, FP32-subnormal, near FP32 max)
        fc.constantFrom(undefined, 0.1, 3.3e3, 0, 1e-45, 3e38),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom("float64", "float32"),
        (n, blockSize, rounding, kind, specialRate, tensorAmax, seed, dequantize) => {
          const data = randomData(seed, n, specialRate);
          const values = kind === "float32" ? Float32Array.from(data) : kind === "float64" ? Float64Array.from(data) : data;
          const r = nvfp4Quantize(values, {
            blockSize,
            tensorAmax,
            rounding: rounding as "nearest-even" | "stochastic",
            random: rounding === "stochastic" ? createRandom(seed, 2).uniform : undefined,
            dequantize: dequantize as "float64" | "float32",
          });
          const p = packNvfp4(r);
          const blocks = Math.ceil(n / blockSize);
          expect(p.bits).toBe(32 + 8 * blocks + 4 * n); // from the definition
          expect(p.bytes.length).toBe(Math.ceil(p.bits / 8));
          // the first 32 bits are the FP32 amax (read through a DataView), then the layout of the string reference
          const stream = referenceBitString(p.bytes);
          expect(float32OfPattern(referenceField(stream, 0, 32))).toBe(r.tensorAmax);
          const fields: Array<[number, number]> = [[referenceField(stream, 0, 32), 32]];
          for (const c of r.blockScaleCodes) fields.push([c, 8]);
          for (const c of r.elementCodes) fields.push([c, 4]);
          expect(Array.from(p.bytes)).toEqual(Array.from(referenceBytes(fields)));
          expect(p.bitsPerElement).toBe(n === 0 ? NaN : (p.bits - 32) / n);
          expectSameFields(unpackNvfp4(p), r, `n=${n} block=${blockSize} ${rounding} ${kind} amax=${tensorAmax} ${dequantize} seed=${seed}`);
          if (r.blockScaleCodes.includes(0x7f)) nanBlocks++;
          if (n % 2 === 1) oddLengths++;
          if (tensorAmax !== undefined) givenAmax++;
        },
      ),
      { seed: 42, numRuns: RUNS },
    );
    expect(nanBlocks).toBeGreaterThan(30);
    expect(oddLengths).toBeGreaterThan(30);
    expect(givenAmax).toBeGreaterThan(30);
  });

  it("carries dequantize \"float32\" through the bytes: the unpacked values are the FP32 products FP32(q·FP32(s_dec_b·s_dec))", () => {
    // math.md §9 vector: s_enc = FP32(268.8), s_dec = FP32(1/s_enc), s_dec_b = 112, q = [6, 2, −0.5, 0]
    const f = Math.fround;
    const t = f(112 * f(1 / f(268.8)));
    const r = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10, dequantize: "float32" });
    const p = packNvfp4(r);
    expect(p.dequantize).toBe("float32");
    expect(p.bits).toBe(56); // metadata, not payload: the same bytes as the float64 result's
    expect(Array.from(p.bytes)).toEqual(Array.from(packNvfp4(nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 })).bytes));
    const back = unpackNvfp4(p);
    expect(back.dequantize).toBe("float32");
    expect(Array.from(back.values)).toEqual([f(6 * t), f(2 * t), -f(0.5 * t), 0]);
    expect(back.values[0]).toBe(2.5); // the FP32 product; the binary64 quotient is 2.5000001…
    // a packed tensor without the field (an older one) decodes in binary64
    const { dequantize: _, ...older } = p;
    expect(unpackNvfp4(older as never).values[0]).toBe((6 * 112) / f(268.8));
  });

  it("measures 4.5 bits per element on whole blocks of 16 (the FP32 amax apart), and 32 + 8 + 4 bits for one element", () => {
    const p = packNvfp4(nvfp4Quantize(randomData(5, 16 * 8, 0)));
    expect(p.bitsPerElement).toBe(4.5);
    expect(p.bits).toBe(16 * 8 * 4.5 + 32);
    expect(p.bytes.length * 8).toBe(p.bits);
    expect(packNvfp4(nvfp4Quantize([1])).bits).toBe(44);
    expect(packNvfp4(nvfp4Quantize([1])).bytes.length).toBe(6);
  });

  it("packs the worked example by hand: amax 10.0f little-endian, scale code, two E2M1 codes a byte", () => {
    const r = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 });
    // 10 = 0x41200000; scale 112 = E4M3 1.75·2^6 → code (6 + 7)·8 + 6 = 110; codes 7 (6), 4 (2), 0x9 (−0.5), 0
    expect(Array.from(r.elementCodes)).toEqual([7, 4, 9, 0]);
    expect(r.blockScaleCodes[0]).toBe(110);
    expect(Array.from(packNvfp4(r).bytes)).toEqual([0x00, 0x00, 0x20, 0x41, 110, 0x47, 0x09]);
  });

  it("refuses results and packed tensors it cannot round-trip, naming the field", () => {
    const r = nvfp4Quantize([1, 2, 3]);
    expect(() => packNvfp4(null as never)).toThrow(TypeError);
    expect(() => packNvfp4({ ...r, tensorAmax: 0.1 })).toThrow(/result\.tensorAmax must be a finite FP32 value/);
    expect(() => packNvfp4({ ...r, tensorAmax: NaN })).toThrow(/result\.tensorAmax/);
    expect(() => packNvfp4({ ...r, elementCodes: Uint8Array.from([1, 16, 2]) })).toThrow(/result\.elementCodes\[1\] must be below 16/);
    expect(() => packNvfp4({ ...r, blockScaleCodes: new Uint8Array(2) })).toThrow(/result\.blockScaleCodes/);
    expect(() => packNvfp4({ ...r, blockSize: 1.5 })).toThrow(/result\.blockSize/);
    const p = packNvfp4(r);
    expect(() => unpackNvfp4({ ...p, bits: 999 })).toThrow(/packed\.bits must be 52/);
    expect(() => unpackNvfp4({ ...p, bytes: new Uint8Array(3) })).toThrow(/packed\.bytes\.length/);
    const nanAmax = p.bytes.slice();
    nanAmax.set([0, 0, 0xc0, 0x7f], 0); // FP32 NaN
    expect(() => unpackNvfp4({ ...p, bytes: nanAmax })).toThrow(/tensor amax must be a finite FP32 value/);
    expect(() => unpackNvfp4({ ...p, length: 2.5 })).toThrow(/packed\.length/);
    expect(() => packNvfp4({ ...r, dequantize: "fp32" as never })).toThrow(/^result\.dequantize must be one of "float64", "float32", got "fp32"/);
    expect(() => unpackNvfp4({ ...p, dequantize: "fp32" as never })).toThrow(/^packed\.dequantize must be one of "float64", "float32", got "fp32"/);
  });

  it("says in each refusal which field is wrong, what it must be and what it got", () => {
    const r = nvfp4Quantize([1, 2, 3]);
    const p = packNvfp4(r);
    expect(() => packNvfp4(null as never)).toThrow(/^result must be an Nvfp4Result \(from nvfp4Quantize\), got null$/);
    expect(() => packNvfp4({ ...r, tensorAmax: 0.1 })).toThrow(/^result\.tensorAmax must be a finite FP32 value >= 0, got 0\.1$/);
    expect(() => packNvfp4({ ...r, tensorAmax: -1 })).toThrow(/^result\.tensorAmax must be a finite FP32 value >= 0, got -1$/);
    expect(() => packNvfp4({ ...r, tensorAmax: Infinity })).toThrow(/^result\.tensorAmax must be a finite FP32 value >= 0, got Infinity$/);
    expect(() => packNvfp4({ ...r, tensorAmax: 10n as never })).toThrow(/^result\.tensorAmax must be a finite FP32 value >= 0, got 10$/);
    expect(() => packNvfp4({ ...r, blockScaleCodes: [0] } as never)).toThrow(/^result\.blockScaleCodes must be a Uint8Array, got an array of length 1$/);
    expect(() => packNvfp4({ ...r, elementCodes: [1, 2, 3] } as never)).toThrow(/^result\.elementCodes must be a Uint8Array, got an array of length 3$/);
    expect(() => packNvfp4({ ...r, blockScaleCodes: new Uint8Array(2) })).toThrow(/^result\.blockScaleCodes must have one code per block, ⌈3\/16⌉ = 1, got 2$/);
    expect(() => packNvfp4({ ...r, elementCodes: Uint8Array.from([1, 16, 2]) })).toThrow(/^result\.elementCodes\[1\] must be below 16 \(an E2M1 code\), got 16$/);
    expect(packNvfp4({ ...r, elementCodes: Uint8Array.from([15, 0, 0]) }).bytes[5]).toBe(15); // the largest code passes
    expect(() => unpackNvfp4(undefined as never)).toThrow(/^packed must be a PackedNvfp4 \(from packNvfp4\), got undefined$/);
    expect(() => unpackNvfp4({ ...p, bits: 999 })).toThrow(/^packed\.bits must be 52 for this element type, block size and length, got 999$/);
    for (const [pattern, shown] of [[[0, 0, 0x80, 0x7f], "Infinity"], [[0, 0, 0x80, 0xbf], "-1"]] as const) {
      const bytes = p.bytes.slice();
      bytes.set(pattern, 0);
      expect(() => unpackNvfp4({ ...p, bytes })).toThrow(new RegExp(`^packed\\.bytes: its tensor amax must be a finite FP32 value >= 0, got ${shown}$`));
    }
  });

  it("round-trips the extreme tensor amaxes: FP32 max, the least FP32 subnormal and 0", () => {
    for (const tensorAmax of [3.4028234663852886e38, 2 ** -149, 0]) {
      const r = nvfp4Quantize([1, -2, 3], { tensorAmax });
      expect(r.tensorAmax).toBe(tensorAmax);
      expectSameFields(unpackNvfp4(packNvfp4(r)), r, `amax ${tensorAmax}`);
    }
  });
});
