/**
 * A bit-packing reference for the tests, written from the definition of the library's layout (least
 * significant bit first: bit j of a byte is stream bit 8·byte + j) with strings of '0'/'1' characters,
 * so that it shares no code with `BitWriter` / `BitReader`.
 */

/** Fields (value, width) packed least significant bit first into ⌈Σ width / 8⌉ bytes, zero padded. */
export function referenceBytes(fields: ReadonlyArray<readonly [number, number]>): Uint8Array {
  let stream = "";
  for (const [value, width] of fields) {
    const binary = value.toString(2).padStart(width, "0"); // most significant first
    stream += binary.split("").reverse().join("").slice(0, width);
  }
  const bytes = new Uint8Array(Math.ceil(stream.length / 8));
  for (let i = 0; i < bytes.length; i++) {
    const chunk = stream.slice(8 * i, 8 * i + 8).padEnd(8, "0");
    bytes[i] = parseInt(chunk.split("").reverse().join(""), 2);
  }
  return bytes;
}

/** The stream bits of `bytes` as characters, stream bit 0 first. */
export function referenceBitString(bytes: Uint8Array): string {
  let s = "";
  for (const byte of bytes) s += byte.toString(2).padStart(8, "0").split("").reverse().join("");
  return s;
}

/** Reads consecutive fields of the given widths from a bit string (stream bit 0 first) from `at`. */
export function referenceField(bits: string, at: number, width: number): number {
  if (at + width > bits.length) throw new Error(`field at ${at} of width ${width} passes the end`);
  const s = bits.slice(at, at + width).split("").reverse().join("");
  return width === 0 ? 0 : parseInt(s, 2);
}

/** The FP32 value of a 32-bit pattern, through a DataView (not the library's reader). */
export function float32OfPattern(pattern: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, pattern);
  return view.getFloat32(0);
}
