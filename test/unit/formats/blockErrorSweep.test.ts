import { describe, expect, it } from "vitest";
import { blockErrorSweep, blockQuantize } from "../../../src/formats/index";
import { blockRandomizedHadamard, createRandom, inverseBlockRandomizedHadamard } from "../../../src/numeric/index";

function sqnrByHand(x: ArrayLike<number>, xHat: ArrayLike<number>): number {
  let s = 0;
  let e = 0;
  for (let i = 0; i < x.length; i++) {
    s += x[i] * x[i];
    e += (x[i] - xHat[i]) ** 2;
  }
  return 10 * Math.log10(s / e);
}

describe("blockErrorSweep(data, options)", () => {
  it("reports 10·log10(Σx²/Σ(x − x̂)²), the MSE, the largest error and bits for each format, in order", () => {
    const x = createRandom(1).fillNormal(new Float64Array(1024));
    const rows = blockErrorSweep(x, { formats: ["nvfp4", "mxfp4"] });
    expect(rows.map((r) => r.format)).toEqual(["nvfp4", "mxfp4"]);
    for (const r of rows) {
      const xHat = blockQuantize(r.format, x).values;
      expect(Math.abs(r.sqnrDb - sqnrByHand(x, xHat))).toBeLessThanOrEqual(1e-9);
      let mse = 0;
      let max = 0;
      for (let i = 0; i < x.length; i++) {
        mse += (x[i] - xHat[i]) ** 2 / x.length;
        max = Math.max(max, Math.abs(x[i] - xHat[i]));
      }
      expect(Math.abs(r.meanSquaredError - mse)).toBeLessThanOrEqual(1e-12 * mse);
      expect(r.maxAbsError).toBe(max);
    }
    expect(rows[0].bitsPerElement).toBe(4.5);
    expect(rows[1].bitsPerElement).toBe(4.25);
  });

  it("matches the closed form 10·log10(44.8) = 16.51 dB for MXFP4 on magnitudes uniform in one binade", () => {
    // |v| ~ U[1, 2): every block has floor(log2 amax) = 0, so X = 2^(0 − 2) and y = 4|v| ~ U[4, 8).
    // RNE with saturation on {4, 6}: [4, 5) → 4, [5, 7) → 6, [7, 8) → 6 (clipped). E(y − q)² = (1/3 + 2/3 + 7/3)/4 = 5/6,
    // E y² = 112/3, ratio 44.8. Monte Carlo: the noise-to-signal ratio R = Σe²/Σy² has delta-method
    // standard error √(Var(e² − R·y²)/n)/E y²; tolerance 5 SE.
    const n = 1 << 16;
    const rng = createRandom(7);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = (rng.uniform() < 0.5 ? -1 : 1) * (1 + rng.uniform());
    const row = blockErrorSweep(v, { formats: ["mxfp4"] })[0];
    const xHat = blockQuantize("mxfp4", v).values;
    const R = 1 / 44.8;
    let m = 0;
    let m2 = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const t = (v[i] - xHat[i]) ** 2 - R * v[i] * v[i];
      m += t / n;
      m2 += (t * t) / n;
      sy += (v[i] * v[i]) / n;
    }
    const se = Math.sqrt((m2 - m * m) / n) / sy;
    const measured = 10 ** (-row.sqnrDb / 10);
    expect(Math.abs(measured - R), `measured ${measured}, predicted ${R}, 5 SE = ${5 * se}`).toBeLessThanOrEqual(5 * se);
  });

  it("with a rotation, measures x̂ = Rᵀ·Q(R·x) in the original coordinates, equal to the error in the rotated ones", () => {
    const rng = createRandom(3);
    const x = rng.fillNormal(new Float64Array(512));
    x[7] = 40; // an outlier
    const signs = rng.fillSigns(new Float64Array(512));
    for (const format of ["mxfp4", "nvfp4"] as const) {
      const size = format === "nvfp4" ? 16 : 32;
      const row = blockErrorSweep(x, { formats: [format], rotation: { signs } })[0];
      const y = blockRandomizedHadamard(x, size, signs);
      const qy = blockQuantize(format, y).values;
      expect(Math.abs(row.sqnrDb - sqnrByHand(y, qy))).toBeLessThanOrEqual(1e-9); // Parseval, both sums
      expect(Math.abs(row.sqnrDb - sqnrByHand(x, inverseBlockRandomizedHadamard(qy, size, signs)))).toBeLessThanOrEqual(1e-9);
    }
    const fixed = blockErrorSweep(x, { formats: ["nvfp4"], rotation: { signs, size: 64 } })[0];
    const y64 = blockRandomizedHadamard(x, 64, signs);
    expect(Math.abs(fixed.sqnrDb - sqnrByHand(y64, blockQuantize("nvfp4", y64).values))).toBeLessThanOrEqual(1e-9);
  });

  it("uses options.blockSize for every format: one block for the whole tensor is a single scale", () => {
    const x = createRandom(4).fillNormal(new Float64Array(256));
    const rows = blockErrorSweep(x, { formats: ["mxfp4", "nvfp4"], blockSize: 256 });
    expect(rows[0].bitsPerElement).toBe(4 + 8 / 256);
    expect(Math.abs(rows[0].sqnrDb - sqnrByHand(x, blockQuantize("mxfp4", x, { blockSize: 256 }).values))).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(rows[1].sqnrDb - sqnrByHand(x, blockQuantize("nvfp4", x, { blockSize: 256 }).values))).toBeLessThanOrEqual(1e-9);
    expect(() => blockErrorSweep(x, { blockSize: 0 })).toThrow(/blockSize/);
  });

  it("counts elements flushed to zero: 1 and 0.5 in a block with amax 16 fall below X/4 = 1 (MXFP4)", () => {
    // X = 2^(4 − 2) = 4: 1/4 = 0.25 is the midpoint of 0 and 0.5 and ties to even (0); 0.5/4 → 0
    const row = blockErrorSweep([16, 1, 0.5, 0], { formats: ["mxfp4"] })[0];
    expect(row.flushedFraction).toBeCloseTo(2 / 3, 15);
  });

  it("reports a flushed fraction of 0 (not 0/0) and zero errors for all-zero data, in every format", () => {
    for (const row of blockErrorSweep(new Float64Array(40))) {
      expect(row.flushedFraction).toBe(0);
      expect(row.meanSquaredError).toBe(0);
      expect(row.maxAbsError).toBe(0);
    }
  });

  it("gives +Infinity and no flushed elements for data on the grid, NaN for NaN data", () => {
    const exact = blockErrorSweep([6, -4, 1.5, 0.5, 0], { formats: ["mxfp4"] })[0];
    expect(exact.sqnrDb).toBe(Infinity);
    expect(exact.flushedFraction).toBe(0);
    const withNaN = blockErrorSweep([1, NaN, 2], { formats: ["mxfp4"] })[0];
    expect(withNaN.sqnrDb).toBeNaN();
    expect(withNaN.maxAbsError).toBeNaN();
  });

  it("rejects bad arguments, naming them", () => {
    expect(() => blockErrorSweep([])).toThrow(/data must not be empty/);
    expect(() => blockErrorSweep("x" as never)).toThrow(TypeError);
    expect(() => blockErrorSweep("x" as never)).toThrow(/^data must be a Float64Array, a Float32Array or an array of numbers, got "x"$/);
    expect(() => blockErrorSweep([1], { formats: ["fp4" as never] })).toThrow(/format must be one of/);
    expect(() => blockErrorSweep([1, 2, 3], { rotation: { signs: new Float64Array([1, 1, 1]) } })).toThrow(/multiple of blockSize/);
    expect(() => blockErrorSweep([1], { rotation: null as never })).toThrow(/options.rotation/);
    expect(() => blockErrorSweep([1], { rotation: 3 as never })).toThrow(/^options\.rotation must be an object \{ signs, size\? \}, got 3/);
    expect(() => blockErrorSweep([1], 5 as never)).toThrow(TypeError);
    expect(() => blockErrorSweep([1], 5 as never)).toThrow(/^options must be an object, got 5/);
    expect(() => blockErrorSweep([1], null as never)).toThrow(/^options must be an object, got null/);
    expect(() => blockErrorSweep([1], { formats: "mxfp4" as never })).toThrow(TypeError);
    expect(() => blockErrorSweep([1], { formats: "mxfp4" as never })).toThrow(/^options\.formats must be an array of format names, got "mxfp4"/);
  });
});
