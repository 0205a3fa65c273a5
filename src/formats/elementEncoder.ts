/**
 * Saturating encoders of scaled values into the codes of a small float element format (≤ 8 bits),
 * the inner step of MX and NVFP4.
 *
 * Both round like `roundValue` with `saturate: true` and return the code directly. With the element
 * binade E = clamp(e, emin, emax + 1) of the scaled value y (e = floor(log2|y|), read from its IEEE
 * bits), the rounded magnitude is n·2^(E − m) with n an integer (nearest-even, floor, or stochastic
 * rounding of |y|·2^(m − E)), and its magnitude code is n + (E − emin)·2^m: in the subnormal binade
 * E = emin the code is n itself, and in a normal binade n ∈ [2^m, 2^(m+1)] carries into the exponent
 * field by itself. Codes beyond the largest finite one are clamped to it (saturation). The tests check
 * both encoders against the brute-force reference quantizers of mx.test.ts and nvfp4.test.ts.
 *
 * - {@link encodeElement} takes y as a binary64 number (any input);
 * - {@link encodeFloat32Run} takes runs of y as FP32 bits, with y = x·2^−s given by x's bits and s,
 *   so that MX needs no multiplication and no conversion: n is the FP32 significand (implicit bit
 *   included) shifted right by 23 − m + (E − e) with the ml_dtypes round-half-even carry trick.
 *
 * @packageDocumentation
 */
import { HI, pow2 } from "./ieee754";
import { NEAREST_EVEN, TOWARD_ZERO } from "./rounding";
import type { FormatDefinition } from "./traits";
import { decodeCode } from "./codec";

/** 2^52: (q + 2^52) − 2^52 is q rounded to an integer, ties to even, for 0 ≤ q < 2^52. */
const TWO_POW_52 = 4503599627370496;

/**
 * Offset of the FP32-style exponent index in the bit tables: index j = (biased FP32 exponent of y) +
 * 384, which covers y = x·2^−s for every FP32 x and every MX shared exponent s ∈ [−127, 127].
 */
export const FLOAT32_INDEX_OFFSET = 384;
const FLOAT32_INDEX_SIZE = 1024;
/** Largest right shift used: beyond 25 a 24-bit significand rounds to 0 anyway; 30 marks saturation. */
const SHIFT_ZERO = 25;
const SHIFT_SATURATE = 30;

/** Tables of one element format for one rounding mode. */
export class ElementEncoder {
  readonly mode: number;
  /** Largest finite magnitude code. */
  readonly maxCode: number;
  /** Code offset of the sign bit. */
  readonly signCode: number;
  /** Value of every code (NaN codes decode to NaN). */
  readonly values: Float64Array;
  /** By binary64 exponent field of y: 2^(m − E) and (E − emin)·2^m. */
  readonly inverseStep: Float64Array;
  readonly codeBase: Float64Array;
  /** By FP32 exponent index j (see FLOAT32_INDEX_OFFSET): the right shift of the significand … */
  readonly shift: Int32Array;
  /** … the magnitude code base (E − emin)·2^m (maxCode where y is beyond every binade) … */
  readonly bitsCodeBase: Int32Array;
  /** … and 2^−(true shift), to turn the significand into |y|·2^(m − E) for stochastic rounding. */
  readonly bitsInverseStep: Float64Array;
  /** A scratch double and its words, own to the encoder so the hot loop reads no module bindings. */
  readonly scratch = new Float64Array(1);
  readonly scratchWords = new Uint32Array(this.scratch.buffer);
  /** Index of the high word in {@link scratchWords}. */
  readonly hi = HI;

  constructor(def: FormatDefinition, mode: number) {
    const info = def.info;
    const m = info.mantissaBits;
    this.mode = mode;
    // int32 on purpose: codes derived through pow2 are doubles, which would make the hot loops
    // convert between double and integer at every element
    this.maxCode = def.maxMagnitudeCode | 0;
    this.signCode = def.signCode | 0;
    this.values = new Float64Array(info.codeCount);
    for (let code = 0; code < info.codeCount; code++) this.values[code] = decodeCode(def, code);
    this.inverseStep = new Float64Array(2048);
    this.codeBase = new Float64Array(2048);
    for (let field = 0; field < 2048; field++) {
      const E = Math.min(Math.max(field - 1023, info.emin), info.emax + 1);
      this.inverseStep[field] = pow2(m - E);
      this.codeBase[field] = (E - info.emin) * pow2(m);
    }
    this.shift = new Int32Array(FLOAT32_INDEX_SIZE);
    this.bitsCodeBase = new Int32Array(FLOAT32_INDEX_SIZE);
    this.bitsInverseStep = new Float64Array(FLOAT32_INDEX_SIZE);
    for (let j = 0; j < FLOAT32_INDEX_SIZE; j++) {
      const e = j - FLOAT32_INDEX_OFFSET - 127; // binary exponent of y (significand with implicit bit)
      if (e > info.emax + 1) {
        // y ≥ 2^(emax+2): saturated whatever its significand (n becomes 0, the base is the max code)
        this.shift[j] = SHIFT_SATURATE;
        this.bitsCodeBase[j] = def.maxMagnitudeCode;
        this.bitsInverseStep[j] = 0;
        continue;
      }
      const E = Math.max(e, info.emin);
      const trueShift = 23 - m + (E - e);
      this.shift[j] = Math.min(trueShift, SHIFT_ZERO);
      this.bitsCodeBase[j] = (E - info.emin) << m;
      this.bitsInverseStep[j] = pow2(-trueShift);
    }
  }
}

/**
 * The code of y (a binary64 number, not NaN) in the element format, rounded by the encoder's mode and
 * saturated. `u` is the uniform draw for stochastic rounding.
 */
export function encodeElement(enc: ElementEncoder, y: number, u: number): number {
  enc.scratch[0] = y;
  const hi = enc.scratchWords[enc.hi];
  const field = (hi >>> 20) & 0x7ff;
  const q = Math.abs(y) * enc.inverseStep[field];
  let n: number;
  if (enc.mode === NEAREST_EVEN) n = q + TWO_POW_52 - TWO_POW_52;
  else if (enc.mode === TOWARD_ZERO) n = Math.floor(q);
  else {
    n = Math.floor(q);
    n += Math.ceil(q - n - u); // +1 iff u < q − floor(q)
  }
  const code = Math.min(n + enc.codeBase[field], enc.maxCode) | 0;
  return code + ((hi >> 31) & enc.signCode);
}

/**
 * Encodes a run of FP32 values into element codes and dequantized values, nearest-even
 * (`nearest` = −1) or toward zero (`nearest` = 0): for i in [from, to), with x = the FP32 bits ys[i]
 * (finite) and y = x·2^−s (`offset` = FLOAT32_INDEX_OFFSET − s), writes the code of y to
 * codes[dst + i − from] and valueTable[code]·scale to out[dst + i − from].
 *
 * The rounding is on the significand: n = (sig + bias) >> r with r = 23 − m + (E − e) from the
 * tables and bias = 2^(r−1) − 1 + (bit r of sig) for nearest-even (the ml_dtypes carry trick), 0 for
 * toward-zero; the code is min(n + (E − emin)·2^m, maxCode) plus the sign bit. A subnormal x (exponent
 * field 0, rare) is normalized first. The encoder's tables come as arguments and the loop makes no
 * call, so that the engine keeps everything in registers.
 */
export function encodeFloat32Run(
  ys: Int32Array,
  from: number,
  to: number,
  offset: number,
  dst: number,
  nearest: number,
  shift: Int32Array,
  codeBase: Int32Array,
  maxCode: number,
  signCode: number,
  codes: Uint8Array,
  valueTable: Float64Array,
  scale: number,
  out: Float64Array,
): void {
  for (let i = from, k = dst; i < to; i++, k++) {
    const x = ys[i];
    const field = (x >>> 23) & 0xff;
    let j = (field | ((field - 1) >>> 31)) + offset; // field 0 (subnormal, zero) shares field 1's exponent
    let significand = (x & 0x7fffff) | 0x800000;
    if (field === 0) {
      const lz = Math.clz32(x & 0x7fffff) - 8; // bring the leading bit to bit 23 (±0: all 24 bits)
      significand = (x & 0x7fffff) << lz;
      j -= lz;
    }
    const r = shift[j];
    const bias = (((1 << r) >> 1) - 1 + ((significand >> r) & 1)) & nearest; // 0 for toward-zero
    const n = (significand + bias) >> r;
    const excess = n + codeBase[j] - maxCode;
    // min(code, maxCode) without a branch (saturation hits data-dependent elements), then the sign
    const code = maxCode + (excess & (excess >> 31)) + ((x >> 31) & signCode);
    codes[k] = code;
    out[k] = valueTable[code] * scale;
  }
}

/**
 * {@link encodeFloat32Run} with stochastic rounding: n = floor(q) + 1 iff u < q − floor(q), for
 * q = |y|·2^(m − E) = significand·2^−(true shift), with one call of `random` per element in order.
 */
export function encodeFloat32RunStochastic(
  ys: Int32Array,
  from: number,
  to: number,
  offset: number,
  dst: number,
  inverseStep: Float64Array,
  codeBase: Int32Array,
  maxCode: number,
  signCode: number,
  codes: Uint8Array,
  valueTable: Float64Array,
  scale: number,
  out: Float64Array,
  random: () => number,
): void {
  for (let i = from, k = dst; i < to; i++, k++) {
    const u = random();
    const x = ys[i];
    const field = (x >>> 23) & 0xff;
    let j = (field | ((field - 1) >>> 31)) + offset;
    let significand = (x & 0x7fffff) | 0x800000;
    if (field === 0) {
      const lz = Math.clz32(x & 0x7fffff) - 8;
      significand = (x & 0x7fffff) << lz;
      j -= lz;
    }
    const q = significand * inverseStep[j];
    const low = Math.floor(q);
    const n = (low + Math.ceil(q - low - u)) | 0; // the sign of a binary64 difference is exact
    const excess = n + codeBase[j] - maxCode;
    const code = maxCode + (excess & (excess >> 31)) + ((x >> 31) & signCode);
    codes[k] = code;
    out[k] = valueTable[code] * scale;
  }
}

const ENCODERS = new Map<string, ElementEncoder>();

/** The cached encoder of an element format for a rounding mode. */
export function elementEncoder(def: FormatDefinition, mode: number): ElementEncoder {
  const key = `${def.name}/${mode}`;
  let enc = ENCODERS.get(key);
  if (enc === undefined) {
    enc = new ElementEncoder(def, mode);
    ENCODERS.set(key, enc);
  }
  return enc;
}
