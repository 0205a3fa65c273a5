import { describe, expect, it } from "vitest";
import { blockFormatLabels, blockFormats, blockQuantize, mxQuantize } from "../../../src/formats/index";
import type { BlockFormat } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";

describe("blockQuantize(format, values)", () => {
  it("reproduces the MX and NVFP4 test vectors worked by hand (math.md §9)", () => {
    // MXFP4: amax 12, floor(log2 12) − 2 = 1, X = 2; 12/2 = 6, 3.3/2 = 1.65 → 1.5, −0.7/2 = −0.35 → −0.5, 0.05 → 0
    expect(Array.from(blockQuantize("mxfp4", [0.1, -0.7, 3.3, 12.0]).values)).toEqual([0, -1, 3, 12]);
    // MXFP4: amax 7.9 → X = 1; 7.9 saturates to 6, 0.3 → 0.5
    expect(Array.from(blockQuantize("mxfp4", [7.9, 1.0, -2.2, 0.3]).values)).toEqual([6, 1, -2, 0.5]);
    // MXFP8 E4M3: X = 2^(9 − 8) = 2; 500 saturates to 448, −0.005 = −2.56·2^−9 → −3·2^−9
    expect(Array.from(blockQuantize("mxfp8-e4m3", [1000, 3, -0.01, 0.5]).values)).toEqual([896, 3, -0.01171875, 0.5]);
    // NVFP4 with the block amax as tensor amax: the block scale is exactly 448, so 6 ↔ amax exactly
    // (up to the FP32 rounding of 2688/A and its reciprocal, hence the relative tolerance 1e-6)
    const nv = blockQuantize("nvfp4", [3, 1, -0.5, 0.2]);
    const expected = [6, 2, -1, 0.5].map((q) => q / 2); // e = 6/3 = 2: y = [6, 2, −1, 0.4 → 0.5]
    nv.values.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-6 * Math.abs(expected[i])));
  });
  it("stores w + 8/n bits per element: 8.25, 6.25, 4.25 for MX (n = 32), 4.5 for NVFP4 (n = 16)", () => {
    const width: Record<BlockFormat, number> = { "mxfp8-e4m3": 8, "mxfp8-e5m2": 8, mxint8: 8, "mxfp6-e2m3": 6, "mxfp6-e3m2": 6, mxfp4: 4, nvfp4: 4 };
    const expected: Record<BlockFormat, number> = { "mxfp8-e4m3": 8.25, "mxfp8-e5m2": 8.25, mxint8: 8.25, "mxfp6-e2m3": 6.25, "mxfp6-e3m2": 6.25, mxfp4: 4.25, nvfp4: 4.5 };
    const x = createRandom(1).fillNormal(new Float64Array(100)); // ragged: 100 = 3·32 + 4 = 6·16 + 4
    for (const f of blockFormats) {
      const r = blockQuantize(f, x);
      expect(r.bitsPerElement).toBe(expected[f]);
      const blocks = Math.ceil(100 / r.blockSize);
      expect(r.totalBits).toBe(100 * width[f] + 8 * blocks + (f === "nvfp4" ? 32 : 0));
    }
  });
  it("passes block size and rounding through to the family's quantizer", () => {
    const x = createRandom(2).fillNormal(new Float64Array(64));
    const a = blockQuantize("mxfp4", x, { blockSize: 16 });
    const b = mxQuantize(x, "e2m1", { blockSize: 16 });
    expect(a.blockSize).toBe(16);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
  });
  it("rounds NVFP4 stochastically to one of the two neighbouring grid points, unbiased within 5 standard errors", () => {
    // blocks of 16: [3, 0.7 ×8, −1.3 ×7]; tensor amax 3 = block amax, so s_enc = FP32(2688/3) = 896
    // (exact), the block scale is E4M3(3/6·896) = 448, and the block's grid is E2M1·448/896 = E2M1/2:
    // 0.7 lies between 0.5 and 0.75 (p_up = 0.8), −1.3 between −1 and −1.5 (p_away = 0.6). The
    // element scale e_b = 1/FP32(448·FP32(1/896)) is 2 up to an FP32 rounding (relative 2^−23), which
    // moves the mean by less than 1e-6, far below 5 SE ≈ 4e-3.
    const blocks = 2000;
    const x = new Float64Array(16 * blocks);
    for (let b = 0; b < blocks; b++) {
      x[16 * b] = 3;
      for (let k = 1; k < 16; k++) x[16 * b + k] = k <= 8 ? 0.7 : -1.3;
    }
    const r = blockQuantize("nvfp4", x, { rounding: "stochastic", random: createRandom(3).uniform });
    expect(r.values.length).toBe(x.length);
    const cases = [
      { x: 0.7, low: 0.5, high: 0.75 },
      { x: -1.3, low: -1.5, high: -1 },
    ];
    for (const c of cases) {
      let sum = 0;
      let count = 0;
      let ups = 0;
      for (let i = 0; i < x.length; i++) {
        if (x[i] !== c.x) continue;
        const v = r.values[i];
        expect([c.low, c.high]).toContain(v);
        if (v === c.high) ups++;
        sum += v;
        count++;
      }
      const p = (c.x - c.low) / (c.high - c.low); // probability of the higher neighbour
      const se = (c.high - c.low) * Math.sqrt((p * (1 - p)) / count);
      expect(Math.abs(sum / count - c.x)).toBeLessThanOrEqual(5 * se);
      expect(ups > 0 && ups < count).toBe(true); // both neighbours occur: the rounding is random
    }
  });
  it("labels every format", () => {
    for (const f of blockFormats) expect(blockFormatLabels[f]).toMatch(/^(MX|NV)/);
  });
  it("rejects an unknown format, naming the parameter", () => {
    expect(() => blockQuantize("mxfp2" as BlockFormat, [1])).toThrow(RangeError);
    expect(() => blockQuantize("mxfp2" as BlockFormat, [1])).toThrow(/format must be one of/);
    expect(() => blockQuantize("mxfp4", [1], null as never)).toThrow(TypeError);
    expect(() => blockQuantize("mxfp4", [1], null as never)).toThrow(/^options must be an object, got null$/);
    expect(() => blockQuantize("mxfp2" as BlockFormat, [1])).toThrow(/^format must be one of "mxfp8-e4m3", "mxfp8-e5m2", "mxint8", "mxfp6-e2m3", "mxfp6-e3m2", "mxfp4", "nvfp4", got "mxfp2"$/);
  });
});
