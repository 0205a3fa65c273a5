import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatInfo, formatNames, quantize, quantizeArray } from "../../../src/formats/index";
import type { FormatName, RoundingMode } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";

const SEED = 42;
const format = fc.constantFrom(...formatNames);
const signedFormat = fc.constantFrom(...formatNames.filter((n) => n !== "e8m0"));
const deterministic = fc.constantFrom<RoundingMode>("nearest-even", "toward-zero");
/** Doubles spread over every binade from 2^−160 to 2^140, both signs, plus specials now and then. */
const real = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.double({ min: -160, max: 140, noNaN: true }), fc.boolean()).map(([e, s]) => (s ? -1 : 1) * 2 ** e) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -300, max: 300 }) },
);

/** Order for comparisons: NaN results (e4m3/e8m0 overflow) are excluded by the callers. */
describe("properties of quantize (fast-check, seed 42)", () => {
  it("is monotone: x ≤ y ⇒ q(x) ≤ q(y) for nearest-even and toward-zero, saturating or not", () => {
    fc.assert(
      fc.property(format, deterministic, fc.boolean(), real, real, (name, rounding, saturate, a, b) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        const qx = quantize(name, x, { rounding, saturate });
        const qy = quantize(name, y, { rounding, saturate });
        if (Number.isNaN(qx) || Number.isNaN(qy)) return true;
        return qx <= qy;
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });

  it("is odd: q(−x) = −q(x) in signed formats, stochastic rounding included (for the same draw)", () => {
    fc.assert(
      fc.property(signedFormat, fc.constantFrom<RoundingMode>("nearest-even", "toward-zero", "stochastic"), fc.boolean(), real, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (name, rounding, saturate, x, u) => {
        const o = { rounding, saturate, random: () => u };
        const info = formatInfo(name);
        // two's complement is asymmetric (−2^(b−1) has no positive twin): integers only inside ±max
        if (info.kind === "int" && !(Math.abs(x) <= info.maxFinite)) return true;
        const a = quantize(name, -x, o);
        const b = -quantize(name, x, o);
        // integers have no −0: compare zeros by value there
        return info.kind === "int" ? a === b : Object.is(a, b);
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });

  it("is idempotent: q(q(x)) = q(x) for every rounding", () => {
    fc.assert(
      fc.property(format, fc.constantFrom<RoundingMode>("nearest-even", "toward-zero", "stochastic"), fc.boolean(), real, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (name, rounding, saturate, x, u) => {
        const o = { rounding, saturate, random: () => u };
        const q = quantize(name, x, o);
        return Object.is(quantize(name, q, o), q);
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });

  it("returns values no farther from x than the local grid step, inside the finite range", () => {
    fc.assert(
      fc.property(fc.constantFrom<FormatName>("fp16", "bf16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1"), real, (name, x) => {
        const info = formatInfo(name);
        if (!(Math.abs(x) <= info.maxFinite)) return true;
        const q = quantize(name, x);
        const relative = Math.abs(x) >= info.minNormal ? Math.abs(q - x) / Math.abs(x) : 0;
        const absolute = Math.abs(x) < info.minNormal ? Math.abs(q - x) : 0;
        // RNE: |δ| ≤ u = 2^−(m+1) in the normal range, |error| ≤ half the subnormal step below it (math.md §6.2)
        return relative <= info.unitRoundoff && absolute <= info.minSubnormal / 2;
      }),
      { seed: SEED, numRuns: 20000 },
    );
  });

  it("stochastic rounding is unbiased: the mean of many roundings of x is x within 5 standard errors", () => {
    fc.assert(
      fc.property(fc.constantFrom<FormatName>("fp16", "bf16", "e5m2", "e4m3", "e2m1", "int4", "e8m0"), fc.double({ min: 0.05, max: 3.9, noNaN: true }), fc.boolean(), fc.integer({ min: 0, max: 1000 }), (name, magnitude, negative, stream) => {
        const x = name === "e8m0" || !negative ? magnitude : -magnitude;
        const n = 4000;
        const rng = createRandom(SEED, stream);
        const q = quantizeArray(name, new Float64Array(n).fill(x), { rounding: "stochastic", random: rng.uniform });
        let mean = 0;
        for (let i = 0; i < n; i++) mean += q[i] / n;
        const low = Math.min(...q);
        const high = Math.max(...q);
        if (low === high) return low === x || quantize(name, x) === x; // x on the grid
        const p = (x - low) / (high - low);
        const se = (high - low) * Math.sqrt((p * (1 - p)) / n);
        return Math.abs(mean - x) <= 5 * se + 1e-15;
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});

describe("exhaustive sign and order checks on the small grids", () => {
  it("keeps the order of all codes' values: quantize of a sorted input is sorted", () => {
    const rng = createRandom(3);
    const xs = Array.from({ length: 5000 }, () => (rng.uniform() - 0.5) * 2 ** (rng.integer(40) - 20)).sort((a, b) => a - b);
    for (const name of formatNames) {
      const q = quantizeArray(name, xs, { saturate: true });
      for (let i = 1; i < q.length; i++) expect(q[i] >= q[i - 1] || Number.isNaN(q[i]) || Number.isNaN(q[i - 1])).toBe(true);
    }
  });
});
