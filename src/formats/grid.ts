/**
 * The grid of a format as a set of real numbers: all its values, the two neighbours of a point, and
 * the local spacing.
 *
 * @packageDocumentation
 */
import { expectNumber } from "../validation";
import { decodeCode } from "./codec";
import { gridStep } from "./rounding";
import { formatDefinition } from "./traits";
import type { FormatName } from "./traits";

/** Formats wider than this many bits are not listed (fp32 has 2^32 codes, ~4·10^9 values). */
const MAX_LISTED_BITS = 16;

const VALUE_CACHE = new Map<FormatName, Float64Array>();

/**
 * All distinct finite values of a format, sorted ascending, as a new Float64Array; −0 and +0 appear
 * once, as 0. NaN and ±Inf codes are left out.
 *
 * Counts (math.md §6.1): e2m1 15 values, e3m2 and e2m3 63, e4m3 253 (126 positive), e5m2 247
 * (123 positive), e8m0 255, int b 2^b, fp16 63,487, bf16 65,279.
 *
 * @throws RangeError for an unknown format or a format of more than 16 bits (fp32).
 * @example
 * ```ts
 * representableValues("e2m1");
 * // Float64Array [-6, -4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4, 6]
 * ```
 */
export function representableValues(name: FormatName): Float64Array {
  const def = formatDefinition(name);
  if (def.bits > MAX_LISTED_BITS) {
    const got = `${JSON.stringify(name)} (2^${def.bits} codes)`;
    throw new RangeError(`name must be a format of at most ${MAX_LISTED_BITS} bits to list its values, got ${got}`);
  }
  let values = VALUE_CACHE.get(name);
  if (values === undefined) {
    const all: number[] = [];
    for (let code = 0; code < def.info.codeCount; code++) {
      const v = decodeCode(def, code);
      if (Number.isFinite(v) && !Object.is(v, -0)) all.push(v);
    }
    values = Float64Array.from(all).sort();
    VALUE_CACHE.set(name, values);
  }
  return values.slice();
}

/** The two representable values around a number (see {@link bracket}). */
export interface Bracket {
  /** Largest representable value ≤ x (NaN when there is none). */
  readonly lower: number;
  /** Smallest representable value ≥ x (NaN when there is none). */
  readonly upper: number;
}

/**
 * The adjacent representable values `lower ≤ x ≤ upper` of format `name` (equal when x is
 * representable). These are the two candidates of every rounding of x: stochastic rounding picks
 * `upper` with probability (x − lower)/(upper − lower).
 *
 * ±Inf count as representable in formats that have them (so x beyond max finite gets
 * `{ lower: max, upper: Infinity }` in fp16); where a side does not exist it is NaN (x > max in e4m3:
 * `upper` NaN; 0 < x < 2^−127 in E8M0: `lower` NaN; x < −128 in int8: `lower` NaN). NaN gives NaN on
 * both sides.
 *
 * @throws RangeError for an unknown format; TypeError if x is not a number.
 * @example
 * ```ts
 * bracket("e2m1", 2.4); // { lower: 2, upper: 3 }
 * bracket("e4m3", -0.3); // { lower: -0.3125, upper: -0.28125 }
 * bracket("int4", 9); // { lower: 7, upper: NaN }
 * ```
 */
export function bracket(name: FormatName, x: number): Bracket {
  const def = formatDefinition(name);
  expectNumber("x", x);
  if (x !== x) return { lower: NaN, upper: NaN };
  const info = def.info;
  if (def.kind === "int") {
    if (x > def.intMax) return { lower: def.intMax, upper: NaN };
    if (x < def.intMin) return { lower: NaN, upper: def.intMin };
    return { lower: Math.floor(x) + 0, upper: Math.ceil(x) + 0 };
  }
  if (!info.signed && x < info.minNormal) return { lower: NaN, upper: info.minNormal };
  const a = Math.abs(x);
  let low: number;
  let high: number;
  if (a === Infinity && info.hasInf) low = high = Infinity;
  else if (a > info.maxFinite) {
    low = info.maxFinite;
    high = info.hasInf ? Infinity : NaN;
  } else {
    const step = gridStep(def, a);
    const n = Math.floor(a / step);
    low = n * step;
    high = low === a ? a : (n + 1) * step;
  }
  return x < 0 || Object.is(x, -0) ? { lower: -high, upper: -low } : { lower: low, upper: high };
}

/**
 * The spacing of the format's grid at x: 2^(max(floor(log2|x|), emin) − m), i.e. the distance from
 * |x| to the next larger value when |x| is representable (the "ulp above", Harrison's and Goldberg's
 * convention at powers of two). ulp(0) is the least subnormal step 2^(emin − m). Integers: 1. Beyond
 * max finite the formula continues as if the exponent range were unbounded; ±Inf gives Infinity, NaN
 * gives NaN. E8M0 (OCP MX v1.0 §5.4.1: powers of two 2^−127 … 2^127, no sign bit, no zero) has a grid
 * only on the positive numbers: x > 0 gives 2^max(floor(log2 x), −127) (2^−127 below the least value),
 * and x ≤ 0 (−0 and 0 included) gives NaN, as `quantize("e8m0", x)` does.
 *
 * @throws RangeError for an unknown format; TypeError if x is not a number.
 * @example
 * ```ts
 * ulp("fp16", 1); // 0.0009765625 (2^-10)
 * ulp("e4m3", 300); // 32
 * ulp("e2m1", 0.2); // 0.5 (the subnormal step)
 * ulp("e8m0", 3); // 2 (the gap from 2 to 4)
 * ulp("e8m0", -3); // NaN (E8M0 has no negative values and no zero)
 * ```
 */
export function ulp(name: FormatName, x: number): number {
  const def = formatDefinition(name);
  expectNumber("x", x);
  if (def.traits !== undefined && !def.traits.signed && !(x > 0)) return NaN;
  return gridStep(def, x);
}
