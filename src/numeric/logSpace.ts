/**
 * Geometrically spaced points, the x values of every sweep drawn on a logarithmic axis.
 *
 * @packageDocumentation
 */
import { expectInteger, expectPositive } from "../validation";

/**
 * The largest `count` of {@link logSpace}: 10^7 points (80 MB of Float64, a second or so to fill),
 * far more than any axis needs; 10^9 would take 8 GB and half a minute.
 *
 * @example
 * ```ts
 * logSpace(1, 2, LOG_SPACE_MAX_COUNT).length; // 10000000, the most it gives
 * ```
 */
export const LOG_SPACE_MAX_COUNT = 10_000_000;

/**
 * `count` points from `from` to `to` (both included) with a constant ratio between neighbours:
 *
 *     x_i = from · (to/from)^(i/(count − 1)),   i = 0, …, count − 1
 *
 * so that they are evenly spaced on a logarithmic axis. The endpoints are returned exactly as given;
 * the interior points are computed as exp(ln from + i·Δ) with Δ = (ln to − ln from)/(count − 1), accurate
 * to a few ulps. `from > to` gives a decreasing sequence; `count = 1` gives `[from]`.
 *
 * Domain: `from` and `to` finite and > 0 (any positive double, subnormals included); `count` an integer
 * from 1 to {@link LOG_SPACE_MAX_COUNT} = 10^7.
 *
 * Source: the definition (numpy's `geomspace`); used by lesson 1's relative-error sweeps.
 *
 * @throws RangeError when `from` or `to` is not a finite number > 0 or `count` is not an integer from 1
 * to 10^7; TypeError when an argument is not a number.
 * @example
 * ```ts
 * logSpace(1, 1000, 4); // Float64Array [1, 10, 100, 1000] (interior points within a few ulps)
 * logSpace(2 ** -24, 65504, 2000); // a sweep across the whole fp16 range
 * logSpace(1, 10, 1e9); // RangeError: count must be an integer from 1 to 10000000, got 1000000000
 * ```
 */
export function logSpace(from: number, to: number, count: number): Float64Array {
  expectPositive("from", from);
  expectPositive("to", to);
  expectInteger("count", count, 1, LOG_SPACE_MAX_COUNT);
  const out = new Float64Array(count);
  out[0] = from;
  if (count === 1) return out;
  const start = Math.log(from);
  const step = (Math.log(to) - start) / (count - 1);
  for (let i = 1; i < count - 1; i++) out[i] = Math.exp(start + i * step);
  out[count - 1] = to;
  return out;
}
