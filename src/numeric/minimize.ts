/**
 * Brent's method for a local minimum of a function of one variable on an interval.
 *
 * @packageDocumentation
 */
import { expectFinite, expectFunction, expectPositive } from "../validation";

/** Options of {@link brentMinimize}. */
export interface BrentMinimizeOptions {
  /** Relative tolerance on x (default √ε ≈ 1.5e−8: a smooth minimum's value is then exact to ~ε). */
  relTolerance?: number;
  /** Absolute tolerance on x (default 1e−12). */
  absTolerance?: number;
  /** Give up after this many iterations (default 500). */
  maxIterations?: number;
}

/** What {@link brentMinimize} returns. */
export interface BrentMinimum {
  /** The abscissa of the minimum found. */
  x: number;
  /** f(x). */
  value: number;
  /** The number of evaluations of f. */
  evaluations: number;
}

const GOLDEN = 0.3819660112501051; // (3 − √5)/2

/**
 * A local minimum of f on [lo, hi] by Brent's method: golden-section search with parabolic
 * interpolation steps, never evaluating f at the ends. For a unimodal f it finds the minimum; for
 * others, a local one.
 *
 * Accuracy (Brent's guarantee): x is within 3·tol of a local minimum, tol = relTolerance·|x| +
 * absTolerance. The value at a smooth minimum is then exact to about tol²·|f''|, so the default
 * relTolerance = √ε gives f to machine precision and x to about 1e−8 relative.
 *
 * Source: R. P. Brent, "Algorithms for Minimization without Derivatives" (Prentice-Hall, 1973),
 * chapter 5, procedure `localmin`.
 *
 * @throws TypeError when f is not a function; RangeError naming `lo`/`hi` when they are not finite with
 * lo < hi, naming an option when it is not a finite number > 0.
 * @example
 * ```ts
 * brentMinimize((x) => (x - 1) ** 2, 0, 3).x; // 1 (to about 1e−8)
 * ```
 */
export function brentMinimize(
  f: (x: number) => number,
  lo: number,
  hi: number,
  options: BrentMinimizeOptions = {},
): BrentMinimum {
  expectFunction("f", f);
  expectFinite("lo", lo);
  expectFinite("hi", hi);
  if (!(lo < hi)) throw new RangeError(`lo must be less than hi, got lo = ${lo}, hi = ${hi}`);
  const relTol = options.relTolerance ?? Math.sqrt(2.220446049250313e-16);
  const absTol = options.absTolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 500;
  expectPositive("options.relTolerance", relTol);
  expectPositive("options.absTolerance", absTol);
  expectPositive("options.maxIterations", maxIterations);
  let a = lo;
  let b = hi;
  let v = a + GOLDEN * (b - a);
  let w = v;
  let x = v;
  let e = 0;
  let d = 0;
  let fx = f(x);
  let fv = fx;
  let fw = fx;
  let evaluations = 1;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const m = 0.5 * (a + b);
    const tol = relTol * Math.abs(x) + absTol;
    const t2 = 2 * tol;
    if (Math.abs(x - m) <= t2 - 0.5 * (b - a)) return { x, value: fx, evaluations };
    let p = 0;
    let q = 0;
    let r = 0;
    if (Math.abs(e) > tol) {
      // fit a parabola through x, v, w
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      r = e;
      e = d;
    }
    if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
      d = p / q; // parabolic step
      const u = x + d;
      if (u - a < t2 || b - u < t2) d = x < m ? tol : -tol;
    } else {
      e = (x < m ? b : a) - x; // golden-section step
      d = GOLDEN * e;
    }
    const u = x + (Math.abs(d) >= tol ? d : d > 0 ? tol : -tol);
    const fu = f(u);
    evaluations++;
    if (fu <= fx) {
      if (u < x) b = x;
      else a = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  throw new Error(`brentMinimize did not converge in ${maxIterations} iterations`);
}
