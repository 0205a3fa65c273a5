/**
 * NVIDIA NVFP4: E2M1 elements in blocks of 16 with an E4M3 block scale, under an FP32 tensor scale.
 *
 * @packageDocumentation
 */
import { expectFinite, expectInteger, expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";
import {
  FLOAT32_INDEX_OFFSET,
  elementEncoder,
  encodeElement,
  encodeFloat32Run,
  encodeFloat32RunStochastic,
} from "./elementEncoder";
import type { ElementEncoder } from "./elementEncoder";
import { NEAREST_EVEN, STOCHASTIC, expectOptions, outputArray, resolveRounding } from "./rounding";
import type { RoundingMode } from "./rounding";
import { formatDefinition } from "./traits";

/** Options of {@link nvfp4Quantize}. */
export interface Nvfp4Options {
  /** Elements per block; default 16 (NVFP4). A positive integer. */
  blockSize?: number;
  /**
   * The tensor amax A that sets the FP32 tensor scale, e.g. one carried over from a previous step
   * (delayed scaling). Default: max |x| over the finite inputs. A finite number ≥ 0.
   */
  tensorAmax?: number;
  /**
   * Element rounding: `"nearest-even"` (default; weights and activations) or `"stochastic"` (the
   * training recipe's choice for gradients). Block scales are always rounded to nearest-even.
   */
  rounding?: RoundingMode;
  /** Uniform source on [0, 1), required for `"stochastic"`; called once per element, in index order. */
  random?: () => number;
  /**
   * Where to write the dequantized values (a Float64Array of the input's length), e.g. a buffer reused
   * across training steps; the result's `values` is then this array. Default: a new array.
   */
  out?: Float64Array;
}

/** The result of {@link nvfp4Quantize}. */
export interface Nvfp4Result {
  readonly blockSize: number;
  /** The tensor amax A used (FP32). */
  readonly tensorAmax: number;
  /** The FP32 tensor decode scale 1/s_enc, s_enc = 448·6/A. */
  readonly tensorScale: number;
  /** E4M3 code of each block's decode scale (0x7F, the E4M3 NaN, for a block with NaN or ±Inf). */
  readonly blockScaleCodes: Uint8Array;
  /** Each block's decode scale s_dec_b, an E4M3 value (NaN for a NaN block). */
  readonly blockScales: Float64Array;
  /** Each element's E2M1 code (sign bit 0x8). */
  readonly elementCodes: Uint8Array;
  /** The dequantized values q_i·s_dec_b/s_enc. */
  readonly values: Float64Array;
  /** Nominal storage per element: 4 + 8/blockSize (4.5 for blocks of 16), the tensor scale excluded. */
  readonly bitsPerElement: number;
  /** Exact storage: 4 bits per element, 8 per block (ragged last block included), 32 for the tensor scale. */
  readonly totalBits: number;
}

/** E4M3 largest finite value: 1.75·2^8 (OCP OFP8 v1.0). */
const E4M3_MAX = 448;
/** E2M1 largest finite value: 1.5·2^2 (OCP MX v1.0). */
const E2M1_MAX = 6;
/** Largest finite FP32 value (2 − 2^−23)·2^127 (IEEE 754 binary32). */
const FLOAT32_MAX = 3.4028234663852886e38;
/** E4M3 NaN code S.1111.111 with S = 0 (OCP OFP8 v1.0). */
const E4M3_NAN_CODE = 0x7f;

/**
 * Quantizes `values` to NVFP4 and back, step by step in FP32 arithmetic (each product and quotient
 * rounded with `Math.fround`) as in the TransformerEngine reference quantizer
 * (`transformer_engine/pytorch/custom_recipes/quantization_ref_nvfp4.py`, 1×16 tiles; math.md §6.5):
 * 1. x ← FP32(x); A = max |x| over the finite inputs (or `options.tensorAmax`, rounded to FP32);
 *    s_enc = min(FP32(448·6 / A), FP32 max), with s_enc = 1 when A = 0 (or when A is so large that the
 *    quotient is 0); tensor decode scale s_dec = FP32(1/s_enc);
 * 2. per block b of 16 with amax a_b: s_dec_b = E4M3_RNE(min(FP32(FP32(a_b/6)·s_enc), 448)) (stored);
 * 3. e_b = min(FP32(1 / FP32(s_dec_b·s_dec)), FP32 max) (= s_enc/s_dec_b up to FP32 rounding), and
 *    e_b = 0 when s_dec_b = 0 (TE would use FP32 max there and store ±6 codes; the decoded values, 0,
 *    are the same, and the codes 0 are honest);
 * 4. q_i = E2M1(clamp(FP32(x_i·e_b), −6, 6)), nearest-even (or stochastic) on the E2M1 grid;
 * 5. decoded x̂_i = q_i·s_dec_b/s_enc (in binary64).
 *
 * Step 2 keeps the reference's two FP32 roundings, a_b/6 then ·s_enc (later TE versions fold 1/6
 * into the global scale, which can move s_dec_b by one FP32 ulp before the E4M3 rounding). Step 5
 * divides by the stored FP32 s_enc, so x̂ carries its FP32 rounding (relative 2^−24): the test vector's
 * 2.5 comes out as 2.5000001; TE's GEMM instead multiplies by A/(6·448).
 *
 * Special values: NaN and ±Inf (after the FP32 conversion, so |x| > FP32 max counts as Inf) do not
 * enter the tensor amax; a block containing one gets the E4M3 NaN scale code 0x7F, element codes 0,
 * and NaN values. A ragged last block is quantized on its own and pays its own 8-bit scale.
 *
 * @throws TypeError for non-numeric `values`, a `random` that is not a function or an `out` that is
 * not a Float64Array; RangeError for a `blockSize` that is not a positive integer, a `tensorAmax` that
 * is not finite and ≥ 0, an unknown rounding, or an `out` of the wrong length.
 * @example
 * ```ts
 * const r = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 });
 * r.blockScales[0]; // 112 (E4M3 of 2.5/6·268.8)
 * Array.from(r.values); // [2.5000001…, 0.8333334…, -0.2083333…, 0]
 * r.totalBits; // 4·4 + 8 + 32 = 56
 * ```
 */
export function nvfp4Quantize(values: NumericArray, options?: Nvfp4Options): Nvfp4Result {
  expectNumericArray("values", values);
  const opts = expectOptions("options", options);
  const blockSize = opts.blockSize ?? 16;
  expectInteger("options.blockSize", blockSize, 1);
  if (opts.tensorAmax !== undefined) {
    expectFinite("options.tensorAmax", opts.tensorAmax);
    if (opts.tensorAmax < 0) {
      throw new RangeError(`options.tensorAmax must be a finite number >= 0, got ${opts.tensorAmax}`);
    }
  }
  const o = resolveRounding({ rounding: opts.rounding, random: opts.random });
  const random = o.mode === STOCHASTIC ? (o.random as () => number) : undefined;
  const n = values.length;
  // step 1 of the reference: x ← FP32(x); the kernels then work on the FP32 bit patterns
  const xs = values instanceof Float32Array ? values : Float32Array.from(values);
  const bits = new Int32Array(xs.buffer, xs.byteOffset, n);
  const A = opts.tensorAmax !== undefined ? Math.fround(opts.tensorAmax as number) : finiteAmax(bits);
  let sEnc = A === 0 ? 1 : Math.min(Math.fround(Math.fround(E4M3_MAX * E2M1_MAX) / A), FLOAT32_MAX);
  if (sEnc === 0) sEnc = 1; // A beyond FP32 range: TE's guard against a zero scale
  const sDec = Math.fround(1 / sEnc);

  const blocks = Math.ceil(n / blockSize);
  const blockScaleCodes = new Uint8Array(blocks);
  const blockScales = new Float64Array(blocks);
  const elementCodes = new Uint8Array(n);
  const out = outputArray(opts.out, n);
  const encoder = elementEncoder(formatDefinition("e2m1"), o.mode);
  quantizeBlocks(xs, bits, blockSize, sEnc, sDec, encoder, random, blockScaleCodes, blockScales, elementCodes, out);
  return {
    blockSize,
    tensorAmax: A,
    tensorScale: sDec,
    blockScaleCodes,
    blockScales,
    elementCodes,
    values: out,
    bitsPerElement: 4 + 8 / blockSize,
    totalBits: 4 * n + 8 * blocks + 32,
  };
}

/** FP32 value of a bit pattern. */
const PATTERN = new Int32Array(1);
const PATTERN_VALUE = new Float32Array(PATTERN.buffer);
function float32FromBits(bits: number): number {
  PATTERN[0] = bits;
  return PATTERN_VALUE[0];
}

/** FP32 patterns at or above this magnitude are ±Inf or NaN. */
const INF_BITS = 0x7f800000;

/** max |x| over the finite FP32 values (0 for none), as an integer maximum of the magnitude bits. */
function finiteAmax(bits: Int32Array): number {
  let amax = 0;
  for (let i = 0; i < bits.length; i++) {
    let a = bits[i] & 0x7fffffff;
    a &= (a - INF_BITS) >> 31; // NaN and ±Inf count as 0
    const d = amax - a;
    amax -= d & (d >> 31); // max without a branch (random data would mispredict it)
  }
  return float32FromBits(amax);
}

/**
 * The block loop of {@link nvfp4Quantize}, in a function of its own so that the engine optimizes it
 * once. Block maxima are integer maxima of the FP32 magnitude bits; the scaled elements FP32(x·e_b)
 * are written to an FP32 scratch block (the store is the FP32 rounding) and encoded from their bits.
 */
function quantizeBlocks(
  xs: Float32Array,
  bits: Int32Array,
  blockSize: number,
  sEnc: number,
  sDec: number,
  encoder: ElementEncoder,
  random: (() => number) | undefined,
  blockScaleCodes: Uint8Array,
  blockScales: Float64Array,
  elementCodes: Uint8Array,
  out: Float64Array,
): void {
  const fround = Math.fround;
  // block scales: E4M3 nearest-even, saturating (the wanted scale is ≤ 448 anyway)
  const scaleEncoder = elementEncoder(formatDefinition("e4m3"), NEAREST_EVEN);
  const scaleValues = scaleEncoder.values;
  const offset = FLOAT32_INDEX_OFFSET;
  const e2m1Values = encoder.values;
  const blockValues = new Float64Array(16);
  const scaled = new Float32Array(blockSize);
  const scaledBits = new Int32Array(scaled.buffer);
  const nearest = encoder.mode === NEAREST_EVEN ? -1 : 0; // the mask of encodeFloat32Run
  const shift = encoder.shift;
  const codeBase = encoder.bitsCodeBase;
  const inverseStep = encoder.bitsInverseStep;
  const maxCode = encoder.maxCode | 0;
  const signCode = encoder.signCode | 0;
  const n = bits.length;
  const blocks = blockScales.length;
  // module constants as locals: the loop then reads no module bindings
  const infBits = INF_BITS;
  const elementMax = E2M1_MAX;
  const scaleMax = E4M3_MAX;
  const float32Max = FLOAT32_MAX;
  const amaxPattern = new Int32Array(1);
  const amaxValue = new Float32Array(amaxPattern.buffer);
  for (let b = 0; b < blocks; b++) {
    const start = b * blockSize;
    const end = Math.min(start + blockSize, n);
    let amaxBits = 0;
    for (let i = start; i < end; i++) {
      const d = amaxBits - (bits[i] & 0x7fffffff);
      amaxBits -= d & (d >> 31);
    }
    if (amaxBits >= infBits) {
      blockScaleCodes[b] = E4M3_NAN_CODE;
      blockScales[b] = NaN;
      for (let i = start; i < end; i++) {
        if (random !== undefined) random(); // one draw per element keeps later blocks' draws aligned
        out[i] = NaN;
      }
      continue;
    }
    amaxPattern[0] = amaxBits;
    const amax = amaxValue[0];
    const wanted = Math.min(fround(fround(amax / elementMax) * sEnc), scaleMax);
    const scaleCode = encodeElement(scaleEncoder, wanted, 0);
    const sDecBlock = scaleValues[scaleCode];
    blockScaleCodes[b] = scaleCode;
    blockScales[b] = sDecBlock;
    const encode = sDecBlock === 0 ? 0 : Math.min(fround(1 / fround(sDecBlock * sDec)), float32Max);
    // decoded value of each of the 16 codes in this block: q·s_dec_b/s_enc (codes 8–15 are −(0–7))
    for (let code = 0; code < 8; code++) {
      const v = (e2m1Values[code] * sDecBlock) / sEnc;
      blockValues[code] = v;
      blockValues[code + 8] = -v;
    }
    // y_i = FP32(x_i·e_b) into the scratch (the FP32 store is the rounding), then encoded from its
    // bits; |y| > 6 saturates to code ±6, the same as clamping to ±6 first
    const count = end - start;
    for (let k = 0; k < count; k++) scaled[k] = xs[start + k] * encode;
    if (random === undefined) {
      encodeFloat32Run(
        scaledBits,
        0,
        count,
        offset,
        start,
        nearest,
        shift,
        codeBase,
        maxCode,
        signCode,
        elementCodes,
        blockValues,
        1,
        out,
      );
    } else {
      encodeFloat32RunStochastic(
        scaledBits,
        0,
        count,
        offset,
        start,
        inverseStep,
        codeBase,
        maxCode,
        signCode,
        elementCodes,
        blockValues,
        1,
        out,
        random,
      );
    }
  }
}
