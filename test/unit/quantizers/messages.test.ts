/**
 * The compressors' messages, checked against the documented layouts with references that share no
 * code with the library: bits parsed from strings (bitReference.ts), FP32 read through a DataView,
 * the Hadamard rotation from the Sylvester definition, bit counts from each scheme's definition.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Matrix } from "ml-matrix";
import { createRandom, type Random } from "../../../src/numeric/index";
import {
  type Compressor,
  hadamardStochastic,
  MAX_GRID_RANGE,
  qsgd,
  randomSubsetStochastic,
  scaledSign,
  uniformStochastic,
} from "../../../src/quantizers/index";
import { sylvester } from "../../support/sylvester";
import { float32OfPattern, referenceBitString, referenceField } from "../numeric/bitReference";

const RUNS_PER_KIND = 300;

/** One compressor of each kind, for the contract checks. */
const oneOfEach: Compressor[] = [
  uniformStochastic({ bits: 3, range: 1 }),
  randomSubsetStochastic({ k: 2, bits: 3, range: 1 }),
  scaledSign(),
  qsgd({ levels: 3 }),
  hadamardStochastic({ bits: 2 }),
];

type Kind = "uniform" | "subset" | "sign" | "qsgd" | "hadamard";
interface Case {
  kind: Kind;
  /** b (uniform, subset, hadamard) or s (qsgd) */
  param: number;
  k: number;
  range: number;
}

function build(c: Case): Compressor {
  switch (c.kind) {
    case "uniform":
      return uniformStochastic({ bits: c.param, range: c.range });
    case "subset":
      return randomSubsetStochastic({ k: c.k, bits: c.param, range: c.range });
    case "sign":
      return scaledSign();
    case "qsgd":
      return qsgd({ levels: c.param });
    case "hadamard":
      return hadamardStochastic({ bits: c.param });
  }
}

/** n = the least power of two ≥ d, by doubling. */
function padded(d: number): number {
  let n = 1;
  while (n < d) n *= 2;
  return n;
}

/** Bits of a level in 0 … s: the binary length of s (⌈log2(s + 1)⌉), from its binary string. */
function levelBits(s: number): number {
  return s.toString(2).length;
}

/** The message length from each scheme's definition. */
function definedBits(c: Case, d: number): number {
  switch (c.kind) {
    case "uniform":
      return d * c.param;
    case "subset":
      return c.k * c.param;
    case "sign":
      return 32 + d;
    case "qsgd":
      return 32 + d * (1 + levelBits(c.param));
    case "hadamard":
      return 64 + padded(d) * c.param;
  }
}

/** The public draws as documented, made on a fresh generator: the subset in draw order, or the signs. */
function publicDraws(c: Case, d: number, rng: Random): { subset?: number[]; signs?: Float64Array } {
  if (c.kind === "subset") {
    const perm = Array.from({ length: d }, (_, i) => i);
    for (let i = 0; i < c.k; i++) {
      const j = i + rng.integer(d - i);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    return { subset: perm.slice(0, c.k) };
  }
  if (c.kind === "hadamard") return { signs: rng.fillSigns(new Float64Array(padded(d))) };
  return {};
}

/** Private dithers per message: one uniform per sent coordinate. */
function ditherCount(c: Case, d: number): number {
  return c.kind === "uniform" || c.kind === "qsgd" ? d : c.kind === "subset" ? c.k : c.kind === "hadamard" ? padded(d) : 0;
}

const sylvesterCache = new Map<number, Matrix>();
function hadamardMatrix(n: number): Matrix {
  let h = sylvesterCache.get(n);
  if (h === undefined) {
    h = sylvester(n);
    sylvesterCache.set(n, h);
  }
  return h;
}

/**
 * ĝ from the message by the documented layout, computed independently of the library; returns the
 * reference estimate and an absolute tolerance per coordinate (0 where the decoder's arithmetic is
 * a single exact product).
 */
function referenceDecode(c: Case, d: number, bytes: Uint8Array, seed: number, g: Float64Array): { est: Float64Array; tol: number } {
  const bits = referenceBitString(bytes);
  const est = new Float64Array(d);
  const pub = publicDraws(c, d, createRandom(seed));
  const grid = (low: number, high: number, b: number, j: number): number => low + (high - low) * (j / (2 ** b - 1));
  switch (c.kind) {
    case "uniform": {
      const b = c.param;
      for (let i = 0; i < d; i++) {
        const v = grid(-c.range, c.range, b, referenceField(bits, i * b, b));
        est[i] = v;
        // a neighbour of the clipped g_i on the grid
        const x = Math.max(-c.range, Math.min(c.range, g[i]));
        expect(Math.abs(v - x)).toBeLessThanOrEqual(((2 * c.range) / (2 ** b - 1)) * (1 + 1e-9));
      }
      return { est, tol: 4 * Number.EPSILON * c.range };
    }
    case "subset": {
      const b = c.param;
      const subset = pub.subset as number[];
      for (let t = 0; t < c.k; t++) est[subset[t]] = (d / c.k) * grid(-c.range, c.range, b, referenceField(bits, t * b, b));
      return { est, tol: 8 * Number.EPSILON * c.range * (d / c.k) };
    }
    case "sign": {
      const s = float32OfPattern(referenceField(bits, 0, 32));
      expect(s).toBe(Math.fround(g.reduce((a, v) => a + Math.abs(v), 0) / d));
      for (let i = 0; i < d; i++) {
        const sigma = referenceField(bits, 32 + i, 1);
        expect(sigma).toBe(g[i] < 0 ? 1 : 0);
        est[i] = sigma === 1 ? -s : s;
      }
      return { est, tol: 0 };
    }
    case "qsgd": {
      const s = c.param;
      const L = levelBits(s);
      const r = float32OfPattern(referenceField(bits, 0, 32));
      const norm = Math.sqrt(g.reduce((a, v) => a + v * v, 0));
      expect(r).toBeGreaterThanOrEqual(norm * (1 - 1e-15)); // rounded up
      expect(r).toBeLessThanOrEqual(norm * (1 + 2 ** -23) + 1e-300);
      for (let i = 0; i < d; i++) {
        const at = 32 + i * (1 + L);
        const sigma = referenceField(bits, at, 1);
        const xi = referenceField(bits, at + 1, L);
        expect(xi).toBeLessThanOrEqual(s);
        if (r > 0) {
          expect(sigma).toBe(g[i] < 0 ? 1 : 0);
          expect(Math.abs(xi - (s * Math.abs(g[i])) / r)).toBeLessThan(1 + 1e-9); // a level next to s|g_i|/r
        }
        est[i] = ((sigma === 1 ? -r : r) * xi) / s;
      }
      return { est, tol: 0 };
    }
    case "hadamard": {
      const b = c.param;
      const n = padded(d);
      const low = float32OfPattern(referenceField(bits, 0, 32));
      const high = float32OfPattern(referenceField(bits, 32, 32));
      expect(low).toBeLessThanOrEqual(high);
      const q = Array.from({ length: n }, (_, j) => (high > low ? grid(low, high, b, referenceField(bits, 64 + j * b, b)) : low));
      const h = hadamardMatrix(n);
      const signs = pub.signs as Float64Array;
      for (let i = 0; i < d; i++) {
        let sum = 0;
        for (let j = 0; j < n; j++) sum += h.get(i, j) * q[j];
        est[i] = (signs[i] * sum) / Math.sqrt(n);
      }
      const scale = Math.max(Math.abs(low), Math.abs(high));
      return { est, tol: 1e-12 * scale * n };
    }
  }
}

/** Inputs: normal × 2^e, with zeros, all-zero vectors, and (for the clipping schemes) out-of-range and infinite entries. */
function gradient(c: Case, d: number, seed: number, scaleExponent: number, zeroVector: boolean): Float64Array {
  const rng = createRandom(seed, 7);
  const g = new Float64Array(d);
  if (zeroVector) return g;
  for (let i = 0; i < d; i++) {
    const u = rng.uniform();
    g[i] = u < 0.05 ? 0 : rng.normal() * 2 ** scaleExponent;
    if ((c.kind === "uniform" || c.kind === "subset") && u > 0.97) g[i] = rng.uniform() < 0.5 ? Infinity : -Infinity;
  }
  return g;
}

const caseArbitrary = (kind: Kind): fc.Arbitrary<Case> =>
  fc.record({
    kind: fc.constant(kind),
    param:
      kind === "qsgd"
        ? fc.oneof(fc.integer({ min: 1, max: 20 }), fc.constantFrom(255, 256, 2 ** 30))
        : fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(16, 31, 32)),
    k: fc.integer({ min: 1, max: 70 }),
    range: fc.constantFrom(0.5, 1, 3, 1e10, MAX_GRID_RANGE),
  });

describe("messages: encode, decode and compress, for every compressor", () => {
  it.each((["uniform", "subset", "sign", "qsgd", "hadamard"] as const).map((k) => [k] as const))(
    `%s: ${RUNS_PER_KIND} random round trips over ragged d: measured bits = the definition's count, layout as documented, decode(encode) = compress bit for bit, decode reads only the public draws`,
    (kind) => {
      fc.assert(
        fc.property(
          caseArbitrary(kind),
          fc.integer({ min: 1, max: 70 }),
          fc.integer({ min: 0, max: 1_000_000 }),
          fc.integer({ min: -20, max: 20 }),
          fc.boolean(),
          (cs, dRaw, seed, scaleExponent, zeroVector) => {
            const d = cs.kind === "subset" ? Math.max(dRaw, cs.k) : dRaw;
            const c = build(cs);
            const g = gradient(cs, d, seed, scaleExponent, zeroVector && seed % 5 === 0);
            const encoder = createRandom(seed);
            const message = c.encode(g, encoder);
            // measured length: the definition's count, in ⌈bits/8⌉ bytes with zero padding
            expect(message.bits).toBe(definedBits(cs, d));
            expect(message.bits).toBe(c.bits(d));
            expect(message.bytes.length).toBe(Math.ceil(message.bits / 8));
            expect(referenceBitString(message.bytes).slice(message.bits)).toMatch(/^0*$/);
            // decode from the bytes and an identically seeded coin
            const decoder = createRandom(seed);
            const decoded = c.decode(message, d, decoder);
            // the layout, parsed independently
            const ref = referenceDecode(cs, d, message.bytes, seed, g);
            for (let i = 0; i < d; i++) {
              if (!(decoded[i] === ref.est[i] || Math.abs(decoded[i] - ref.est[i]) <= ref.tol)) {
                throw new Error(`${c.name} d=${d} seed=${seed}: coordinate ${i} decodes to ${decoded[i]}, the layout says ${ref.est[i]}`);
              }
            }
            // compress = encode then decode: the same estimate bit for bit, the same measured bits
            const compressed = c.compress(g, createRandom(seed));
            expect(compressed.bits).toBe(message.bits);
            for (let i = 0; i < d; i++) {
              if (!Object.is(compressed.estimate[i], decoded[i])) {
                throw new Error(`${c.name} d=${d} seed=${seed}: compress gives ${compressed.estimate[i]} at ${i}, decode ${decoded[i]}`);
              }
            }
            // the coin: decode consumed exactly the public draws; encode the public draws and one dither per sent coordinate
            const afterPublic = createRandom(seed);
            publicDraws(cs, d, afterPublic);
            expect(decoder.uint32()).toBe(afterPublic.uint32());
            const afterEncode = createRandom(seed);
            publicDraws(cs, d, afterEncode);
            for (let t = 0; t < ditherCount(cs, d); t++) afterEncode.uniform();
            expect(encoder.uint32()).toBe(afterEncode.uint32());
          },
        ),
        { seed: 42, numRuns: RUNS_PER_KIND },
      );
    },
  );

  it("decode writes into out and rejects messages of the wrong shape, naming message, d or out", () => {
    const g = new Float64Array([0.5, -0.25, 0.125, 1]);
    for (const c of oneOfEach) {
      const m = c.encode(g, createRandom(1));
      const out = new Float64Array(4);
      expect(c.decode(m, 4, createRandom(1), out)).toBe(out);
      expect(() => c.decode({ bytes: m.bytes, bits: m.bits + 1 }, 4, createRandom(1))).toThrow(/message\.bits must be/);
      expect(() => c.decode({ bytes: m.bytes.subarray(1), bits: m.bits }, 4, createRandom(1))).toThrow(/message\.bytes\.length/);
      expect(() => c.decode({ bytes: Array.from(m.bytes), bits: m.bits } as never, 4, createRandom(1))).toThrow(TypeError);
      expect(() => c.decode(null as never, 4, createRandom(1))).toThrow(/message must be/);
      expect(() => c.decode(m, 0, createRandom(1))).toThrow(/d must be/);
      expect(() => c.decode(m, 4, createRandom(1), new Float64Array(3))).toThrow(/out\.length must equal d = 4/);
      expect(() => c.decode(m, 4, {} as never)).toThrow(/rng/);
    }
  });

  it("decode refuses side information no encoder sends: a NaN norm or scale, a level above s, a reversed range", () => {
    const q = qsgd({ levels: 3 });
    const m = q.encode(new Float64Array([3, 4]), createRandom(1));
    const nanNorm = m.bytes.slice();
    nanNorm.set([0, 0, 0xc0, 0x7f], 0);
    expect(() => q.decode({ bytes: nanNorm, bits: m.bits }, 2, createRandom(1))).toThrow(/message: its norm/);
    const s1 = qsgd({ levels: 2 }); // L = 2 bits hold 3 > s = 2
    const m1 = s1.encode(new Float64Array([3, 4]), createRandom(1));
    const bad = m1.bytes.slice();
    bad[4] |= 0b110; // bits 33, 34: ξ_0 = 3
    expect(() => s1.decode({ bytes: bad, bits: m1.bits }, 2, createRandom(1))).toThrow(/level 3 of coordinate 0 exceeds levels = 2/);
    const sign = scaledSign();
    const ms = sign.encode(new Float64Array([1, -1]), createRandom(1));
    const negScale = ms.bytes.slice();
    negScale[3] |= 0x80;
    expect(() => sign.decode({ bytes: negScale, bits: ms.bits }, 2, createRandom(1))).toThrow(/message: its scale/);
    const h = hadamardStochastic({ bits: 1 });
    const mh = h.encode(new Float64Array([1, 2]), createRandom(1));
    const swapped = mh.bytes.slice();
    swapped.set(mh.bytes.subarray(4, 8), 0);
    swapped.set(mh.bytes.subarray(0, 4), 4);
    expect(() => h.decode({ bytes: swapped, bits: mh.bits }, 2, createRandom(1))).toThrow(/message: its range/);
  });
});

describe("inputs a message cannot carry are refused, naming the entry", () => {
  it.each(oneOfEach.map((c) => [c.name, c] as const))("%s: NaN in g throws a RangeError naming g[i], in encode, compress and meanSquaredError", (_n, c) => {
    const g = new Float64Array([1, NaN, -1, 0.5]);
    for (const call of [() => c.encode(g, createRandom(2)), () => c.compress(g, createRandom(2)), () => c.meanSquaredError(g)]) {
      expect(call).toThrow(RangeError);
      expect(call).toThrow(/g\[1\] must .*NaN/);
    }
  });
  it("±Infinity: refused where a norm, scale or range must be sent (QSGD, scaled sign, Hadamard), clipped by the grid schemes", () => {
    const g = new Float64Array([1, -Infinity, 2]);
    for (const c of [qsgd({ levels: 2 }), scaledSign(), hadamardStochastic({ bits: 2 })]) {
      for (const call of [() => c.compress(g, createRandom(1)), () => c.encode(g, createRandom(1)), () => c.meanSquaredError(g)]) {
        expect(call).toThrow(RangeError);
        expect(call).toThrow(/g\[1\] must be finite .*got -Infinity/);
      }
    }
    expect(Array.from(uniformStochastic({ bits: 1, range: 3 }).compress(g, createRandom(1)).estimate.subarray(1, 2))).toEqual([-3]);
    expect(uniformStochastic({ bits: 1, range: 3 }).meanSquaredError(g)).toBe(Infinity);
  });
});

describe("range and subset-size limits", () => {
  it("range up to MAX_GRID_RANGE = MAX_VALUE/2 works (no NaN); beyond it a RangeError states the largest allowed", () => {
    expect(MAX_GRID_RANGE).toBe(Number.MAX_VALUE / 2);
    const g = new Float64Array([1, -1e307, 5e307, 0]);
    for (const c of [uniformStochastic({ bits: 1, range: MAX_GRID_RANGE }), uniformStochastic({ bits: 3, range: MAX_GRID_RANGE })]) {
      for (let seed = 0; seed < 20; seed++) {
        const e = c.compress(g, createRandom(seed)).estimate;
        for (const v of e) {
          expect(Number.isFinite(v)).toBe(true);
          expect(Math.abs(v)).toBeLessThanOrEqual(MAX_GRID_RANGE);
        }
      }
      expect(Number.isNaN(c.meanSquaredError(g))).toBe(false);
    }
    // 1-bit grid {−M, M}: the estimate of g_i is ±M exactly
    const e1 = uniformStochastic({ bits: 1, range: MAX_GRID_RANGE }).compress(g, createRandom(3)).estimate;
    for (const v of e1) expect(Math.abs(v)).toBe(MAX_GRID_RANGE);
    const subset = randomSubsetStochastic({ k: 4, bits: 2, range: MAX_GRID_RANGE }).compress(g, createRandom(1)).estimate;
    expect(subset.every((v) => Number.isFinite(v))).toBe(true); // k = d: scale 1
    for (const range of [9e307, 1e308, Number.MAX_VALUE]) {
      expect(() => uniformStochastic({ bits: 2, range })).toThrow(RangeError);
      expect(() => uniformStochastic({ bits: 2, range })).toThrow(/range must be at most 8\.98846567431\d*e\+307/);
      expect(() => randomSubsetStochastic({ k: 2, bits: 2, range })).toThrow(/range must be at most 8\.98846567431\d*e\+307/);
    }
  });

  it("subset k beyond 2^32 is a RangeError naming k and the largest allowed, not a typed-array failure", () => {
    for (const k of [2 ** 40, 2 ** 32 + 1]) {
      expect(() => randomSubsetStochastic({ k, bits: 1, range: 1 })).toThrow(RangeError);
      expect(() => randomSubsetStochastic({ k, bits: 1, range: 1 })).toThrow(/k must be an integer from 1 to 4294967296/);
    }
    // k = 2^32 itself is accepted (until a g shorter than k arrives)
    const c = randomSubsetStochastic({ k: 2 ** 32, bits: 1, range: 1 });
    expect(() => c.compress(new Float64Array(8), createRandom(1))).toThrow(/k must be at most the dimension d = 8/);
  });
});
