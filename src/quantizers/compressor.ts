/**
 * The common interface of the gradient compressors of lesson 3 and lesson 8.
 *
 * A compressor turns a d-dimensional gradient g into a message of an exact number of bits B and
 * hands the decoder's estimate ĝ back to the optimizer. The message is real: `encode` writes it as
 * bytes with a `BitWriter` and `decode` rebuilds ĝ from those bytes alone, so every bit count is
 * measured (the writer's count), and `bits(d)` is the declared length the tests hold it to.
 *
 * Randomness. Encoder and decoder share a *public coin*, a seeded {@link Random}: the decoder is
 * handed a generator seeded identically to the encoder's. Each compressor draws from it in two
 * phases, in this order:
 * 1. the **public draws** (the random subset of `randomSubsetStochastic`, the rotation signs of
 *    `hadamardStochastic`; none for the others), which the decoder repeats draw for draw, so they
 *    cost no bits, as in the B-bit oracle of paper A (arXiv:2606.00703);
 * 2. the **encoder's private draws**: one stochastic-rounding dither per sent coordinate. They decide
 *    what the message says, and the decoder never needs them: `decode` consumes exactly the public
 *    draws and leaves the rest of the stream unread.
 * Side information costs its bits (a norm or a range sent as FP32 costs 32 bits each).
 *
 * @packageDocumentation
 */
import type { BitMessage, BitReader, BitWriter } from "../numeric/bitStream";
import { Random } from "../numeric/random";
import { describeValue, expectInteger } from "../validation";

/** What {@link Compressor.compress} returns: the decoder's estimate and the message length in bits. */
export interface CompressResult {
  /** The decoder's estimate ĝ (the `out` array when one was passed). */
  estimate: Float64Array;
  /** The measured length in bits of the message that was encoded and decoded (equals `bits(g.length)`). */
  bits: number;
}

/**
 * A B-bit gradient compressor with a public coin.
 *
 * Implementations: `uniformStochastic`, `randomSubsetStochastic`, `scaledSign`, `qsgd`,
 * `hadamardStochastic`. Each states its bit count and message layout, whether it is unbiased, and its
 * mean squared error E‖ĝ − g‖² (exact, or an upper bound when `mseIsExact` is false).
 *
 * A message cannot carry NaN (a grid index or a level has no NaN code), so every compressor refuses
 * a g with a NaN entry, with a RangeError naming the entry; those whose side information would be
 * infinite (a norm, a scale, a range) refuse ±Infinity too.
 *
 * @example
 * ```ts
 * const c: Compressor = uniformStochastic({ bits: 2, range: 1 });
 * const message = c.encode(new Float64Array([0.3, -0.9]), createRandom(7));
 * message.bits; // 4 = d·b, measured; message.bytes has ⌈4/8⌉ = 1 byte
 * c.decode(message, 2, createRandom(7)); // ĝ, from the bytes and the public coin alone
 * c.compress(new Float64Array([0.3, -0.9]), createRandom(7)).estimate; // the same ĝ
 * ```
 */
export interface Compressor {
  /** A short label naming the scheme and its parameters, for tables and figure legends. */
  readonly name: string;
  /** True when E[ĝ | g] = g (each compressor's TSDoc says on which inputs). */
  readonly unbiased: boolean;
  /** Declared number of bits of the message for a d-dimensional input (public randomness is free). */
  bits(d: number): number;
  /**
   * The message for g: its bytes and exact length in bits. Draws the public coin's draws from `rng`
   * first, then the encoder's private dithers.
   */
  encode(g: Float64Array, rng: Random): BitMessage;
  /**
   * ĝ rebuilt from `message` alone, for dimension d; `rng` must be seeded as the encoder's was (only
   * its public draws are consumed). Writes into `out` when given (a Float64Array of length d).
   */
  decode(message: BitMessage, d: number, rng: Random, out?: Float64Array): Float64Array;
  /**
   * Encode then decode with one coin: the public draws are made once and used by both sides, so the
   * estimate equals `decode(encode(g, rng), d, rng′)` with rng′ a copy of rng as it was at the call,
   * and `bits` is the measured length of that message. Writes ĝ into `out` (allocated if absent;
   * `out` may be g itself).
   */
  compress(g: Float64Array, rng: Random, out?: Float64Array): CompressResult;
  /**
   * `encode` for simulation loops, allocating nothing: empties `writer`, then writes the message of g
   * into it (the same bits, from the same draws, as `encode(g, rng)`); returns its length in bits.
   * Present on every compressor of the library.
   */
  encodeInto?(g: Float64Array, rng: Random, writer: BitWriter): number;
  /**
   * `decode` for simulation loops, allocating nothing: reads the message from `reader` (reset to the
   * message's first bit, with exactly bits(d) bits left) and the public coin, writing ĝ into `out`.
   * Present on every compressor of the library.
   */
  decodeFrom?(reader: BitReader, d: number, rng: Random, out: Float64Array): Float64Array;
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

/**
 * Returns `out` after checking it is a Float64Array of length d, or a fresh array when absent;
 * `length` names d in the message (g.length, or d in a decoder).
 */
export function outputArray(out: unknown, d: number, length = "g.length"): Float64Array {
  if (out === undefined) return new Float64Array(d);
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`out must be a Float64Array, got ${describeValue(out)}`);
  }
  if (out.length !== d) throw new RangeError(`out.length must equal ${length} = ${d}, got ${out.length}`);
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

/**
 * Throws a RangeError naming the first entry of g that a message cannot carry: NaN always, and
 * ±Infinity too unless `allowInfinite` (a compressor that clips). `carrier` says what would have to
 * carry it, for the message.
 */
export function expectSendable(g: Float64Array, allowInfinite: boolean, carrier: string): void {
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    if (v !== v || (!allowInfinite && (v === Infinity || v === -Infinity))) {
      const allowed = allowInfinite ? "must not be NaN" : "must be finite";
      throw new RangeError(`g[${i}] ${allowed} (${carrier}), got ${describeValue(v)}`);
    }
  }
}

/**
 * Throws unless `message` is a {@link BitMessage} of exactly `declaredBits` bits in ⌈bits/8⌉ bytes
 * (every compressor of this folder sends a fixed length for a given d).
 */
export function expectMessage(message: unknown, declaredBits: number): asserts message is BitMessage {
  if (typeof message !== "object" || message === null) {
    throw new TypeError(`message must be an object { bytes, bits }, got ${describeValue(message)}`);
  }
  const { bytes, bits } = message as { bytes: unknown; bits: unknown };
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`message.bytes must be a Uint8Array, got ${describeValue(bytes)}`);
  }
  if (bits !== declaredBits) {
    throw new RangeError(`message.bits must be ${declaredBits} for this compressor and d, got ${describeValue(bits)}`);
  }
  if (bytes.length !== Math.ceil(declaredBits / 8)) {
    throw new RangeError(`message.bytes.length must be ⌈${declaredBits}/8⌉ = ${Math.ceil(declaredBits / 8)}, got ${bytes.length}`);
  }
}

