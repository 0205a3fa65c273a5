/**
 * A {@link Compressor} assembled from its message scheme: the one place where encode, decode and
 * compress are wired to the bit stream and the public coin, so that every compressor validates,
 * draws and measures the same way.
 *
 * @packageDocumentation
 */
import { type BitMessage, BitReader, BitWriter } from "../numeric/bitStream";
import type { Random } from "../numeric/random";
import {
  type CompressResult,
  type Compressor,
  expectDimension,
  expectGradient,
  expectMessage,
  expectRng,
  expectSendable,
  outputArray,
} from "./compressor";

/**
 * What a compressor defines; {@link messageCompressor} does the rest. `P` is the public draws'
 * result (a subset, rotation signs; `undefined` for compressors without public draws).
 */
export interface MessageScheme<P> {
  readonly name: string;
  readonly unbiased: boolean;
  readonly mseIsExact: boolean;
  /** Whether ±Infinity in g can be sent (clipped); NaN never can. */
  readonly allowInfinite: boolean;
  /** What would have to carry a refused entry, for the error message. */
  readonly carrier: string;
  /** The declared message length for dimension d (validated ≥ 1); throws for a d the scheme refuses. */
  declaredBits(d: number): number;
  /** The public draws for dimension d; the decoder repeats them. */
  drawPublic(d: number, rng: Random): P;
  /** Writes the message of g (validated) after the public draws; draws the private dithers from `rng`. */
  encode(g: Float64Array, pub: P, rng: Random, writer: BitWriter): void;
  /** Reads a message of the declared length and writes ĝ into `est` (length d). */
  decode(reader: BitReader, pub: P, est: Float64Array): void;
  /** E‖ĝ − g‖² for a validated g. */
  meanSquaredError(g: Float64Array): number;
}

/** The compressor, and its encode-then-decode step with the public draws given (for variants that fix them). */
export interface AssembledCompressor<P> {
  compressor: Compressor;
  /** Encode then decode g with the public draws `pub`, ĝ into `est` (all already validated). */
  compressWithPublic(g: Float64Array, pub: P, rng: Random, est: Float64Array): CompressResult;
}

/**
 * Builds a {@link Compressor} from a {@link MessageScheme}:
 * - `bits(d)` is the scheme's declared length;
 * - `encode(g, rng)` checks g (a Float64Array whose entries the message can carry), makes the public
 *   draws, then the scheme writes the message (its dithers drawn after the public draws), returned
 *   as a copy with the writer's measured length;
 * - `decode(message, d, rng, out)` checks the message has the declared length, repeats the public
 *   draws, and the scheme reads ĝ from the bytes alone;
 * - `compress(g, rng, out)` makes the public draws once and runs the scheme's encoder then its
 *   decoder on the writer's bytes; `bits` is the measured length.
 * One writer per compressor is reused across calls (compress allocates nothing but the estimate when
 * no `out` is given).
 */
export function messageCompressor<P>(scheme: MessageScheme<P>): AssembledCompressor<P> {
  const writer = new BitWriter();

  const compressWithPublic = (g: Float64Array, pub: P, rng: Random, est: Float64Array): CompressResult => {
    writer.reset();
    scheme.encode(g, pub, rng, writer);
    const bits = writer.bitLength;
    scheme.decode(new BitReader(writer.view(), bits), pub, est);
    return { estimate: est, bits };
  };

  const expectInput = (g: unknown): void => {
    expectGradient(g);
    scheme.declaredBits(g.length);
    expectSendable(g, scheme.allowInfinite, scheme.carrier);
  };

  const compressor: Compressor = {
    name: scheme.name,
    unbiased: scheme.unbiased,
    mseIsExact: scheme.mseIsExact,
    bits(d: number): number {
      expectDimension(d);
      return scheme.declaredBits(d);
    },
    encode(g: Float64Array, rng: Random): BitMessage {
      expectInput(g);
      expectRng(rng);
      const pub = scheme.drawPublic(g.length, rng);
      writer.reset();
      scheme.encode(g, pub, rng, writer);
      return writer.finish();
    },
    decode(message: BitMessage, d: number, rng: Random, out?: Float64Array): Float64Array {
      expectDimension(d);
      expectRng(rng);
      expectMessage(message, scheme.declaredBits(d));
      const est = outputArray(out, d, "d");
      scheme.decode(new BitReader(message.bytes, message.bits), scheme.drawPublic(d, rng), est);
      return est;
    },
    encodeInto(g: Float64Array, rng: Random, into: BitWriter): number {
      expectInput(g);
      expectRng(rng);
      const pub = scheme.drawPublic(g.length, rng);
      into.reset();
      scheme.encode(g, pub, rng, into);
      return into.bitLength;
    },
    decodeFrom(reader: BitReader, d: number, rng: Random, out: Float64Array): Float64Array {
      expectDimension(d);
      expectRng(rng);
      const declared = scheme.declaredBits(d);
      if (reader.bitPosition !== 0 || reader.bitsLeft !== declared) {
        throw new RangeError(
          `reader must hold one unread message of ${declared} bits for this compressor and d, got ${reader.bitsLeft} bits left at bit ${reader.bitPosition}`,
        );
      }
      const est = outputArray(out, d, "d");
      scheme.decode(reader, scheme.drawPublic(d, rng), est);
      return est;
    },
    compress(g: Float64Array, rng: Random, out?: Float64Array): CompressResult {
      expectInput(g);
      expectRng(rng);
      const est = outputArray(out, g.length);
      return compressWithPublic(g, scheme.drawPublic(g.length, rng), rng, est);
    },
    meanSquaredError(g: Float64Array): number {
      expectInput(g);
      return scheme.meanSquaredError(g);
    },
  };
  return { compressor, compressWithPublic };
}
