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
  /**
   * Rounds x in place, as `apply(x)` does (the same values, the same draws), and returns Σ_i Q(x)_i·w_i summed
   * in index order, i = 0 … x.length − 1: a quantized input's inner product with w (the prediction ⟨x̃, w⟩ of
   * sgdRegression), the same bits as `apply(x)` followed by that loop. The grid kinds do both in one pass.
   * `w` must be at least as long as `x` (not checked: an inner-loop method).
   */
  applyDot(x: Float64Array, w: Float64Array): number;
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
      return new IdentityQuantizer(spec);
    case "additive": {
      expectPositive("quantizer.step", spec.step);
      expectOneOf("quantizer.rounding", spec.rounding, gridRoundings);
      const r = needRandom(spec.rounding === "dithered" || spec.rounding === "stochastic");
      return new GridQuantizer(spec, spec.step, gridRoundings.indexOf(spec.rounding), r);
    }
    case "multiplicative": {
      expectPositive("quantizer.s", spec.s);
      return new MultiplicativeQuantizer(spec, 2 * SQRT3 * spec.s, needRandom(true) as Random);
    }
    case "mantissa": {
      expectInteger("quantizer.bits", spec.bits, 1, MAX_MANTISSA_BITS);
      expectOneOf("quantizer.rounding", spec.rounding, gridRoundings);
      const r = needRandom(spec.rounding === "dithered" || spec.rounding === "stochastic");
      return new MantissaQuantizer(spec, spec.bits, gridRoundings.indexOf(spec.rounding), r);
    }
    case "format": {
      formatDefinition(spec.format, "quantizer.format");
      const rounding = spec.rounding ?? "nearest-even";
      expectOneOf("quantizer.rounding", rounding, roundingModes);
      return new FormatQuantizer(spec, spec.format, rounding, spec.saturate === true, needRandom(rounding === "stochastic"));
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

/** Σ_i x_i·w_i over i = 0 … x.length − 1, summed in index order (every applyDot's sum). */
function dotInOrder(x: Float64Array, w: Float64Array): number {
  let p = 0;
  for (let i = 0; i < x.length; i++) p += x[i] * w[i];
  return p;
}

// Every kind is a class whose apply and applyDot are prototype methods, not closures made per quantizer: an
// inner loop that calls them (sgdRegression's step) then meets one call target per kind, whatever run it is in,
// where closures made afresh for each run deoptimized it on every new target. `value` is an arrow property, so
// that it can be passed around detached (`xs.map(q.value)`).

/** `{ kind: "none" }`: changes nothing. */
class IdentityQuantizer implements BoundQuantizer {
  readonly identity = true;
  readonly random = false;
  readonly value = (x: number): number => x;
  constructor(readonly spec: ComponentQuantizer) {}
  apply(): void {}
  applyDot(x: Float64Array, w: Float64Array): number {
    return dotInOrder(x, w);
  }
}

/** `{ kind: "multiplicative", s }`: x(1 + a·(u − ½)) with a = 2√3·s and u = rng.uniform(). */
class MultiplicativeQuantizer implements BoundQuantizer {
  readonly identity = false;
  readonly random = true;
  readonly value = (x: number): number => x * (1 + this.amplitude * (this.rng.uniform() - 0.5));
  constructor(
    readonly spec: ComponentQuantizer,
    private readonly amplitude: number,
    private readonly rng: Random,
  ) {}
  apply(x: Float64Array, start = 0, end = x.length): void {
    const { amplitude, rng } = this;
    for (let i = start; i < end; i++) x[i] *= 1 + amplitude * (rng.uniform() - 0.5);
  }
  applyDot(x: Float64Array, w: Float64Array): number {
    this.apply(x);
    return dotInOrder(x, w);
  }
}

/** `{ kind: "format", … }`: a stage-1 format through `quantizeArray`. */
class FormatQuantizer implements BoundQuantizer {
  readonly identity = false;
  readonly random: boolean;
  readonly value = (x: number): number => {
    this.one[0] = x;
    quantizeArray(this.format, this.one, this.oneOptions);
    return this.one[0];
  };
  private readonly options: { rounding: RoundingMode; saturate: boolean; random: (() => number) | undefined };
  private readonly one = new Float64Array(1);
  /** `options` writing into `one`, made once rather than on every `value` call. */
  private readonly oneOptions: { rounding: RoundingMode; saturate: boolean; random: (() => number) | undefined; out: Float64Array };
  constructor(
    readonly spec: ComponentQuantizer,
    private readonly format: FormatName,
    rounding: RoundingMode,
    saturate: boolean,
    rng: Random | undefined,
  ) {
    this.random = rng !== undefined;
    this.options = { rounding, saturate, random: rng?.uniform };
    this.oneOptions = { ...this.options, out: this.one };
  }
  apply(x: Float64Array, start = 0, end = x.length): void {
    const view = start === 0 && end === x.length ? x : x.subarray(start, end);
    quantizeArray(this.format, view, { ...this.options, out: view });
  }
  applyDot(x: Float64Array, w: Float64Array): number {
    this.apply(x);
    return dotInOrder(x, w);
  }
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

/** Draws per {@link Random.fillUint32} call in the batched loops (a multiple of any length the course uses). */
const DRAW_CHUNK = 256;

/** A grid quantizer bound to its random source (a class, as every kind: see `IdentityQuantizer`). */
class GridQuantizer implements BoundQuantizer {
  readonly identity = false;
  readonly random: boolean;
  /** One draw per value for the roundings that draw (dithered, stochastic), none for the others. */
  readonly value = (x: number): number => this.withDraw(x, this.rng === undefined ? 0 : this.rng.uint32());
  /** The kernels' draws, DRAW_CHUNK at a time (roundings that draw only). */
  private readonly draws: Uint32Array | undefined;

  constructor(
    readonly spec: ComponentQuantizer,
    private readonly step: number,
    private readonly code: number,
    private readonly rng: Random | undefined,
  ) {
    this.random = rng !== undefined;
    this.draws = rng === undefined ? undefined : new Uint32Array(DRAW_CHUNK);
  }

  /** x rounded with the 32-bit draw k (read by the dithered and stochastic roundings only). */
  withDraw(x: number, k: number): number {
    const step = this.step;
    if (this.code === DITHERED) {
      const d = k * INV_TWO_POW_32 - 0.5;
      const y = x / step + d;
      const q = roundCount(Math.abs(y), NEAREST, 0);
      return step * ((y < 0 ? -q : q) - d);
    }
    const y = x / step;
    const q = roundCount(Math.abs(y), this.code, k * INV_TWO_POW_32);
    return step * (y < 0 || (y === 0 && 1 / y < 0) ? -q : q); // a zero result keeps x's sign, as IEEE rounding does
  }

  /** The same results as `value` element by element (same draws in the same order), without a call per element. */
  apply(x: Float64Array, start = 0, end = x.length): void {
    this.kernel(x, start, end, null);
  }

  /** Rounds x and forms Σ Q(x)_i·w_i in the same pass. */
  applyDot(x: Float64Array, w: Float64Array): number {
    return this.kernel(x, 0, x.length, w);
  }

  private kernel(x: Float64Array, start: number, end: number, w: Float64Array | null): number {
    const code = this.code;
    if (code === STOCHASTIC) return gridStochastic(x, start, end, this.step, this.rng as Random, this.draws as Uint32Array, this, w);
    if (code === DITHERED) return gridDithered(x, start, end, this.step, this.rng as Random, this.draws as Uint32Array, this, w);
    if (code === NEAREST) return gridNearest(x, start, end, this.step, this, w);
    return gridTowardZero(x, start, end, this.step, this, w);
  }
}

// The grid roundings' array kernels: top-level functions with every parameter an argument, so that V8 gives
// each its own type feedback and keeps the loop's values in registers (one closure shared by every bound
// quantizer ran about 3× slower). `general.withDraw` rounds the values the fast formulas do not cover (|x/step| ≥ 2^51,
// ±Infinity, NaN) with the element's draw. With `w` given, each kernel also returns Σ Q(x)_i·w_i in index order
// (applyDot: the sum in the rounding's own pass saves a pass over x and w); with `w` null it returns 0. The branch on
// `w` goes the same way for the whole loop, so it is predicted and nearly free.

/** Stochastic rounding on the grid step·ℤ: up in magnitude when u < frac(|x/step|). */
function gridStochastic(x: Float64Array, start: number, end: number, step: number, rng: Random, draws: Uint32Array, general: GridQuantizer, w: Float64Array | null): number {
  let dot = 0;
  for (let from = start; from < end; from += DRAW_CHUNK) {
    const to = Math.min(end, from + DRAW_CHUNK);
    rng.fillUint32(draws, to - from);
    for (let i = from, j = 0; i < to; i++, j++) {
      const y = x[i] / step;
      const a = Math.abs(y);
      let q: number;
      if (!(a < MAGIC_LIMIT) || a === 0) {
        q = general.withDraw(x[i], draws[j]); // huge, infinite, NaN or a signed zero: the general path
      } else {
        // f + 1 when u < a − f, else f, without a branch (a branch on a fair draw, or on the sign of the data,
        // is mispredicted half the time): a − f − u is exact in sign, in (0, 1) when u < a − f and in (−1, 0]
        // otherwise, so its ceiling is 1 or ±0; the factor 1 − 2·[y < 0] = ±1 then gives −q for y < 0 (a
        // comparison turned into a number compiles to a flag, where Math.sign and ?: compile to branches)
        const f = Math.floor(a);
        q = (1 - 2 * +(y < 0)) * (f + Math.ceil(a - f - draws[j] * INV_TWO_POW_32)) * step;
      }
      x[i] = q;
      if (w !== null) dot += q * w[i];
    }
  }
  return dot;
}

/** Subtractive dithering on the grid step·ℤ: step·(round(x/step + d) − d), d = u − 1/2. */
function gridDithered(x: Float64Array, start: number, end: number, step: number, rng: Random, draws: Uint32Array, general: GridQuantizer, w: Float64Array | null): number {
  let dot = 0;
  for (let from = start; from < end; from += DRAW_CHUNK) {
    const to = Math.min(end, from + DRAW_CHUNK);
    rng.fillUint32(draws, to - from);
    for (let i = from, j = 0; i < to; i++, j++) {
      const y = x[i] / step;
      let q: number;
      if (!(Math.abs(y) < MAGIC_LIMIT)) q = general.withDraw(x[i], draws[j]);
      else {
        const d = draws[j] * INV_TWO_POW_32 - 0.5;
        q = (y + d + MAGIC - MAGIC - d) * step;
      }
      x[i] = q;
      if (w !== null) dot += q * w[i];
    }
  }
  return dot;
}

/** Rounding to the nearest point of step·ℤ, ties to even. */
function gridNearest(x: Float64Array, start: number, end: number, step: number, general: GridQuantizer, w: Float64Array | null): number {
  let dot = 0;
  for (let i = start; i < end; i++) {
    const y = x[i] / step;
    const a = Math.abs(y);
    // huge, infinite, NaN or a signed zero: the general path; else |round(y)| with y's sign (a zero result keeps
    // the sign of x): ±1 from a comparison, not a branch
    const q = !(a < MAGIC_LIMIT) || a === 0 ? general.withDraw(x[i], 0) : (1 - 2 * +(y < 0)) * (a + MAGIC - MAGIC) * step;
    x[i] = q;
    if (w !== null) dot += q * w[i];
  }
  return dot;
}

/** Rounding toward zero on the grid step·ℤ. */
function gridTowardZero(x: Float64Array, start: number, end: number, step: number, general: GridQuantizer, w: Float64Array | null): number {
  let dot = 0;
  for (let i = start; i < end; i++) {
    const y = x[i] / step;
    const q = !(Math.abs(y) < MAGIC_LIMIT) ? general.withDraw(x[i], 0) : Math.trunc(y) * step;
    x[i] = q;
    if (w !== null) dot += q * w[i];
  }
  return dot;
}

/** A mantissa quantizer bound to its random source (a class, as every kind: see `IdentityQuantizer`). */
class MantissaQuantizer implements BoundQuantizer {
  readonly identity = false;
  readonly random: boolean;
  readonly value = (x: number): number => this.round(x);
  private readonly twoM: number;
  private readonly invTwoM: number;
  /** Veltkamp's splitter 2^(52−m) + 1 and the bound below which splitter·|x| and the result stay finite. */
  private readonly splitter: number;
  private readonly limit: number;
  /** m > 50: the array kernels' MAGIC rounding needs |y| < 2^51, so `apply` rounds one value at a time. */
  private readonly scalarOnly: boolean;

  constructor(
    readonly spec: ComponentQuantizer,
    m: number,
    private readonly code: number,
    private readonly rng: Random | undefined,
  ) {
    this.random = rng !== undefined;
    this.scalarOnly = m > 50;
    this.twoM = pow2(m);
    this.invTwoM = pow2(-m);
    this.splitter = pow2(52 - m) + 1;
    this.limit = pow2(1023 - (52 - m));
  }

  /** x rounded to m mantissa bits (the scalar rounding, every value). */
  round(x: number): number {
    const { code, rng, twoM } = this;
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
    const result = q * this.invTwoM * binade;
    return x < 0 ? -result : result;
  }

  /** The same results as `value` element by element (same draws), without a call per element for m ≤ 50. */
  apply(x: Float64Array, start = 0, end = x.length): void {
    if (this.scalarOnly) for (let i = start; i < end; i++) x[i] = this.round(x[i]);
    else if (this.code === NEAREST) mantissaNearest(x, start, end, this.splitter, this.limit, this);
    else mantissaRound(x, start, end, this.code, this.twoM, this.invTwoM, this.rng, this);
  }

  applyDot(x: Float64Array, w: Float64Array): number {
    this.apply(x);
    return dotInOrder(x, w);
  }
}

/**
 * The mantissa rounding's array kernel (m ≤ 50) for the stochastic, dithered and toward-zero roundings (nearest
 * has `mantissaNearest`): the same results as the scalar rounding `general.round`, with the same draws, for
 * normal binary64 values; zeros, subnormals, infinities and NaN go through it. y = x/spacing keeps its sign
 * here, which toward zero (trunc) allows; stochastic and dithered round |y| and give it y's sign with the
 * factor 1 − 2·[y < 0] = ±1 (y ≠ 0 here), where a branch on the sign of the data would be mispredicted half
 * the time. A top-level function with every parameter an argument (see `gridStochastic`).
 */
function mantissaRound(x: Float64Array, start: number, end: number, code: number, twoM: number, invTwoM: number, rng: Random | undefined, general: MantissaQuantizer): void {
  const f64 = F64;
  const u32 = U32;
  const hi = HI;
  for (let i = start; i < end; i++) {
    const v = x[i];
    f64[0] = v;
    const b = (u32[hi] >>> 20) & 0x7ff;
    if (b === 0 || b === 0x7ff) {
      x[i] = general.round(v);
      continue;
    }
    const y = v * INV_BINADE[b] * twoM;
    let q: number;
    if (code === STOCHASTIC) {
      const a = Math.abs(y);
      const f = Math.floor(a);
      q = (1 - 2 * +(y < 0)) * (f + Math.ceil(a - f - draw(rng))); // f + 1 when u < a − f (see gridStochastic)
    } else if (code === DITHERED) {
      const a = Math.abs(y);
      const d = draw(rng) - 0.5;
      q = (1 - 2 * +(y < 0)) * (a + d + MAGIC - MAGIC - d);
    } else q = Math.trunc(y);
    x[i] = q * invTwoM * BINADE[b];
  }
}

/** 2^−1022, the least positive normal binary64. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Nearest rounding (ties to even) to m mantissa bits by Veltkamp's splitting (Dekker 1971): with
 * C = 2^(52−m) + 1, g = C·x and x_h = g − (g − x) is x rounded to m + 1 significant bits, ties to even, for
 * normal x with C·|x| finite. It needs neither the exponent nor a table (about twice as fast as reading the
 * exponent through a typed-array alias). Zeros, subnormals, |x| ≥ `limit`, infinities and NaN go through
 * `general`. The tests check it, ties included, against a BigInt rounding of the significand (every
 * significand of m + 2 and m + 3 bits for m ≤ 12; random values and ties for every m ≤ 50).
 */
function mantissaNearest(x: Float64Array, start: number, end: number, splitter: number, limit: number, general: MantissaQuantizer): void {
  for (let i = start; i < end; i++) {
    const v = x[i];
    const a = Math.abs(v);
    if (!(a >= MIN_NORMAL && a < limit)) {
      x[i] = general.round(v);
      continue;
    }
    const g = splitter * v;
    x[i] = g - (g - v);
  }
}
