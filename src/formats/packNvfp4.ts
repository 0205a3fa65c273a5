/**
 * NVFP4 tensors as bytes: {@link packNvfp4} stores an {@link Nvfp4Result} as bytes and
 * {@link unpackNvfp4} rebuilds every field from them, so that NVFP4's bits per element are measured.
 *
 * @packageDocumentation
 */
import { BitReader, BitWriter } from "../numeric/bitStream";
import { describeValue, expectInteger, expectOneOf } from "../validation";
import { decode } from "./codec";
import { nvfp4DecodedValue, nvfp4TensorScales } from "./nvfp4";
import type { Nvfp4Result } from "./nvfp4";
import { expectCodes, expectPayload } from "./packMx";

/** The arithmetics of the decoded values (Nvfp4Options.dequantize), default first. */
const DEQUANTIZATIONS: readonly ("float64" | "float32")[] = ["float64", "float32"];
/** Largest finite FP32 value (2 − 2^−23)·2^127 (IEEE 754 binary32). */
const FLOAT32_MAX = 3.4028234663852886e38;
/** The tensor amax is one FP32 value. */
const TENSOR_BITS = 32;
/** E4M3 block scale codes are 8 bits; E2M1 element codes 4 bits (sign bit 0x8). */
const SCALE_BITS = 8;
const ELEMENT_BITS = 4;
const E2M1_SIGN = 0x8;

/** An NVFP4 tensor as bytes, with the metadata {@link unpackNvfp4} needs. */
export interface PackedNvfp4 {
  /** Elements per block (metadata: not counted in `bits`). */
  readonly blockSize: number;
  /** Number of elements n (metadata, like a tensor's shape). */
  readonly length: number;
  /**
   * The arithmetic of the decoded values, the packed result's `dequantize` (metadata, like a dtype:
   * not counted in `bits`), so that {@link unpackNvfp4} gives back the same values.
   */
  readonly dequantize: "float64" | "float32";
  /** ⌈bits/8⌉ bytes: tensor amax, block scale codes, element codes (see {@link packNvfp4}). */
  readonly bytes: Uint8Array;
  /** The measured length in bits: 32 + 8·blocks + 4·n. */
  readonly bits: number;
  /**
   * Measured bits per element without the one per-tensor FP32 value: (bits − 32)/n, 4.5 for whole
   * blocks of 16 (as NVFP4 is usually quoted); NaN when n = 0.
   */
  readonly bitsPerElement: number;
}

/**
 * Packs an NVFP4 result into bytes.
 *
 * Layout (bits least significant first, see `BitWriter`): bytes 0–3 the FP32 pattern of the tensor
 * amax A (little-endian); then one E4M3 block-scale code per block (0x7F marks a NaN block); then the
 * E2M1 element codes, 4 bits each, two per byte with element 2j in bits 3:0 and 2j + 1 in bits 7:4
 * (the order of CUDA's `__nv_fp4x2_e2m1`). An odd n leaves 4 zero bits of padding in the last byte.
 *
 * ```text
 *   byte  0    1    2    3  | 4 … 3+B              | 4+B ...
 *         A (FP32, little-e.)| s_0 s_1 … s_{B−1}   | [P_1|P_0] [P_3|P_2] … (bits 7…4 | 3…0)
 * ```
 * (B = ⌈n/blockSize⌉ blocks.)
 *
 * The one FP32 value stored per tensor is the amax A rather than the tensor scale itself: the scales
 * follow from A by the quantizer's formula (s_enc = min(FP32(2688/A), FP32 max), 1 when A = 0;
 * s_dec = FP32(1/s_enc)), while FP32(1/x) is not one-to-one on FP32, so s_dec alone could not give
 * back s_enc (which the values need) nor A. Block size, length and the result's `dequantize` (the
 * arithmetic of its values) travel as metadata.
 *
 * Source: the NVFP4 encoding (E2M1 elements, E4M3 block scales, an FP32 per-tensor value), as in
 * `nvfp4Quantize`; the byte order is ours, documented here.
 *
 * @throws TypeError unless `result` is an object with Uint8Array `blockScaleCodes` and `elementCodes`;
 *   RangeError naming `result.blockSize`, `result.dequantize` (not "float64" or "float32"; absent means
 *   "float64"), `result.tensorAmax` (not an FP32 value ≥ 0: it would not
 *   survive the 4 bytes), `result.blockScaleCodes` (not one per block) or `result.elementCodes[i]`
 *   (above 15).
 * @example
 * ```ts
 * const r = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 });
 * const p = packNvfp4(r);
 * p.bits; // 32 + 8 + 4·4 = 56
 * p.bytes; // [0, 0, 0x20, 0x41, 110, 0x47, 0x09]: 10.0f, scale code 110 (112), codes 7 4 9 0
 * p.bitsPerElement; // (56 − 32)/4 = 6: one partial block; 4.5 for whole blocks of 16
 * unpackNvfp4(p).values; // equal to r.values, value for value
 * ```
 */
export function packNvfp4(result: Nvfp4Result): PackedNvfp4 {
  if (typeof result !== "object" || result === null) {
    throw new TypeError(`result must be an Nvfp4Result (from nvfp4Quantize), got ${describeValue(result)}`);
  }
  expectInteger("result.blockSize", result.blockSize, 1);
  const dequantize = result.dequantize ?? "float64";
  expectOneOf("result.dequantize", dequantize, DEQUANTIZATIONS);
  const { blockScaleCodes, elementCodes, blockSize, tensorAmax } = result;
  if (!(typeof tensorAmax === "number" && tensorAmax >= 0 && tensorAmax <= FLOAT32_MAX && Math.fround(tensorAmax) === tensorAmax)) {
    throw new RangeError(`result.tensorAmax must be a finite FP32 value >= 0, got ${describeValue(tensorAmax)}`);
  }
  expectCodes("result.blockScaleCodes", blockScaleCodes);
  expectCodes("result.elementCodes", elementCodes);
  const n = elementCodes.length;
  const blocks = Math.ceil(n / blockSize);
  if (blockScaleCodes.length !== blocks) {
    throw new RangeError(
      `result.blockScaleCodes must have one code per block, ⌈${n}/${blockSize}⌉ = ${blocks}, got ${blockScaleCodes.length}`,
    );
  }
  const writer = new BitWriter(Math.ceil((TENSOR_BITS + blocks * SCALE_BITS + n * ELEMENT_BITS) / 8));
  writer.writeFloat32(tensorAmax);
  const tensorBits = writer.bitLength;
  for (let b = 0; b < blocks; b++) writer.writeBits(blockScaleCodes[b], SCALE_BITS);
  for (let i = 0; i < n; i++) {
    const code = elementCodes[i];
    if (code >= 16) throw new RangeError(`result.elementCodes[${i}] must be below 16 (an E2M1 code), got ${code}`);
    writer.writeBits(code, ELEMENT_BITS);
  }
  const { bytes, bits } = writer.finish();
  return { blockSize, length: n, dequantize, bytes, bits, bitsPerElement: (bits - tensorBits) / n };
}

/**
 * Rebuilds the NVFP4 result stored by {@link packNvfp4}: every field equal to the packed result's.
 *
 * Decoding: A from the first 4 bytes; s_enc and s_dec from A as in `nvfp4Quantize`; block scales
 * s_dec_b by the E4M3 definition (NaN codes give NaN); values q_i·s_dec_b/s_enc in binary64 (or
 * FP32(q_i·FP32(s_dec_b·s_dec)) when `packed.dequantize` is "float32", as the quantizer's), with q_i
 * the E2M1 value of the element code (computed for the magnitude and negated for the sign bit, so a
 * negative zero stays −0), and NaN throughout a NaN block. `totalBits` is the measured `packed.bits`;
 * `bitsPerElement` is the nominal 4 + 8/blockSize, as `nvfp4Quantize` reports.
 *
 * Source: as {@link packNvfp4}.
 *
 * @throws TypeError unless `packed` is an object with a Uint8Array `bytes`; RangeError naming
 *   `packed.blockSize`, `packed.length`, `packed.dequantize` (not "float64" or "float32"; absent means
 *   "float64"), `packed.bits` / `packed.bytes` (not the layout's length), or `packed.bytes` when its tensor amax is not a finite FP32 value ≥ 0.
 * @example
 * ```ts
 * const back = unpackNvfp4(packNvfp4(nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 })));
 * back.tensorAmax; // 10
 * back.blockScales[0]; // 112
 * ```
 */
export function unpackNvfp4(packed: PackedNvfp4): Nvfp4Result {
  if (typeof packed !== "object" || packed === null) {
    throw new TypeError(`packed must be a PackedNvfp4 (from packNvfp4), got ${describeValue(packed)}`);
  }
  expectInteger("packed.blockSize", packed.blockSize, 1);
  expectInteger("packed.length", packed.length, 0);
  const dequantize = packed.dequantize ?? "float64";
  expectOneOf("packed.dequantize", dequantize, DEQUANTIZATIONS);
  const float32 = dequantize === "float32";
  const { blockSize, length: n, bytes } = packed;
  const blocks = Math.ceil(n / blockSize);
  expectPayload(bytes, packed.bits, TENSOR_BITS + blocks * SCALE_BITS + n * ELEMENT_BITS);

  const reader = new BitReader(bytes, packed.bits);
  const A = reader.readFloat32();
  if (!(A >= 0 && A <= FLOAT32_MAX)) {
    throw new RangeError(`packed.bytes: its tensor amax must be a finite FP32 value >= 0, got ${describeValue(A)}`);
  }
  const { sEnc, sDec } = nvfp4TensorScales(A); // as nvfp4Quantize

  const blockScaleCodes = new Uint8Array(blocks);
  const blockScales = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const code = reader.readBits(SCALE_BITS);
    blockScaleCodes[b] = code;
    blockScales[b] = decode("e4m3", code);
  }
  const magnitudes = new Float64Array(E2M1_SIGN);
  for (let code = 0; code < E2M1_SIGN; code++) magnitudes[code] = decode("e2m1", code);
  const elementCodes = new Uint8Array(n);
  const values = new Float64Array(n);
  for (let b = 0; b < blocks; b++) {
    const s = blockScales[b];
    const end = Math.min((b + 1) * blockSize, n);
    for (let i = b * blockSize; i < end; i++) {
      const code = reader.readBits(ELEMENT_BITS);
      elementCodes[i] = code;
      // NaN in a NaN block (s = NaN)
      const v = nvfp4DecodedValue(magnitudes[code & (E2M1_SIGN - 1)], s, sEnc, sDec, float32);
      values[i] = code & E2M1_SIGN ? -v : v;
    }
  }
  return {
    blockSize,
    tensorAmax: A,
    tensorScale: sDec,
    blockScaleCodes,
    blockScales,
    elementCodes,
    values,
    bitsPerElement: ELEMENT_BITS + SCALE_BITS / blockSize,
    totalBits: packed.bits,
    dequantize,
  };
}
