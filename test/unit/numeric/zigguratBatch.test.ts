/**
 * fillZigguratNormal draws its words on local copies of the generator's state: these tests hold it to
 * exactly the values, and exactly the final state, of one zigguratNormal call per element, and hold the
 * oracles and the regression SGD (which now draw their normals in batches) to the runs of the previous,
 * one-call-per-draw code, rebuilt in the test by mocking the batch away.
 */
import { describe, expect, it, vi } from "vitest";
import { Random, createRandom, fillZigguratNormal, zigguratNormal } from "../../../src/numeric/index";
import { fillScaledZigguratUnchecked } from "../../../src/numeric/ziggurat";

/** n values and the final generator, one zigguratNormal call at a time (the reference). */
function oneByOne(seed: number, stream: number, n: number): { values: Float64Array; rng: Random } {
  const rng = createRandom(seed, stream);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = zigguratNormal(rng);
  return { values, rng };
}

/** The bits of a Float64Array, as a checksum that tells −0 from 0 and every NaN payload apart. */
function bitsOf(a: Float64Array): string {
  return Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length * 2), (w) => w.toString(16)).join(",");
}

/** A subclass overriding uint32 (counting its calls): the batched loops must serve it one call at a time. */
class Counting extends Random {
  count = 0;
  override uint32(): number {
    this.count++;
    return super.uint32();
  }
}

describe("fillZigguratNormal against one zigguratNormal call per element", () => {
  it("the same values and the same final state: 200 seeds × lengths 0, 1, 2, 3, 63, 64, 65, 257, 1000, 4099", () => {
    let compared = 0;
    for (let seed = 0; seed < 200; seed++) {
      for (const n of [0, 1, 2, 3, 63, 64, 65, 257, 1000, 4099]) {
        const ref = oneByOne(seed, 3, n);
        const rng = createRandom(seed, 3);
        const out = fillZigguratNormal(new Float64Array(n), rng);
        expect(bitsOf(out)).toBe(bitsOf(ref.values));
        expect(rng.sameState(ref.rng)).toBe(true);
        compared += n;
      }
    }
    expect(compared).toBe(200 * 5554);
  });

  it("covers the slow paths: 200,000 values (about 3,000 past the fast path) with tail values |z| > 3.4426 among them, all equal", () => {
    const n = 200_000;
    const ref = oneByOne(7, 0, n);
    const rng = createRandom(7, 0);
    const out = fillZigguratNormal(new Float64Array(n), rng);
    let tail = 0;
    for (let i = 0; i < n; i++) if (Math.abs(ref.values[i]) > 3.442619855899) tail++;
    expect(tail).toBeGreaterThan(20); // P(|Z| > 3.4426) ≈ 5.8e-4: about 115 expected
    expect(bitsOf(out)).toBe(bitsOf(ref.values));
    expect(rng.sameState(ref.rng)).toBe(true);
  });

  it("successive fills and single calls interleave as one stream (ragged lengths)", () => {
    const ref = oneByOne(11, 0, 5000);
    const rng = createRandom(11, 0);
    const got: number[] = [];
    let k = 0;
    for (const len of [5, 0, 1, 130, 7, 999, 2, 64, 300]) {
      for (const v of fillZigguratNormal(new Float64Array(len), rng)) got.push(v);
      got.push(zigguratNormal(rng));
      k += len + 1;
    }
    expect(got).toEqual(Array.from(ref.values.subarray(0, k)));
  });

  it("keeps a cached Box–Muller normal, and a subclass overriding uint32 is served through its uint32", () => {
    const a = createRandom(5);
    const b = createRandom(5);
    a.normal();
    b.normal();
    fillZigguratNormal(new Float64Array(100), a);
    for (let i = 0; i < 100; i++) zigguratNormal(b);
    expect(a.sameState(b)).toBe(true);
    expect(a.normal()).toBe(b.normal());
    const c = new Counting(9);
    c.count = 0;
    const out = fillZigguratNormal(new Float64Array(300), c);
    expect(c.count).toBeGreaterThanOrEqual(300);
    expect(bitsOf(out)).toBe(bitsOf(oneByOne(9, 0, 300).values));
  });

  it("fillScaledZigguratUnchecked: x_i = scale_i·z_i and Σ weights_i·x_i in index order, the same state, a subclass served call by call", () => {
    const pick = createRandom(40);
    for (const [seed, n] of [[1, 0], [2, 1], [3, 256], [4, 3001], [7, 20000]]) {
      const scale = Float64Array.from({ length: n }, () => Math.exp(pick.normal()));
      const weights = Float64Array.from({ length: n + 2 }, () => pick.normal());
      const ref = oneByOne(seed, 0, n);
      let dot = 0;
      const expected = Float64Array.from(ref.values, (z, i) => {
        const x = scale[i] * z;
        dot += weights[i] * x;
        return x;
      });
      const rng = createRandom(seed, 0);
      const out = new Float64Array(n);
      expect(Object.is(fillScaledZigguratUnchecked(out, rng, scale, weights), dot)).toBe(true);
      expect(bitsOf(out)).toBe(bitsOf(expected));
      expect(rng.sameState(ref.rng)).toBe(true);
    }
    const c = new Counting(9);
    c.count = 0;
    const ones = new Float64Array(300).fill(1);
    const twos = new Float64Array(300).fill(2);
    const out = new Float64Array(300);
    const sum = fillScaledZigguratUnchecked(out, c, twos, ones);
    expect(c.count).toBeGreaterThanOrEqual(300);
    const z = oneByOne(9, 0, 300).values;
    expect(bitsOf(out)).toBe(bitsOf(z.map((v) => 2 * v)));
    expect(sum).toBe(z.reduce((acc, v) => acc + 2 * v, 0));
  });

  it("saveState/loadState round-trip the four words and refuse bad arguments", () => {
    const r = createRandom(3);
    const s = r.saveState(new Int32Array(4));
    const twin = createRandom(99).loadState(s);
    expect(twin.uint32()).toBe(r.uint32());
    expect(() => r.saveState(new Int32Array(3))).toThrow(/^into must be an Int32Array of length >= 4/);
    expect(() => r.loadState([1, 2, 3, 4] as never)).toThrow(TypeError);
    expect(() => r.loadState(new Int32Array(4))).toThrow(/all-zero/);
  });
});

/** The previous code's draws: every batch replaced by one zigguratUnchecked call per element. */
async function singleDrawModules() {
  vi.resetModules();
  vi.doMock("../../../src/numeric/ziggurat", async (importOriginal) => {
    const real = await importOriginal<typeof import("../../../src/numeric/ziggurat")>();
    return {
      ...real,
      fillZigguratUnchecked: (out: Float64Array, rng: Random, from: number, to: number) => {
        for (let i = from; i < to; i++) out[i] = real.zigguratUnchecked(rng);
        return out;
      },
      // sampleExample's earlier code: the normals one call each, then x = √λ ⊙ z and ⟨w*, x⟩ in a second loop
      fillScaledZigguratUnchecked: (out: Float64Array, rng: Random, scale: Float64Array, weights: Float64Array) => {
        for (let i = 0; i < out.length; i++) out[i] = real.zigguratUnchecked(rng);
        let dot = 0;
        for (let i = 0; i < out.length; i++) {
          const x = scale[i] * out[i];
          out[i] = x;
          dot += weights[i] * x;
        }
        return dot;
      },
    };
  });
  const modules = await loadModules();
  vi.doUnmock("../../../src/numeric/ziggurat");
  vi.resetModules();
  return modules;
}

async function loadModules() {
  const numeric = await import("../../../src/numeric/index");
  const oracles = await import("../../../src/oracles/index");
  const optim = await import("../../../src/optim/index");
  const quantizers = await import("../../../src/quantizers/index");
  const regression = await import("../../../src/regression/index");
  return { numeric, oracles, optim, quantizers, regression };
}

type Modules = Awaited<ReturnType<typeof loadModules>>;

/** Checksums of runs that draw many normals: quantized SGD on each oracle, and regression SGD (diagonal and rotated). */
function runs(m: Modules): string[] {
  const { createRandom: rng } = m.numeric;
  const d = 300;
  const theta = rng(1).fillNormal(new Float64Array(d));
  const compressor = m.quantizers.randomSubsetStochastic({ k: 64, bits: 2, range: 6 });
  const oracles = [
    m.oracles.quadraticOracle({ theta, sigma: 1.3, rng: rng(2) }),
    m.oracles.boundedRangeOracle({ theta, sigma: 1.3, range: 2, mode: "clip", rng: rng(3) }),
    m.oracles.driftingOracle({ theta: Float64Array.from(theta), sigma: 1, q: 0.01, a: 0.99, rng: rng(4) }),
    m.oracles.ar1Oracle({ theta, sigma: 1, rho: 0.7, rng: rng(5) }),
  ];
  const out = oracles.map((oracle) => bitsOf(m.optim.quantizedSgd({ oracle, compressor, rounds: 60, seed: 6, range: 6 }).x));
  const quantize = { data: { kind: "additive", step: 0.05, rounding: "stochastic" }, parameters: { kind: "mantissa", bits: 7, rounding: "nearest" } } as const;
  const lambdas = m.regression.polynomialSpectrum(64, 2);
  for (const problem of [
    m.regression.regressionProblem({ lambdas, beta: 1.5, noiseVariance: 0.01 }),
    m.regression.regressionProblem({ lambdas, beta: 1.5, noiseVariance: 0.01, rotation: "random", seed: 8 }),
  ]) {
    const r = m.regression.sgdRegression({ problem, samples: 2000, batchSize: 1, stepSize: 0.1, seed: 9, quantize });
    out.push(bitsOf(r.averaged) + "|" + bitsOf(r.last));
    const b = m.regression.sgdRegression({ problem, samples: 2048, batchSize: 32, stepSize: 0.1, seed: 10 });
    out.push(bitsOf(b.averaged));
  }
  return out;
}

describe("batched normals leave every run bit for bit unchanged", () => {
  it("quantized SGD on the quadratic, bounded (clip), drifting and AR(1) oracles, and regression SGD", async () => {
    const before = runs(await singleDrawModules());
    const after = runs(await loadModules());
    expect(after).toHaveLength(8);
    for (let i = 0; i < after.length; i++) expect(after[i], `run ${i}`).toBe(before[i]);
  }, 60_000);
});
