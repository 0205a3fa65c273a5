/**
 * The Rosenbrock function, 2-d and n-d, with its gradient (lesson 12, math.md §8.5): the synthetic test
 * problem of paper C's experiments (which variant and noise paper C uses is not known, [U]).
 *
 * @packageDocumentation
 */
import { describeValue, expectFinite, expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";

/**
 * f(x) = Σ_{i=1}^{n−1} [ b (x_{i+1} − x_i²)² + (a − x_i)² ] (n = 2: (a − x)² + b(y − x²)²), minimum 0 at
 * x = (a, a², …) for a = 1 (all ones); the standard start is (−1.2, 1). Writes the gradient
 *
 *     ∂f/∂x_i = −2(a − x_i) − 4b x_i (x_{i+1} − x_i²)  [i < n]  +  2b (x_i − x_{i−1}²)  [i > 1]
 *
 * into `gradient` when given, and returns f. At (1, 1) the Hessian is [[802, −400], [−400, 200]]
 * (condition number ≈ 2508): a long curved valley.
 *
 * Domain: x of length ≥ 2; NaN flows through. Source: H. H. Rosenbrock, Computer Journal 3(3), 1960;
 * the n-d sum is the common "extended" form (math.md §8.5).
 *
 * @param x - the point (length n ≥ 2)
 * @param gradient - a Float64Array of length n to overwrite (optional)
 * @param a - default 1
 * @param b - default 100
 * @throws RangeError naming `x` (length < 2), `gradient` (wrong length), `a` or `b`; TypeError for non-arrays.
 * @example
 * ```ts
 * const g = new Float64Array(2);
 * rosenbrock([-1.2, 1], g); // 24.2, g = [-215.6, -88]
 * ```
 */
export function rosenbrock(x: NumericArray, gradient?: Float64Array, a = 1, b = 100): number {
  expectNumericArray("x", x);
  const n = x.length;
  if (n < 2) throw new RangeError(`x must have length >= 2, got length ${n}`);
  if (gradient !== undefined) {
    if (!(gradient instanceof Float64Array)) throw new TypeError(`gradient must be a Float64Array, got ${describeValue(gradient)}`);
    if (gradient.length !== n) throw new RangeError(`gradient.length must equal x.length = ${n}, got ${gradient.length}`);
    gradient.fill(0);
  }
  expectFinite("a", a);
  expectFinite("b", b);
  let f = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i];
    const r = x[i + 1] - xi * xi;
    const s = a - xi;
    f += b * r * r + s * s;
    if (gradient !== undefined) {
      gradient[i] += -2 * s - 4 * b * xi * r;
      gradient[i + 1] += 2 * b * r;
    }
  }
  return f;
}
