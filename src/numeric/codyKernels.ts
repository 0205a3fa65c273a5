/**
 * The two kernels shared by erf/erfc and the normal functions, both from W. J. Cody's SPECFUN
 * (ACM TOMS Algorithm 715): his nested evaluation of a rational function, and exp(−c·y²)·r without
 * the error of rounding y² first (his `EXP(-YSQ*YSQ)*EXP(-DEL)` device, with the finer split of R's
 * `dnorm`).
 *
 * Internal to src/numeric: inputs are trusted.
 *
 * @packageDocumentation
 */

/**
 * Cody's nested rational form: with n = den.length − 1 (num.length = n + 2),
 * N = ((…((num[n+1]·t + num[0])·t + num[1])·t …) + num[n−1])·t + num[n], D likewise with a leading 1,
 * returns N/D. Evaluated exactly in his order, so his coefficients give his accuracy.
 */
export function codyRatio(num: readonly number[], den: readonly number[], t: number): number {
  const n = den.length - 1;
  let a = num[n + 1] * t;
  let b = t;
  for (let i = 0; i < n; i++) {
    a = (a + num[i]) * t;
    b = (b + den[i]) * t;
  }
  return (a + num[n]) / (b + den[n]);
}

/** 2^16: y1 = trunc(y·2^16)/2^16 has at most 22 significant bits for y < 64, so y1² is exact. */
const SPLIT = 65536;

/**
 * exp(−c·y²)·r for y ≥ 0, c ∈ {1, ½}, r ≥ 0.
 *
 * y = y1 + y2 with y1 = trunc(y·2^16)/2^16 (exact), so c·y² = c·y1² + c·y2·(2·y1 + y2): the first term is
 * exact, the second below 2^−10 for y < 64, so the rounding of y² (relative error ε·y², 1.6e−13 at
 * y = 38 with c = ½) never enters the exponent. Where the result may be subnormal, exp(−c·y1²) is
 * taken as the square of exp(−c·y1²/2) and the second factor applied last, so the only rounding into
 * the subnormal range is the final one.
 */
export function expNegSquareTimes(y: number, r: number, c: number): number {
  const y1 = Math.trunc(y * SPLIT) / SPLIT;
  const y2 = y - y1;
  const a = c * y1 * y1;
  const b = c * y2 * (2 * y1 + y2);
  if (a < 600) return Math.exp(-a) * Math.exp(-b) * r;
  const h = Math.exp(-a / 2);
  return h * Math.exp(-b) * r * h;
}

/** The coefficients and constants of one of Cody's tail approximations (erfc, or 1 − Φ). */
export interface CodyTail {
  /** Numerator and denominator for split0 < y ≤ split: tail = exp(−c·y²)·R(y). */
  near: readonly [readonly number[], readonly number[]];
  /** Numerator and denominator for y > split: tail = exp(−c·y²)/y·(lead − z·R(z)), z = 1/y². */
  far: readonly [readonly number[], readonly number[]];
  /** Where the far form takes over (4 for erfc, √32 for the normal). */
  split: number;
  /** The leading constant of the far form (1/√π for erfc, 1/√(2π) for the normal). */
  lead: number;
  /** The exponent's factor c (1 for erfc, ½ for the normal). */
  c: number;
  /** From here on the tail is below the smallest subnormal: 0. */
  underflow: number;
}

/** Cody's tail for y above his first interval (trusted input: y > 0, not NaN). */
export function codyTail(k: CodyTail, y: number): number {
  if (y >= k.underflow) return 0;
  let r: number;
  if (y <= k.split) {
    r = codyRatio(k.near[0], k.near[1], y);
  } else {
    const z = 1 / (y * y);
    r = (k.lead - z * codyRatio(k.far[0], k.far[1], z)) / y;
  }
  return expNegSquareTimes(y, r, k.c);
}
