import { describe, expect, it } from "vitest";
import { BitReader, BitWriter } from "../../../src/numeric/index";

// Catches what `fn` throws, so that both the class and the whole message are checked.
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal, nothing was thrown");
}

describe("BitWriter.bitLength and BitReader.bitPosition count bits", () => {
  it("bitLength is the sum of the widths written (3 + 8 + 0 + 32 = 43), 0 after reset", () => {
    const w = new BitWriter();
    expect(w.bitLength).toBe(0);
    w.writeBits(5, 3);
    w.writeBits(200, 8);
    w.writeBits(0, 0);
    w.writeBits(0xdeadbeef, 32);
    expect(w.bitLength).toBe(43);
    w.reset();
    expect(w.bitLength).toBe(0);
  });

  it("bitPosition is the sum of the widths read, and bitPosition + bitsLeft is the message length", () => {
    const r = new BitReader(new Uint8Array([0xfd, 0x07]), 11);
    expect(r.bitPosition).toBe(0);
    r.readBits(3);
    expect(r.bitPosition).toBe(3);
    expect(r.bitsLeft).toBe(8);
    r.readBits(8);
    expect(r.bitPosition).toBe(11);
    r.reset(new Uint8Array(4), 32);
    expect(r.bitPosition).toBe(0);
    expect(r.bitsLeft).toBe(32);
  });
});

describe("BitWriter's buffer grows by doubling, only when a write does not fit", () => {
  // view().buffer is the writer's buffer: its byteLength is the capacity. Expected capacities written out:
  // the smallest capacity·2^k (k ≥ 0) bytes holding the bits written so far.
  it("capacity 1: 8 bits fit without growing; 16 bits need 2 bytes (one doubling); 17 bits need 4", () => {
    const w = new BitWriter(1);
    w.writeBits(0xff, 8);
    expect(w.view().buffer.byteLength).toBe(1); // an exact fit does not grow
    w.writeBits(0xff, 8);
    expect(w.view().buffer.byteLength).toBe(2); // 16 bits = 2 bytes exactly: doubled once, not twice
    w.writeBits(1, 1);
    expect(w.view().buffer.byteLength).toBe(4);
    expect(Array.from(w.view())).toEqual([0xff, 0xff, 1]);
  });

  it("one 32-bit write into capacity 1 gives 4 bytes, into capacity 3 gives 6 (doublings of the capacity, not powers of two)", () => {
    const a = new BitWriter(1);
    a.writeBits(0x12345678, 32);
    expect(a.view().buffer.byteLength).toBe(4);
    expect(Array.from(a.view())).toEqual([0x78, 0x56, 0x34, 0x12]);
    const b = new BitWriter(3);
    b.writeBits(0x12345678, 32);
    expect(b.view().buffer.byteLength).toBe(6);
  });

  it("a loop of 8-bit messages in a 1-byte writer reuses one view object (no growth, no allocation)", () => {
    const w = new BitWriter(1);
    w.writeBits(0xa5, 8);
    const first = w.view();
    for (const v of [0x01, 0x80, 0xff]) {
      w.reset();
      w.writeBits(v, 8);
      const view = w.view();
      expect(view).toBe(first);
      expect(Array.from(view)).toEqual([v]);
    }
  });
});

describe("BitWriter.view and finish after growth and reuse", () => {
  it("a view taken before the buffer grew is not returned for the new buffer, even at the same byte length", () => {
    const w = new BitWriter(1);
    w.writeBits(0xff, 8);
    expect(Array.from(w.view())).toEqual([0xff]); // a 1-byte view of the 1-byte buffer
    w.writeBits(0xff, 8); // grows
    w.reset();
    w.writeBits(0x0f, 8);
    expect(Array.from(w.view())).toEqual([0x0f]); // the old buffer still holds 0xff
  });

  it("finish returns a copy: the message keeps its bytes when the writer is reset and reused", () => {
    const w = new BitWriter(2);
    w.writeBits(0xabcd, 16);
    const m = w.finish();
    w.reset();
    w.writeBits(0x1234, 16);
    expect(Array.from(m.bytes)).toEqual([0xcd, 0xab]);
    expect(m.bits).toBe(16);
    expect(Array.from(w.finish().bytes)).toEqual([0x34, 0x12]);
  });
});

describe("BitReader refuses a non-Uint8Array, naming bytes", () => {
  it("the constructor and reset throw TypeError 'bytes must be a Uint8Array, got …'", () => {
    const e1 = thrown(() => new BitReader([1] as unknown as Uint8Array, 8));
    expect(e1).toBeInstanceOf(TypeError);
    expect((e1 as Error).message).toMatch(/^bytes must be a Uint8Array, got an array of length 1$/);
    const r = new BitReader(new Uint8Array(1), 8);
    const e2 = thrown(() => r.reset(new Uint16Array(1) as unknown as Uint8Array, 0));
    expect(e2).toBeInstanceOf(TypeError);
    expect((e2 as Error).message).toMatch(/^bytes must be a Uint8Array, got a Uint16Array$/);
  });

  it("a read past the end throws RangeError with the message's length, the width and the position", () => {
    const r = new BitReader(new Uint8Array([0xff]), 5);
    r.readBits(3);
    const e = thrown(() => r.readBits(3));
    expect(e).toBeInstanceOf(RangeError);
    expect((e as Error).message).toMatch(/^bits: the message has 5 bits, a read of 3 at bit 3 passes its end$/);
    expect(r.bitPosition).toBe(3); // the refused read consumed nothing
  });
});
