import { describe, expect, it } from "vitest";
import { createRandom, Random } from "../../../src/numeric/index";

/**
 * How many draws each Random method takes from its stream, checked with a twin generator (same seed) that
 * takes the documented number of 32-bit draws by hand: a method that drew one value too many, or one fresh
 * word per sign, would shift everything that follows in a simulation. Plus the rejection step of
 * `integer(n)` (its absence shows as modulo bias, measured), the zero-word rules of `fromState`, `child`
 * and `copyFrom`.
 */
describe("Random: draws taken from the stream", () => {
  it("fillUniform(out) takes two 32-bit draws per element and no more", () => {
    const rng = createRandom(11);
    const twin = createRandom(11);
    const out = rng.fillUniform(new Float64Array(3));
    for (let i = 0; i < 3; i++) expect(out[i]).toBe(twin.uniform());
    expect(rng.uint32()).toBe(twin.uint32());
  });
  it("fillNormal(out) takes one normal per element and no more (the spare of a pair is used next)", () => {
    const rng = createRandom(12);
    const twin = createRandom(12);
    const out = rng.fillNormal(new Float64Array(3));
    for (let i = 0; i < 3; i++) expect(out[i]).toBe(twin.normal());
    expect(rng.normal()).toBe(twin.normal());
    expect(rng.uint32()).toBe(twin.uint32());
  });
  it("fillSigns(out) takes one 32-bit word per 32 signs, its bits least significant first (1 → +1)", () => {
    const rng = createRandom(13);
    const twin = createRandom(13);
    const signs = rng.fillSigns(new Int8Array(40));
    const words = [twin.uint32(), twin.uint32()];
    const fromBits = Array.from({ length: 40 }, (_, i) => ((words[i >> 5] >>> (i & 31)) & 1 ? 1 : -1));
    expect(Array.from(signs)).toEqual(fromBits);
    expect(rng.uint32()).toBe(twin.uint32());
  });
  it("fillSigns of exactly 32 signs takes one word, not a second one past the end", () => {
    const rng = createRandom(18);
    const twin = createRandom(18);
    rng.fillSigns(new Float64Array(32));
    twin.uint32();
    expect(rng.uint32()).toBe(twin.uint32());
  });
  it("two normals take one pair of uniforms (four 32-bit words): the second is the pair's cached spare", () => {
    const rng = createRandom(19);
    const twin = createRandom(19);
    rng.normal();
    rng.normal();
    for (let i = 0; i < 4; i++) twin.uint32();
    expect(rng.uint32()).toBe(twin.uint32());
  });
  it("subset(d, k) takes exactly k draws of integer(d − i), i = 0 .. k − 1, and works for k = d", () => {
    const rng = createRandom(14);
    const twin = createRandom(14);
    rng.subset(10, 3);
    for (let i = 0; i < 3; i++) twin.integer(10 - i);
    expect(rng.uint32()).toBe(twin.uint32());
    expect(Array.from(createRandom(1).subset(5, 5))).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("Random.integer(n) rejects the top of the 32-bit range (no modulo bias)", () => {
  it("integer(3·2^30) falls below 2^30 with probability 1/3, not the 1/2 of x mod n (4000 draws, 6 standard errors)", () => {
    // x mod n without rejection: x ∈ [0, 2^30) and x ∈ [n, 2^32) both land below 2^30, probability 1/2
    const n = 3 * 2 ** 30;
    const rng = createRandom(15);
    const draws = 4000;
    let low = 0;
    for (let i = 0; i < draws; i++) if (rng.integer(n) < 2 ** 30) low++;
    const se = Math.sqrt((1 / 3) * (2 / 3) / draws); // ≈ 0.0075
    expect(Math.abs(low / draws - 1 / 3)).toBeLessThanOrEqual(6 * se);
  });
});

describe("Random: explicit states, streams and copies", () => {
  it("fromState accepts zero words as long as one is not zero, and refuses the all-zero state by name", () => {
    const r = Random.fromState([0, 0, 0, 1]);
    // xoshiro128**: the output is rotl(s1·5, 7)·9, and s1 = 0 for the first word
    expect(r.uint32()).toBe(0);
    expect(() => Random.fromState([0, 0, 0, 0])).toThrow(/^state must not be all zero/);
  });
  it("child(i) is stream i of the same seed", () => {
    const parent = createRandom(16, 3);
    const child = parent.child(5);
    const direct = createRandom(16, 5);
    expect(child.stream).toBe(5);
    for (let i = 0; i < 4; i++) expect(child.uint32()).toBe(direct.uint32());
  });
  it("copyFrom(other) continues exactly as other does, spare normal included", () => {
    const other = createRandom(17);
    other.normal(); // leaves the pair's second value as the spare
    const copy = createRandom(99).copyFrom(other);
    expect(copy.normal()).toBe(other.normal());
    for (let i = 0; i < 4; i++) expect(copy.uint32()).toBe(other.uint32());
  });
  it("subset names d when it refuses it", () => {
    expect(() => createRandom(1).subset(0, 0)).toThrow(/^d must/);
  });
});
