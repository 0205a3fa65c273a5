/**
 * Bit streams: the writer and reader behind every measured bit count of the library (packed MX and
 * NVFP4 tensors, compressor messages).
 *
 * Bit order, everywhere: **least significant bit first**. Bit t of the stream is bit (t mod 8) of
 * byte ⌊t/8⌋, and a field of width w written at position t holds its bit j at stream bit t + j. So a
 * byte-aligned 32-bit field is the little-endian byte order of the number, and two 4-bit fields
 * share a byte with the first in bits 3:0 (the order of CUDA's `__nv_fp4x2_e2m1` pairs):
 *
 * ```text
 *   stream bit:  7 6 5 4 3 2 1 0 | 15 14 13 12 11 10 9 8 | ...
 *   byte:        ----- byte 0 -----|-------- byte 1 -------|
 *   fields a (4 bits), b (4 bits), c (6 bits), ...:
 *                b b b b a a a a | ·  ·  c  c  c  c  c c
 * ```
 *
 * Unused bits of the last byte are 0. The exact length in bits is carried next to the bytes
 * ({@link BitMessage}), so a message of 13 bits is 2 bytes with `bits = 13`.
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger } from "../validation";

/** A message: its bytes and its exact length in bits (the last byte may be partly padding, 0). */
export interface BitMessage {
  /** ⌈bits/8⌉ bytes, least significant bit first (see the module note); padding bits are 0. */
  readonly bytes: Uint8Array;
  /** The exact number of bits of the message. */
  readonly bits: number;
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/**
 * Appends fields of 0 to 32 bits to a growing byte buffer, least significant bit first.
 *
 * `writeBits` trusts its arguments (it runs in inner loops): `value` must be an integer in
 * [0, 2^width) and `width` an integer in [0, 32]; callers validate at their public boundary.
 *
 * Source: standard bit packing; the order is documented in the module note.
 *
 * @example
 * ```ts
 * const w = new BitWriter();
 * w.writeBits(0b101, 3);
 * w.writeBits(0xff, 8);
 * const m = w.finish(); // { bytes: [0xfd, 0x07], bits: 11 }
 * ```
 */
export class BitWriter {
  private buffer: Uint8Array;
  private position = 0;
  /** The last array view() returned (reused while its length and buffer still apply). */
  private lastView: Uint8Array | undefined = undefined;

  /** @param capacityBytes - initial buffer size (it grows by doubling when needed); an integer ≥ 1 */
  constructor(capacityBytes = 64) {
    expectInteger("capacityBytes", capacityBytes, 1);
    this.buffer = new Uint8Array(capacityBytes);
  }

  /** The number of bits written so far: the measured length of the message. */
  get bitLength(): number {
    return this.position;
  }

  /** Empties the writer (keeps its buffer), so that one writer serves many messages. */
  reset(): void {
    this.buffer.fill(0, 0, Math.ceil(this.position / 8));
    this.position = 0;
  }

  /** Appends the `width` low bits of `value` (an integer in [0, 2^width), width in [0, 32]). */
  writeBits(value: number, width: number): void {
    let pos = this.position;
    const end = pos + width;
    if (end > this.buffer.length * 8) this.grow(end);
    const buf = this.buffer;
    let v = value >>> 0;
    let remaining = width;
    while (remaining > 0) {
      const offset = pos % 8;
      const take = remaining < 8 - offset ? remaining : 8 - offset;
      buf[(pos - offset) / 8] |= (v & ((1 << take) - 1)) << offset;
      v >>>= take;
      pos += take;
      remaining -= take;
    }
    this.position = end;
  }

  /** Appends the 32-bit IEEE binary32 pattern of Math.fround(x) (little-endian when byte-aligned). */
  writeFloat32(x: number): void {
    F32[0] = x;
    this.writeBits(U32[0], 32);
  }

  /**
   * The bytes written so far, as a view of the writer's buffer (valid until the next write or reset). The
   * view object is reused while the byte length and the buffer stay the same (a message loop whose messages
   * have one length allocates nothing here); its contents always follow the buffer.
   */
  view(): Uint8Array {
    const n = Math.ceil(this.position / 8);
    const last = this.lastView;
    if (last !== undefined && last.length === n && last.buffer === this.buffer.buffer) return last;
    return (this.lastView = this.buffer.subarray(0, n));
  }

  /** The message written so far: a copy of its ⌈bits/8⌉ bytes and its exact length in bits. */
  finish(): BitMessage {
    return { bytes: this.view().slice(), bits: this.position };
  }

  private grow(bitsNeeded: number): void {
    let size = this.buffer.length * 2;
    while (size * 8 < bitsNeeded) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer);
    this.buffer = next;
  }
}

/**
 * Reads fields of 0 to 32 bits from a byte array, least significant bit first (the order of
 * {@link BitWriter}), refusing to read past the message's length in bits.
 *
 * @throws TypeError unless `bytes` is a Uint8Array; RangeError naming `bits` unless it is an
 *   integer from 0 to 8·bytes.length, and from `readBits` when a read would pass the end.
 * @example
 * ```ts
 * const r = new BitReader(new Uint8Array([0xfd, 0x07]), 11);
 * r.readBits(3); // 5
 * r.readBits(8); // 255
 * ```
 */
export class BitReader {
  private buffer: Uint8Array;
  private length: number;
  private position = 0;

  constructor(bytes: Uint8Array, bits: number) {
    this.buffer = bytes;
    this.length = bits;
    this.reset(bytes, bits);
  }

  /** Starts reading another message from its first bit (same checks as the constructor), so one reader serves many messages. */
  reset(bytes: Uint8Array, bits: number): void {
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError(`bytes must be a Uint8Array, got ${describeValue(bytes)}`);
    }
    expectInteger("bits", bits, 0, bytes.length * 8);
    this.buffer = bytes;
    this.length = bits;
    this.position = 0;
  }

  /** The number of bits read so far. */
  get bitPosition(): number {
    return this.position;
  }

  /** The number of bits left before the end of the message. */
  get bitsLeft(): number {
    return this.length - this.position;
  }

  /** The next `width` bits (an integer in [0, 32]) as an unsigned integer in [0, 2^width). */
  readBits(width: number): number {
    let pos = this.position;
    const end = pos + width;
    if (end > this.length) {
      throw new RangeError(`bits: the message has ${this.length} bits, a read of ${width} at bit ${pos} passes its end`);
    }
    const buf = this.buffer;
    let result = 0;
    let shift = 1; // 2^(bits assembled so far), by multiplication: results reach 2^32 − 1
    let remaining = width;
    while (remaining > 0) {
      const offset = pos % 8;
      const take = remaining < 8 - offset ? remaining : 8 - offset;
      result += ((buf[(pos - offset) / 8] >>> offset) & ((1 << take) - 1)) * shift;
      shift *= 1 << take;
      pos += take;
      remaining -= take;
    }
    this.position = end;
    return result;
  }

  /** The next 32 bits read as an IEEE binary32 pattern, returned as its value. */
  readFloat32(): number {
    U32[0] = this.readBits(32);
    return F32[0];
  }
}
