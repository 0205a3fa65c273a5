// randomSubsetStochastic's message and estimate, bit for bit, against the scheme rebuilt here from its
// documented parts: a twin generator's partial Fisher–Yates (rng.integer(d − i)), then per sent coordinate
// the scalar kernel stochasticGridIndex with one rng.uniform(), packed least significant bit first. The
// compressor's own loops read tabled grid points and draw the subset without per-call checks; this is
// the reference they must reproduce.
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/random";
import type { Random } from "../../../src/numeric/random";
import { randomSubsetStochastic } from "../../../src/quantizers/randomSubsetStochastic";
import { gridPoint, stochasticGridIndex } from "../../../src/quantizers/uniformGrid";

function referenceSubset(rng: Random, d: number, k: number): number[] {
  const perm = Array.from({ length: d }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.integer(d - i);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm.slice(0, k);
}

function referenceMessage(g: Float64Array, k: number, b: number, M: number, rng: Random): { bytes: number[]; subset: number[]; indices: number[] } {
  const subset = referenceSubset(rng, g.length, k);
  const intervals = 2 ** b - 1;
  const indices = subset.map((s) => stochasticGridIndex(g[s], -M, M, intervals, rng.uniform()));
  const bytes = new Array(Math.ceil((k * b) / 8)).fill(0);
  indices.forEach((j, t) => {
    for (let bit = 0; bit < b; bit++) if (Math.floor(j / 2 ** bit) % 2 === 1) bytes[(t * b + bit) >> 3] |= 1 << ((t * b + bit) & 7);
  });
  return { bytes, subset, indices };
}

describe("randomSubsetStochastic: message and estimate against the scheme rebuilt from its parts", () => {
  it.each([1, 2, 3, 8, 12, 13])("b = %i: the same bytes, the same draws, ĝ = (d/k)·grid point on the subset", (b) => {
    const pick = createRandom(40, b);
    for (const [d, k, M] of [
      [64, 16, 5],
      [1024, 256, 3.7],
      [10, 10, 1e-3],
      [200, 1, 1e300],
      [64, 16, 5e-324], // grid points coincide (subnormal spacing): the encoder's branch for p = 0/0
      [64, 16, 3e-321],
    ]) {
      const c = randomSubsetStochastic({ k, bits: b, range: M });
      const intervals = 2 ** b - 1;
      for (let rep = 0; rep < 6; rep++) {
        // grid points exactly, values inside, outside [−M, M], and ±Infinity (clipped)
        const g = Float64Array.from({ length: d }, () => {
          const u = pick.uniform();
          if (u < 0.05) return pick.integer(2) ? Infinity : -Infinity;
          if (u < 0.3) return gridPoint(-M, M, intervals, pick.integer(Math.min(intervals, 2 ** 20) + 1));
          return (pick.uniform() - 0.5) * (u < 0.4 ? 4 : 2) * M;
        });
        const rng = createRandom(rep, d);
        const twin = createRandom(rep, d);
        const message = c.encode(g, rng);
        const ref = referenceMessage(g, k, b, M, twin);
        expect(message.bits).toBe(k * b);
        expect(Array.from(message.bytes)).toEqual(ref.bytes);
        expect(rng.uint32()).toBe(twin.uint32());
        const est = c.decode(message, d, createRandom(rep, d));
        const expected = new Float64Array(d);
        ref.subset.forEach((s, t) => (expected[s] = (d / k) * gridPoint(-M, M, intervals, ref.indices[t])));
        expect(Array.from(est)).toEqual(Array.from(expected));
      }
    }
  });
});

describe("randomSubsetStochastic: a decoder whose coin repeats the encoder's draws", () => {
  it("gets the same estimate and leaves its coin in the same state as on a compressor that never encoded", () => {
    const d = 300;
    const k = 40;
    const g = Float64Array.from({ length: d }, (_, i) => Math.sin(i));
    const shared = randomSubsetStochastic({ k, bits: 2, range: 1 }); // encodes, then decodes (the memo applies)
    for (let round = 0; round < 5; round++) {
      const coin = createRandom(50, round);
      const decoderCoin = createRandom(50, round);
      const freshCoin = createRandom(50, round);
      const message = shared.encode(g, coin);
      const est = shared.decode(message, d, decoderCoin);
      const fresh = randomSubsetStochastic({ k, bits: 2, range: 1 }).decode(message, d, freshCoin);
      expect(Array.from(est)).toEqual(Array.from(fresh));
      expect(decoderCoin.sameState(freshCoin)).toBe(true);
      expect(decoderCoin.uint32()).toBe(freshCoin.uint32());
      // a coin in another state draws its own subset: the estimate is the fresh compressor's for that coin
      const other = shared.decode(message, d, createRandom(51, round));
      const otherFresh = randomSubsetStochastic({ k, bits: 2, range: 1 }).decode(message, d, createRandom(51, round));
      expect(Array.from(other)).toEqual(Array.from(otherFresh));
    }
  });
});

