// randomSubsetStochastic's fast paths (memoised subsets, the O(k) undo of the shuffle, draws beyond 2^20 sent
// coordinates, batched dithers, the table search for the grid cell) against references written here from
// the definitions: a uniform k-subset by a plain partial Fisher–Yates on the coin's own `integer` draws, the
// rounding index from "up iff u < p" with u = rng.uniform() and the cell found by search over the grid
// points, messages packed least significant bit first, and the mean squared error by enumerating every
// subset and every rounding outcome. Every test builds its own compressors (no state shared across tests).
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/random";
import type { Random } from "../../../src/numeric/random";
import { randomSubsetStochastic } from "../../../src/quantizers/randomSubsetStochastic";
import { gridPoint } from "../../../src/quantizers/uniformGrid";

/** s_0 … s_{k−1}: swap position i with i + rng.integer(d − i), i = 0 … k − 1, from the identity. */
function fisherYatesSubset(rng: Random, d: number, k: number): Uint32Array {
  const perm = new Uint32Array(d);
  for (let i = 0; i < d; i++) perm[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.integer(d - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm.slice(0, k);
}

/**
 * The definition of b-bit stochastic rounding on [−M, M]: clip, take a cell [ℓ, h] of consecutive grid points
 * holding c (found by binary search over the points), go up iff u < (c − ℓ)/(h − ℓ).
 */
function roundingIndex(points: Float64Array, x: number, u: number): number {
  const last = points.length - 2;
  const M = points[points.length - 1];
  const c = Math.min(Math.max(x, -M), M);
  let lo = 0; // the largest j ≤ last with points[j] ≤ c
  let hi = last;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (points[mid] <= c) lo = mid;
    else hi = mid - 1;
  }
  const l = points[lo];
  const h = points[lo + 1];
  return h > l && u < (c - l) / (h - l) ? lo + 1 : lo;
}

function gridPoints(M: number, b: number): Float64Array {
  const intervals = 2 ** b - 1;
  return Float64Array.from({ length: intervals + 1 }, (_, j) => gridPoint(-M, M, intervals, j));
}

/** Fields of b ≤ 32 bits (integers below 2^32), field t in bits [t·b, (t + 1)·b), least significant bit first, zero padded to a byte. */
function packFields(fields: ArrayLike<number>, b: number): Uint8Array {
  const bytes = new Uint8Array(Math.ceil((fields.length * b) / 8));
  for (let t = 0; t < fields.length; t++) {
    for (let bit = 0; bit < b; bit++) {
      if ((fields[t] >>> bit) & 1) bytes[(t * b + bit) >>> 3] |= 1 << ((t * b + bit) & 7);
    }
  }
  return bytes;
}

/** The message and estimate of the scheme's definition, from a twin of the encoder's coin. */
function referenceScheme(g: Float64Array, k: number, b: number, M: number, twin: Random) {
  const d = g.length;
  const points = gridPoints(M, b);
  const subset = fisherYatesSubset(twin, d, k);
  const indices = Array.from(subset, (s) => roundingIndex(points, g[s], twin.uniform()));
  const estimate = new Float64Array(d);
  subset.forEach((s, t) => (estimate[s] = (d / k) * points[indices[t]]));
  return { bytes: packFields(indices, b), subset, indices, estimate };
}

/**
 * A coin whose 32-bit outputs are `words`, then those of a seeded generator: `uint32`, and `fillUint32` as its
 * contract states (the next `count` outputs of `uint32`), so `integer` and `uniform` read the same stream.
 * Its hidden state is createRandom(seed)'s and never moves: give every scripted coin its own seed.
 */
function scriptedCoin(words: ArrayLike<number>, seed: number): Random {
  const rng = createRandom(seed);
  const rest = createRandom(seed, 1);
  let t = 0;
  const next = (): number => (t < words.length ? words[t++] : rest.uint32());
  Object.defineProperty(rng, "uint32", { value: next });
  Object.defineProperty(rng, "fillUint32", {
    value: (out: Uint32Array, count = out.length): Uint32Array => {
      for (let i = 0; i < count; i++) out[i] = next();
      return out;
    },
  });
  return rng;
}

/** The two 32-bit words from which rng.uniform() composes u = (⌊w0/2^5⌋·2^26 + ⌊w1/2^6⌋)/2^53. */
function wordsOfUniform(u: number): [number, number] {
  const n = u * 2 ** 53;
  const high = Math.floor(n / 2 ** 26);
  return [high * 32, (n - high * 2 ** 26) * 64];
}

function nextAfter(x: number, up: boolean): number {
  const f = new Float64Array([x]);
  const w = new BigInt64Array(f.buffer);
  if (x === 0) return up ? 5e-324 : -5e-324;
  w[0] += (x > 0) === up ? 1n : -1n;
  return f[0];
}

describe("randomSubsetStochastic: the rounding decision is exactly u < p, u = rng.uniform()", () => {
  it.each([0.5, 4, 2 ** -20, 2 ** 200])("M = %d, one bit: a coordinate at p = u is sent down, one at p = u + 2^-53 up", (M) => {
    // b = 1: the grid is {−M, M}, so p = (c + M)/(2M); with c = (u − 1/2)·2M (exact: 2M is a power of two)
    // p is u itself, and with c = (u + 2^-53 − 1/2)·2M it is the next double above u
    const d = 100;
    const k = 64;
    for (const [above, seed] of [[false, 1], [true, 2], [false, 3], [true, 4]] as const) {
      const twin = createRandom(seed);
      const subset = fisherYatesSubset(twin, d, k);
      const g = new Float64Array(d).fill(M / 3);
      for (const s of subset) {
        const u = twin.uniform();
        g[s] = (u + (above ? 2 ** -53 : 0) - 0.5) * 2 * M;
        expect((g[s] + M) / (2 * M) - u).toBe(above ? 2 ** -53 : 0);
      }
      const rng = createRandom(seed);
      const message = randomSubsetStochastic({ k, bits: 1, range: M }).encode(g, rng);
      expect(Array.from(message.bytes), `above = ${above}`).toEqual(new Array(k / 8).fill(above ? 255 : 0));
      expect(rng.sameState(twin)).toBe(true);
    }
  });
});

describe("randomSubsetStochastic: values one ulp either side of every grid point, with extreme dithers", () => {
  // The cell of c comes from ⌊(c + M)/(2M)·(2^b − 1)⌋, which next to a grid point can be one cell off; the
  // dithers 0, 2^-53, 2^-50, 1/2, 1 − 2^-50 and 1 − 2^-53 make the decision depend on that cell. The
  // subset draws are scripted to 0 (k = d: the identity order), the dithers follow in order.
  const dithers = [0, 2 ** -53, 2 ** -50, 0.5, 1 - 2 ** -50, 1 - 2 ** -53];
  it.each([
    [1, 2],
    [1, 3],
    [1, 4],
    [5, 5],
    [3.7, 4],
    [7, 4],
    [3.7, 8],
    [0.1, 6],
    [1e300, 3],
    [5e-324, 2], // grid points coincide: −5e-324, 0, 0, 5e-324
    [3e-321, 12],
    [2.5e-322, 5],
  ])("M = %d, b = %i: the message and estimate are the definition's", (M, b) => {
    const points = gridPoints(M, b);
    const values = new Set<number>();
    for (const p of points) for (const c of [nextAfter(p, false), p, nextAfter(p, true)]) if (c >= -M && c <= M) values.add(c);
    const g = Float64Array.from(Array.from(values).flatMap((c) => dithers.map(() => c)));
    const d = g.length;
    const words = new Array<number>(d).fill(0); // integer(d − i) of the word 0 is 0: the subset is 0, 1, … d − 1
    for (let t = 0; t < d; t++) words.push(...wordsOfUniform(dithers[t % dithers.length]));
    const twin = scriptedCoin(words, 7);
    const ref = referenceScheme(g, d, b, M, twin);
    expect(Array.from(ref.subset)).toEqual(Array.from({ length: d }, (_, i) => i));
    const message = randomSubsetStochastic({ k: d, bits: b, range: M }).encode(g, scriptedCoin(words, 7));
    const estimate = randomSubsetStochastic({ k: d, bits: b, range: M }).decode(message, d, scriptedCoin(words, 8));
    expect(Array.from(estimate)).toEqual(Array.from(ref.estimate));
    // where grid points coincide a value between equal points has two valid indices: compare bytes only
    // when the points strictly increase
    if (points.every((v, j) => j === 0 || v > points[j - 1])) expect(Array.from(message.bytes)).toEqual(Array.from(ref.bytes));
  });
});

describe("randomSubsetStochastic: the subset draws", () => {
  it("a coin back in the state of the last draw but with another d draws that d's subset", () => {
    const k = 3;
    for (const [d1, d2, seed] of [[10, 20, 1], [20, 10, 2], [10, 11, 3], [40, 7, 4]]) {
      const c = randomSubsetStochastic({ k, bits: 1, range: 1 });
      c.compress(new Float64Array(d1).fill(0.25), createRandom(seed));
      const expected = Array.from(fisherYatesSubset(createRandom(seed), d2, k)).sort((a, b) => a - b);
      const previous = Array.from(fisherYatesSubset(createRandom(seed), d1, k)).sort((a, b) => a - b);
      expect(expected).not.toEqual(previous);
      // a one-bit grid {−1, 1}: the sent coordinates are exactly the non-zero ones
      const estimate = c.compress(new Float64Array(d2).fill(0.25), createRandom(seed)).estimate;
      expect(Array.from(estimate.keys()).filter((i) => estimate[i] !== 0), `d = ${d1} then ${d2}`).toEqual(expected);
      // the decoder's path: the last draw was from createRandom(seed) at d1, the decoder's coin is in that state
      const message = c.encode(new Float64Array(d2).fill(0.25), createRandom(seed + 10));
      c.encode(new Float64Array(d1).fill(0.25), createRandom(seed));
      const decoded = c.decode(message, d2, createRandom(seed));
      expect(Array.from(decoded.keys()).filter((i) => decoded[i] !== 0)).toEqual(expected);
    }
  });

  it("every draw i rejects the words from n·⌊2^32/n⌋ on, n = d − i, as rng.integer(n) does", () => {
    // g_i is grid point i of the 8-bit grid, sent as index i whatever the dither: the message lists s_0 … s_{k−1}
    for (const d of [3, 5, 6, 7, 10, 12, 100]) {
      const words: number[] = [];
      for (let i = 0; i < d; i++) {
        const n = d - i;
        const limit = n * Math.floor(2 ** 32 / n);
        if (limit < 2 ** 32) words.push(limit); // the smallest word rejected
        words.push(1000 + i); // accepted: (1000 + i) mod n
      }
      const g = gridPoints(1, 8).slice(0, d);
      for (const k of [d, Math.max(1, d - 2)]) {
        const subset = fisherYatesSubset(scriptedCoin(words, 20 + d + k), d, k);
        const message = randomSubsetStochastic({ k, bits: 8, range: 1 }).encode(g, scriptedCoin(words, 20 + d + k));
        expect(Array.from(message.bytes), `d = ${d}, k = ${k}`).toEqual(Array.from(subset));
      }
    }
  });

  it("more than 2^20 sent coordinates: draws past the kept swaps, a rejection there, and a second draw", () => {
    // d = 2^20 + 3, k = 2^20 + 1: draw i = 2^20 has n = 3 and limit 2^32 − 1, scripted to be rejected once;
    // the words before it are below 2^31, never rejected. g_i = grid point i of the 21-bit grid: index i.
    const kept = 2 ** 20;
    const d = kept + 3;
    const k = kept + 1;
    const b = 21;
    const g = Float64Array.from({ length: d }, (_, i) => gridPoint(-1, 1, 2 ** b - 1, i));
    expect(scriptedCoin([2 ** 32 - 1, 4], 39).integer(3)).toBe(1); // the reference rejects the limit word
    const c = randomSubsetStochastic({ k, bits: b, range: 1 }); // one compressor: the second draw follows the first
    for (const seed of [1, 2]) {
      const source = createRandom(seed, 5);
      const words = new Uint32Array(kept + 2);
      for (let i = 0; i < kept; i++) words[i] = source.uint32() >>> 1;
      words[kept] = 2 ** 32 - 1;
      words[kept + 1] = 3 + seed; // accepted: (3 + seed) mod 3 = seed
      const subset = fisherYatesSubset(scriptedCoin(words, 30 + seed), d, k);
      const message = c.encode(g, scriptedCoin(words, 30 + seed));
      expect(message.bits).toBe(k * b);
      const expected = packFields(subset, b);
      let mismatches = 0;
      for (let i = 0; i < expected.length; i++) if (message.bytes[i] !== expected[i]) mismatches++;
      expect(mismatches, `seed ${seed}`).toBe(0);
    }
  });
});

describe("randomSubsetStochastic: more sent coordinates than one batch of 256 dithers", () => {
  it.each([1, 2, 3, 5, 8, 12])("b = %i, k = 600: message, estimate and the coin's state are the definition's", (b) => {
    const d = 1000;
    const k = 600;
    const M = 2.5;
    const g = createRandom(60, b).fillNormal(new Float64Array(d)).map((v) => 1.5 * v);
    for (const seed of [1, 2]) {
      const twin = createRandom(seed, b);
      const ref = referenceScheme(g, k, b, M, twin);
      const rng = createRandom(seed, b);
      const c = randomSubsetStochastic({ k, bits: b, range: M });
      const message = c.encode(g, rng);
      expect(Array.from(message.bytes)).toEqual(Array.from(ref.bytes));
      expect(rng.sameState(twin)).toBe(true);
      expect(Array.from(c.decode(message, d, createRandom(seed, b)))).toEqual(Array.from(ref.estimate));
    }
  });
});

describe("randomSubsetStochastic: meanSquaredError", () => {
  /** E‖ĝ − g‖² by enumeration: every k-subset with probability 1/C(d, k), each sent coordinate up or down. */
  function enumeratedMse(g: number[], k: number, b: number, M: number): number {
    const d = g.length;
    const points = gridPoints(M, b);
    const scale = d / k;
    let total = 0;
    let subsets = 0;
    const visit = (start: number, chosen: number[]): void => {
      if (chosen.length === k) {
        subsets++;
        for (let i = 0; i < d; i++) {
          if (!chosen.includes(i)) {
            total += g[i] * g[i];
            continue;
          }
          const c = Math.min(Math.max(g[i], -M), M);
          let j = 0;
          while (j < points.length - 2 && points[j + 1] <= c) j++;
          const l = points[j];
          const h = points[j + 1];
          const p = (c - l) / (h - l);
          total += p * (scale * h - g[i]) ** 2 + (1 - p) * (scale * l - g[i]) ** 2;
        }
        return;
      }
      for (let i = start; i < d; i++) visit(i + 1, [...chosen, i]);
    };
    visit(0, []);
    return total / subsets;
  }

  it("equals the enumeration over subsets and roundings, coordinates outside [−M, M] included", () => {
    const g = [3, -2.5, 0.3, -1, 0.6, 1e-3];
    for (const [k, b, M] of [[2, 2, 1], [3, 1, 1], [6, 3, 1.5], [1, 2, 0.5], [4, 5, 2]]) {
      const expected = enumeratedMse(g, k, b, M);
      const mse = randomSubsetStochastic({ k, bits: b, range: M }).meanSquaredError(Float64Array.from(g));
      expect(Math.abs(mse - expected), `k = ${k}, b = ${b}, M = ${M}: ${mse} vs ${expected}`).toBeLessThanOrEqual(1e-12 * expected);
    }
  });
});
