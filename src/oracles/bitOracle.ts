import type { BitMessage } from "../numeric/bitStream";
import { createRandom } from "../numeric/random";
import type { Compressor } from "../quantizers/compressor";
import { describeValue, expectInteger } from "../validation";
import { type GradientOracle, expectPoint } from "./quadraticOracle";

/** Options of {@link bitOracle}. */
export interface BitOracleOptions {
  /** The exact oracle whose gradients are compressed (e.g. `quadraticOracle`). */
  oracle: GradientOracle;
  /** Any compressor with `encode` and `decode` (`uniformStochastic`, `qsgd`, `hadamardStochastic`, …). */
  compressor: Compressor;
  /** B, the bit budget per round: an integer ≥ compressor.bits(d) (default compressor.bits(d)). */
  bits?: number;
  /**
   * Seed of the public coin: round t's encoder and decoder each get `createRandom(seed, t)`, t = 1, 2, …
   * Use a seed different from the oracle's noise, so that coin and noise are independent.
   */
  seed: number;
}

/** One round of a {@link BitOracle}: the message that crossed the channel and what the decoder made of it. */
export interface BitRound {
  /** The encoded message: ⌈bits/8⌉ bytes and its measured length in bits (≤ B). */
  message: BitMessage;
  /** ĝ, decoded from `message` and the public coin alone. */
  gradient: Float64Array;
}

/** The oracle returned by {@link bitOracle}. */
export interface BitOracle extends GradientOracle {
  /** B, the bit budget per round. */
  readonly bits: number;
  readonly compressor: Compressor;
  /** The number of rounds answered so far. */
  readonly rounds: number;
  /** One round: the exact oracle's gradient at x, encoded, checked against B, and decoded. */
  query(x: Float64Array, out?: Float64Array): BitRound;
  /** `query(x, out).gradient`: what an optimizer sees. */
  gradient(x: Float64Array, out?: Float64Array): Float64Array;
}

/**
 * Bits a message occupies as measured from its bytes: 8·(bytes − 1) plus the position of the highest
 * set bit of the last byte (least significant bit first), so padding that is not zero counts.
 */
export function occupiedBits(bytes: Uint8Array): number {
  const n = bytes.length;
  if (n === 0) return 0;
  const last = bytes[n - 1];
  return 8 * (n - 1) + (last === 0 ? 0 : 32 - Math.clz32(last));
}

/**
 * Validates an oracle and a compressor for a B-bit channel and returns B (`bits`, default
 * compressor.bits(d)). Shared by `bitOracle` and `quantizedSgd`.
 */
export function channelBudget(oracle: unknown, compressor: unknown, bits: unknown): { d: number; B: number } {
  const o = oracle as GradientOracle;
  if (typeof o !== "object" || o === null || typeof o.gradient !== "function") {
    throw new TypeError(`oracle must have d and gradient(x), got ${describeValue(oracle)}`);
  }
  expectInteger("oracle.d", o.d, 1);
  const c = compressor as Compressor;
  if (typeof c !== "object" || c === null || typeof c.encode !== "function" || typeof c.decode !== "function" || typeof c.bits !== "function") {
    throw new TypeError(`compressor must have bits(d), encode(g, rng) and decode(message, d, rng), got ${describeValue(compressor)}`);
  }
  const d = o.d;
  const declared = c.bits(d);
  const B = bits === undefined ? declared : bits;
  expectInteger("bits", B, 1);
  if (declared > B) {
    throw new RangeError(`bits must be at least the compressor's message length ${c.name}.bits(${d}) = ${declared}, got ${B}`);
  }
  return { d, B };
}

/**
 * Throws a RangeError unless round t's message fits the budget B: length ≤ B, bytes ≤ ⌈B/8⌉ and no
 * bit set beyond its length (measured from the bytes).
 */
export function expectWithinBudget(t: number, name: string, length: number, bytes: Uint8Array, B: number): void {
  const measured = occupiedBits(bytes);
  if (length > B || bytes.length > Math.ceil(B / 8) || measured > length) {
    throw new RangeError(`round ${t}: ${name} sent ${length} bits in ${bytes.length} bytes (bits set up to ${measured}), over the budget B = ${B}`);
  }
}

/**
 * Paper A's B-bit oracle (arXiv:2606.00703; math.md §1.1), built from a stage-1 compressor: at each
 * query x_t the exact oracle's gradient G(x_t) is encoded into a message M_t of at most B bits with the
 * public coin U_t, and the optimizer receives only ĝ_t = decode(M_t, U_t). The message that crosses is
 * the encoded bytes themselves, and every round checks that they fit in B bits:
 *
 *     message.bits ≤ B,   bytes.length ≤ ⌈B/8⌉,   no bit set beyond message.bits.
 *
 * A compressor that broke this would throw a RangeError; none of the library's does (each sends a
 * fixed length compressor.bits(d), so the length itself carries no information, as in the model's
 * M_t ∈ {0, 1}^B).
 *
 * Model: the encoder sees the current gradient and the public coin only, a memoryless encoder in the
 * sense of the product bound (it could also use past messages; these compressors do not). Since x_t is
 * a function of past messages and the coin, the encoder could equally compress the sample
 * X_t = x_t − G(x_t)/μ (the reduction lemma): the bounds of `lowerBounds` apply to any such scheme.
 * An unbiased compressor gives E[ĝ_t | x_t] = ∇f_θ(x_t): SGD then sees the exact gradient plus extra
 * variance, its mean squared error E‖ĝ − g‖² (lessons 4 and 8).
 *
 * Public coin: round t (1, 2, …) uses `createRandom(seed, t)`, one copy for the encoder and a fresh one
 * for the decoder, so the decoder repeats the coin's public draws without a bit being spent.
 *
 * @throws TypeError naming `oracle`, `compressor` or `x` (wrong type); RangeError naming `seed` (not an
 * integer), `bits` (not an integer ≥ 1, or below compressor.bits(d)), or a message longer than B.
 * @example
 * ```ts
 * const exact = quadraticOracle({ theta: new Float64Array(64).fill(1), sigma: 1, rng: createRandom(1) });
 * const oracle = bitOracle({ oracle: exact, compressor: qsgd({ levels: 1 }), seed: 2 });
 * oracle.bits; // 32 + 64·2 = 160 bits per round
 * const { message, gradient } = oracle.query(new Float64Array(64));
 * message.bits; // 160, measured from the encoded bytes (20 bytes)
 * ```
 */
export function bitOracle(options: BitOracleOptions): BitOracle {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { oracle, compressor, seed } = options;
  const { d, B } = channelBudget(oracle, compressor, options.bits);
  expectInteger("seed", seed);
  const g = new Float64Array(d);
  let rounds = 0;
  const query = (x: Float64Array, out?: Float64Array): BitRound => {
    expectPoint("x", x, d);
    if (out !== undefined) expectPoint("out", out, d);
    oracle.gradient(x, g);
    const t = rounds + 1;
    const message = compressor.encode(g, createRandom(seed, t));
    expectWithinBudget(t, compressor.name, message.bits, message.bytes, B);
    const gradient = compressor.decode(message, d, createRandom(seed, t), out);
    rounds = t;
    return { message, gradient };
  };
  return {
    d,
    bits: B,
    compressor,
    get rounds() {
      return rounds;
    },
    query,
    gradient: (x: Float64Array, out?: Float64Array) => query(x, out).gradient,
  };
}
