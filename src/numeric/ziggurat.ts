/**
 * Standard normal deviates by the ziggurat method: one 32-bit draw and one table comparison for about
 * 98.8% of the values, so simulation loops that need d normals per example (lesson 11's SGD) are not
 * dominated by logarithms and trigonometric functions as Box–Muller's are.
 *
 * @packageDocumentation
 */
import { describeValue } from "../validation";
import { Random } from "./random";

/** 128 layers; r = 3.442619855899 is the right edge of the base strip, v its area (Marsaglia & Tsang 2000). */
const LAYERS = 128;
const R = 3.442619855899;
const V = 9.91256303526217e-3;
/** The value field: the top 24 bits of each 32-bit draw (bits 0–6 pick the layer, bit 7 the sign). */
const SCALE = 16777216; // 2^24

const K = new Float64Array(LAYERS);
const W = new Float64Array(LAYERS);
const F = new Float64Array(LAYERS);
{
  // zigset of Marsaglia & Tsang, with the value field 2^24 wide instead of 2^31
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  K[0] = Math.floor((dn / q) * SCALE);
  K[1] = 0;
  W[0] = q / SCALE;
  W[LAYERS - 1] = dn / SCALE;
  F[0] = 1;
  F[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    K[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    F[i] = Math.exp(-0.5 * dn * dn);
    W[i] = dn / SCALE;
  }
}

/** w_i for draws with bit 7 clear and −w_i with it set: index u & 255 (layer in bits 0–6, sign in bit 7). */
const SIGNED_W = new Float64Array(2 * LAYERS);
for (let i = 0; i < LAYERS; i++) {
  SIGNED_W[i] = W[i];
  SIGNED_W[i + LAYERS] = -W[i];
}

/** A uniform on (0, 1) with 32 random bits, never 0 (for logarithms). */
function open32(rng: Random): number {
  return (rng.uint32() + 0.5) / 4294967296;
}

/**
 * One standard normal deviate from `rng` by the ziggurat method (G. Marsaglia and W. W. Tsang, "The
 * Ziggurat Method for Generating Random Variables", J. Statistical Software 5(8), 2000), 128 layers.
 * Each 32-bit draw is split into disjoint fields, as Doornik recommends ("An Improved Ziggurat Method to
 * Generate Normal Random Samples", 2005) against the correlation of the original's shared bits:
 * bits 0–6 choose the layer, bit 7 the sign, bits 8–31 the position (so values inside a layer have
 * 24-bit resolution, about 2e-7 of the layer's width). The wedges and the tail (|z| > 3.4426, Marsaglia's
 * exponential method) draw further uniforms; the result is exactly N(0, 1) distributed up to that
 * resolution.
 *
 * A different stream of values from `Random.normal` (Box–Muller) for the same seed.
 *
 * @throws TypeError when `rng` is not a Random.
 * @example
 * ```ts
 * const rng = createRandom(1);
 * zigguratNormal(rng); // a standard normal deviate
 * ```
 */
export function zigguratNormal(rng: Random): number {
  if (!(rng instanceof Random)) throw new TypeError(`rng must be a Random (createRandom(seed)), got ${describeValue(rng)}`);
  return zigguratUnchecked(rng);
}

/** {@link zigguratNormal} without the type check (inner loops). */
export function zigguratUnchecked(rng: Random): number {
  // The common case (about 98.8%) inline and without branches on the sign: j·(±w_i) from one table
  // indexed by the draw's low 8 bits (layer and sign), a sign branch being mispredicted half the time.
  const u = rng.uint32();
  if (u >>> 8 < K[u & 127]) return (u >>> 8) * SIGNED_W[u & 255];
  return zigguratSlow(rng, u);
}

/** The wedges and the tail of {@link zigguratUnchecked}, starting from the draw `u` that missed its layer's core. */
function zigguratSlow(rng: Random, first: number): number {
  for (let u = first; ; u = rng.uint32()) {
    const i = u & 127;
    const j = u >>> 8;
    const sign = u & 128 ? -1 : 1;
    if (j < K[i]) return sign * j * W[i];
    if (i === 0) {
      // the tail beyond R: x = −ln(U1)/R accepted when −2 ln(U2) > x²
      let x: number;
      let y: number;
      do {
        x = -Math.log(open32(rng)) / R;
        y = -Math.log(open32(rng));
      } while (y + y < x * x);
      return sign * (R + x);
    }
    const x = j * W[i];
    if (F[i] + open32(rng) * (F[i - 1] - F[i]) < Math.exp(-0.5 * x * x)) return sign * x;
  }
}

/**
 * Fills `out` with independent standard normal deviates by {@link zigguratNormal} and returns it: exactly
 * the values, and the generator left in exactly the state, of `out.length` calls of `zigguratNormal(rng)`.
 * Faster than those calls (about 6 µs for 1024 values against 10–14 µs, Node 20): the generator's step runs
 * on local variables, and only a draw that needs a wedge or the tail (about 1.5%) goes through `rng`.
 *
 * @throws TypeError when `out` is not a Float64Array or `rng` not a Random.
 * @example
 * ```ts
 * fillZigguratNormal(new Float64Array(1024), createRandom(3));
 * ```
 */
export function fillZigguratNormal(out: Float64Array, rng: Random): Float64Array {
  if (!(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array, got ${describeValue(out)}`);
  if (!(rng instanceof Random)) throw new TypeError(`rng must be a Random (createRandom(seed)), got ${describeValue(rng)}`);
  return fillZigguratUnchecked(out, rng, 0, out.length);
}

/** K as 32-bit integers (every entry is an integer below 2^24, so the copy is exact): an integer comparison in the fast loop. */
const K_INT = Int32Array.from(K);

/** The generator's state words while {@link fillZigguratUnchecked} runs the step on local variables. */
const state = new Int32Array(4);

/**
 * {@link fillZigguratNormal} on out[from … to − 1], without validation (inner loops): the same values and final
 * state as to − from calls of {@link zigguratUnchecked} (how: {@link zigguratKernel}).
 */
export function fillZigguratUnchecked(out: Float64Array, rng: Random, from: number, to: number): Float64Array {
  zigguratKernel(out, rng, from, to, null, null);
  return out;
}

/**
 * x_i = scale[i]·z_i for i = 0 … out.length − 1 into `out`, where z_0, z_1, … are the deviates of
 * {@link fillZigguratUnchecked} (the same values, and the generator left in the same state), and returns
 * Σ_i weights[i]·x_i summed in index order: a Gaussian vector x = Λ^{1/2} z and its inner product ⟨w, x⟩
 * in one pass (the regression's example and its noiseless label), each product and sum rounded as in the
 * two separate loops `x[i] = scale[i] * z[i]` and `dot += weights[i] * x[i]`. No checks: `scale` and
 * `weights` must be at least as long as `out`.
 */
export function fillScaledZigguratUnchecked(out: Float64Array, rng: Random, scale: Float64Array, weights: Float64Array): number {
  return zigguratKernel(out, rng, 0, out.length, scale, weights);
}

/**
 * The loop of {@link fillZigguratUnchecked} and {@link fillScaledZigguratUnchecked}: the xoshiro128** step of
 * `Random.uint32` runs on local copies of the state words (about ten times cheaper than a call per word); a
 * draw that misses its layer's core hands the state back to `rng` and takes {@link zigguratSlow}, which draws
 * on through `rng`. A subclass of Random (which may override `uint32`) is served one call at a time. With
 * `scale` null the deviates are stored as they are; with `weights` null the sum is not formed (0 returned).
 */
function zigguratKernel(out: Float64Array, rng: Random, from: number, to: number, scale: Float64Array | null, weights: Float64Array | null): number {
  let dot = 0;
  if (Object.getPrototypeOf(rng) !== Random.prototype) {
    for (let i = from; i < to; i++) {
      const x = scale === null ? zigguratUnchecked(rng) : scale[i] * zigguratUnchecked(rng);
      out[i] = x;
      if (weights !== null) dot += weights[i] * x;
    }
    return dot;
  }
  rng.saveState(state);
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  for (let i = from; i < to; i++) {
    // Random.uint32's step (xoshiro128**), its output kept as int32: only bits 0–31 are read
    const m = Math.imul(s1, 5);
    const u = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const j = u >>> 8;
    let z: number;
    if (j < K_INT[u & 127]) z = j * SIGNED_W[u & 255];
    else {
      state[0] = s0;
      state[1] = s1;
      state[2] = s2;
      state[3] = s3;
      z = zigguratSlow(rng.loadState(state), u >>> 0);
      rng.saveState(state);
      s0 = state[0];
      s1 = state[1];
      s2 = state[2];
      s3 = state[3];
    }
    // the branches on scale and weights go the same way for the whole loop: predicted, nearly free
    const x = scale === null ? z : scale[i] * z;
    out[i] = x;
    if (weights !== null) dot += weights[i] * x;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  rng.loadState(state);
  return dot;
}
