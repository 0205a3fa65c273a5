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

  it("exact enumeration of the 2^n rounding outcomes (n = 4, Sylvester H): each outcome decodes to D·H·q/√n, E[ĝ] = g, and meanSquaredErrorGivenSigns is E‖ĝ − g‖²", () => {
    const n = 4;
    const h = sylvester(n);
    const U_MAX = 1 - 2 ** -53;
    const f32 = new Float32Array(1);
    const bits32 = new Uint32Array(f32.buffer);
    /** The binary32 value nearest x, stepped one pattern outward when it lies on the wrong side. */
    const outward = (x: number, up: boolean): number => {
      f32[0] = x;
      if (up ? f32[0] < x : f32[0] > x) bits32[0] += (f32[0] >= 0) === up ? 1 : -1;
      return f32[0];
    };
    for (const [g, signs, b] of [
      // dyadic entries: y = H·D·g/2 is exact in both computations, so the sent range is known exactly
      [[0.375, -0.8125, 0.5625], [1, -1, -1, 1], 1],
      [[1.75, 0.25, -0.4375], [-1, -1, 1, 1], 2],
      [[-2, 0.125, 0.625, 0.875], [1, 1, -1, -1], 1],
    ] as const) {
      const d = g.length;
      const gv = Float64Array.from(g);
      // y = H·D·[g; 0]/√n from the definition, and the range sent: rounded outward to binary32
      const y = Array.from({ length: n }, (_, j) => {
        let sum = 0;
        for (let i = 0; i < d; i++) sum += h.get(j, i) * signs[i] * g[i];
        return sum / Math.sqrt(n);
      });
      const low = outward(Math.min(...y), false);
      const high = outward(Math.max(...y), true);
      const I = 2 ** b - 1;
      const grid = Array.from({ length: I + 1 }, (_, j) => low + ((high - low) * j) / I);
      // each y_j rounds to its two grid neighbours ℓ_j < h_j, to h_j with probability (y_j − ℓ_j)/(h_j − ℓ_j)
      const cells = y.map((v) => {
        let k = 0;
        while (k < I - 1 && grid[k + 1] <= v) k++;
        return { k, p: (v - grid[k]) / (grid[k + 1] - grid[k]) };
      });
      expect(cells.filter((c) => c.p > 1e-6 && c.p < 1 - 1e-6).length).toBeGreaterThanOrEqual(2); // at least 4 outcomes matter
      const c = hadamardStochastic({ bits: b });
      const mean = new Float64Array(d);
      let mse = 0;
      for (let outcome = 0; outcome < 2 ** n; outcome++) {
        const up = (j: number) => ((outcome >> j) & 1) === 1;
        let prob = 1;
        const q = cells.map((cell, j) => {
          prob *= up(j) ? cell.p : 1 - cell.p;
          return grid[cell.k + (up(j) ? 1 : 0)];
        });
        if (prob === 0) continue; // an end of the range that is a binary32 value: one neighbour only
        const ref = Array.from({ length: d }, (_, i) => {
          let sum = 0;
          for (let j = 0; j < n; j++) sum += h.get(i, j) * q[j];
          return (signs[i] * sum) / Math.sqrt(n);
        });
        // the library on this outcome: dither 0 sends the upper neighbour, the largest dither the lower one
        const rng = createRandom(0);
        let j = 0;
        Object.defineProperty(rng, "uniform", { value: () => (up(j++) ? 0 : U_MAX) });
        const r = c.compressGivenSigns(gv, Int8Array.from(signs), rng);
        expect(r.low).toBe(low);
        expect(r.high).toBe(high);
        for (let i = 0; i < d; i++) expect(Math.abs(r.estimate[i] - ref[i]), `outcome ${outcome}, i = ${i}`).toBeLessThanOrEqual(1e-12 * (high - low));
        // a decoder that never encoded rebuilds the same ĝ from the bytes
        const coin = createRandom(3);
        let jj = 0;
        Object.defineProperty(coin, "uniform", { value: () => (up(jj++) ? 0 : U_MAX) });
        Object.defineProperty(coin, "fillSigns", { value: (out: Float64Array) => (out.set(signs), out) });
        const message = hadamardStochastic({ bits: b }).encode(gv, coin);
        const decoder = createRandom(3);
        Object.defineProperty(decoder, "fillSigns", { value: (out: Float64Array) => (out.set(signs), out) });
        expect(Array.from(hadamardStochastic({ bits: b }).decode(message, d, decoder))).toEqual(Array.from(r.estimate));
        for (let i = 0; i < d; i++) {
          mean[i] += prob * ref[i];
          mse += prob * (ref[i] - g[i]) ** 2;
        }
      }
      for (let i = 0; i < d; i++) expect(Math.abs(mean[i] - g[i])).toBeLessThanOrEqual(1e-12 * (high - low));
      expect(Math.abs(c.meanSquaredErrorGivenSigns(gv, Int8Array.from(signs)) - mse)).toBeLessThanOrEqual(1e-12 * mse);
    }
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
