/**
 * MX tensors as bytes: {@link packMx} stores an {@link MxResult} the way it would travel or sit in
 * memory, and {@link unpackMx} rebuilds every field from those bytes, so that MX's bits per element
 * are measured on a real encoding rather than computed from a formula.
 *
 * @packageDocumentation
 */
import { BitReader, BitWriter } from "../numeric/bitStream";
import { describeValue, expectInteger, expectOneOf } from "../validation";
import { decode } from "./codec";
import { mxElements } from "./mx";
import type { MxElement, MxResult } from "./mx";
import { formatInfo } from "./traits";

/** MXINT8 elements are integers times 2^−6 (OCP MX v1.0 §5.3; microxcaling formats.py: int8, emax 0). */
const INT8_FRACTION = 2 ** -6;
/** E8M0 scale codes are 8 bits (OCP MX v1.0 §5.4.1). */
const SCALE_BITS = 8;

/** An MX tensor as bytes, with the metadata {@link unpackMx} needs. */
export interface PackedMx {
  /** The element format (metadata, like a tensor's dtype: not counted in `bits`). */
  readonly element: MxElement;
  /** Elements per block (metadata). */
  readonly blockSize: number;
  /** Number of elements n (metadata, like a tensor's shape). */
  readonly length: number;
  /** ⌈bits/8⌉ bytes: the block scale codes, then the bit-packed element codes (see {@link packMx}). */
  readonly bytes: Uint8Array;
  /** The measured length in bits: what the writer wrote, 8·blocks + n·(element bits). */
  readonly bits: number;
  /** bits / n, measured: 8.25 (FP8, INT8), 6.25 (FP6), 4.25 (FP4) for whole blocks of 32; NaN when n = 0. */
  readonly bitsPerElement: number;
}

/**
 * Packs an MX result into bytes.
 *
 * Layout (bits least significant first, see `BitWriter`): first the E8M0 scale code of each block,
 * one byte each (0xFF is the NaN scale); then the element codes, w bits each (w = 8 for e5m2, e4m3
 * and int8, 6 for e3m2 and e2m3, 4 for e2m1), element i at bits [i·w, (i + 1)·w) of the element area,
 * which starts on the byte after the scales. So FP8/INT8 codes are one byte each, two FP4 codes share
 * a byte (element 2j in bits 3:0, 2j + 1 in bits 7:4, the order of CUDA's `__nv_fp4x2_e2m1`), and four
 * FP6 codes fill three bytes. A ragged tail leaves 4 bits (FP4) or 2, 4 or 6 bits (FP6) of zero
 * padding in the last byte; `bits` counts only the written bits.
 *
 * ```text
 *   bytes 0 … B−1                  | element area (n = 4 shown)
 *   X_0 X_1 … X_{B−1}  (E8M0)      |
 *   FP8/INT8:                      | [  P_0  ] [  P_1  ] [  P_2  ] [  P_3  ]        1 byte each
 *   FP4:  byte bits 7…4 | 3…0      | [P_1|P_0] [P_3|P_2]                            2 per byte
 *   FP6:  byte bits 7…0            | [P_1lo2 P_0(6)] [P_2lo4 P_1hi4] [P_3(6) P_2hi2] 4 in 3 bytes
 * ```
 * (B = ⌈n/blockSize⌉ blocks; "P_1lo2" = the 2 low bits of P_1, in the byte's top bits.)
 *
 * The values are not stored: they are X·P_i, decoded by {@link unpackMx}. Element type, block size and
 * length travel as metadata (a framework keeps them with the tensor's dtype and shape), so `bits` is
 * the payload: 8·B + n·w bits, e.g. 264 for one block of 32 E4M3 elements (8.25 bits per element).
 *
 * Source: OCP Microscaling Formats (MX) v1.0 §5 (element and scale encodings); the byte order is ours,
 * documented here.
 *
 * @throws TypeError unless `result` is an object with Uint8Array `scaleCodes` and `elementCodes`;
 *   RangeError naming `result.element`, `result.blockSize`, `result.scaleCodes` (not one per block) or
 *   `result.elementCodes[i]` (a code that does not fit in the element's bits).
 * @example
 * ```ts
 * const r = mxQuantize([0.1, -0.7, 3.3, 12.0], "e2m1");
 * const p = packMx(r);
 * Array.from(r.elementCodes); // [0, 9, 3, 7]
 * p.bytes; // [0x80, 0x90, 0x73]: scale code 128 (2^1), then codes 0 and 9, 3 and 7, low nibble first
 * p.bits; // 8 + 4·4 = 24
 * unpackMx(p).values; // [0, -1, 3, 12], as r.values
 * ```
 */
export function packMx(result: MxResult): PackedMx {
  if (typeof result !== "object" || result === null) {
    throw new TypeError(`result must be an MxResult (from mxQuantize), got ${describeValue(result)}`);
  }
  expectOneOf("result.element", result.element, mxElements);
  expectInteger("result.blockSize", result.blockSize, 1);
  const { scaleCodes, elementCodes, blockSize, element } = result;
  expectCodes("result.scaleCodes", scaleCodes);
  expectCodes("result.elementCodes", elementCodes);
  const n = elementCodes.length;
  const blocks = Math.ceil(n / blockSize);
  if (scaleCodes.length !== blocks) {
    throw new RangeError(`result.scaleCodes must have one code per block, ⌈${n}/${blockSize}⌉ = ${blocks}, got ${scaleCodes.length}`);
  }
  const w = formatInfo(element).bits;
  const limit = 2 ** w;
  const writer = new BitWriter(Math.max(1, Math.ceil((blocks * SCALE_BITS + n * w) / 8)));
  for (let b = 0; b < blocks; b++) writer.writeBits(scaleCodes[b], SCALE_BITS);
  for (let i = 0; i < n; i++) {
    const code = elementCodes[i];
    if (code >= limit) {
      throw new RangeError(`result.elementCodes[${i}] must be below 2^${w} (an ${element} code), got ${code}`);
    }
    writer.writeBits(code, w);
  }
  const { bytes, bits } = writer.finish();
  return { element, blockSize, length: n, bytes, bits, bitsPerElement: bits / n };
}

/**
 * Rebuilds the MX result stored by {@link packMx}: every field equal to the packed result's.
 *
 * Decoding: scales X_b = 2^(code − 127) (E8M0), NaN for code 0xFF; elements P_i from their codes by
 * the element format's definition (`decode`), MXINT8 as the two's-complement integer times 2^−6;
 * values X_b·P_i (exact in binary64), and NaN throughout a block with the NaN scale. `totalBits` is
 * the measured `packed.bits`; `bitsPerElement` is the nominal w + 8/blockSize, as `mxQuantize` reports.
 *
 * Source: OCP Microscaling Formats (MX) v1.0 §5–6; layout as in {@link packMx}.
 *
 * @throws TypeError unless `packed` is an object with a Uint8Array `bytes`; RangeError naming
 *   `packed.element`, `packed.blockSize`, `packed.length` (not an integer ≥ 0) or `packed.bits` /
 *   `packed.bytes` when they do not have the layout's length.
 * @example
 * ```ts
 * const r = mxQuantize(Float32Array.from([1, 2, 3, 4, 5]), "e3m2", { blockSize: 4 });
 * const back = unpackMx(packMx(r));
 * back.values; // equal to r.values, value for value
 * back.totalBits; // 2·8 + 5·6 = 46, measured
 * ```
 */
export function unpackMx(packed: PackedMx): MxResult {
  if (typeof packed !== "object" || packed === null) {
    throw new TypeError(`packed must be a PackedMx (from packMx), got ${describeValue(packed)}`);
  }
  expectOneOf("packed.element", packed.element, mxElements);
  expectInteger("packed.blockSize", packed.blockSize, 1);
  expectInteger("packed.length", packed.length, 0);
  const { element, blockSize, length: n, bytes } = packed;
  const w = formatInfo(element).bits;
  const blocks = Math.ceil(n / blockSize);
  expectPayload(bytes, packed.bits, blocks * SCALE_BITS + n * w);

  const reader = new BitReader(bytes, packed.bits);
  const scaleCodes = new Uint8Array(blocks);
  const scales = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const code = reader.readBits(SCALE_BITS);
    scaleCodes[b] = code;
    scales[b] = decode("e8m0", code);
  }
  const elementValues = elementTable(element);
  const elementCodes = new Uint8Array(n);
  const values = new Float64Array(n);
  for (let b = 0; b < blocks; b++) {
    const X = scales[b];
    const end = Math.min((b + 1) * blockSize, n);
    for (let i = b * blockSize; i < end; i++) {
      const code = reader.readBits(w);
      elementCodes[i] = code;
      values[i] = elementValues[code] * X; // NaN throughout a block whose scale is NaN
    }
  }
  return {
    element,
    blockSize,
    scaleCodes,
    scales,
    elementCodes,
    values,
    bitsPerElement: w + SCALE_BITS / blockSize,
    totalBits: packed.bits,
  };
}

/** Element values by code, from the format's definition (MXINT8: the integer times 2^−6). */
function elementTable(element: MxElement): Float64Array {
  const count = 2 ** formatInfo(element).bits;
  const table = new Float64Array(count);
  for (let code = 0; code < count; code++) {
    table[code] = element === "int8" ? decode("int8", code) * INT8_FRACTION : decode(element, code);
  }
  return table;
}

/** Throws a TypeError unless `codes` is a Uint8Array. */
export function expectCodes(name: string, codes: unknown): asserts codes is Uint8Array {
  if (!(codes instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array, got ${describeValue(codes)}`);
}

/** Throws unless `bytes` is a Uint8Array of ⌈expectedBits/8⌉ bytes and `bits` equals `expectedBits`. */
export function expectPayload(bytes: unknown, bits: unknown, expectedBits: number): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`packed.bytes must be a Uint8Array, got ${describeValue(bytes)}`);
  if (bits !== expectedBits) {
    throw new RangeError(`packed.bits must be ${expectedBits} for this element type, block size and length, got ${describeValue(bits)}`);
  }
  if (bytes.length !== Math.ceil(expectedBits / 8)) {
    throw new RangeError(`packed.bytes.length must be ⌈${expectedBits}/8⌉ = ${Math.ceil(expectedBits / 8)}, got ${bytes.length}`);
  }
}
