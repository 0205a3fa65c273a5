/**
 * Stochastic rounding onto a uniform grid: the scalar step shared by the compressors of this folder.
 *
 * The grid has `intervals + 1` points from `low` to `high` (a b-bit grid has intervals = 2^b − 1).
 * For x in the cell [ℓ, h] the rounding returns h with probability p = (x − ℓ)/(h − ℓ), else ℓ:
 * E = x and Var = (x − ℓ)(h − x) ≤ (h − ℓ)²/4 (math.md §5.3 and §6.2, standard).
 *
 * These are unchecked kernels for inner loops; callers validate once at their public boundary.
 *
 * @packageDocumentation
 */
import { describeValue, expectPositive } from "../validation";

/**
 * The largest `range` M a uniform stochastic-rounding grid on [−M, M] accepts: half the largest
 * double, (1 − 2^−53)·2^1023 ≈ 8.988e307, so that the grid's width 2M is finite (beyond it the grid
 * arithmetic would give NaN).
 *
 * @example
 * ```ts
 * MAX_GRID_RANGE === Number.MAX_VALUE / 2; // true
 * ```
 */
export const MAX_GRID_RANGE = Number.MAX_VALUE / 2;

/** Throws unless `range` is a finite number in (0, MAX_GRID_RANGE]. Shared by the grid compressors. */
export function expectGridRange(range: unknown): asserts range is number {
  expectPositive("range", range);
  if (range > MAX_GRID_RANGE) {
    throw new RangeError(
      `range must be at most ${MAX_GRID_RANGE} (half the largest double, so that the grid width 2·range is finite), got ${describeValue(range)}`,
    );
  }
}

/**
 * Grid point j ∈ [0, intervals] of the uniform grid on [low, high]. Computed from the nearer end so
 * that both ends are exact (point 0 is `low`, point `intervals` is `high`) and the grid is
 * symmetric when low = −high.
 */
export function gridPoint(low: number, high: number, intervals: number, j: number): number {
  return 2 * j <= intervals
    ? low + (high - low) * (j / intervals)
    : high - (high - low) * ((intervals - j) / intervals);
}

/**
 * Index j ∈ [0, intervals − 1] of a grid cell [point(j), point(j+1)] that contains x ∈ [low, high]
 * (requires high > low). NaN gives NaN.
 */
export function gridCell(x: number, low: number, high: number, intervals: number): number {
  let j = Math.floor(((x - low) / (high - low)) * intervals);
  if (j > intervals - 1) j = intervals - 1;
  else if (j < 0) j = 0;
  // The division above can land one cell off by rounding; the grid points decide.
  if (j > 0 && x < gridPoint(low, high, intervals, j)) j -= 1;
  else if (j < intervals - 1 && x > gridPoint(low, high, intervals, j + 1)) j += 1;
  return j;
}

/** Clips x to [low, high]; NaN stays NaN. */
export function clip(x: number, low: number, high: number): number {
  return x < low ? low : x > high ? high : x;
}

/**
 * Stochastic rounding of x (clipped to [low, high] first) with the uniform draw u ∈ [0, 1), as the
 * index of the grid point it lands on: the upper neighbour j + 1 iff u < p, else j. Its value is
 * `gridPoint(low, high, intervals, index)`; the index is what a message sends. Requires high > low
 * and x not NaN.
 */
export function stochasticGridIndex(x: number, low: number, high: number, intervals: number, u: number): number {
  const c = clip(x, low, high);
  const j = gridCell(c, low, high, intervals);
  const l = gridPoint(low, high, intervals, j);
  const h = gridPoint(low, high, intervals, j + 1);
  return u < (c - l) / (h - l) ? j + 1 : j;
}

/** (c − ℓ)(h − c): the variance of {@link stochasticRoundOnGrid} at c ∈ [low, high]. Requires high > low. */
export function gridRoundingVariance(c: number, low: number, high: number, intervals: number): number {
  const j = gridCell(c, low, high, intervals);
  const l = gridPoint(low, high, intervals, j);
  const h = gridPoint(low, high, intervals, j + 1);
  return (c - l) * (h - c);
}
