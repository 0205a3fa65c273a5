/**
 * The allocation-free path every compressor gets from messageCompressor: `encodeInto` writes the bytes
 * `encode` returns (whose layout messages.test.ts parses with an independent decoder) into a writer it
 * empties first, `decodeFrom` rebuilds what `decode` does, both draw from the coin exactly what the
 * allocating path draws, and a reader that does not hold exactly one unread message is refused by name.
 */
import { describe, expect, it } from "vitest";
import { BitReader, BitWriter, createRandom } from "../../../src/numeric/index";
import { KINDS, oneOfEach } from "../../support/compressors";

const d = 13; // ragged: Hadamard pads to 16, messages end mid-byte
/** Compressor i of oneOfEach, built inside each test. */
const build = (i: number) => oneOfEach({ bits: 2, range: 1, k: 5, levels: 3 })[i];
const g = Float64Array.from({ length: d }, (_, i) => 0.9 * Math.cos(3 * i + 1));

describe.each(KINDS.map((kind, i) => [kind, i] as const))("%s: encodeInto / decodeFrom", (_kind, i) => {
  it("encodeInto empties the writer, then writes encode's bytes from the same draws", () => {
    const c = build(i);
    const message = c.encode(g, createRandom(8, 3));
    const writer = new BitWriter(2);
    for (let t = 0; t < 5; t++) writer.writeBits(0xffffffff, 32); // a previous, longer message
    const coin = createRandom(8, 3);
    const bits = c.encodeInto!(g, coin, writer);
    expect(bits).toBe(message.bits);
    expect(writer.bitLength).toBe(message.bits);
    expect(Array.from(writer.view())).toEqual(Array.from(message.bytes));
    // the same number of draws as encode: the next draw of both coins agrees
    const after = createRandom(8, 3);
    c.encode(g, after);
    expect(coin.uint32()).toBe(after.uint32());
  });

  it("decodeFrom gives decode's estimate, writes into out, and draws only the public coin", () => {
    const c = build(i);
    const message = c.encode(g, createRandom(9));
    const viaDecode = c.decode(message, d, createRandom(9));
    const out = new Float64Array(d).fill(7); // stale values must all be overwritten
    const coin = createRandom(9);
    const returned = c.decodeFrom!(new BitReader(message.bytes, message.bits), d, coin, out);
    expect(returned).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(viaDecode));
    const after = createRandom(9);
    c.decode(message, d, after);
    expect(coin.uint32()).toBe(after.uint32());
  });

  it("decodeFrom refuses a reader that does not hold exactly one unread message, naming the reader and both counts", () => {
    const c = build(i);
    const message = c.encode(g, createRandom(10));
    const B = message.bits;
    const out = new Float64Array(d);
    // one bit too many, at bit 0
    const longer = new BitReader(new Uint8Array(Math.ceil((B + 1) / 8)), B + 1);
    expect(() => c.decodeFrom!(longer, d, createRandom(10), out)).toThrow(RangeError);
    expect(() => c.decodeFrom!(longer, d, createRandom(10), out)).toThrow(
      new RegExp(`^reader must hold one unread message of ${B} bits for this compressor and d, got ${B + 1} bits left at bit 0$`),
    );
    // the right number of bits left, but one bit already read
    const bytes = new Uint8Array(Math.ceil((B + 1) / 8));
    const read = new BitReader(bytes, B + 1);
    read.readBits(1);
    expect(read.bitsLeft).toBe(B);
    expect(() => c.decodeFrom!(read, d, createRandom(10), out)).toThrow(new RegExp(`got ${B} bits left at bit 1$`));
    // one bit short
    const shorter = new BitReader(message.bytes, B - 1);
    expect(() => c.decodeFrom!(shorter, d, createRandom(10), out)).toThrow(new RegExp(`got ${B - 1} bits left at bit 0$`));
    // d, rng and out are checked by name
    const reader = () => new BitReader(message.bytes, B);
    expect(() => c.decodeFrom!(reader(), 0, createRandom(10), out)).toThrow(/^d must be an integer/);
    expect(() => c.decodeFrom!(reader(), d, {} as never, out)).toThrow(/^rng must be a Random/);
    expect(() => c.decodeFrom!(reader(), d, createRandom(10), new Float64Array(d + 1))).toThrow(
      new RegExp(`^out\\.length must equal d = ${d}, got ${d + 1}$`),
    );
  });

  it("encodeInto refuses what encode refuses, naming g[i], g and rng", () => {
    const c = build(i);
    const writer = new BitWriter();
    const bad = Float64Array.from(g);
    bad[4] = NaN;
    expect(() => c.encodeInto!(bad, createRandom(1), writer)).toThrow(/^g\[4\] must (not be NaN|be finite)/);
    expect(() => c.encodeInto!(Array.from(g) as never, createRandom(1), writer)).toThrow(/^g must be a Float64Array, got an array of length 13$/);
    expect(() => c.encodeInto!(g, { uniform: () => 0.5 } as never, writer)).toThrow(/^rng must be a Random \(createRandom\(seed, stream\)\), got an object/);
  });
});
