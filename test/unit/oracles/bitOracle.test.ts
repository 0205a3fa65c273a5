import { describe, expect, it } from "vitest";
import { productBound } from "../../../src/bounds/index";
import { type BitMessage, createRandom, sampleMoments } from "../../../src/numeric/index";
import { bitOracle, quadraticOracle } from "../../../src/oracles/index";
import { sgdQuadratic } from "../../../src/optim/index";
import {
  type Compressor,
  hadamardStochastic,
  qsgd,
  randomSubsetStochastic,
  scaledSign,
  uniformStochastic,
} from "../../../src/quantizers/index";

const Z = 4.5;
const d = 8;
const theta = [0.5, -1, 2, 0, 3, -2.5, 1, 0.25];
const x = new Float64Array([1, 1, 1, 1, -1, -1, -1, -1]);
const trueGradient = (mu: number) => theta.map((th, i) => mu * (x[i] - th));

const compressors: [string, () => Compressor, boolean][] = [
  // range 16 ≥ |μ(x − θ)| + 8σ for every coordinate below: clipping has probability < 1e-15 per draw
  ["uniformStochastic b=2", () => uniformStochastic({ bits: 2, range: 16 }), true],
  ["randomSubsetStochastic k=3 b=3", () => randomSubsetStochastic({ k: 3, bits: 3, range: 16 }), true],
  ["qsgd s=2", () => qsgd({ levels: 2 }), true],
  ["hadamardStochastic b=2", () => hadamardStochastic({ bits: 2 }), true],
  ["scaledSign", () => scaledSign(), false],
];

/** The highest set bit of a message, counted from its bytes (least significant bit first), plus one. */
function bitsInBytes(m: BitMessage): number {
  for (let k = m.bytes.length * 8 - 1; k >= 0; k--) if ((m.bytes[k >> 3] >> (k & 7)) & 1) return k + 1;
  return 0;
}

describe("bitOracle", () => {
  it.each(compressors)("%s: never delivers more than B bits, measured from the encoded bytes", (_, make) => {
    const c = make();
    const B = c.bits(d);
    const oracle = bitOracle({ oracle: quadraticOracle({ theta, sigma: 1.5, rng: createRandom(1) }), compressor: c, seed: 2 });
    expect(oracle.bits).toBe(B);
    for (let t = 0; t < 300; t++) {
      const q = new Float64Array(d).map((_, i) => 3 * Math.sin(t + i));
      const { message } = oracle.query(q);
      expect(message.bits).toBeLessThanOrEqual(B);
      expect(message.bytes.length).toBeLessThanOrEqual(Math.ceil(B / 8));
      expect(bitsInBytes(message)).toBeLessThanOrEqual(B);
    }
    expect(oracle.rounds).toBe(300);
  });

  it.each(compressors)("%s: E[ĝ] = μ(x − θ) for unbiased compressors (Monte Carlo over noise and coin)", (_, make, unbiased) => {
    const mu = 2;
    const n = 6000;
    const c = make();
    const cols = Array.from({ length: d }, () => new Float64Array(n));
    for (let k = 0; k < n; k++) {
      const exact = quadraticOracle({ theta, sigma: 1, mu, rng: createRandom(500, k) });
      const g = bitOracle({ oracle: exact, compressor: c, seed: 1000 + k }).gradient(x);
      for (let i = 0; i < d; i++) cols[i][k] = g[i];
    }
    const truth = trueGradient(mu);
    const z = cols.map((col, i) => {
      const m = sampleMoments(col);
      return Math.abs(m.mean - truth[i]) / m.standardError;
    });
    if (unbiased) {
      // 8 coordinates at 4.5 SE: a false alarm has probability < 8·7e-6
      expect(Math.max(...z)).toBeLessThanOrEqual(Z);
    } else {
      // the biased scaled sign gives every coordinate the same magnitude: far off the true gradient
      expect(Math.max(...z)).toBeGreaterThan(10 * Z);
    }
  });

  it("round t uses the public coin createRandom(seed, t) on both sides: ĝ_t = compress(G(x_t), coin_t)", () => {
    // randomSubsetStochastic draws its subset from the coin: a coin mismatch between the two sides, or the
    // same coin every round, would show here.
    const c = randomSubsetStochastic({ k: 2, bits: 4, range: 16 });
    const oracle = bitOracle({ oracle: quadraticOracle({ theta, sigma: 1, rng: createRandom(6) }), compressor: c, seed: 7 });
    const twin = quadraticOracle({ theta, sigma: 1, rng: createRandom(6) });
    const supports = new Set<string>();
    for (let t = 1; t <= 40; t++) {
      const q = new Float64Array(d).map((_, i) => Math.cos(t * i));
      const got = oracle.gradient(q);
      const expected = c.compress(twin.gradient(q), createRandom(7, t)).estimate;
      expect(Array.from(got)).toEqual(Array.from(expected));
      supports.add(Array.from(got, (v) => (v === 0 ? 0 : 1)).join(""));
    }
    expect(supports.size).toBeGreaterThan(10); // the subset changes from round to round
  });

  it("the decoder needs only the bytes and the coin: a flipped bit changes ĝ", () => {
    const c = qsgd({ levels: 3 });
    const oracle = bitOracle({ oracle: quadraticOracle({ theta, sigma: 1, rng: createRandom(3) }), compressor: c, seed: 4 });
    const { message, gradient } = oracle.query(x);
    expect(Array.from(c.decode(message, d, createRandom(4, 1)))).toEqual(Array.from(gradient));
    const flipped = { bytes: Uint8Array.from(message.bytes), bits: message.bits };
    flipped.bytes[flipped.bytes.length - 1] ^= 1 << ((message.bits - 1) % 8); // the last bit of the message
    expect(Array.from(c.decode(flipped, d, createRandom(4, 1)))).not.toEqual(Array.from(gradient));
  });

  it("refuses a budget below the compressor's length and a compressor that sends more than it declares", () => {
    const exact = quadraticOracle({ theta, sigma: 1, rng: createRandom(5) });
    const c = qsgd({ levels: 1 });
    expect(() => bitOracle({ oracle: exact, compressor: c, bits: c.bits(d) - 1, seed: 1 })).toThrow(/^bits must be at least/);
    expect(() => bitOracle({ oracle: exact, compressor: c, bits: 0, seed: 1 })).toThrow(/^bits must be an integer >= 1/);
    expect(() => bitOracle({ oracle: exact, compressor: c, bits: 100.5, seed: 1 })).toThrow(RangeError);
    expect(() => bitOracle({ oracle: exact, compressor: c, seed: 0.5 })).toThrow(/^seed must be an integer/);
    expect(() => bitOracle({ oracle: exact, compressor: {} as Compressor, seed: 1 })).toThrow(/^compressor must have/);
    expect(() => bitOracle({ oracle: null as never, compressor: c, seed: 1 })).toThrow(/^oracle must have/);
    const withinBudget = bitOracle({ oracle: exact, compressor: c, bits: c.bits(d) + 10, seed: 1 });
    expect(withinBudget.bits).toBe(c.bits(d) + 10);
    withinBudget.query(x);
    // a compressor whose messages carry set bits beyond their declared length
    const liar: Compressor = {
      ...c,
      encode: (g, rng) => {
        const m = c.encode(g, rng);
        return { bytes: Uint8Array.from([...m.bytes, 1]), bits: m.bits };
      },
    };
    const bad = bitOracle({ oracle: exact, compressor: liar, bits: c.bits(d) + 7, seed: 1 });
    expect(() => bad.query(x)).toThrow(/over the budget/);
    const padded: Compressor = { ...c, encode: (g, rng) => ({ ...c.encode(g, rng), bits: c.bits(d) + 8 }) };
    expect(() => bitOracle({ oracle: exact, compressor: padded, bits: c.bits(d) + 7, seed: 1 }).query(x)).toThrow(/over the budget/);
    expect(() => withinBudget.query(new Float64Array(3))).toThrow(/^x.length/);
  });

  it("SGD through a bits-limited oracle stays above the product bound (Monte Carlo)", () => {
    // d = 32, B = k·b = 2 bits per round: 2 ln 2·B ≈ 2.8 < d, the bits-limited regime.
    const dd = 32;
    const T = 200;
    const sigma = 1;
    const c = randomSubsetStochastic({ k: 2, bits: 1, range: 8 });
    const n = 300;
    const errors = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const exact = quadraticOracle({ theta: new Float64Array(dd), sigma, rng: createRandom(77, k) });
      const { x: xhat } = sgdQuadratic({ oracle: bitOracle({ oracle: exact, compressor: c, seed: 9000 + k }), x0: new Float64Array(dd), rounds: T, record: false });
      errors[k] = 2 * exact.value(xhat);
    }
    const m = sampleMoments(errors);
    // the product bound's risk after T rounds (van Trees with the cap): σ²d²/(T·min(d, 2 ln 2·B))
    const boundRisk = (sigma * sigma * dd * dd) / (T * Math.min(dd, 2 * Math.LN2 * 2));
    expect(m.mean).toBeGreaterThanOrEqual(boundRisk - Z * m.standardError);
    // consistent with productBound: reaching this risk needs at least T rounds
    expect(productBound({ d: dd, sigma, bits: 2, D: boundRisk })).toBe(T);
  });
});
