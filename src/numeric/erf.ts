/**
 * The error function and its complement, by W. J. Cody's rational Chebyshev approximations.
 *
 * Source: W. J. Cody, "Rational Chebyshev approximations for the error function", Mathematics of
 * Computation 23 (1969) 631–637, as implemented in his CALERF packet (SPECFUN, ACM TOMS Algorithm 715,
 * 1993); the coefficients below are that packet's. Three intervals: |x| ≤ 0.46875 (erf directly),
 * 0.46875 < |x| ≤ 4 and |x| > 4 (erfc as exp(−x²)·R(x)). The factor exp(−x²) is formed without
 * rounding x² first (see codyKernels.ts), and results in the subnormal range are kept instead of
 * Cody's flush to zero above x = 26.543, so erfc is accurate to a few ulps down to its underflow
 * (erfc(x) = 0 for x ≥ 27.3).
 *
 * @packageDocumentation
 */
import { expectNumber } from "../validation";
import { codyRatio, codyTail } from "./codyKernels";
import type { CodyTail } from "./codyKernels";

/** 1/√π. */
const SQRT_PI_INV = 0.56418958354775628695;

// CALERF, first interval |x| ≤ 0.46875: erf(x) = x·A(x²)/B(x²)
const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
// second interval 0.46875 < |x| ≤ 4: erfc(x) = exp(−x²)·C(x)/D(x)
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
// third interval |x| > 4: erfc(x) = exp(−x²)/x·(1/√π − P(1/x²)/(x²·Q(1/x²)))
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

/** erfc(x) = 0 beyond this (the result is below the smallest subnormal, 4.9e−324). */
const ERFC_UNDERFLOW = 27.3;

/** erf(x) = x·A(x²)/B(x²) on the first interval |x| ≤ 0.46875. */
function erfSmall(x: number): number {
  return x * codyRatio(A, B, x * x);
}

const ERFC_TAIL: CodyTail = { near: [C, D], far: [P, Q], split: 4, lead: SQRT_PI_INV, c: 1, underflow: ERFC_UNDERFLOW };

/** erfc(y) for y > 0.46875 (trusted input). */
function erfcPositive(y: number): number {
  return codyTail(ERFC_TAIL, y);
}

/**
 * The error function erf(x) = (2/√π)·∫₀ˣ e^(−t²) dt.
 *
 * Domain: every number; erf(±∞) = ±1, erf(−x) = −erf(x), erf(NaN) = NaN. Relative error a few units
 * in the last place over the whole line (checked against 60-digit mpmath values).
 *
 * Source: W. J. Cody, Math. Comp. 23 (1969) 631–637; CALERF (ACM TOMS Algorithm 715).
 *
 * @throws TypeError when x is not a number.
 * @example
 * ```ts
 * erf(1); // 0.8427007929497148
 * ```
 */
export function erf(x: number): number {
  expectNumber("x", x);
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  if (!(y < Infinity)) return Number.isNaN(x) ? NaN : Math.sign(x);
  const r = 0.5 - erfcPositive(y) + 0.5;
  return x < 0 ? -r : r;
}

/**
 * The complementary error function erfc(x) = 1 − erf(x) = (2/√π)·∫ₓ^∞ e^(−t²) dt, computed without
 * the cancellation of 1 − erf(x), so it keeps full relative accuracy in the upper tail.
 *
 * Domain: every number; erfc(−∞) = 2, erfc(+∞) = 0, erfc(NaN) = NaN. Underflows gradually: subnormal
 * for 26.55 < x < 27.3, exactly 0 from x = 27.3 on. Relative error a few ulps where the result is a
 * normal number, within an ulp of the smallest subnormal below that.
 *
 * Source: W. J. Cody, Math. Comp. 23 (1969) 631–637; CALERF (ACM TOMS Algorithm 715).
 *
 * @throws TypeError when x is not a number.
 * @example
 * ```ts
 * erfc(5); // 1.537459794428035e-12
 * ```
 */
export function erfc(x: number): number {
  expectNumber("x", x);
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  if (Number.isNaN(x)) return NaN;
  if (y === Infinity) return x > 0 ? 0 : 2;
  const r = erfcPositive(y);
  return x < 0 ? 2 - r : r;
}
