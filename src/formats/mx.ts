/**
 * OCP Microscaling (MX) block formats: blocks of k elements (k = 32) sharing one E8M0 power-of-two
 * scale. The element formats are the scalar ones of `traits.ts`; this file only adds the block scale.
 *
 * @packageDocumentation
 */
import { expectInteger, expectNumericArray, expectOneOf } from "../validation";
import type { NumericArray } from "../validation";
import { codeOfValue } from "./codec";
import {
  FLOAT32_INDEX_OFFSET,
  blockAmaxBits,
  elementEncoder,
  encodeElement,
  encodeFloat32Run,
  encodeFloat32RunStochastic,
} from "./elementEncoder";
import type { ElementEncoder } from "./elementEncoder";
import { floorLog2, pow2 } from "./ieee754";
import {
  STOCHASTIC,
  apartFrom,
  expectOptions,
  nextDraw,
  outputArray,
  resolveRounding,
  roundValue,
  roundingPlan,
} from "./rounding";
import type { RoundingMode, RoundingPlan } from "./rounding";
import { formatDefinition } from "./traits";
import type { FormatDefinition } from "./traits";

/** Element formats of the concrete MX formats: MXFP8 (e5m2, e4m3), MXFP6 (e3m2, e2m3), MXFP4 (e2m1), MXINT8. */
export type MxElement = "e5m2" | "e4m3" | "e3m2" | "e2m3" | "e2m1" | "int8";

/**
 * The MX element formats (OCP MX v1.0 §5.2, Table 1).
 *
 * @example
 * ```ts
 * mxElements.length; // 6
 * ```
 */
export const mxElements: readonly MxElement[] = Object.freeze([
  "e5m2",
  "e4m3",
  "e3m2",
  "e2m3",
  "e2m1",
  "int8",
] as const);

/** Options of {@link mxQuantize}. */
export interface MxOptions {
  /** Elements per block sharing one scale; default 32 (OCP MX v1.0). A positive integer. */
  blockSize?: number;
  /** Element rounding; default `"nearest-even"` (the spec). The scale is never rounded: it is a floor. */
  rounding?: RoundingMode;
  /**
   * Uniform source on [0, 1), required for `"stochastic"`; called once per element, in index order.
   * A draw outside [0, 1) (NaN, 1, −0.5, a string) throws, naming `options.random`.
   */
  random?: () => number;
  /**
   * Where to write the dequantized values (a Float64Array of the input's length), e.g. a buffer reused
   * across training steps; the result's `values` is then this array. Default: a new array. It may be
   * the input itself (in place) or overlap it in any other way: a partially overlapping input is
   * copied first, so the result is always that of separate arrays.
   */
  out?: Float64Array;
}

/** The result of {@link mxQuantize}: the stored codes, their values, and the exact bit count. */
export interface MxResult {
  readonly element: MxElement;
  readonly blockSize: number;
  /** E8M0 code of each block's scale: shared exponent + 127, or 0xFF (NaN). */
  readonly scaleCodes: Uint8Array;
  /** Each block's scale X = 2^(code − 127) (NaN for code 0xFF). */
  readonly scales: Float64Array;
  /** Each element's code in its format (two's complement for int8). */
  readonly elementCodes: Uint8Array;
  /** The dequantized values X·P_i. */
  readonly values: Float64Array;
  /** Nominal storage per element: element bits + 8/blockSize (8.25, 6.25, 4.25 for k = 32). */
  readonly bitsPerElement: number;
  /** Exact storage of this input: n·(element bits) + 8 per block, a ragged last block included. */
  readonly totalBits: number;
}

/** E8M0 code of a NaN scale (OCP MX v1.0 §5.4.1). */
const SCALE_NAN_CODE = 0xff;
/** E8M0 bias and shared-exponent range [−127, 127] (OCP MX v1.0 §5.4.1: codes 0…254). */
const SCALE_BIAS = 127;
/** MXINT8 elements are integers times 2^−6 (microxcaling formats.py: int8, emax 0; values ±127/64). */
const INT8_FRACTION_SCALE = 64;
/** E8M0 scale values 2^(code − 127) for codes 0 … 254, so that block loops index a table. */
const SCALE_VALUES = Float64Array.from({ length: 255 }, (_, code) => pow2(code - SCALE_BIAS));

/**
 * Quantizes `values` to an MX format: blocks of `blockSize` consecutive elements, each block with an
 * E8M0 scale X = 2^s and elements P_i in the element format, decoded as X·P_i.
 *
 * Algorithm (OCP MX v1.0 §6.3 as implemented in microsoft/microxcaling `_quantize_mx`; math.md §6.4):
 * 1. amax = max_i |V_i| over the block;
 * 2. s = floor(log2 amax) − emax_elem (emax_elem: e5m2 15, e4m3 8, e3m2 4, e2m3 2, e2m1 2, int8 0),
 *    with floor(log2) read from the IEEE bits; s < −127 becomes −127; amax = 0 uses s = −127 (the
 *    least scale; the elements are then ±0);
 * 3. P_i = round(V_i / X) in the element format, subnormals kept, saturating to ±max (so the largest
 *    element, which lands in [2^emax, 2^(emax+1)), is clipped when above max: e2m1 (6, 8) → 6);
 *    MXINT8: P_i = round(64·V_i/X)/64 clamped to ±127/64 (−128 unused; no −0).
 *
 * Rounding: nearest-even by default, as the spec asks (microxcaling's default is ties-away, selectable
 * there as round="even"); toward-zero and stochastic (one draw per element, even in NaN blocks, so
 * that element i always gets draw i) are offered for experiments. The scale itself is a floor.
 *
 * Special values: a block containing NaN or ±Inf, or whose s would exceed 127 (amax ≥ 2^(128+emax),
 * impossible for FP32 data), gets the NaN scale 0xFF; its element codes are 0 and all its values NaN
 * (the spec leaves the other elements of such a block undefined; this keeps NaN visible, since
 * e2m1/e3m2/e2m3/int8 have no NaN code of their own). A last block shorter than `blockSize` is
 * quantized on its own and pays its own 8-bit scale.
 *
 * @param values - the data (FP32, FP64 or plain numbers)
 * @param element - the element format
 * @throws TypeError for non-numeric `values`, a `random` that is not a function or returns a
 * non-number, or an `out` that is not a Float64Array; RangeError for an unknown element, a
 * `blockSize` that is not a positive integer, an unknown rounding, a draw of `random` outside [0, 1)
 * (checked at every draw), or an `out` of the wrong length.
 * @example
 * ```ts
 * const r = mxQuantize([0.1, -0.7, 3.3, 12.0], "e2m1");
 * r.scales[0]; // 2 (amax 12: floor(log2 12) − 2 = 1)
 * Array.from(r.values); // [0, -1, 3, 12]
 * r.totalBits; // 4·4 + 8 = 24
 * ```
 */
export function mxQuantize(values: NumericArray, element: MxElement, options?: MxOptions): MxResult {
  expectNumericArray("values", values);
  expectOneOf("element", element, mxElements);
  const opts = expectOptions("options", options);
  const blockSize = opts.blockSize ?? 32;
  expectInteger("options.blockSize", blockSize, 1);
  const o = resolveRounding({ rounding: opts.rounding, random: opts.random });
  const def = formatDefinition(element, "element");
  const isInt = def.kind === "int";
  // elements always saturate in MX (microxcaling: saturate_normals=True "must be True for correct MX")
  const plan = roundingPlan(def, o.mode, true, false, isInt);
  const emaxElem = isInt ? 0 : def.info.emax;
  const encoder = isInt ? undefined : elementEncoder(def, o.mode);
  const random = o.mode === STOCHASTIC ? (o.random as () => number) : undefined;

  const n = values.length;
  const blocks = Math.ceil(n / blockSize);
  const scaleCodes = new Uint8Array(blocks);
  const scales = new Float64Array(blocks);
  const elementCodes = new Uint8Array(n);
  const out = outputArray(opts.out, n);
  const xs = apartFrom(values, out); // a copy only when out partially overlaps the input

  if (xs instanceof Float32Array && encoder !== undefined) {
    const bits = new Int32Array(xs.buffer, xs.byteOffset, n);
    quantizeFloat32Blocks(xs, bits, encoder, emaxElem, blockSize, random, scaleCodes, scales, elementCodes, out);
  } else {
    quantizeBlocks(xs, def, plan, encoder, emaxElem, blockSize, random, scaleCodes, scales, elementCodes, out);
  }
  return {
    element,
    blockSize,
    scaleCodes,
    scales,
    elementCodes,
    values: out,
    bitsPerElement: def.bits + 8 / blockSize,
    totalBits: n * def.bits + 8 * blocks,
  };
}

/**
 * The block loop of {@link mxQuantize}, in a function of its own so that the engine optimizes it once
 * and keeps it (a long loop inside the public function would be optimized mid-call and discarded at the
 * code that follows it).
 */
function quantizeBlocks(
  values: NumericArray,
  def: FormatDefinition,
  plan: RoundingPlan,
  encoder: ElementEncoder | undefined,
  emaxElem: number,
  blockSize: number,
  random: (() => number) | undefined,
  scaleCodes: Uint8Array,
  scales: Float64Array,
  elementCodes: Uint8Array,
  out: Float64Array,
): void {
  const n = values.length;
  const blocks = scaleCodes.length;
  for (let b = 0; b < blocks; b++) {
    const start = b * blockSize;
    const end = Math.min(start + blockSize, n);
    let amax = 0;
    let finite = true;
    for (let i = start; i < end; i++) {
      const a = Math.abs(values[i]);
      if (a > amax) amax = a;
      else if (!(a <= amax)) finite = false; // NaN compares false both ways
    }
    let s = amax === 0 ? -SCALE_BIAS : floorLog2(amax) - emaxElem;
    if (s < -SCALE_BIAS) s = -SCALE_BIAS;
    if (!finite || amax === Infinity || s > SCALE_BIAS) {
      scaleCodes[b] = SCALE_NAN_CODE;
      scales[b] = NaN;
      for (let i = start; i < end; i++) {
        nextDraw(random); // one draw per element keeps later blocks' draws aligned
        out[i] = NaN;
      }
      continue;
    }
    const X = pow2(s);
    scaleCodes[b] = s + SCALE_BIAS;
    scales[b] = X;
    if (encoder !== undefined) {
      const toElement = pow2(-s); // exact: a power of two, and |V/X| < 2^(emax+1) cannot overflow
      const elementValues = encoder.values;
      for (let i = start; i < end; i++) {
        const code = encodeElement(encoder, values[i] * toElement, nextDraw(random));
        elementCodes[i] = code;
        out[i] = elementValues[code] * X;
      }
    } else {
      // MXINT8: k = round(64·V/X) in [−127, 127], stored as a two's-complement byte
      const toElement = pow2(-s) * INT8_FRACTION_SCALE;
      const toValue = X / INT8_FRACTION_SCALE;
      for (let i = start; i < end; i++) {
        const k = roundValue(plan, values[i] * toElement, nextDraw(random));
        elementCodes[i] = codeOfValue(def, k);
        out[i] = k * toValue;
      }
    }
  }
}

/**
 * {@link quantizeBlocks} for FP32 input and float elements, on the bit patterns: the block amax is an
 * integer maximum of the magnitude bits, the shared exponent its exponent field, and each element is
 * encoded from its own bits and s (see `encodeFloat32Run`), with no scaling arithmetic. Blocks whose
 * s is so low (amax < 2^(−120) or so) that the bit table would misread their zero and subnormal
 * elements go through `encodeElement` on the values instead.
 */
function quantizeFloat32Blocks(
  xs: Float32Array,
  bits: Int32Array,
  encoder: ElementEncoder,
  emaxElem: number,
  blockSize: number,
  random: (() => number) | undefined,
  scaleCodes: Uint8Array,
  scales: Float64Array,
  elementCodes: Uint8Array,
  out: Float64Array,
): void {
  const n = bits.length;
  const blocks = scaleCodes.length;
  const elementValues = encoder.values;
  const table = encoder.bitsCodes;
  const columnBits = encoder.bitsColumnBits;
  const topShift = encoder.bitsTopShift;
  const columnMask = encoder.bitsColumnMask;
  const stickyMask = encoder.bitsStickyMask;
  const zeroRowEnd = encoder.bitsZeroRowEnd;
  const codeBase = encoder.bitsCodeBase;
  const inverseStep = encoder.bitsInverseStep;
  const maxCode = encoder.maxCode | 0;
  const signCode = encoder.signCode | 0;
  // module constants as locals: the loop then reads no module bindings
  const scaleValues = SCALE_VALUES;
  const indexOffset = FLOAT32_INDEX_OFFSET;
  const bias = SCALE_BIAS;
  const minExponent = -SCALE_BIAS;
  for (let b = 0; b < blocks; b++) {
    const start = b * blockSize;
    const end = Math.min(start + blockSize, n);
    const amaxBits = blockAmaxBits(bits, start, end);
    if (amaxBits >= 0x7f800000) {
      // NaN or ±Inf in the block (FP32 patterns at or above +Inf's)
      scaleCodes[b] = SCALE_NAN_CODE;
      scales[b] = NaN;
      for (let i = start; i < end; i++) {
        nextDraw(random); // one draw per element keeps later blocks' draws aligned
        out[i] = NaN;
      }
      continue;
    }
    const amaxField = amaxBits >>> 23;
    // an FP32 amax < 2^128 keeps s ≤ 127; a subnormal amax (field 0) takes the exact, slow exponent
    const e = amaxField === 0 ? floorLog2(float32FromBits(amaxBits)) : amaxField - 127;
    let s = amaxBits === 0 ? minExponent : e - emaxElem;
    if (s < minExponent) s = minExponent;
    const X = scaleValues[s + bias];
    scaleCodes[b] = s + bias;
    scales[b] = X;
    const offset = indexOffset - s;
    if (random !== undefined) {
      encodeFloat32RunStochastic(
        bits,
        start,
        end,
        offset,
        start,
        inverseStep,
        codeBase,
        maxCode,
        signCode,
        elementCodes,
        elementValues,
        0,
        X,
        out,
        random,
      );
    } else if (offset <= zeroRowEnd) {
      encodeFloat32Run(
        bits,
        start,
        end,
        offset << columnBits,
        start,
        table,
        topShift,
        columnMask,
        stickyMask,
        signCode,
        elementCodes,
        elementValues,
        0,
        X,
        out,
      );
    } else {
      const toElement = scaleValues[bias - s]; // 2^−s, exact
      for (let i = start; i < end; i++) {
        const code = encodeElement(encoder, xs[i] * toElement, 0);
        elementCodes[i] = code;
        out[i] = elementValues[code] * X;
      }
    }
  }
}

/** The FP32 value of a bit pattern (rare path: a subnormal block amax). */
function float32FromBits(bits: number): number {
  return new Float32Array(new Int32Array([bits]).buffer)[0];
}
