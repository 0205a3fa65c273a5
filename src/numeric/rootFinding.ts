/**
 * Brent's method for a root of a continuous function on a bracketing interval.
 *
 * @packageDocumentation
 */
import { describeValue, expectFinite, expectFunction, expectPositive } from "../validation";

/** Options of {@link brentRoot}. */
export interface BrentRootOptions {
  /** Absolute tolerance t on the root (default 1e−15, a finite number > 0). */
  tolerance?: number;
  /** Give up after this many iterations (default 500; Brent's bound is far below it for t ≥ 1e−300). */
  maxIterations?: number;
}

const EPS = 2.220446049250313e-16; // 2^−52, the spacing of doubles at 1

/**
 * A root of f in [lo, hi] by Brent's method: bisection, secant and inverse quadratic interpolation,
 * keeping a bracket at every step, so it converges for every continuous f whose values at the ends
 * differ in sign (superlinearly for a smooth simple root, never slower than about the square of
 * bisection's step count).
 *
 * Accuracy (Brent's guarantee): the returned x is within 4·ε·|x| + 2·t of a point where f changes
 * sign, ε = 2^−52, t = `tolerance`. If f(lo) or f(hi) is exactly 0, that end is returned.
 *
 * Source: R. P. Brent, "Algorithms for Minimization without Derivatives" (Prentice-Hall, 1973),
 * chapter 4, procedure `zero` (the ALGOL 60 original, transcribed to TypeScript).
 *
 * @param f - a continuous function; a NaN value stops the search with a RangeError
 * @param lo - one end of the bracket (finite)
 * @param hi - the other end (finite)
 * @throws TypeError when f is not a function; RangeError naming `lo`/`hi` when f(lo) and f(hi) have the
 * same sign, when an end is not finite, or naming `f` when f returns NaN.
 * @example
 * ```ts
 * brentRoot((x) => x * x - 2, 0, 2); // 1.4142135623730951
 * ```
 */
export function brentRoot(f: (x: number) => number, lo: number, hi: number, options: BrentRootOptions = {}): number {
  expectFunction("f", f);
  expectFinite("lo", lo);
  expectFinite("hi", hi);
  const t = options.tolerance ?? 1e-15;
  expectPositive("options.tolerance", t);
  const maxIterations = options.maxIterations ?? 500;
  expectPositive("options.maxIterations", maxIterations);
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) throw new RangeError(`f returned NaN at ${Number.isNaN(fa) ? "lo" : "hi"}`);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (fa > 0 === fb > 0) {
    throw new RangeError(
      `lo and hi must bracket a root: f(lo = ${describeValue(lo)}) = ${fa} and f(hi = ${describeValue(hi)}) = ${fb} have the same sign`,
    );
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * EPS * Math.abs(b) + t;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) < tol || Math.abs(fa) <= Math.abs(fb)) {
      d = m; // bisection
      e = m;
    } else {
      let s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s; // secant
        q = 1 - s;
      } else {
        const qq = fa / fc; // inverse quadratic interpolation
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      s = e;
      e = d;
      if (2 * p < 3 * m * q - Math.abs(tol * q) && p < Math.abs(0.5 * s * q)) {
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    if (Number.isNaN(fb)) throw new RangeError(`f returned NaN at x = ${b}`);
  }
  throw new Error(`brentRoot did not converge in ${maxIterations} iterations (last bracket [${b}, ${c}])`);
}
