/**
 * The grid kernel of the stochastic-rounding compressors (uniformGrid.ts) against a brute force: the cell
 * of x is found by scanning the grid points, not by the kernel's floor-then-correct arithmetic, at the
 * inputs where that arithmetic lands one cell off (each grid point and its two neighbouring doubles).
 */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { uniformStochastic } from "../../../src/quantizers/index";
import { gridCell, gridPoint, gridRoundingVariance, stochasticGridIndex } from "../../../src/quantizers/uniformGrid";

/** The next double above x (through the bit pattern), and below. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += x > 0 ? 1n : -1n;
  return f[0];
}
const nextDown = (x: number): number => -nextUp(-x);

const U_MAX = 1 - 2 ** -53; // the largest uniform draw

describe("the grid kernel against a brute-force scan of the grid points", () => {
  it("at every grid point and its neighbouring doubles: the cell contains x, the rounding variance is (x − ℓ)(h − x) ≥ 0, the index follows u < p", () => {
    let oneOff = 0; // inputs where ⌊(x − low)/(high − low)·intervals⌋ is not the scanned cell
    let checked = 0;
    for (const M of [1, 1.5, 3, 0.1, 7.3, Math.SQRT2]) {
      for (let b = 1; b <= 6; b++) {
        const I = 2 ** b - 1;
        const points = Array.from({ length: I + 1 }, (_, j) => gridPoint(-M, M, I, j));
        // the grid: −M + jΔ up to rounding, ends exact, increasing
        expect(points[0]).toBe(-M);
        expect(points[I]).toBe(M);
        for (let j = 0; j <= I; j++) expect(Math.abs(points[j] - (-M + (j * 2 * M) / I))).toBeLessThanOrEqual(2 * Number.EPSILON * M);
        const uniform = uniformStochastic({ bits: b, range: M });
        for (const p of points) {
          for (const x of [nextDown(p), p, nextUp(p)]) {
            if (x < -M || x > M) continue;
            // the brute force: the last cell [ℓ, h] with ℓ ≤ x
            let k = 0;
            while (k < I - 1 && points[k + 1] <= x) k++;
            const l = points[k];
            const h = points[k + 1];
            const raw = Math.min(I - 1, Math.max(0, Math.floor(((x + M) / (2 * M)) * I)));
            if (raw !== k && !(x === points[raw] || x === points[raw + 1])) oneOff++;
            checked++;
            const j = gridCell(x, -M, M, I);
            expect(points[j] <= x && x <= points[j + 1], `M=${M} b=${b} x=${x}: cell ${j}`).toBe(true);
            const variance = (x - l) * (h - x);
            expect(variance).toBeGreaterThanOrEqual(0);
            const v = gridRoundingVariance(x, -M, M, I);
            expect(Math.abs(v - variance), `M=${M} b=${b} x=${x}: variance ${v} vs ${variance}`).toBeLessThanOrEqual(1e-9 * variance);
            expect(Math.abs(uniform.meanSquaredError(new Float64Array([x])) - variance)).toBeLessThanOrEqual(1e-9 * variance);
            // u < p = (x − ℓ)/(h − ℓ) sends h, else ℓ (x a grid point: that point, whatever u)
            for (const u of [0, 0.5, U_MAX]) {
              const index = x === h ? k + 1 : u < (x - l) / (h - l) ? k + 1 : k;
              expect(stochasticGridIndex(x, -M, M, I, u), `M=${M} b=${b} x=${x} u=${u}`).toBe(index);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(oneOff).toBeGreaterThan(50); // the inputs that need the correction are among them
  });

  it("the grid on [−M, M] is symmetric point for point, p_j = −p_(2^b−1−j), with both ends exact (the documented nearer-end computation)", () => {
    for (const M of [1, 1.5, 3, 0.1, 7.3, Math.SQRT2, 1e-300, Number.MAX_VALUE / 2]) {
      for (let b = 1; b <= 12; b++) {
        const I = 2 ** b - 1;
        expect(gridPoint(-M, M, I, 0)).toBe(-M);
        expect(gridPoint(-M, M, I, I)).toBe(M);
        for (let j = 0; j <= I; j++) {
          if (gridPoint(-M, M, I, j) !== -gridPoint(-M, M, I, I - j)) throw new Error(`M = ${M}, b = ${b}: point ${j} is ${gridPoint(-M, M, I, j)}, point ${I - j} is ${gridPoint(-M, M, I, I - j)}`);
        }
      }
    }
  });

  it("through uniformStochastic's coin: with every dither at its largest value, x one double below a grid point is sent as its lower neighbour only when p ≤ u", () => {
    // M = 1, b = 2: grid {−1, −1/3, 1/3, 1}; x just below 1/3 lies in the cell [−1/3, 1/3], p = 1 − ε
    const M = 1;
    const c = uniformStochastic({ bits: 2, range: M });
    const third = gridPoint(-M, M, 3, 2);
    const x = nextDown(third);
    const p = (x - gridPoint(-M, M, 3, 1)) / (third - gridPoint(-M, M, 3, 1));
    const rng = createRandom(0);
    Object.defineProperty(rng, "uniform", { value: () => U_MAX });
    const estimate = c.compress(new Float64Array([x]), rng).estimate[0];
    expect(estimate).toBe(U_MAX < p ? third : gridPoint(-M, M, 3, 1));
    expect(c.meanSquaredError(new Float64Array([x]))).toBeGreaterThan(0);
  });
});
