/**
 * One quantizer per component of a training loop (data, labels, weights, activations, gradients,
 * moments): additive (integer-like, a uniform grid of step Δ), multiplicative (float-like, a relative
 * noise model or m mantissa bits with an unbounded exponent), or a real stage-1 format through
 * `quantizeArray`. Lessons 11 and 12 route every component of SGD, Adam and Muon through one of these.
 *
 * @packageDocumentation
 */
import { quantizeArray } from "../formats/quantize";
import { roundingModes } from "../formats/rounding";
import type { RoundingMode } from "../formats/rounding";
import { formatDefinition } from "../formats/traits";
import type { FormatName } from "../formats/traits";
import { F64, HI, U32, floorLog2, pow2 } from "../formats/ieee754";
import { Random } from "../numeric/random";
import { describeValue, expectInteger, expectOneOf, expectPositive } from "../validation";

/**
 * How a value is rounded onto a grid:
 * - `"dithered"`: subtractive dither, q = Δ(round(x/Δ + d) − d) with d uniform on [−½, ½) (one draw):
 *   the error is uniform on [−Δ/2, Δ/2) and independent of x (Schuchman 1964);
 * - `"nearest"`: the nearest grid point, ties to the even multiple;
 * - `"toward-zero"`: the grid point nearer to zero;
 * - `"stochastic"`: the upper neighbour with probability (x − ℓ)/Δ (one draw), so E[q] = x.
 */
export type GridRounding = "dithered" | "nearest" | "toward-zero" | "stochastic";

/** The grid roundings, in the order of {@link GridRounding}. */
export const gridRoundings: readonly GridRounding[] = Object.freeze([
  "dithered",
  "nearest",
  "toward-zero",
  "stochastic",
] as const);

/**
 * What one component passes through.
 * - `{ kind: "none" }`: nothing (full binary64).
 * - `{ kind: "additive", step, rounding }`: the uniform grid Δ·ℤ (unbounded, no clipping), integer-like:
 *   the error does not scale with |x| (paper B's additive model, arXiv:2510.18259).
 * - `{ kind: "multiplicative", s }`: x(1 + s·ξ), ξ uniform on [−√3, √3) so Var(ξ) = 1: the relative
 *   noise model with Var(ε) = s_M² = s² exactly (paper B's multiplicative model).
 * - `{ kind: "mantissa", bits, rounding }`: a float with m = `bits` stored mantissa bits and an
 *   unbounded exponent (no overflow, no subnormals of its own): the relative-error model
 *   Q(x) = x(1 + δ) of paper C (arXiv:2510.21314), |δ| ≤ 2^−(m+1) nearest, < 2^−m toward zero or
 *   stochastic. m = 52 is binary64 itself: the identity, bit for bit.
 * - `{ kind: "format", format, rounding, saturate }`: a real format of `src/formats` (bf16, fp16,
 *   e4m3, e5m2, …) via `quantizeArray`, with its range, subnormals and overflow.
 */
export type ComponentQuantizer =
  | { readonly kind: "none" }
  | { readonly kind: "additive"; readonly step: number; readonly rounding: GridRounding }
  | { readonly kind: "multiplicative"; readonly s: number }
  | { readonly kind: "mantissa"; readonly bits: number; readonly rounding: GridRounding }
  | { readonly kind: "format"; readonly format: FormatName; readonly rounding?: RoundingMode; readonly saturate?: boolean };

/** A {@link ComponentQuantizer} bound to its random source, ready for inner loops. */
export interface BoundQuantizer {
  /** The specification it was built from. */
  readonly spec: ComponentQuantizer;
  /** Whether it changes nothing (`kind: "none"`): loops may skip it. */
  readonly identity: boolean;
  /** Whether it draws random numbers (dithered, stochastic, multiplicative, stochastic formats). */
  readonly random: boolean;
  /** Rounds x[start … end − 1] in place (default the whole array). */
  apply(x: Float64Array, start?: number, end?: number): void;
  /** Rounds one value. */
  value(x: number): number;
}

/** binary64 stores 52 mantissa bits: the largest m of the mantissa model. */
const MAX_MANTISSA_BITS = 52;
/** √3: ξ uniform on [−√3, √3) has variance 1. */
const SQRT3 = Math.sqrt(3);

/** 2^(1023 − b) and 2^(b − 1023) for every biased binary64 exponent b = 1 … 2046 (exact powers of two). */
const INV_BINADE = new Float64Array(2047);
const BINADE = new Float64Array(2047);
for (let b = 1; b < 2047; b++) {
  INV_BINADE[b] = pow2(1023 - b);
  BINADE[b] = pow2(b - 1023);
}

const KINDS = ["none", "additive", "multiplicative", "mantissa", "format"] as const;

/**
 * Checks a {@link ComponentQuantizer} and binds it to `rng` (needed by every kind that draws; it is
 * called once per element in index order). Validation happens here, once; `apply` and `value` trust
 * their inputs.
 *
 * Rounding on the grid (additive: spacing Δ; mantissa: spacing 2^(e − m) on the binade
 * [2^e, 2^(e+1)) of |x|): y = |x|/spacing, f = ⌊y⌋, r = y − f (both exact for the mantissa model,
 * since y < 2^53); nearest takes f + 1 when r > ½ and the even one of f, f + 1 when r = ½; toward zero
 * takes f; stochastic takes f + 1 iff u < r; dithered rounds y + d to nearest and subtracts d. The
 * mantissa model keeps the sign (odd rounding), leaves 0, NaN and ±Infinity unchanged, and reads
 * exponents from the bits (exact). NaN flows through every kind.
 *
 * Source: math.md §7.2 (paper B's additive and multiplicative models, arXiv:2510.18259) and §8.1
 * (paper C's relative-error model, arXiv:2510.21314); the rounding definitions are math.md §6.2.
 *
 * @param spec - the quantizer
 * @param rng - a `Random`, required unless the quantizer is deterministic
 * @throws TypeError when `spec` is not an object or `rng` is missing for a random quantizer;
 *   RangeError naming `spec.kind`, `spec.step` (finite > 0), `spec.s` (finite > 0), `spec.bits`
 *   (integer 1 … 52), `spec.rounding` or `spec.format`.
 * @example
 * ```ts
 * const q = bindQuantizer({ kind: "mantissa", bits: 7, rounding: "nearest" });
 * q.value(1 + 2 ** -9); // 1 (BF16's 7 bits: the spacing at 1 is 2^-7)
 * bindQuantizer({ kind: "additive", step: 0.5, rounding: "nearest" }).value(0.7); // 0.5
 * ```
 */
export function bindQuantizer(spec: ComponentQuantizer, rng?: Random): BoundQuantizer {
  if (spec === null || typeof spec !== "object") {
    throw new TypeError(`quantizer must be an object such as { kind: "mantissa", bits: 7, rounding: "nearest" }, got ${describeValue(spec)}`);
  }
  expectOneOf("quantizer.kind", spec.kind, KINDS);
  const needRandom = (random: boolean): Random | undefined => {
    if (!random) return undefined;
    if (!(rng instanceof Random)) {
      throw new TypeError(`rng must be a Random (createRandom(seed)) for a ${spec.kind} quantizer that draws, got ${describeValue(rng)}`);
    }
    return rng;
  };
  switch (spec.kind) {
    case "none":
      return { spec, identity: true, random: false, apply: () => undefined, value: (x) => x };
    case "additive": {
      expectPositive("quantizer.step", spec.step);
      expectOneOf("quantizer.rounding", spec.rounding, gridRoundings);
      const r = needRandom(spec.rounding === "dithered" || spec.rounding === "stochastic");
      return gridQuantizer(spec, spec.step, spec.rounding, r);
    }
    case "multiplicative": {
      expectPositive("quantizer.s", spec.s);
      const r = needRandom(true) as Random;
      const amplitude = 2 * SQRT3 * spec.s;
      const value = (x: number): number => x * (1 + amplitude * (r.uniform() - 0.5));
      return {
        spec,
        identity: false,
        random: true,
        value,
        apply: (x, start = 0, end = x.length) => {
          for (let i = start; i < end; i++) x[i] *= 1 + amplitude * (r.uniform() - 0.5);
        },
      };
    }
    case "mantissa": {
      expectInteger("quantizer.bits", spec.bits, 1, MAX_MANTISSA_BITS);
      expectOneOf("quantizer.rounding", spec.rounding, gridRoundings);
      const r = needRandom(spec.rounding === "dithered" || spec.rounding === "stochastic");
      return mantissaQuantizer(spec, spec.bits, spec.rounding, r);
    }
    case "format": {
      formatDefinition(spec.format, "quantizer.format");
      const rounding = spec.rounding ?? "nearest-even";
      expectOneOf("quantizer.rounding", rounding, roundingModes);
      const r = needRandom(rounding === "stochastic");
      const options = { rounding, saturate: spec.saturate === true, random: r?.uniform };
      const one = new Float64Array(1);
      return {
        spec,
        identity: false,
        random: r !== undefined,
        apply: (x, start = 0, end = x.length) => {
          const view = start === 0 && end === x.length ? x : x.subarray(start, end);
          quantizeArray(spec.format, view, { ...options, out: view });
        },
        value: (x) => {
          one[0] = x;
          quantizeArray(spec.format, one, { ...options, out: one });
          return one[0];
        },
      };
    }
  }
}

/** Rounds y ≥ 0 (an exact multiple count) to an integer by `rounding`, with the draw u where needed. */
function roundCount(y: number, rounding: number, u: number): number {
  const f = Math.floor(y);
  const r = y - f;
  if (rounding === NEAREST) return r > 0.5 || (r === 0.5 && f % 2 !== 0) ? f + 1 : f;
  if (rounding === STOCHASTIC) return u < r ? f + 1 : f;
  return f; // toward zero (y ≥ 0)
}

/** Indices into {@link gridRoundings}; toward zero (2) is the fall-through. */
const DITHERED = 0;
const NEAREST = 1;
const STOCHASTIC = 3;
/** 2^64, to lift binary64 subnormals into the normal range. */
const TWO_POW_64 = 18446744073709551616;

/** A quantizer applied element by element through its scalar rounding. */
function elementwise(spec: ComponentQuantizer, value: (x: number) => number, random: boolean): BoundQuantizer {
  return {
    spec,
    identity: false,
    random,
    value,
    apply: (x, start = 0, end = x.length) => {
      for (let i = start; i < end; i++) x[i] = value(x[i]);
    },
  };
}

/** 1.5·2^52: (y + MAGIC) − MAGIC rounds y to an integer, ties to even, for |y| < 2^51 (both signs). */
const MAGIC = 6755399441055744;
/** |y| below this rounds exactly by {@link MAGIC}. */
const MAGIC_LIMIT = 2251799813685248; // 2^51
/** 2^−32: draws are 32-bit uniforms u = k·2^−32, k = rng.uint32() (cheaper than 53-bit ones; ample for a rounding decision). */
const INV_TWO_POW_32 = 2.3283064365386963e-10;

function draw(rng: Random | undefined): number {
  return (rng as Random).uint32() * INV_TWO_POW_32;
}

function gridQuantizer(spec: ComponentQuantizer, step: number, rounding: GridRounding, rng: Random | undefined): BoundQuantizer {
  const code = gridRoundings.indexOf(rounding);
  const value = (x: number): number => {
    if (code === DITHERED) {
      const d = draw(rng) - 0.5;
      const y = x / step + d;
      const q = roundCount(Math.abs(y), NEAREST, 0);
      return step * ((y < 0 ? -q : q) - d);
    }
    const u = code === STOCHASTIC ? draw(rng) : 0;
    const y = x / step;
    const q = roundCount(Math.abs(y), code, u);
    return step * (y < 0 || (y === 0 && 1 / y < 0) ? -q : q); // a zero result keeps x's sign, as IEEE rounding does
  };
  // The loops below give the same results as `value` (same draws, same roundings), without a call per element.
  const apply = (x: Float64Array, start = 0, end = x.length): void => {
    for (let i = start; i < end; i++) {
      const v = x[i];
      const y = v / step;
      if (!(Math.abs(y) < MAGIC_LIMIT)) {
        x[i] = value(v); // huge, infinite or NaN: the general path
        continue;
      }
      if (code === NEAREST) {
        const q = y + MAGIC - MAGIC;
        x[i] = (q === 0 ? 0 * y : q) * step; // 0·y: a zero keeps the sign of x
      }
      else if (code === STOCHASTIC) {
        const a = Math.abs(y);
        const f = Math.floor(a);
        const r = draw(rng) < a - f ? f + 1 : f;
        const q = y < 0 ? -r : r;
        x[i] = (q === 0 ? 0 * y : q) * step;
      } else if (code === DITHERED) {
        const d = draw(rng) - 0.5;
        x[i] = (y + d + MAGIC - MAGIC - d) * step;
      } else x[i] = Math.trunc(y) * step;
    }
  };
  return { spec, identity: false, random: rng !== undefined, value, apply };
}

function mantissaQuantizer(spec: ComponentQuantizer, m: number, rounding: GridRounding, rng: Random | undefined): BoundQuantizer {
  const code = gridRoundings.indexOf(rounding);
  const twoM = pow2(m);
  const invTwoM = pow2(-m);
  const value = (x: number): number => {
    F64[0] = x;
    const b = (U32[HI] >>> 20) & 0x7ff;
    const a = Math.abs(x);
    let y: number; // |x| / spacing, in [2^m, 2^(m+1)): exact (products by powers of two)
    let binade: number; // 2^e, e = floor(log2 |x|)
    if (b === 0 || b === 0x7ff) {
      if (a === 0 || !(a < Infinity)) return x; // 0, ±Infinity, NaN
      const e = floorLog2(a); // a binary64 subnormal: lift it by 2^64 first so no power overflows
      y = a * TWO_POW_64 * pow2(-(e + 64)) * twoM;
      binade = pow2(e);
    } else {
      y = a * INV_BINADE[b] * twoM;
      binade = BINADE[b];
    }
    let q: number;
    if (code === DITHERED) {
      const d = draw(rng) - 0.5;
      q = roundCount(y + d, NEAREST, 0) - d;
    } else {
      q = roundCount(y, code, code === STOCHASTIC ? draw(rng) : 0);
    }
    const result = q * invTwoM * binade;
    return x < 0 ? -result : result;
  };
  if (m > 50) return elementwise(spec, value, rng !== undefined); // the MAGIC rounding needs |y| < 2^51
  const f64 = F64;
  const u32 = U32;
  const hi = HI;
  // The same results as `value` (same draws), without a call per element: y = x/spacing keeps its sign here,
  // which nearest (symmetric) and toward zero (trunc) allow; stochastic and dithered work on |y| as `value` does.
  const apply = (x: Float64Array, start = 0, end = x.length): void => {
    for (let i = start; i < end; i++) {
      const v = x[i];
      f64[0] = v;
      const b = (u32[hi] >>> 20) & 0x7ff;
      if (b === 0 || b === 0x7ff) {
        x[i] = value(v);
        continue;
      }
      const y = v * INV_BINADE[b] * twoM;
      let q: number;
      if (code === NEAREST) q = y + MAGIC - MAGIC;
      else if (code === STOCHASTIC) {
        const a = Math.abs(y);
        const f = Math.floor(a);
        const r = draw(rng) < a - f ? f + 1 : f;
        q = y < 0 ? -r : r;
      } else if (code === DITHERED) {
        const a = Math.abs(y);
        const d = draw(rng) - 0.5;
        const r = a + d + MAGIC - MAGIC - d;
        q = y < 0 ? -r : r;
      } else q = Math.trunc(y);
      x[i] = q * invTwoM * BINADE[b];
    }
  };
  return { spec, identity: false, random: rng !== undefined, value, apply };
}
