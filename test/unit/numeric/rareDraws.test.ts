import { describe, expect, it } from "vitest";
import { Random } from "../../../src/numeric/random";
import { fillGaussianWithOutliers, fillLaplace } from "../../../src/numeric/samplers";
import { stateWithOutputs } from "./xoshiroStates";

/**
 * Draws a seed reaches with probability 2^−32 to 2^−53: a uniform exactly 0 (which a logarithm cannot take),
 * a uniform exactly ½, and a 32-bit draw equal to integer(n)'s rejection limit. Each is reached from a
 * constructed xoshiro128** state (xoshiroStates.ts), and the result compared with the definition.
 * uniform() = (a·2^26 + b)/2^53 with a the top 27 bits of one 32-bit draw and b the top 26 of the next.
 */
describe("rare draws reached from constructed generator states", () => {
  it("the constructed states give the outputs asked for", () => {
    for (const [a, b] of [[0, 0], [0xffffffff, 5], [0x80000000, 17], [123456789, 0xdeadbeef]]) {
      const r = Random.fromState(stateWithOutputs(a, b));
      expect([r.uint32(), r.uint32()]).toEqual([a, b]);
    }
  });

  it("normal() redraws a uniform that is exactly 0 (Box–Muller's log(u) would be −Infinity)", () => {
    const state = stateWithOutputs(0, 0); // uniform() = 0 exactly
    expect(Random.fromState(state).uniform()).toBe(0);
    const twin = Random.fromState(state);
    twin.uniform(); // the zero, redrawn
    const u = twin.uniform();
    const v = twin.uniform();
    const z = Random.fromState(state).normal();
    expect(Number.isFinite(z)).toBe(true);
    expect(z).toBe(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  });

  it("fillLaplace redraws a uniform that is exactly 0 (log 0), and gives a zero at the median u = ½", () => {
    const out = fillLaplace(new Float64Array(3), 2, Random.fromState(stateWithOutputs(0, 0)));
    for (const x of out) expect(Number.isFinite(x)).toBe(true);
    const median = fillLaplace(new Float64Array(1), 2, Random.fromState(stateWithOutputs(0x80000000, 0)));
    expect(median[0] === 0).toBe(true); // F⁻¹(½) = 0 for the Laplace law (either signed zero)
  });

  it("integer(n) rejects a 32-bit draw equal to its limit n·⌊2^32/n⌋ and returns the next draw mod n", () => {
    // n = 3 and 5: the limit is 2^32 − 1 = 0xffffffff (2^32 ≡ 1 mod 3 and mod 5), so that draw is rejected
    for (const n of [3, 5]) {
      const limit = Math.floor(2 ** 32 / n) * n;
      expect(limit).toBe(0xffffffff);
      expect(Random.fromState(stateWithOutputs(0xffffffff, 7)).integer(n)).toBe(7 % n);
    }
    // n = 6: the limit is 2^32 − 4; a draw just below it is kept (0xfffffffb mod 6)
    expect(Random.fromState(stateWithOutputs(0xfffffffb, 7)).integer(6)).toBe(0xfffffffb % 6);
  });

  it("fillGaussianWithOutliers scales only when the coin is strictly below p (coin = p = ½ is not an outlier)", () => {
    const state = stateWithOutputs(0x80000000, 0); // the coin uniform() = ½ exactly
    const twin = Random.fromState(state);
    expect(twin.uniform()).toBe(0.5);
    const z = twin.normal();
    const out = fillGaussianWithOutliers(new Float64Array(1), { probability: 0.5, scale: 10 }, Random.fromState(state));
    expect(out[0]).toBe(z);
  });
});

describe("Random.loadState and sameState", () => {
  it("loadState refuses the all-zero state by name, and loads any other", () => {
    const r = new Random(1);
    expect(() => r.loadState(new Int32Array(4))).toThrow(RangeError);
    expect(() => r.loadState(new Int32Array(4))).toThrow(/^from must not hold the all-zero state/);
    r.loadState(Int32Array.of(0, 0, 0, 1));
    expect(r.saveState(new Int32Array(4))).toEqual(Int32Array.of(0, 0, 0, 1));
  });

  it("sameState is true only when all four words and the cached normal agree", () => {
    const words = [11, 22, 33, 44] as const;
    const a = Random.fromState([...words]);
    expect(a.sameState(Random.fromState([...words]))).toBe(true);
    for (let k = 0; k < 4; k++) {
      const other = [...words] as [number, number, number, number];
      other[k] ^= 1;
      expect(a.sameState(Random.fromState(other)), `word ${k} differs`).toBe(false);
    }
    const b = Random.fromState([...words]);
    const c = Random.fromState([...words]);
    b.normal(); // b caches the second normal of the pair; c draws the same two uniforms without caching
    c.uniform();
    c.uniform();
    expect(b.saveState(new Int32Array(4))).toEqual(c.saveState(new Int32Array(4)));
    expect(b.sameState(c)).toBe(false);
  });
});
