import { describe, expect, it } from "vitest";
import { createRandom, Random } from "../../../src/numeric/random";

/** xoshiro128** written independently with BigInt arithmetic, from the published algorithm. */
function referenceXoshiro128ss(state: bigint[], count: number): number[] {
  const M = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const s = state.map((w) => w & M);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1] * 5n) & M, 7n) * 9n) & M));
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
  }
  return out;
}

/**
 * The seeding written independently with BigInt: the 64-bit two's complement of seed and stream split
 * into 32-bit words (BigInt.asUintN, exact for any integer), each state word a chain of murmur3
 * finalizers over the four words, 8 outputs discarded; then uniform() = (a >>> 5, b >>> 6) as 53 bits.
 */
function referenceUniforms(seed: number, stream: number, count: number): number[] {
  const M = 0xffffffffn;
  const fmix = (x: bigint) => {
    let z = x & M;
    z = ((z ^ (z >> 16n)) * 0x85ebca6bn) & M;
    z = ((z ^ (z >> 13n)) * 0xc2b2ae35n) & M;
    return (z ^ (z >> 16n)) & M;
  };
  const s64 = BigInt.asUintN(64, BigInt(seed));
  const t64 = BigInt.asUintN(64, BigInt(stream));
  const words = [s64 & M, s64 >> 32n, t64 & M, t64 >> 32n];
  const state = [0, 1, 2, 3].map((i) => {
    let h = fmix((BigInt(i + 1) * 0x9e3779b9n) & M);
    for (const w of words) h = fmix(((h ^ w) + 0x7f4a7c15n) & M);
    return h;
  });
  const raw = referenceXoshiro128ss(state, 8 + 2 * count).slice(8);
  return Array.from({ length: count }, (_, k) => ((raw[2 * k] >>> 5) * 67108864 + (raw[2 * k + 1] >>> 6)) / 2 ** 53);
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return sab / Math.sqrt(saa * sbb);
}

describe("Random (xoshiro128**)", () => {
  it("uint32 matches an independent BigInt implementation of xoshiro128** from state (1, 2, 3, 4)", () => {
    const r = Random.fromState([1, 2, 3, 4]);
    const got = Array.from({ length: 1000 }, () => r.uint32());
    const want = referenceXoshiro128ss([1n, 2n, 3n, 4n], 1000);
    expect(got.slice(0, 2)).toEqual([11520, 0]); // worked by hand: rotl(2·5, 7)·9 = 11520, then s1 = 0
    expect(got).toEqual(want);
  });

  it("gives the same sequence for the same seed and stream", () => {
    const a = createRandom(42, 3);
    const b = createRandom(42, 3);
    for (let i = 0; i < 100; i++) expect(a.uniform()).toBe(b.uniform());
  });

  it("makes nearby seeds and streams unrelated: no shared or shifted sequences, correlation within noise", () => {
    const n = 20_000;
    const pairs: [Random, Random][] = [
      [createRandom(9, 1), createRandom(8, 0)],
      [createRandom(0, 1), createRandom(1, 0)],
      [createRandom(7, 0), createRandom(7, 1)],
      [createRandom(7, 0), createRandom(8, 0)],
    ];
    for (const [a, b] of pairs) {
      const xa = a.fillUniform(new Float64Array(n));
      const xb = b.fillUniform(new Float64Array(n));
      expect(Math.abs(correlation(xa, xb))).toBeLessThan(5 / Math.sqrt(n));
      const head = new Set(Array.from(xb.subarray(0, 1000)));
      expect(Array.from(xa.subarray(0, 1000)).filter((v) => head.has(v))).toEqual([]);
    }
  });

  it("uniform lies in [0, 1) with mean 1/2 and variance 1/12 (Monte Carlo, 5 standard errors)", () => {
    const n = 200_000;
    const x = createRandom(1).fillUniform(new Float64Array(n));
    let m = 0, v = 0, min = 1, max = 0;
    for (const u of x) { m += u; min = Math.min(min, u); max = Math.max(max, u); }
    m /= n;
    for (const u of x) v += (u - m) ** 2;
    v /= n - 1;
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(Math.abs(m - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(v - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n)); // Var of (U − 1/2)² is 1/180
  });

  it("normal has mean 0, variance 1 and the normal fourth moment 3 (Monte Carlo)", () => {
    const n = 200_000;
    const z = createRandom(2).fillNormal(new Float64Array(n));
    let m = 0, m2 = 0, m4 = 0;
    for (const x of z) { m += x; m2 += x * x; m4 += x ** 4; }
    m /= n; m2 /= n; m4 /= n;
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m2 - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m4 - 3)).toBeLessThan(5 * Math.sqrt(96 / n)); // Var(Z⁴) = 105 − 9
  });

  it("integer(n) is uniform on 0..n−1 (chi-square, 9 degrees of freedom, below the 0.999 quantile 27.9)", () => {
    const r = createRandom(3);
    const counts = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[r.integer(10)]++;
    const chi2 = counts.reduce((s, c) => s + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9);
  });

  it("subset(d, k) returns k distinct sorted indices, each included with probability k/d", () => {
    const r = createRandom(4);
    const d = 20, k = 5, trials = 20_000;
    const hits = new Array(d).fill(0);
    for (let t = 0; t < trials; t++) {
      const s = r.subset(d, k);
      expect(s.length).toBe(k);
      for (let i = 1; i < k; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
      for (const i of s) hits[i]++;
    }
    const p = k / d;
    for (const h of hits) expect(Math.abs(h / trials - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / trials));
  });

  it("fillSigns gives ±1 with equal probability", () => {
    const s = createRandom(5).fillSigns(new Float64Array(100_000));
    let sum = 0;
    for (const x of s) { expect(Math.abs(x)).toBe(1); sum += x; }
    expect(Math.abs(sum)).toBeLessThan(5 * Math.sqrt(s.length));
  });

  it("seeds from the 64-bit two's complement of seed and stream: safe and larger integers (BigInt reference)", () => {
    const seeds = [0, 1, -1, 42, 2 ** 53 - 1, -(2 ** 53) + 1, 2 ** 53, 2 ** 60, 2 ** 60 + 256, -(2 ** 60), 2 ** 62, -(2 ** 63), 2 ** 63 - 1024];
    const firsts = new Set<number>();
    for (const seed of seeds) {
      for (const stream of [0, 7, 2 ** 40, 2 ** 63, 2 ** 64 - 2048]) {
        const r = createRandom(seed, stream);
        const got = [r.uniform(), r.uniform(), r.uniform()];
        expect({ seed, stream, got }).toEqual({ seed, stream, got: referenceUniforms(seed, stream, 3) });
        firsts.add(got[0]);
      }
    }
    expect(firsts.size).toBe(seeds.length * 5); // no two (seed, stream) pairs alias
    // the same large seed gives the same stream on every call
    expect(createRandom(2 ** 60).uniform()).toBe(createRandom(2 ** 60).uniform());
  });

  it("rejects a non-integer seed, a negative stream, a bad n and a bad subset size, naming the parameter", () => {
    expect(() => createRandom(2 ** 63)).toThrow(RangeError);
    expect(() => createRandom(2 ** 63)).toThrow(/^seed must be an integer n with -2\^63 <= n < 2\^63 \(a signed 64-bit integer\), got 9223372036854776000$/);
    expect(() => createRandom(-(2 ** 64))).toThrow(/^seed must be an integer n with -2\^63 <= n < 2\^63/);
    expect(() => createRandom(NaN)).toThrow(/^seed must be an integer/);
    expect(() => createRandom(Infinity)).toThrow(RangeError);
    expect(() => createRandom("1" as unknown as number)).toThrow(TypeError);
    expect(() => createRandom(1, 2 ** 64)).toThrow(/^stream must be an integer n with 0 <= n < 2\^64 \(an unsigned 64-bit integer\), got 18446744073709552000$/);
    expect(() => createRandom(1, 0.5)).toThrow(/^stream must be/);
    expect(() => createRandom(1.5)).toThrow(/seed/);
    expect(() => createRandom(1, -1)).toThrow(/stream/);
    expect(() => createRandom(1).integer(0)).toThrow(/n must be/);
    expect(() => createRandom(1).subset(3, 4)).toThrow(/k must be/);
    expect(() => Random.fromState([0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe("Random.fillUint32", () => {
  it("writes the BigInt reference's outputs from state (1, 2, 3, 4), high bits included", () => {
    const got = Random.fromState([1, 2, 3, 4]).fillUint32(new Uint32Array(1000));
    expect(Array.from(got)).toEqual(referenceXoshiro128ss([1n, 2n, 3n, 4n], 1000));
    expect(got.some((u) => u >= 2 ** 31)).toBe(true);
  });

  it("gives what the same number of uint32() calls gives and leaves the generator in the same state, for ragged counts", () => {
    for (const count of [0, 1, 2, 7, 31, 32, 33, 1000]) {
      const batch = createRandom(11, 3);
      const single = createRandom(11, 3);
      batch.uint32(); // a state already moved on
      single.uint32();
      const out = new Uint32Array(count + 5).fill(12345);
      expect(batch.fillUint32(out, count)).toBe(out);
      for (let i = 0; i < count; i++) expect(out[i]).toBe(single.uint32());
      for (let i = count; i < count + 5; i++) expect(out[i]).toBe(12345); // nothing written past count
      expect(batch.sameState(single)).toBe(true);
      expect(batch.uint32()).toBe(single.uint32());
      expect(batch.uniform()).toBe(single.uniform());
    }
  });

  it("keeps the cached normal of Box–Muller (only the four state words move)", () => {
    const a = createRandom(5);
    const b = createRandom(5);
    a.normal();
    b.normal();
    a.fillUint32(new Uint32Array(4));
    for (let i = 0; i < 4; i++) b.uint32();
    expect(a.normal()).toBe(b.normal()); // the spare of the first pair, on both
    expect(a.sameState(b)).toBe(true);
  });

  it("refuses a non-Uint32Array out and a count outside 0 … out.length", () => {
    const r = createRandom(1);
    expect(() => r.fillUint32(new Int32Array(4) as unknown as Uint32Array)).toThrow(/out must be a Uint32Array, got/);
    expect(() => r.fillUint32(new Uint32Array(4), 5)).toThrow(RangeError);
    expect(() => r.fillUint32(new Uint32Array(4), 5)).toThrow(/count/);
    expect(() => r.fillUint32(new Uint32Array(4), -1)).toThrow(/count/);
    expect(() => r.fillUint32(new Uint32Array(4), 1.5)).toThrow(/count/);
    expect(() => r.fillUint32(new Uint32Array(4), NaN)).toThrow(/count/);
  });
});
