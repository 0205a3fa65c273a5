import { describe, expect, it } from "vitest";
import { createRandom, randomizedHadamard } from "../../../src/numeric/index";
import { hadamardStochastic, uniformStochastic } from "../../../src/quantizers/index";

describe("hadamardStochastic({ bits })", () => {
  it("bits(d) = 64 + n·b with n the next power of two", () => {
    expect(hadamardStochastic({ bits: 1 }).bits(1000)).toBe(64 + 1024);
    expect(hadamardStochastic({ bits: 3 }).bits(16)).toBe(64 + 48);
    expect(hadamardStochastic({ bits: 2 }).bits(1)).toBe(66);
  });

  it("sends two FP32 ends and one b-bit grid index per rotated coordinate", () => {
    const b = 2;
    const d = 16;
    const c = hadamardStochastic({ bits: b });
    const rng = createRandom(51);
    const g = rng.fillNormal(new Float64Array(d));
    for (let t = 0; t < 50; t++) {
      const signs = rng.fillSigns(new Float64Array(d));
      const y = randomizedHadamard(g, signs);
      const { estimate, bits, low, high } = c.compressGivenSigns(g, signs, rng);
      expect(bits).toBe(64 + d * b);
      expect(Math.fround(low)).toBe(low);
      expect(Math.fround(high)).toBe(high);
      expect(low).toBeLessThanOrEqual(Math.min(...y));
      expect(high).toBeGreaterThanOrEqual(Math.max(...y));
      const delta = (high - low) / (2 ** b - 1);
      const q = randomizedHadamard(estimate, signs); // d = n: the rotation recovers the rounded vector
      for (const v of q) {
        const j = Math.round((v - low) / delta);
        expect(j).toBeGreaterThanOrEqual(0);
        expect(j).toBeLessThanOrEqual(2 ** b - 1);
        expect(Math.abs(v - (low + j * delta))).toBeLessThanOrEqual(1e-12 * (high - low));
      }
    }
  });

  it("pads to a power of two and returns d coordinates", () => {
    const c = hadamardStochastic({ bits: 1 });
    const r = c.compress(new Float64Array(12).fill(1), createRandom(5));
    expect(r.estimate.length).toBe(12);
    expect(r.bits).toBe(64 + 16);
  });

  it("is exact when the rotated vector is constant (d = 1 with an FP32 value, or g = 0)", () => {
    const c = hadamardStochastic({ bits: 1 });
    expect(Array.from(c.compress(new Float64Array([0.5]), createRandom(1)).estimate)).toEqual([0.5]);
    expect(c.compress(new Float64Array(5), createRandom(1)).estimate.every((v) => v === 0)).toBe(true);
    expect(c.meanSquaredError(new Float64Array(5))).toBe(0);
  });

  it("meanSquaredError is the bound d·(1 + 2^−23)²·min(1, (4 ln n + 2 ln 2)/n)·‖g‖²/(2^b − 1)²", () => {
    const g = createRandom(52).fillNormal(new Float64Array(100));
    const norm2 = g.reduce((a, v) => a + v * v, 0);
    const n = 128;
    const expected = (100 * (1 + 2 ** -23) ** 2 * Math.min(1, (4 * Math.log(n) + 2 * Math.log(2)) / n) * norm2) / 9;
    expect(hadamardStochastic({ bits: 2 }).meanSquaredError(g)).toBeCloseTo(expected, 10);
    expect(hadamardStochastic({ bits: 2 }).mseIsExact).toBe(false);
  });

  it("tames an outlier: on a spike its error bound is far below 1-bit rounding on ±‖g‖∞", () => {
    const d = 1024;
    const g = createRandom(53).fillNormal(new Float64Array(d)).map((v) => 0.01 * v);
    g[7] = 100;
    const rotated = hadamardStochastic({ bits: 1 }).meanSquaredError(g);
    const plain = uniformStochastic({ bits: 1, range: 100 }).meanSquaredError(g);
    expect(rotated).toBeLessThan(plain / 20);
  });

  it("rejects bad bits and bad signs, naming them", () => {
    for (const bits of [0, 2.5, 40]) expect(() => hadamardStochastic({ bits })).toThrow(/bits must be/);
    const c = hadamardStochastic({ bits: 1 });
    const g = new Float64Array(6);
    expect(() => c.compressGivenSigns(g, new Float64Array(6).fill(1), createRandom(1))).toThrow(/signs\.length/);
    expect(() => c.meanSquaredErrorGivenSigns(g, new Float64Array([1, 1, 1, 1, 1, 1, 1, 2]))).toThrow(/signs\[7\]/);
    expect(() => c.meanSquaredErrorGivenSigns(g, [1] as unknown as Float64Array)).toThrow(TypeError);
  });
});
