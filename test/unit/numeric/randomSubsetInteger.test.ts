// Random.integer's rejection limit and Random.subset's sparse shuffle, each against a reference written
// here from its definition and fed the same 32-bit words by a twin generator (same seed).
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/random";
import type { Random } from "../../../src/numeric/random";

/** integer(n) from the definition: reject x ≥ 2^32 − (2^32 mod n), computed exactly with BigInt. */
function referenceInteger(twin: Random, n: number): number {
  const limit = Number(2n ** 32n - (2n ** 32n % BigInt(n)));
  let x = twin.uint32();
  while (x >= limit) x = twin.uint32();
  return x % n;
}

/** The dense partial Fisher–Yates over an explicit array 0 … d − 1, its first k entries sorted. */
function referenceSubset(twin: Random, d: number, k: number): number[] {
  const perm = Array.from({ length: d }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + referenceInteger(twin, d - i);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm.slice(0, k).sort((a, b) => a - b);
}

describe("Random.integer(n): the rejection limit", () => {
  it("matches the BigInt definition for n near divisors of 2^32 ± 1, powers of two and the ends", () => {
    // 641 and 6700417 divide 2^32 + 1 (r = n − 1, the quotient closest to rounding up); 3, 5, 17, 257,
    // 65537 divide 2^32 − 1; 3·2^30 rejects a quarter of the words
    const ns = [1, 2, 3, 5, 7, 17, 257, 641, 65537, 6700417, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3 * 2 ** 30, 2 ** 32 - 1, 2 ** 32];
    const rng = createRandom(31);
    const twin = createRandom(31);
    for (const n of ns) for (let i = 0; i < 200; i++) expect(rng.integer(n)).toBe(referenceInteger(twin, n));
    expect(rng.uint32()).toBe(twin.uint32());
  });
  it("matches it for 20,000 n drawn across [1, 2^32]", () => {
    const pick = createRandom(32);
    const rng = createRandom(33);
    const twin = createRandom(33);
    for (let i = 0; i < 20_000; i++) {
      const n = 1 + pick.integer(2 ** 32);
      expect(rng.integer(n)).toBe(referenceInteger(twin, n));
    }
  });
});

describe("Random.subset(d, k): dense and sparse shuffles give the dense reference's subset", () => {
  it("for d ≤ 4k (dense) and d > 4k (sparse), with the same draws", () => {
    const cases: [number, number][] = [[1, 1], [5, 5], [10, 3], [40, 10], [41, 10], [1000, 7], [1000, 250], [1000, 249], [5000, 60]];
    for (const [d, k] of cases) {
      for (let seed = 0; seed < 20; seed++) {
        const rng = createRandom(seed, d);
        const twin = createRandom(seed, d);
        expect(Array.from(rng.subset(d, k))).toEqual(referenceSubset(twin, d, k));
        expect(rng.uint32()).toBe(twin.uint32());
      }
    }
  });
  it("works for d = 2^31 in O(k) memory (k distinct sorted indices below d) and names d above 2^31", () => {
    const s = createRandom(34).subset(2 ** 31, 1000);
    expect(s.length).toBe(1000);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s[0]).toBeGreaterThanOrEqual(0);
    expect(s[999]).toBeLessThan(2 ** 31);
    expect(() => createRandom(1).subset(2 ** 40, 3)).toThrow(/^d must be at most 2\^31.*got 1099511627776/);
  });
  it("the sparse shuffle is uniform: each index of d = 200 included with probability k/d = 0.05 (5 s.e.)", () => {
    const r = createRandom(35);
    const d = 200;
    const k = 10;
    const trials = 20_000;
    const hits = new Array(d).fill(0);
    for (let t = 0; t < trials; t++) for (const i of r.subset(d, k)) hits[i]++;
    const p = k / d;
    const se = Math.sqrt((p * (1 - p)) / trials);
    for (const h of hits) expect(Math.abs(h / trials - p)).toBeLessThan(5 * se);
  });
});

describe("Random.sameState(other)", () => {
  it("is true exactly when both continue alike: copies, after equal draws, and not after one more draw or a cached normal", () => {
    const a = createRandom(60);
    const b = createRandom(60);
    expect(a.sameState(b)).toBe(true);
    a.uint32();
    expect(a.sameState(b)).toBe(false);
    b.uint32();
    expect(a.sameState(b)).toBe(true);
    a.normal(); // leaves a cached second normal
    const c = createRandom(1).copyFrom(a);
    expect(c.sameState(a)).toBe(true);
    b.uniform();
    b.uniform(); // the same four words as one Box–Muller pair, but no cached normal
    expect(b.sameState(a)).toBe(false);
    expect(createRandom(60).sameState(createRandom(60, 1))).toBe(false);
  });
});

