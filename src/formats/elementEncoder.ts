/**
 * Saturating encoders of scaled values into the codes of a small float element format (≤ 8 bits),
 * the inner step of MX and NVFP4.
 *
 * All round like `roundValue` with `saturate: true` and return the code directly.
 *
 * - {@link encodeElement} takes y as a binary64 number (any input). With the element binade
 *   E = clamp(e, emin, emax + 1) of y (e = floor(log2|y|), read from its IEEE bits), the rounded
 *   magnitude is n·2^(E − m) with n an integer (nearest-even, floor, or stochastic rounding of
 *   |y|·2^(m − E)), and its magnitude code is n + (E − emin)·2^m: in the subnormal binade E = emin
 *   the code is n itself, and in a normal binade n ∈ [2^m, 2^(m+1)] carries into the exponent field by
 *   itself. Codes beyond the largest finite one are clamped to it (saturation). This is the rounding
 *   every other path here is derived from.
 * - {@link encodeFloat32Run} (nearest-even, toward-zero) takes runs of y as FP32 bits, with
 *   y = x·2^−s given by x's bits and s, so that MX needs no multiplication and no conversion: the code
 *   is one load from a table built with {@link encodeElement} (see {@link ElementEncoder.bitsCodes}).
 * - {@link encodeFloat32RunStochastic} does the same for stochastic rounding, where the draw is
 *   compared with the whole significand: n = floor(q) + (u < q − floor q), q = |y|·2^(m − E).
 *
 * The tests check the table against {@link encodeElement} on every exponent and on edge and random
 * significands, and all paths against the brute-force reference quantizers of mx.test.ts and
 * nvfp4.test.ts.
 *
 * @packageDocumentation
 */
import { HI, pow2 } from "./ieee754";
import { NEAREST_EVEN, STOCHASTIC, TOWARD_ZERO, badDraw } from "./rounding";
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
  /**
   * Stochastic rounding from FP32 bits, by exponent index j (see FLOAT32_INDEX_OFFSET): the magnitude
   * code base (E − emin)·2^m (maxCode where y ≥ 2^(emax + 2), beyond every binade) …
   */
  readonly bitsCodeBase: Int32Array;
  /** … and 2^−(23 − m + E − e), to turn the significand into |y|·2^(m − E) (0 beyond every binade). */
  readonly bitsInverseStep: Float64Array;
  /**
   * Nearest-even and toward-zero magnitude codes from FP32 bits, by table (empty for stochastic
   * rounding). The code of y = 1.f·2^e depends only on e, the top m + 1 bits of f and whether any
   * lower bit of f is set (the sticky bit): rounding to m fraction bits (fewer in the subnormal
   * binades) looks at no other bit, every y below 2^(emin − m − 1) rounds to 0 and every y from
   * 2^(emax + 1) on saturates. Entry (j << bitsColumnBits) | column is the code of the least value of
   * its class, computed by {@link encodeElement}, for y's exponent index j and
   * column = (top m + 1 bits)·2 + sticky, that is
   * `((bits >>> bitsTopShift) & bitsColumnMask) + (offset << bitsColumnBits) + sticky` for the FP32
   * bits of x with y = x·2^−s (offset = FLOAT32_INDEX_OFFSET − s), with
   * `sticky = ((bits & bitsStickyMask) + bitsStickyMask) >>> (bitsTopShift + 1)`: the mask keeps
   * x's exponent field above the column, which adds x's exponent to the offset.
   */
  readonly bitsCodes: Uint8Array;
  readonly bitsColumnBits: number;
  readonly bitsTopShift: number;
  readonly bitsColumnMask: number;
  readonly bitsStickyMask: number;
  /**
   * The largest exponent index whose table codes are all 0. A zero or subnormal x (exponent field 0)
   * reads the row of index `offset`, as if it were 1.f·2^(−127 − s); its code is right (0) only when
   * that row is all 0, i.e. offset ≤ bitsZeroRowEnd, which holds unless s is near −127.
   */
  readonly bitsZeroRowEnd: number;
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
    this.bitsCodeBase = new Int32Array(FLOAT32_INDEX_SIZE);
    this.bitsInverseStep = new Float64Array(FLOAT32_INDEX_SIZE);
    for (let j = 0; j < FLOAT32_INDEX_SIZE; j++) {
      const e = j - FLOAT32_INDEX_OFFSET - 127; // binary exponent of y (significand with implicit bit)
      if (e > info.emax + 1) {
        // y ≥ 2^(emax+2): saturated whatever its significand (n becomes 0, the base is the max code)
        this.bitsCodeBase[j] = def.maxMagnitudeCode;
        this.bitsInverseStep[j] = 0;
        continue;
      }
      const E = Math.max(e, info.emin);
      this.bitsCodeBase[j] = (E - info.emin) << m;
      this.bitsInverseStep[j] = pow2(-(23 - m + (E - e)));
    }

    const columnBits = m + 2;
    this.bitsColumnBits = columnBits;
    this.bitsTopShift = 21 - m;
    // the exponent field and the top m + 1 fraction bits, without the sign and the lowest bit
    this.bitsColumnMask = (1 << (8 + columnBits)) - 2;
    this.bitsStickyMask = (1 << (22 - m)) - 1;
    const eLow = info.emin - m - 2; // every y < 2^(eLow + 1) rounds to 0
    const eHigh = info.emax + 1; // every y ≥ 2^eHigh saturates
    this.bitsZeroRowEnd = eLow + FLOAT32_INDEX_OFFSET + 127;
    if (mode === STOCHASTIC) {
      this.bitsCodes = new Uint8Array(0);
      return;
    }
    const columns = 1 << columnBits;
    const row = new Uint8Array(columns);
    this.bitsCodes = new Uint8Array(FLOAT32_INDEX_SIZE << columnBits);
    for (let e = eLow; e <= eHigh; e++) {
      for (let column = 0; column < columns; column++) {
        const least = (1 + (column >> 1) * pow2(-(m + 1)) + (column & 1) * pow2(-23)) * pow2(e);
        row[column] = encodeElement(this, least, 0);
      }
      // rows below eLow repeat eLow's (all 0), rows above eHigh repeat eHigh's (all max)
      const first = e === eLow ? 0 : e + FLOAT32_INDEX_OFFSET + 127;
      const last = e === eHigh ? FLOAT32_INDEX_SIZE - 1 : e + FLOAT32_INDEX_OFFSET + 127;
      for (let j = first; j <= last; j++) this.bitsCodes.set(row, j << columnBits);
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
 * Encodes a run of FP32 values into element codes and dequantized values, nearest-even or toward
 * zero (the mode of the encoder whose `bitsCodes` is `table`): for i in [from, to), with x = the FP32
 * bits ys[i] (finite, or +Inf) and y = x·2^−s, writes the code of y to codes[dst + i − from] and
 * valueTable[valueBase + code]·scale to out[dst + i − from]. `base` = (FLOAT32_INDEX_OFFSET − s) <<
 * bitsColumnBits; the caller guarantees FLOAT32_INDEX_OFFSET − s ≤ bitsZeroRowEnd when the run may
 * hold zeros or subnormals, else their codes are wrong (see {@link ElementEncoder.bitsZeroRowEnd}).
 *
 * Per element: a table load at the index of {@link ElementEncoder.bitsCodes} plus the sign bit, no
 * rounding arithmetic and no branch. The tables come as arguments and the loop makes no call, so
 * that the engine inlines it into the block loops and keeps everything in registers.
 */
export function encodeFloat32Run(
  ys: Int32Array,
  from: number,
  to: number,
  base: number,
  dst: number,
  table: Uint8Array,
  topShift: number,
  columnMask: number,
  stickyMask: number,
  signCode: number,
  codes: Uint8Array,
  valueTable: Float64Array,
  valueBase: number,
  scale: number,
  out: Float64Array,
): void {
  const stickyShift = topShift + 1;
  for (let i = from, k = dst; i < to; i++, k++) {
    const x = ys[i];
    const sticky = ((x & stickyMask) + stickyMask) >>> stickyShift; // 1 iff a bit below the column is set
    const code = table[((x >>> topShift) & columnMask) + base + sticky] + ((x >> 31) & signCode);
    codes[k] = code;
    out[k] = valueTable[valueBase + code] * scale;
  }
}

/**
 * {@link encodeFloat32Run} with stochastic rounding: n = floor(q) + 1 iff u < q − floor(q), for
 * q = |y|·2^(m − E) = significand·2^−(23 − m + E − e), with one call of `random` per element in order
 * (`offset` = FLOAT32_INDEX_OFFSET − s). A subnormal x (exponent field 0, rare) is normalized first.
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
  valueBase: number,
  scale: number,
  out: Float64Array,
  random: () => number,
): void {
  for (let i = from, k = dst; i < to; i++, k++) {
    const u = random();
    if (typeof u !== "number" || !(u >= 0 && u < 1)) throw badDraw(u); // one check per draw
    const x = ys[i];
    const field = (x >>> 23) & 0xff;
    let j = (field | ((field - 1) >>> 31)) + offset; // field 0 (subnormal, zero) shares field 1's exponent
    let significand = (x & 0x7fffff) | 0x800000;
    if (field === 0) {
      const lz = Math.clz32(x & 0x7fffff) - 8; // bring the leading bit to bit 23 (±0: all 24 bits)
      significand = (x & 0x7fffff) << lz;
      j -= lz;
    }
    const q = significand * inverseStep[j];
    const low = Math.floor(q);
    const n = (low + Math.ceil(q - low - u)) | 0; // the sign of a binary64 difference is exact
    const excess = n + codeBase[j] - maxCode;
    // min(code, maxCode) without a branch (saturation hits data-dependent elements), then the sign
    const code = maxCode + (excess & (excess >> 31)) + ((x >> 31) & signCode);
    codes[k] = code;
    out[k] = valueTable[valueBase + code] * scale;
  }
}

/**
 * The largest FP32 magnitude pattern |bits[i]| (sign cleared) over [start, end): the bits of the
 * block amax when every element is finite, and at or above 0x7f800000 (+Inf's pattern) when one is
 * NaN or ±Inf. An integer maximum, without a branch (random data would mispredict a comparison),
 * over two interleaved halves, so that the loop carries two dependency chains instead of one.
 */
export function blockAmaxBits(bits: Int32Array, start: number, end: number): number {
  let even = 0;
  let odd = 0;
  let i = start;
  for (; i + 1 < end; i += 2) {
    const d = even - (bits[i] & 0x7fffffff);
    even -= d & (d >> 31);
    const e = odd - (bits[i + 1] & 0x7fffffff);
    odd -= e & (e >> 31);
  }
  if (i < end) {
    const d = even - (bits[i] & 0x7fffffff);
    even -= d & (d >> 31);
  }
  const d = even - odd;
  return even - (d & (d >> 31));
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
