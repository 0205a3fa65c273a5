/**
 * The array path of `quantizeArray`: the generic rounding of `rounding.ts` restated as branch-free
 * table lookups, for signed float formats (fp32, fp16, bf16, e5m2, e4m3, e3m2, e2m3, e2m1).
 *
 * Why: on data that spans many binades, the branches of a scalar rounding (normal, subnormal,
 * overflow, sign) are mispredicted about half the time and cost more than the arithmetic. Here every
 * per-binade constant is looked up by the input's raw exponent field (8 bits for FP32 input, 11 for
 * FP64), with the clamp E = max(e, emin) and the flush of `flushSubnormals` baked into the tables:
 * - nearest-even: r = (|x| + M) − M with M = 2^(E − m + 52) (the binary64 add/subtract trick);
 * - toward-zero: r = floor(|x|·2^(m−E))·2^(E−m);
 * - stochastic: q = |x|·2^(m−E), n = floor(q) + ceil((q − floor q) − u), i.e. +1 iff u < q − floor q
 *   (the sign of a binary64 difference is exact), r = n·2^(E−m); saturating stochastic rounding,
 *   defined as clamp-then-round, equals min(r, max): both neighbours of |x| > max are ≥ max;
 * then the overflow rule of the plan without a branch:
 * - clamp (saturating, toward-zero, formats without Inf/NaN): r = min(r, max), written
 *   max − ½(t + |t|) with t = max − r, exact for any r ≥ 0 when the grid spans at most 53 bits
 *   (all formats but bf16 and fp32, which use Math.min: it compiles to compare-and-branch, which
 *   random data mispredicts); ±Inf and NaN inputs (exponent field all ones, a branch real data never
 *   takes) go to the scalar `roundValue`;
 * - to Inf (fp32, fp16, bf16, e5m2): r = fround(r·2^(127−emax))·2^(emax−127): the next grid value
 *   above max, 2^(emax+1), maps to 2^128, which FP32 rounds to Inf, while max stays exact;
 * - to NaN (e4m3): t = fround(r·S) with S = T/mid (T the FP32 overflow threshold (2 − 2^−24)·2^127,
 *   mid the midpoint between max and the next grid value), so t is Inf exactly for r > max, and
 *   r + (t − t) is r or NaN;
 * and the sign by a product with ±1 from a two-entry table (which also gives −0). One loop per
 * (input type, rounding, overflow rule): a branch ladder inside a loop makes the engine box its
 * result. ±Inf and NaN inputs fall out of the same arithmetic for nearest-even with the Inf and NaN
 * rules; the other cases send them (exponent field all ones, a never-taken branch on real data) to
 * the scalar `roundValue`. The tests compare this path with `roundValue` element by element on every
 * special value and on random inputs across the whole range, for every format and option.
 *
 * @packageDocumentation
 */
import { HI, pow2 } from "./ieee754";
import { NEAREST_EVEN, TOWARD_ZERO, badDraw, roundValue } from "./rounding";
import type { RoundingPlan } from "./rounding";
import type { FormatDefinition } from "./traits";

/** Overflow rules, see the module comment. */
const CLAMP = 0;
const TO_INF = 1;
const TO_NAN = 2;

/** FP32 rounds values at or above (2 − 2^−24)·2^127 to Inf (IEEE 754 binary32, RNE). */
const FLOAT32_OVERFLOW_THRESHOLD = 3.4028235677973366e38;

/** ±1 by sign bit. */
const SIGN = new Float64Array([1, -1]);

/** Per-binade constants indexed by the raw exponent field of the source (FP32 or FP64). */
interface ExponentTables {
  /**
   * 2^(E − m + 52) (nearest-even), or 2^(emax + 64) where flushed (rounds everything below to 0);
   * followed by +1 and −1 at indices 2^fieldBits and 2^fieldBits + 1 (the sign factors).
   */
  readonly magic: Float64Array;
  /** 2^(m − E) (toward-zero, stochastic), or 0 where flushed. */
  readonly inverseStep: Float64Array;
  /** 2^(E − m). */
  readonly step: Float64Array;
}

/** Constants of the array path for one rounding plan. */
export class ArrayKernel {
  readonly plan: RoundingPlan;
  readonly mode: number;
  readonly overflow: number;
  readonly maxFinite: number;
  /**
   * Whether max − r is exact for every grid value r (the grid spans at most 53 bits:
   * emax − emin + m + 1 ≤ 53), so that min(r, max) may be computed without a branch (not bf16, fp32).
   */
  readonly exactClamp: boolean;
  /** Overflow scale factors (see the module comment); 1 when unused. */
  readonly scaleUp: number;
  readonly scaleDown: number;
  private readonly def: FormatDefinition;
  private tables32: ExponentTables | undefined;
  private tables64: ExponentTables | undefined;

  constructor(def: FormatDefinition, plan: RoundingPlan) {
    const t = def.traits as NonNullable<FormatDefinition["traits"]>;
    const info = def.info;
    this.def = def;
    this.plan = plan;
    this.mode = plan.mode;
    this.maxFinite = info.maxFinite;
    const overflowsTo = plan.overflowValue;
    this.exactClamp = info.emax - info.emin + t.mantissaBits + 1 <= 53;
    this.overflow = overflowsTo === Infinity ? TO_INF : overflowsTo !== overflowsTo ? TO_NAN : CLAMP;
    this.scaleUp = 1;
    this.scaleDown = 1;
    if (this.overflow === TO_INF) {
      this.scaleUp = pow2(127 - info.emax);
      this.scaleDown = pow2(info.emax - 127);
    } else if (this.overflow === TO_NAN) {
      const next = info.maxFinite + pow2(info.emax - t.mantissaBits);
      this.scaleUp = FLOAT32_OVERFLOW_THRESHOLD / ((info.maxFinite + next) / 2);
    }
  }

  /** Tables for FP32 input (8-bit exponent field, bias 127) or FP64 input (11 bits, bias 1023). */
  tables(source: 32 | 64): ExponentTables {
    if (source === 32) return (this.tables32 ??= this.buildTables(8, 127));
    return (this.tables64 ??= this.buildTables(11, 1023));
  }

  private buildTables(fieldBits: number, bias: number): ExponentTables {
    const info = this.def.info;
    const m = info.mantissaBits;
    const size = 1 << fieldBits;
    // the magic table carries the signs ±1 after its last field, so that the loops read one table
    const magic = new Float64Array(size + 2);
    magic[size] = 1;
    magic[size + 1] = -1;
    const inverseStep = new Float64Array(size);
    const step = new Float64Array(size);
    for (let field = 0; field < size; field++) {
      const e = field - bias; // field 0 (zero, subnormal source) lies below every emin
      const flushed = this.plan.flush && e < info.emin;
      const E = Math.min(Math.max(e, info.emin), info.emax + 1);
      magic[field] = flushed ? pow2(info.emax + 64) : pow2(E - m + 52);
      inverseStep[field] = flushed ? 0 : pow2(m - E);
      step[field] = pow2(E - m);
    }
    return { magic, inverseStep, step };
  }
}

/**
 * Whether the array path applies: a signed float format with zero and subnormals whose normal range
 * lies inside FP32's (every float format but e8m0).
 */
export function arrayKernelApplies(def: FormatDefinition): boolean {
  const t = def.traits;
  return t !== undefined && t.signed && t.hasZero && t.subnormals && def.info.emax <= 127 && def.info.emin >= -126;
}

/**
 * Rounds `xs` (FP32, read through `bits`, an Int32Array over the same memory) into `out`.
 * `random` is called once per element for stochastic rounding.
 */
export function roundFloat32Array(
  k: ArrayKernel,
  xs: Float32Array,
  bits: Int32Array,
  out: Float32Array | Float64Array,
  random: (() => number) | undefined,
): void {
  const t = k.tables(32);
  if (k.mode === NEAREST_EVEN) {
    // one loop per overflow rule: a branch ladder inside the loop makes the engine box the result
    if (k.overflow === CLAMP && k.exactClamp) nearestClamp32(k, xs, bits, out, t.magic, k.maxFinite);
    else if (k.overflow === CLAMP) nearestMin32(xs, bits, out, t.magic, k.maxFinite);
    else if (k.overflow === TO_INF) nearestToInf32(xs, bits, out, t.magic, k.scaleUp, k.scaleDown);
    else nearestToNan32(xs, bits, out, t.magic, k.scaleUp);
  } else if (k.mode === TOWARD_ZERO) {
    towardZero32(k, xs, bits, out, t.inverseStep, t.step, SIGN);
  } else {
    stochastic32(k, xs, bits, out, t.inverseStep, t.step, SIGN, random as () => number);
  }
}

function nearestClamp32(
  k: ArrayKernel,
  xs: Float32Array,
  bits: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  max: number,
): void {
  const plan = k.plan;
  for (let i = 0; i < xs.length; i++) {
    const b = bits[i];
    const field = (b >>> 23) & 0xff;
    if (field === 0xff) {
      out[i] = roundValue(plan, xs[i], 0); // ±Inf, NaN
      continue;
    }
    const M = magic[field];
    const t = max - (Math.abs(xs[i]) + M - M);
    out[i] = (max - 0.5 * (t + Math.abs(t))) * magic[256 + (b >>> 31)];
  }
}

function nearestMin32(
  xs: Float32Array,
  bits: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  max: number,
): void {
  for (let i = 0; i < xs.length; i++) {
    const b = bits[i];
    const M = magic[(b >>> 23) & 0xff];
    out[i] = Math.min(Math.abs(xs[i]) + M - M, max) * magic[256 + (b >>> 31)];
  }
}

function nearestToInf32(
  xs: Float32Array,
  bits: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  up: number,
  down: number,
): void {
  for (let i = 0; i < xs.length; i++) {
    const b = bits[i];
    const M = magic[(b >>> 23) & 0xff];
    out[i] = Math.fround((Math.abs(xs[i]) + M - M) * up) * down * magic[256 + (b >>> 31)];
  }
}

function nearestToNan32(
  xs: Float32Array,
  bits: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  up: number,
): void {
  for (let i = 0; i < xs.length; i++) {
    const b = bits[i];
    const M = magic[(b >>> 23) & 0xff];
    const r = Math.abs(xs[i]) + M - M;
    const probe = Math.fround(r * up);
    out[i] = (r + (probe - probe)) * magic[256 + (b >>> 31)];
  }
}

function towardZero32(
  k: ArrayKernel,
  xs: Float32Array,
  bits: Int32Array,
  out: Float32Array | Float64Array,
  inverseStep: Float64Array,
  step: Float64Array,
  sign: Float64Array,
): void {
  const max = k.maxFinite;
  const plan = k.plan;
  for (let i = 0; i < xs.length; i++) {
    const b = bits[i];
    const field = (b >>> 23) & 0xff;
    if (field === 0xff) out[i] = roundValue(plan, xs[i], 0); // ±Inf, NaN
    else out[i] = Math.min(Math.floor(Math.abs(xs[i]) * inverseStep[field]) * step[field], max) * sign[b >>> 31];
  }
}

function stochastic32(
  k: ArrayKernel,
  xs: Float32Array,
  bits: Int32Array,
  out: Float32Array | Float64Array,
  inverseStep: Float64Array,
  step: Float64Array,
  sign: Float64Array,
  random: () => number,
): void {
  const max = k.maxFinite;
  const overflow = k.overflow;
  const up = k.scaleUp;
  const down = k.scaleDown;
  const plan = k.plan;
  for (let i = 0; i < xs.length; i++) {
    const u = random();
    if (typeof u !== "number" || !(u >= 0 && u < 1)) throw badDraw(u); // one check per draw
    const b = bits[i];
    const field = (b >>> 23) & 0xff;
    if (field === 0xff) {
      out[i] = roundValue(plan, xs[i], u); // ±Inf, NaN
      continue;
    }
    const q = Math.abs(xs[i]) * inverseStep[field];
    const low = Math.floor(q);
    out[i] = applyOverflow((low + Math.ceil(q - low - u)) * step[field], overflow, max, up, down) * sign[b >>> 31];
  }
}

/** The overflow rule of the module comment, for the stochastic loops (a call keeps the loops' phis plain). */
function applyOverflow(r: number, overflow: number, max: number, up: number, down: number): number {
  if (overflow === CLAMP) return Math.min(r, max);
  if (overflow === TO_INF) return Math.fround(r * up) * down;
  const probe = Math.fround(r * up);
  return r + (probe - probe);
}

/**
 * Rounds `xs` (FP64, whose high words are read through `words`, an Int32Array over the same memory)
 * into `out`, like {@link roundFloat32Array}.
 */
export function roundFloat64Array(
  k: ArrayKernel,
  xs: Float64Array,
  words: Int32Array,
  out: Float32Array | Float64Array,
  random: (() => number) | undefined,
): void {
  const t = k.tables(64);
  if (k.mode === NEAREST_EVEN) {
    if (k.overflow === CLAMP && k.exactClamp) nearestClamp64(k, xs, words, out, t.magic, k.maxFinite, HI);
    else if (k.overflow === CLAMP) nearestMin64(xs, words, out, t.magic, k.maxFinite, HI);
    else if (k.overflow === TO_INF) nearestToInf64(xs, words, out, t.magic, k.scaleUp, k.scaleDown, HI);
    else nearestToNan64(xs, words, out, t.magic, k.scaleUp, HI);
  } else if (k.mode === TOWARD_ZERO) {
    towardZero64(k, xs, words, out, t.inverseStep, t.step, SIGN, HI);
  } else {
    stochastic64(k, xs, words, out, t.inverseStep, t.step, SIGN, HI, random as () => number);
  }
}

function nearestClamp64(
  k: ArrayKernel,
  xs: Float64Array,
  words: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  max: number,
  hi: number,
): void {
  const plan = k.plan;
  for (let i = 0; i < xs.length; i++) {
    const w = words[2 * i + hi];
    const field = (w >>> 20) & 0x7ff;
    if (field === 0x7ff) {
      out[i] = roundValue(plan, xs[i], 0);
      continue;
    }
    const M = magic[field];
    const t = max - (Math.abs(xs[i]) + M - M);
    out[i] = (max - 0.5 * (t + Math.abs(t))) * magic[2048 + (w >>> 31)];
  }
}

function nearestMin64(
  xs: Float64Array,
  words: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  max: number,
  hi: number,
): void {
  for (let i = 0; i < xs.length; i++) {
    const w = words[2 * i + hi];
    const M = magic[(w >>> 20) & 0x7ff];
    out[i] = Math.min(Math.abs(xs[i]) + M - M, max) * magic[2048 + (w >>> 31)];
  }
}

function nearestToInf64(
  xs: Float64Array,
  words: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  up: number,
  down: number,
  hi: number,
): void {
  for (let i = 0; i < xs.length; i++) {
    const w = words[2 * i + hi];
    const M = magic[(w >>> 20) & 0x7ff];
    out[i] = Math.fround((Math.abs(xs[i]) + M - M) * up) * down * magic[2048 + (w >>> 31)];
  }
}

function nearestToNan64(
  xs: Float64Array,
  words: Int32Array,
  out: Float32Array | Float64Array,
  magic: Float64Array,
  up: number,
  hi: number,
): void {
  for (let i = 0; i < xs.length; i++) {
    const w = words[2 * i + hi];
    const M = magic[(w >>> 20) & 0x7ff];
    const r = Math.abs(xs[i]) + M - M;
    const probe = Math.fround(r * up);
    out[i] = (r + (probe - probe)) * magic[2048 + (w >>> 31)];
  }
}

function towardZero64(
  k: ArrayKernel,
  xs: Float64Array,
  words: Int32Array,
  out: Float32Array | Float64Array,
  inverseStep: Float64Array,
  step: Float64Array,
  sign: Float64Array,
  hi: number,
): void {
  const max = k.maxFinite;
  const plan = k.plan;
  for (let i = 0; i < xs.length; i++) {
    const w = words[2 * i + hi];
    const field = (w >>> 20) & 0x7ff;
    if (field === 0x7ff) out[i] = roundValue(plan, xs[i], 0);
    else out[i] = Math.min(Math.floor(Math.abs(xs[i]) * inverseStep[field]) * step[field], max) * sign[w >>> 31];
  }
}

function stochastic64(
  k: ArrayKernel,
  xs: Float64Array,
  words: Int32Array,
  out: Float32Array | Float64Array,
  inverseStep: Float64Array,
  step: Float64Array,
  sign: Float64Array,
  hi: number,
  random: () => number,
): void {
  const max = k.maxFinite;
  const overflow = k.overflow;
  const up = k.scaleUp;
  const down = k.scaleDown;
  const plan = k.plan;
  for (let i = 0; i < xs.length; i++) {
    const u = random();
    if (typeof u !== "number" || !(u >= 0 && u < 1)) throw badDraw(u); // one check per draw
    const w = words[2 * i + hi];
    const field = (w >>> 20) & 0x7ff;
    if (field === 0x7ff) {
      out[i] = roundValue(plan, xs[i], u);
      continue;
    }
    const q = Math.abs(xs[i]) * inverseStep[field];
    const low = Math.floor(q);
    out[i] = applyOverflow((low + Math.ceil(q - low - u)) * step[field], overflow, max, up, down) * sign[w >>> 31];
  }
}
