import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BitReader, BitWriter } from "../../../src/numeric/index";
import { referenceBytes } from "./bitReference";

const field = fc
  .integer({ min: 0, max: 32 })
  .chain((width) => fc.tuple(width === 0 ? fc.constant(0) : fc.integer({ min: 0, max: 2 ** width - 1 }), fc.constant(width)));

describe("BitWriter and BitReader", () => {
  it("write fields of 0 to 32 bits least significant bit first, as the string reference packs them, and read them back (500 random streams)", () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 60 }), (fields) => {
        const w = new BitWriter(1); // start tiny: the buffer must grow
        for (const [v, width] of fields) w.writeBits(v, width);
        const m = w.finish();
        const total = fields.reduce((a, [, width]) => a + width, 0);
        expect(m.bits).toBe(total);
        expect(Array.from(m.bytes)).toEqual(Array.from(referenceBytes(fields)));
        const r = new BitReader(m.bytes, m.bits);
        for (const [v, width] of fields) expect(r.readBits(width)).toBe(v);
        expect(r.bitsLeft).toBe(0);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("lays out the module's worked example and FP32 patterns little-endian", () => {
    const w = new BitWriter();
    w.writeBits(0b101, 3);
    w.writeBits(0xff, 8);
    expect(w.finish()).toEqual({ bytes: new Uint8Array([0xfd, 0x07]), bits: 11 });
    const f = new BitWriter();
    f.writeFloat32(1); // 0x3F800000
    f.writeFloat32(-2.5); // 0xC0200000
    expect(Array.from(f.finish().bytes)).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]);
    const r = new BitReader(f.finish().bytes, 64);
    expect(r.readFloat32()).toBe(1);
    expect(r.readFloat32()).toBe(-2.5);
  });

  it("reset empties the writer and clears the old bits", () => {
    const w = new BitWriter(2);
    w.writeBits(0xffff, 16);
    w.reset();
    w.writeBits(1, 1);
    expect(w.finish()).toEqual({ bytes: new Uint8Array([1]), bits: 1 });
  });

  it("refuses to read past the end and rejects bad arguments, naming them", () => {
    const r = new BitReader(new Uint8Array([0xff]), 5);
    expect(r.readBits(5)).toBe(31);
    expect(() => r.readBits(1)).toThrow(/bits: the message has 5 bits/);
    expect(() => new BitReader(new Uint8Array(1), 9)).toThrow(/bits must be an integer from 0 to 8/);
    expect(() => new BitReader([1] as never, 1)).toThrow(TypeError);
    expect(() => new BitWriter(0)).toThrow(/capacityBytes/);
  });
});

describe("BitWriter.view reuses its array without changing what it shows", () => {
  it("the same object while the byte length and buffer stay; a new one after the length changes or the buffer grows; contents always current", () => {
    const w = new BitWriter(2);
    w.writeBits(0b101, 3);
    const a = w.view();
    expect(Array.from(a)).toEqual([5]);
    w.reset();
    w.writeBits(0b11, 2);
    const b = w.view();
    expect(b).toBe(a); // reused: one byte, same buffer
    expect(Array.from(b)).toEqual([3]);
    w.writeBits(0xff, 8);
    const c = w.view();
    expect(c).not.toBe(a);
    expect(Array.from(c)).toEqual([0xff, 0x03]); // bits 0–1 = 11, then eight ones from bit 2
    w.writeBits(0xffff, 16); // 26 bits: the 2-byte buffer grows
    const e = w.view();
    expect(e.length).toBe(4);
    expect(Array.from(e)).toEqual([0xff, 0xff, 0xff, 0x03]);
    w.reset();
    w.writeBits(1, 1);
    expect(Array.from(w.view())).toEqual([1]);
    expect(w.finish().bytes).not.toBe(w.view()); // finish still copies
  });
});
