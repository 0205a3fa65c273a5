/**
 * The common interface of the gradient compressors of lesson 3 and lesson 8.
 *
 * A compressor turns a d-dimensional gradient g into a message of an exact number of bits B and
 * hands the decoder's estimate ĝ back to the optimizer. Encoder and decoder share a *public coin*
 * (a seeded {@link Random}): random subsets, rotation signs and rounding dithers drawn from it cost no
 * bits, as in the B-bit oracle of paper A (arXiv:2606.00703). Bits are counted exactly, side
 * information included (a norm or a range sent as FP32 costs 32 bits each).
 *
 * @packageDocumentation
 */
import { Random } from "../numeric/random";
import { describeValue, expectInteger } from "../validation";

/** What {@link Compressor.compress} returns: the decoder's estimate and the message length in bits. */
export interface CompressResult {
  /** The decoder's estimate ĝ (the `out` array when one was passed). */
  estimate: Float64Array;
  /** The exact number of bits of the message that was sent; equals `bits(g.length)`. */
  bits: number;
}

/**
 * A B-bit gradient compressor with a public coin.
 *
 * Implementations: `uniformStochastic`, `randomSubsetStochastic`, `scaledSign`, `qsgd`,
 * `hadamardStochastic`. Each states its bit count, whether it is unbiased, and its mean squared
 * error E‖ĝ − g‖² (exact, or an upper bound when `mseIsExact` is false).
 *
 * @example
 * ```ts
 * const c: Compressor = uniformStochastic({ bits: 2, range: 1 });
 * const { estimate, bits } = c.compress(new Float64Array([0.3, -0.9]), createRandom(7));
 * bits; // 4 = d·b
 * ```
 */
export interface Compressor {
  /** A short label naming the scheme and its parameters, for tables and figure legends. */
  readonly name: string;
  /** True when E[ĝ | g] = g (each compressor's TSDoc says on which inputs). */
  readonly unbiased: boolean;
  /** Exact number of bits of the message for a d-dimensional input (public randomness is free). */
  bits(d: number): number;
  /** Encodes g with the public coin `rng` and writes the decoder's estimate ĝ into `out` (allocated if absent). */
  compress(g: Float64Array, rng: Random, out?: Float64Array): CompressResult;
  /** E‖ĝ − g‖² given g, over the compressor's own randomness. */
  meanSquaredError(g: Float64Array): number;
  /** True when `meanSquaredError` is exact; false when it is an upper bound (the TSDoc says which). */
  readonly mseIsExact: boolean;
}

// ---- boundary checks shared by the compressors (not re-exported from the package) ----

/** Throws unless `g` is a non-empty Float64Array. */
export function expectGradient(g: unknown): asserts g is Float64Array {
  if (!(g instanceof Float64Array)) {
    throw new TypeError(`g must be a Float64Array, got ${describeValue(g)}`);
  }
  if (g.length < 1) throw new RangeError(`g must have length >= 1, got length 0`);
}

/** Throws unless `rng` is a {@link Random}. */
export function expectRng(rng: unknown): asserts rng is Random {
  if (!(rng instanceof Random)) {
    throw new TypeError(`rng must be a Random (createRandom(seed, stream)), got ${describeValue(rng)}`);
  }
}

/** Returns `out` after checking it is a Float64Array of length d, or a fresh array when absent. */
export function outputArray(out: unknown, d: number): Float64Array {
  if (out === undefined) return new Float64Array(d);
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`out must be a Float64Array, got ${describeValue(out)}`);
  }
  if (out.length !== d) throw new RangeError(`out.length must equal g.length = ${d}, got ${out.length}`);
  return out;
}

/** Throws unless the dimension `d` is an integer >= 1. */
export function expectDimension(d: unknown): asserts d is number {
  expectInteger("d", d, 1);
}

/** Throws unless `bits` is an integer from 1 to 32 (finer grids than 2^32 points are beyond double-precision SR). */
export function expectBitsPerCoordinate(bits: unknown): asserts bits is number {
  expectInteger("bits", bits, 1, 32);
}

/** Throws a TypeError unless `options` is an object. */
export function expectOptions(options: unknown): asserts options is Record<string, unknown> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
}
