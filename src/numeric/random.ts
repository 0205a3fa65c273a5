import { describeValue, expectInteger, expectNumber } from "../validation";

/** 2^63 and 2^64: seeds are the integers in [−2^63, 2^63), streams those in [0, 2^64). */
const TWO_POW_63 = 9223372036854775808;
const TWO_POW_64 = 18446744073709551616;

/**
 * Throws unless `value` is an integer in [min, 2^63) or [min, 2^64): the numbers whose 64-bit two's
 * complement (or unsigned) pattern the seeding hashes, one pattern per number.
 */
function expectWord64(name: string, value: unknown, min: number, limit: number, what: string): asserts value is number {
  expectNumber(name, value);
  if (!Number.isInteger(value) || value < min || value >= limit) {
    throw new RangeError(`${name} must be ${what}, got ${describeValue(value)}`);
  }
}

/**
 * A seeded pseudo-random generator with independent streams.
 *
 * The core is xoshiro128** (Blackman and Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47(4), 2021), a 128-bit-state generator with 32-bit output, seeded by the
 * murmur3-finalizer hash of `(seed, stream)` so that different seeds and streams start from unrelated states.
 * One stream per Monte Carlo trial keeps results independent of scheduling: trial `i` always draws
 * from `createRandom(seed, i)`.
 *
 * The library never calls `Math.random`; every random function takes a `Random` (or its
 * `uniform` method) as an argument, so a notebook prints the same numbers on every run.
 *
 * @example
 * ```ts
 * const rng = createRandom(42);
 * rng.uniform(); // a number in [0, 1), the same on every run
 * const trial7 = createRandom(42, 7); // an independent stream
 * ```
 */
export class Random {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spareNormal = NaN;

  /** The seed this generator was created with. */
  readonly seed: number;
  /** The stream index this generator was created with. */
  readonly stream: number;

  /**
   * @param seed - an integer n with −2^63 ≤ n < 2^63 (every safe integer, and the larger integers a
   *   number can hold below 2^63 in magnitude, such as 2^60); each has its own hash input
   * @param stream - an integer with 0 ≤ stream < 2^64 selecting an independent stream
   */
  constructor(seed: number, stream = 0) {
    expectWord64("seed", seed, -TWO_POW_63, TWO_POW_63, "an integer n with -2^63 <= n < 2^63 (a signed 64-bit integer)");
    expectWord64("stream", stream, 0, TWO_POW_64, "an integer n with 0 <= n < 2^64 (an unsigned 64-bit integer)");
    this.seed = seed;
    this.stream = stream;
    // Each state word hashes all four input words through a chain of murmur3 finalizers (each a
    // bijection of 32 bits), with a different constant per word, so that nearby seeds and streams give
    // unrelated states (a plain sum of the inputs would make (seed, stream + 1) equal (seed + 1, stream)).
    // The words are the low and high 32 bits of the 64-bit two's complement of seed and stream: | 0
    // reduces modulo 2^32 exactly, and seed/2^32 is exact (a power-of-two scaling), so every integer
    // of the allowed ranges has its own pair of words, safe or not.
    const words = [seed | 0, Math.floor(seed / 4294967296) | 0, stream | 0, Math.floor(stream / 4294967296) | 0];
    const state = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++) {
      let h = fmix32(Math.imul(i + 1, 0x9e3779b9));
      for (const w of words) h = fmix32((h ^ w) + 0x7f4a7c15);
      state[i] = h;
    }
    // Stored as signed 32-bit words (| 0), as uint32() keeps them: a field that held both a word ≥ 2^31 (a
    // double) and int32 values would be boxed on every write, which made each draw several times slower.
    [this.s0, this.s1, this.s2, this.s3] = state.map((w) => w | 0);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
    for (let i = 0; i < 8; i++) this.uint32(); // let the first outputs forget the hash structure
  }

  /**
   * A generator started from an explicit xoshiro128** state (four 32-bit words, not all zero), with no
   * seeding or warm-up: for comparing with the published reference implementation.
   */
  static fromState(state: readonly [number, number, number, number]): Random {
    const r = new Random(0);
    if (state.every((w) => (w >>> 0) === 0)) throw new RangeError("state must not be all zero (a fixed point of xoshiro128**)");
    [r.s0, r.s1, r.s2, r.s3] = state.map((w) => w | 0);
    return r;
  }

  /** The next 32-bit unsigned integer, uniform on [0, 2^32). */
  uint32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /**
   * A uniform number in [0, 1) with 53 random bits. Bound to its generator, so it can be passed
   * on as a plain function (`{ random: rng.uniform }`).
   */
  readonly uniform = (): number => {
    const a = this.uint32() >>> 5; // 27 bits
    const b = this.uint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  };

  /** A standard normal deviate (Box–Muller, the second value of each pair cached). */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /**
   * A uniform integer in [0, n), n an integer from 1 to 2^32, without modulo bias: 32-bit draws x are
   * rejected while x ≥ n·⌊2^32/n⌋ (the largest multiple of n not above 2^32), then x mod n is returned (all arithmetic exact in binary64).
   */
  integer(n: number): number {
    expectInteger("n", n, 1, 4294967296);
    // n·⌊2^32/n⌋ = 2^32 − (2^32 mod n): with 2^32 = qn + r, 2^32/n = q + r/n rounds below q + 1, since
    // 1 − r/n ≥ 1/n > (q + 1)·2^−53 (half an ulp of q + 1 at most) as n(q + 1) ≤ 2^33; and a division is far
    // cheaper than the floating-point remainder of 2^32 (which is not a 32-bit integer).
    const limit = Math.floor(4294967296 / n) * n;
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    // x mod n by a division: ⌊x/n⌋ is exact by the same argument (n(⌊x/n⌋ + 1) ≤ x + n < 2^33); the
    // correction for a quotient rounded up is a guard that never fires
    const r = x - Math.floor(x / n) * n;
    return r < 0 ? r + n : r;
  }

  /**
   * Writes the next `count` outputs of {@link uint32} into out[0 … count − 1] (default all of `out`) and
   * returns `out`: the same numbers, in the same order, and the generator left in the same state as
   * `count` calls of `uint32()`. For inner loops: the state stays in local variables for the whole
   * batch (about ten times faster per draw than separate calls in Node 20).
   *
   * @throws TypeError unless `out` is a Uint32Array; RangeError naming `count` unless it is an integer
   *   from 0 to out.length.
   */
  fillUint32(out: Uint32Array, count: number = out.length): Uint32Array {
    if (!(out instanceof Uint32Array)) throw new TypeError(`out must be a Uint32Array, got ${describeValue(out)}`);
    expectInteger("count", count, 0, out.length);
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < count; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl(s3, 11);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /** Fills `out` with independent uniforms on [0, 1) and returns it. */
  fillUniform<T extends Float64Array | Float32Array>(out: T): T {
    for (let i = 0; i < out.length; i++) out[i] = this.uniform();
    return out;
  }

  /** Fills `out` with independent standard normal deviates and returns it. */
  fillNormal<T extends Float64Array | Float32Array>(out: T): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /** Fills `out` with independent random signs ±1 (Rademacher) and returns it. */
  fillSigns<T extends Float64Array | Float32Array | Int8Array>(out: T): T {
    let bits = 0;
    for (let i = 0; i < out.length; i++) {
      if ((i & 31) === 0) bits = this.uint32();
      out[i] = bits & 1 ? 1 : -1;
      bits >>>= 1;
    }
    return out;
  }

  /**
   * A uniformly random subset of `k` distinct indices from `0 .. d−1`, in increasing order: a partial
   * Fisher–Yates shuffle (k draws `integer(d − i)`, i = 0 … k − 1, swapping position i with i + draw),
   * then a sort. Memory O(k), not O(d): for d > 4k the permutation is kept sparse (only the displaced
   * positions, in a map), with the same draws and the same subset as the dense shuffle. d is at most
   * 2^31, so that every index fits the Int32Array returned.
   *
   * @throws RangeError naming `d` (not an integer from 1 to 2^31) or `k` (not an integer from 0 to d).
   */
  subset(d: number, k: number): Int32Array {
    expectInteger("d", d, 1);
    expectInteger("k", k, 0, d);
    if (d > 2147483648) throw new RangeError(`d must be at most 2^31 (the indices are returned in an Int32Array), got ${describeValue(d)}`);
    const out = new Float64Array(k);
    if (d <= 4 * k) {
      const perm = new Float64Array(d);
      for (let i = 0; i < d; i++) perm[i] = i;
      for (let i = 0; i < k; i++) {
        const j = i + this.integer(d - i);
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      out.set(perm.subarray(0, k));
    } else {
      const moved = new Map<number, number>(); // position → value, for positions whose value is not their index
      for (let i = 0; i < k; i++) {
        const j = i + this.integer(d - i);
        const vi = moved.get(i) ?? i;
        const vj = moved.get(j) ?? j;
        out[i] = vj;
        moved.set(j, vi); // position i is never read again
      }
    }
    out.sort();
    return Int32Array.from(out);
  }

  /**
   * Writes the four xoshiro128** state words (as signed 32-bit integers) into into[0 … 3] and returns `into`.
   * With {@link loadState}, lets an inner loop run the generator's step on local variables (as
   * {@link fillUint32} does) and hand the state back before calling any method: `fillZigguratNormal`.
   * The cached Box–Muller normal is not part of it. Allocates nothing.
   *
   * @throws TypeError unless `into` is an Int32Array of length at least 4.
   */
  saveState(into: Int32Array): Int32Array {
    if (!(into instanceof Int32Array) || into.length < 4) throw new TypeError(`into must be an Int32Array of length >= 4, got ${describeValue(into)}`);
    into[0] = this.s0;
    into[1] = this.s1;
    into[2] = this.s2;
    into[3] = this.s3;
    return into;
  }

  /**
   * Sets the four xoshiro128** state words from from[0 … 3] (as written by {@link saveState}) and returns
   * this generator; the cached Box–Muller normal is left as it is. Allocates nothing.
   *
   * @throws TypeError unless `from` is an Int32Array of length at least 4; RangeError when the four words
   *   are all zero (a fixed point of xoshiro128**).
   */
  loadState(from: Int32Array): this {
    if (!(from instanceof Int32Array) || from.length < 4) throw new TypeError(`from must be an Int32Array of length >= 4, got ${describeValue(from)}`);
    if ((from[0] | from[1] | from[2] | from[3]) === 0) throw new RangeError("from must not hold the all-zero state (a fixed point of xoshiro128**)");
    this.s0 = from[0];
    this.s1 = from[1];
    this.s2 = from[2];
    this.s3 = from[3];
    return this;
  }

  /**
   * Makes this generator continue exactly as `other` would from now on (copies its state, allocating
   * nothing): how a decoder repeats an encoder's public draws round after round in a simulation loop.
   */
  copyFrom(other: Random): this {
    this.s0 = other.s0;
    this.s1 = other.s1;
    this.s2 = other.s2;
    this.s3 = other.s3;
    this.spareNormal = other.spareNormal;
    return this;
  }

  /**
   * Whether this generator is in the same state as `other` (the same four state words and the same cached
   * normal), so that both will return the same values from now on. O(1), allocates nothing: lets a
   * simulation recognise that a decoder's copy of a public coin is about to repeat draws already made.
   */
  sameState(other: Random): boolean {
    return (
      this.s0 === other.s0 &&
      this.s1 === other.s1 &&
      this.s2 === other.s2 &&
      this.s3 === other.s3 &&
      Object.is(this.spareNormal, other.spareNormal)
    );
  }

  /** An independent generator for stream `index` of this generator's seed. */
  child(index: number): Random {
    return new Random(this.seed, index);
  }
}

/** The murmur3 32-bit finalizer: a bijection of 32-bit words with good avalanche. */
function fmix32(x: number): number {
  let z = x | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Creates a seeded generator; `createRandom(seed, i)` is the `i`-th independent stream.
 *
 * Seeds are integers n with −2^63 ≤ n < 2^63 (a safe integer, or a larger one such as 2^60: the
 * generator hashes the seed's 64-bit two's complement, so every seed has its own hash input, none
 * aliases another, and the same seed always gives the same stream); streams are integers with
 * 0 ≤ stream < 2^64. Larger integers are refused rather than reduced (2^64 would alias 0).
 *
 * @throws TypeError for a seed or stream that is not a number; RangeError for one that is not an
 * integer or lies outside its range (the message states the range).
 * @example
 * ```ts
 * const rng = createRandom(2026);
 * const g = rng.fillNormal(new Float64Array(1024));
 * createRandom(2 ** 60).uniform(); // a large seed works too, the same number on every run
 * ```
 */
export function createRandom(seed: number, stream = 0): Random {
  return new Random(seed, stream);
}
