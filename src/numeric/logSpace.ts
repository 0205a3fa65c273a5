/**
 * Geometrically spaced points, the x values of every sweep drawn on a logarithmic axis.
 *
 * @packageDocumentation
 */
import { expectInteger, expectPositive } from "../validation";

/**
 * `count` points from `from` to `to` (both included) with a constant ratio between neighbours:
 *
 *     x_i = from · (to/from)^(i/(count − 1)),   i = 0, …, count − 1
 *
 * so that they are evenly spaced on a logarithmic axis. The endpoints are returned exactly as given;
 * the interior points are computed as exp(ln from + i·Δ) with Δ = (ln to − ln from)/(count − 1), accurate
 * to a few ulps. `from > to` gives a decreasing sequence; `count = 1` gives `[from]`.
 *
 * Domain: `from` and `to` finite and > 0 (any positive double, subnormals included); `count` an integer ≥ 1.
 *
 * Source: the definition (numpy's `geomspace`); used by lesson 1's relative-error sweeps.
 *
 * @throws RangeError when `from` or `to` is not a finite number > 0 or `count` is not an integer ≥ 1;
 * TypeError when an argument is not a number.
 * @example
 * ```ts
 * logSpace(1, 1000, 4); // Float64Array [1, 10, 100, 1000] (interior points within a few ulps)
 * logSpace(2 ** -24, 65504, 2000); // a sweep across the whole fp16 range
 * ```
 */
export function logSpace(from: number, to: number, count: number): Float64Array {
  expectPositive("from", from);
  expectPositive("to", to);
  expectInteger("count", count, 1);
  const out = new Float64Array(count);
  out[0] = from;
  if (count === 1) return out;
  const start = Math.log(from);
  const step = (Math.log(to) - start) / (count - 1);
  for (let i = 1; i < count - 1; i++) out[i] = Math.exp(start + i * step);
  out[count - 1] = to;
  return out;
}
