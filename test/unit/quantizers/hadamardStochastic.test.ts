import { describe, expect, it } from "vitest";
import { createRandom, randomizedHadamard } from "../../../src/numeric/index";
import { hadamardStochastic, uniformStochastic } from "../../../src/quantizers/index";
import { sylvester } from "../../support/sylvester";

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

  it("the bound for a short g whose largest entry is not the last: g = (3, 4, 0), n = 4, min(1, (4 ln 4 + 2 ln 2)/4) = 1", () => {
    // d·(1 + 2^−23)²·1·‖g‖²/(2^b − 1)² = 3·25·(1 + 2^−23)² for b = 1, and /9 for b = 2
    const slack = (1 + 2 ** -23) ** 2;
    expect(hadamardStochastic({ bits: 1 }).meanSquaredError(new Float64Array([3, 4, 0]))).toBeCloseTo(75 * slack, 12);
    expect(hadamardStochastic({ bits: 2 }).meanSquaredError(new Float64Array([0, -4, 3]))).toBeCloseTo((75 * slack) / 9, 12);
  });

  it("tames an outlier: on a spike its error bound is far below 1-bit rounding on ±‖g‖∞", () => {
    const d = 1024;
    const g = createRandom(53).fillNormal(new Float64Array(d)).map((v) => 0.01 * v);
    g[7] = 100;
    const rotated = hadamardStochastic({ bits: 1 }).meanSquaredError(g);
    const plain = uniformStochastic({ bits: 1, range: 100 }).meanSquaredError(g);
    expect(rotated).toBeLessThan(plain / 20);
  });

  it("takes the signs D as Float64Array, Float32Array or Int8Array alike; the estimate is D·H·q/√n from the Sylvester matrix", () => {
    const c = hadamardStochastic({ bits: 2 });
    const g = Float64Array.from({ length: 6 }, (_, i) => Math.sin(2 * i + 1));
    const signs = [1, -1, -1, 1, 1, 1, -1, 1];
    const h = sylvester(8);
    const results = [Float64Array, Float32Array, Int8Array].map((T) => c.compressGivenSigns(g, T.from(signs), createRandom(4)));
    for (const r of results) expect(Array.from(r.estimate)).toEqual(Array.from(results[0].estimate));
    // q from the estimate's message: the rotated vector rounded on the grid [low, high]; D·H·q/√n, first 6 rows
    const message = c.encode(g, createRandom(0)); // only for its layout: two FP32 ends, then 2-bit indices
    expect(message.bits).toBe(64 + 8 * 2);
    const { low, high } = results[0];
    const y = Array.from({ length: 8 }, (_, j) => {
      let sum = 0;
      for (let i = 0; i < 6; i++) sum += h.get(j, i) * signs[i] * g[i];
      return sum / Math.sqrt(8);
    });
    expect(low).toBeLessThanOrEqual(Math.min(...y));
    expect(high).toBeGreaterThanOrEqual(Math.max(...y));
  });

  it("the largest FP32 values are sent as the ends of the range; beyond them a RangeError names g and the rotated range", () => {
    const max = 3.4028234663852886e38;
    const c = hadamardStochastic({ bits: 1 });
    // d = n = 1: y = D·g, so the range is [D·g, D·g]
    for (const [g0, sign] of [[max, 1], [max, -1], [-max, 1]] as const) {
      const r = c.compressGivenSigns(new Float64Array([g0]), new Int8Array([sign]), createRandom(1));
      expect(r.low).toBe(sign * g0);
      expect(r.high).toBe(sign * g0);
      expect(Array.from(r.estimate)).toEqual([g0]);
      expect(c.meanSquaredErrorGivenSigns(new Float64Array([g0]), new Int8Array([sign]))).toBe(0);
    }
    expect(() => c.compressGivenSigns(new Float64Array([1e39]), new Int8Array([-1]), createRandom(1))).toThrow(
      /^g rotates to coordinates in \[-1e\+39, -1e\+39\], beyond the FP32 range of the transmitted range$/,
    );
    expect(() => c.encode(new Float64Array([5e38, 0]) /* y = ±5e38/√2 ≈ ±3.5e38 */, createRandom(1))).toThrow(/^g rotates to coordinates in \[/);
  });

  it("decode refuses an infinite end, naming message and both ends", () => {
    const c = hadamardStochastic({ bits: 1 });
    const m = c.encode(new Float64Array([1, 2]), createRandom(1));
    for (const [at, value, shown] of [[0, -Infinity, "\\[-Infinity, "], [4, Infinity, ", Infinity\\]$"]] as const) {
      const bytes = m.bytes.slice();
      new DataView(bytes.buffer).setFloat32(at, value, true);
      expect(() => c.decode({ bytes, bits: m.bits }, 2, createRandom(1))).toThrow(
        new RegExp(`^message: its range must be finite FP32 values low <= high, got .*${shown}`),
      );
    }
  });

  it("meanSquaredErrorGivenSigns is 0 when the rotated vector is constant (one grid point): d = 1, and g = 0", () => {
    const c = hadamardStochastic({ bits: 3 });
    expect(c.meanSquaredErrorGivenSigns(new Float64Array([0.375]), new Int8Array([-1]))).toBe(0); // an FP32 value: low = high
    expect(c.meanSquaredErrorGivenSigns(new Float64Array(3), new Float32Array([1, -1, 1, 1]))).toBe(0);
  });

  it("rejects bad bits and bad signs, naming them", () => {
    const named = hadamardStochastic({ bits: 1 });
    expect(() => named.compressGivenSigns(new Float64Array(3), new Float64Array(3).fill(1), createRandom(1))).toThrow(
      /^signs\.length must be nextPowerOfTwo\(g\.length\) = 4, got 3$/,
    );
    expect(() => named.compressGivenSigns(new Float64Array(2), new Int8Array([1, 0]), createRandom(1))).toThrow(/^signs\[1\] must be \+1 or -1, got 0$/);
    expect(() => named.compressGivenSigns(new Float64Array(2), [1, -1] as never, createRandom(1))).toThrow(
      /^signs must be a Float64Array, Float32Array or Int8Array of ±1, got an array of length 2$/,
    );
    expect(() => named.compressGivenSigns(new Float64Array([1, NaN]), new Int8Array([1, 1]), createRandom(1))).toThrow(/^g\[1\] must be finite/);
    expect(() => named.meanSquaredErrorGivenSigns(new Float64Array([Infinity]), new Int8Array([1]))).toThrow(/^g\[0\] must be finite/);
    expect(() => named.compressGivenSigns(new Float64Array(2), new Int8Array([1, 1]), {} as never)).toThrow(/^rng must be a Random/);
    expect(() => named.compressGivenSigns(new Float64Array(2), new Int8Array([1, 1]), createRandom(1), new Float64Array(3))).toThrow(/^out\.length must equal g\.length = 2, got 3$/);
    expect(() => named.meanSquaredErrorGivenSigns([1, 2] as never, new Int8Array([1, 1]))).toThrow(/^g must be a Float64Array/);
    for (const bits of [0, 2.5, 40]) expect(() => hadamardStochastic({ bits })).toThrow(/bits must be/);
    const c = hadamardStochastic({ bits: 1 });
    const g = new Float64Array(6);
    expect(() => c.compressGivenSigns(g, new Float64Array(6).fill(1), createRandom(1))).toThrow(/signs\.length/);
    expect(() => c.meanSquaredErrorGivenSigns(g, new Float64Array([1, 1, 1, 1, 1, 1, 1, 2]))).toThrow(/signs\[7\]/);
    expect(() => c.meanSquaredErrorGivenSigns(g, [1] as unknown as Float64Array)).toThrow(TypeError);
  });
});
