/**
 * One generic rounding of a real number (a binary64 value) onto the grid of any format, built from
 * the format's traits. `quantize`, `encode`, `quantizeArray`, `mxQuantize` and `nvfp4Quantize` all
 * round through {@link roundValue}; the Float32 fast path of `quantizeArray` derives its constants
 * from the same plan and is tested against it.
 *
 * The algorithm (math.md §6.3, microxcaling `_quantize_elemwise_core`, with exact exponents):
 * a = |x|, E = max(floor(log2 a), emin), step = 2^(E − m); the magnitude is rounded to a multiple of
 * step as if the exponent range were unbounded above; then a result beyond the largest finite value
 * overflows (to ±Inf, NaN, or the largest finite value, see {@link RoundingOptions.saturate}).
 * Round-half-even to a multiple of step is the binary64 addition trick (a + 2^52·step) − 2^52·step,
 * exact because a < 2^(E+1) ≤ 2^52·step. Ties go to the even multiple, i.e. to the code whose last
 * mantissa bit is 0; for E8M0 (m = 0) the multiple 2 is even, so ties go up to the larger power of
 * two, as ml_dtypes `float8_e8m0fnu` and PyTorch `Float8_e8m0fnu` round.
 *
 * @packageDocumentation
 */
import { describeValue, expectFunction, expectOneOf } from "../validation";
import type { NumericArray } from "../validation";
import { F64, HI, U32, floorLog2, pow2 } from "./ieee754";
import type { FormatDefinition } from "./traits";

/**
 * Rounding directions:
 * - `"nearest-even"`: IEEE 754 roundTiesToEven (the default);
 * - `"toward-zero"`: IEEE roundTowardZero (truncate the mantissa);
 * - `"stochastic"`: the upper neighbour h with probability (x − ℓ)/(h − ℓ), else the lower ℓ, so that
 *   E[q] = x (math.md §6.2). One uniform draw u per element decides, applied to the magnitude: with
 *   t and a the neighbours of |x| toward and away from zero, |q| = a iff u < (|x| − t)/(a − t). For
 *   x > 0 that is "h iff u < (x − ℓ)/(h − ℓ)"; for x < 0 it keeps the rounding odd, SR(−x, u) = −SR(x, u).
 */
export type RoundingMode = "nearest-even" | "toward-zero" | "stochastic";

/**
 * The rounding directions, default first.
 *
 * @example
 * ```ts
 * roundingModes[0]; // "nearest-even"
 * ```
 */
export const roundingModes: readonly RoundingMode[] = Object.freeze([
  "nearest-even",
  "toward-zero",
  "stochastic",
] as const);

/** Options of `quantize` and `encode`. */
export interface RoundingOptions {
  /** Rounding direction; default `"nearest-even"`. */
  rounding?: RoundingMode;
  /**
   * Uniform source on [0, 1), required for `"stochastic"`; called once per element. Every draw is
   * checked: one outside [0, 1) (NaN, 1, −0.5, a string) would bias the rounding, so it throws a
   * RangeError (TypeError for a non-number) naming `options.random`.
   */
  random?: () => number;
  /**
   * `false` (default): IEEE overflow: x is rounded as if the exponent range were unbounded, and a
   * result beyond the largest finite value becomes ±Inf where the format has Inf, NaN for E4M3 and
   * E8M0 (OCP OFP8 non-saturating mode), and the largest finite value for formats with neither;
   * toward-zero never overflows (it gives ±max finite, as in IEEE 754).
   * `true`: clamp to ±max finite before rounding (OCP OFP8 saturating mode; what MX and NVFP4 use).
   */
  saturate?: boolean;
  /**
   * Flush inputs below the least normal value to zero of the same sign before rounding (DAZ/FTZ,
   * microxcaling `allow_denorm=False`); the result is then never subnormal. Default false. Ignored by
   * formats without subnormals (E8M0, integers).
   */
  flushSubnormals?: boolean;
}

/** Rounding directions as small integers, for the inner loops. */
export const NEAREST_EVEN = 0;
export const TOWARD_ZERO = 1;
export const STOCHASTIC = 2;

/** 2^52: adding and subtracting it rounds a double in [0, 2^52) to an integer, ties to even. */
const TWO_POW_52 = 4503599627370496;

/**
 * Everything one rounding needs, precomputed from a format's traits and the options, so that the
 * per-element work is a few table loads and floating-point operations.
 */
export class RoundingPlan {
  /** Integer format (two's complement). */
  readonly isInt: boolean;
  /** NEAREST_EVEN, TOWARD_ZERO or STOCHASTIC. */
  readonly mode: number;
  readonly saturate: boolean;
  /** Flush below-normal inputs to ±0 (only set for formats with subnormals). */
  readonly flush: boolean;
  /** Unsigned format (E8M0): negative inputs have no representation. */
  readonly unsigned: boolean;
  /** Least normal exponent; table index k = E − emin. */
  readonly emin: number;
  readonly minNormal: number;
  readonly maxFinite: number;
  /** Magnitudes below this take the special path (flush, no subnormals), else 0. */
  readonly fastFloor: number;
  /** Magnitudes at or above this (2^(emax+2)), and NaN, take the special path. */
  readonly fastLimit: number;
  /** Magnitude given to a finite result beyond maxFinite: max, Inf or NaN (see RoundingOptions). */
  readonly overflowValue: number;
  /** Magnitude given to an infinite input. */
  readonly infValue: number;
  /** magic[k] = 2^(E − m + 52), for (a + magic) − magic = RNE to a multiple of 2^(E − m). */
  readonly magic: Float64Array;
  /** inverseStep[k] = 2^(m − E). */
  readonly inverseStep: Float64Array;
  /** step[k] = 2^(E − m), the spacing in binade E. */
  readonly step: Float64Array;
  /** Integer range (integer formats). */
  readonly intMin: number;
  readonly intMax: number;

  constructor(def: FormatDefinition, mode: number, saturate: boolean, flush: boolean, intMin?: number) {
    this.mode = mode;
    this.saturate = saturate;
    const t = def.traits;
    if (t === undefined) {
      this.isInt = true;
      this.intMin = intMin ?? def.intMin;
      this.intMax = def.intMax;
      this.flush = false;
      this.unsigned = false;
      this.emin = 0;
      this.minNormal = 1;
      this.maxFinite = def.intMax;
      this.fastFloor = 0;
      this.fastLimit = Infinity;
      this.overflowValue = def.intMax;
      this.infValue = def.intMax;
      this.magic = this.inverseStep = this.step = new Float64Array(0);
      return;
    }
    const info = def.info;
    const m = t.mantissaBits;
    this.isInt = false;
    this.intMin = this.intMax = NaN;
    this.flush = flush && t.subnormals;
    this.unsigned = !t.signed;
    this.emin = info.emin;
    this.minNormal = info.minNormal;
    this.maxFinite = info.maxFinite;
    this.fastFloor = this.flush || !t.subnormals ? info.minNormal : 0;
    this.fastLimit = pow2(info.emax + 2);
    const overflowsTo = t.hasInf ? Infinity : t.nan !== "none" ? NaN : info.maxFinite;
    this.overflowValue = saturate || mode === TOWARD_ZERO ? info.maxFinite : overflowsTo;
    this.infValue = saturate ? info.maxFinite : overflowsTo;
    const size = info.emax + 1 - info.emin + 1;
    this.magic = new Float64Array(size);
    this.inverseStep = new Float64Array(size);
    this.step = new Float64Array(size);
    for (let k = 0; k < size; k++) {
      const E = info.emin + k;
      this.magic[k] = pow2(E - m + 52);
      this.inverseStep[k] = pow2(m - E);
      this.step[k] = pow2(E - m);
    }
  }
}

/**
 * Rounds x onto the plan's grid. `u` is the uniform draw for stochastic rounding (ignored otherwise).
 * NaN in gives NaN out, whatever the format (a NaN value flows through; see `encode` for formats
 * without a NaN code). Internal: callers validate.
 */
export function roundValue(p: RoundingPlan, x: number, u: number): number {
  if (p.isInt) return roundInteger(p, x, u);
  const a = Math.abs(x);
  if (a < p.fastFloor || !(a < p.fastLimit) || (p.unsigned && x < 0)) return roundSpecial(p, x);
  F64[0] = x;
  const hi = U32[HI];
  // binary64 subnormals read as exponent −1023, below every emin, which is what E = max(e, emin) needs
  const e = ((hi >>> 20) & 0x7ff) - 1023;
  const k = (e < p.emin ? p.emin : e) - p.emin;
  let r: number;
  if (p.mode === NEAREST_EVEN) {
    const magic = p.magic[k];
    r = a + magic - magic;
  } else if (p.mode === TOWARD_ZERO) {
    r = Math.floor(a * p.inverseStep[k]) * p.step[k];
  } else {
    const q = a * p.inverseStep[k];
    let n = Math.floor(q);
    if (u < q - n) n += 1;
    r = n * p.step[k];
  }
  if (r > p.maxFinite) r = p.overflowValue;
  return hi >>> 31 ? -r : r;
}

/** The rare cases of {@link roundValue}: NaN, ±Inf, overflow far beyond max, below-normal specials. */
function roundSpecial(p: RoundingPlan, x: number): number {
  if (x !== x) return NaN;
  // E8M0 has no sign and no zero: ml_dtypes float8.h gives NaN, or the least value when saturating
  if (p.unsigned && x <= 0) return p.saturate ? p.minNormal : NaN;
  const a = Math.abs(x);
  let r: number;
  if (a === Infinity) r = p.infValue;
  else if (a >= p.fastLimit) r = p.overflowValue;
  else if (p.flush) r = 0;
  // Below minNormal without flushing: only a format without subnormals gets here, and the only one, E8M0,
  // has no zero either, so 2^−127 is the value nearest to anything below it (traits.test.ts checks that no
  // format has a zero but no subnormals, which would need the grid {0, minNormal} here)
  else r = p.minNormal;
  return x < 0 || Object.is(x, -0) ? -r : r;
}

/** Integer formats: round to an integer, clamp to [intMin, intMax]; −0 becomes 0 (no −0 code). */
function roundInteger(p: RoundingPlan, x: number, u: number): number {
  if (x !== x) return NaN;
  const a = Math.abs(x);
  let r: number;
  if (!(a < TWO_POW_52)) r = a; // already an integer (or Inf): only the clamp applies
  else if (p.mode === NEAREST_EVEN) r = a + TWO_POW_52 - TWO_POW_52;
  else if (p.mode === TOWARD_ZERO) r = Math.floor(a);
  else {
    r = Math.floor(a);
    if (u < a - r) r += 1;
  }
  if (x < 0) {
    r = -r;
    return r < p.intMin ? p.intMin : r + 0; // r + 0 turns −0 into +0
  }
  return r > p.intMax ? p.intMax : r;
}

/**
 * The spacing of the format's grid at x (internal, no validation): 2^(max(floor(log2|x|), emin) − m)
 * for floats, 1 for integers.
 */
export function gridStep(def: FormatDefinition, x: number): number {
  const t = def.traits;
  if (x !== x) return NaN;
  if (t === undefined) return 1;
  const a = Math.abs(x);
  if (a === Infinity) return Infinity;
  const e = a === 0 ? def.info.emin : floorLog2(a);
  return pow2((e < def.info.emin ? def.info.emin : e) - t.mantissaBits);
}

/** Resolved options: what the loops need. */
export interface ResolvedRounding {
  readonly mode: number;
  readonly saturate: boolean;
  readonly flush: boolean;
  /** The uniform source for stochastic rounding; undefined otherwise. */
  readonly random: (() => number) | undefined;
}

function expectBoolean(name: string, value: unknown): asserts value is boolean {
  if (typeof value !== "boolean") throw new TypeError(`${name} must be true or false, got ${describeValue(value)}`);
}

/** Checks an options object (or undefined) and returns it typed; `what` names it in messages. */
export function expectOptions(what: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${what} must be an object, got ${describeValue(options)}`);
  }
  return options as Record<string, unknown>;
}

/**
 * Validates `rounding`, `random`, `saturate` and `flushSubnormals` of an options object and returns
 * them resolved (internal). `what` is the options parameter's name, used in messages
 * (`options.rounding must be one of …`).
 */
export function resolveRounding(options: Record<string, unknown>, what = "options"): ResolvedRounding {
  const rounding = options.rounding ?? "nearest-even";
  expectOneOf(`${what}.rounding`, rounding, roundingModes);
  const saturate = options.saturate ?? false;
  expectBoolean(`${what}.saturate`, saturate);
  const flush = options.flushSubnormals ?? false;
  expectBoolean(`${what}.flushSubnormals`, flush);
  const mode = rounding === "nearest-even" ? NEAREST_EVEN : rounding === "toward-zero" ? TOWARD_ZERO : STOCHASTIC;
  let random: (() => number) | undefined;
  if (mode === STOCHASTIC) {
    expectFunction(`${what}.random`, options.random);
    random = options.random as () => number;
  } else if (options.random !== undefined) {
    expectFunction(`${what}.random`, options.random);
  }
  return { mode, saturate, flush, random };
}

/**
 * The error for a draw of `options.random` outside [0, 1) (the cold path of the per-draw check
 * `typeof u !== "number" || !(u >= 0 && u < 1)` in every stochastic loop, which NaN fails and −0
 * passes; measured, it costs a few per cent of a stochastic rounding loop fed by a bare LCG, and is
 * lost in the noise with `createRandom(…).uniform`, whose draw dominates). A draw outside [0, 1) would silently bias stochastic rounding (u = 1
 * never rounds up, u = −1 always does, NaN gives NaN), so it is refused: RangeError for a number,
 * TypeError for anything else (a numeric string too, though comparisons would coerce it).
 */
export function badDraw(u: unknown): Error {
  const message = `options.random must return a number in [0, 1), got ${describeValue(u)}`;
  return typeof u === "number" ? new RangeError(message) : new TypeError(message);
}

/** The next draw of `random`, refused (see {@link badDraw}) unless it lies in [0, 1); 0 without a source. */
export function nextDraw(random: (() => number) | undefined): number {
  if (random === undefined) return 0;
  const u = random();
  if (typeof u !== "number" || !(u >= 0 && u < 1)) throw badDraw(u);
  return u;
}

/**
 * `options.out` checked: a Float64Array of length n, or a new one when undefined (internal; the block
 * formats' dequantized output).
 */
export function outputArray(out: unknown, n: number): Float64Array {
  if (out === undefined) return new Float64Array(n);
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`options.out must be a Float64Array, got ${describeValue(out)}`);
  }
  if (out.length !== n) {
    throw new RangeError(`options.out must have the length of values (${n}), got length ${out.length}`);
  }
  return out;
}

/**
 * `xs` itself, or a copy of it when `out` shares memory with it without holding the very same
 * elements (internal). The loops read xs[i] and write out[i] in index order, which is safe when the
 * two are apart or when out is xs element for element (in place: same buffer, same start, same
 * element size); any other overlap (`out = b.subarray(1, 3)` for `xs = b.subarray(0, 2)`, or a
 * Float64Array over a Float32Array's bytes) would let a write clobber an input not yet read, so the
 * input is copied first. Costs nothing for separate or identical arrays.
 */
export function apartFrom<T extends NumericArray>(xs: T, out: Float32Array | Float64Array): T {
  if (!(xs instanceof Float64Array || xs instanceof Float32Array) || xs.buffer !== out.buffer) return xs;
  const start = xs.byteOffset;
  const end = start + xs.byteLength;
  if (end <= out.byteOffset || out.byteOffset + out.byteLength <= start) return xs;
  if (start === out.byteOffset && xs.BYTES_PER_ELEMENT === out.BYTES_PER_ELEMENT) return xs;
  return xs.slice() as T;
}

/** Plans are immutable; one per (format, mode, saturate, flush), built on first use. */
const PLAN_CACHE = new Map<string, RoundingPlan[]>();

/**
 * The cached rounding plan of a format for the resolved options (internal). `symmetricInt` gives the
 * integer plan the range [−max, max] (MXINT8 leaves −128 unused).
 */
export function roundingPlan(
  def: FormatDefinition,
  mode: number,
  saturate: boolean,
  flush: boolean,
  symmetricInt = false,
): RoundingPlan {
  let plans = PLAN_CACHE.get(def.name);
  if (plans === undefined) {
    plans = [];
    PLAN_CACHE.set(def.name, plans);
  }
  const slot = mode * 8 + (saturate ? 4 : 0) + (flush ? 2 : 0) + (symmetricInt ? 1 : 0);
  let plan = plans[slot];
  if (plan === undefined) {
    plan = new RoundingPlan(def, mode, saturate, flush, symmetricInt ? -def.intMax : undefined);
    plans[slot] = plan;
  }
  return plan;
}
