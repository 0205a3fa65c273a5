/**
 * The standard normal distribution: density φ, distribution function Φ, upper tail 1 − Φ and the
 * quantile Φ⁻¹, each accurate to a few units in the last place, tails included.
 *
 * Φ and 1 − Φ follow W. J. Cody's ANORM (SPECFUN, ACM TOMS Algorithm 715, 1993; approximations from
 * Cody, Math. Comp. 23 (1969) 631–637), which approximates Φ directly rather than through
 * erfc(−x/√2): the rounding of x/√2 would cost a relative error of about x²·ε in the tail (1.6e−13 at
 * x = 38). The quantile is Wichura's AS241 (PPND16) followed by one Halley step on Φ.
 *
 * @packageDocumentation
 */
import { describeValue, expectNumber } from "../validation";
import { codyRatio, codyTail, expNegSquareTimes } from "./codyKernels";
import type { CodyTail } from "./codyKernels";

/** 1/√(2π). */
const SQRT_2PI_INV = 0.3989422804014327;

// ANORM, first interval |x| ≤ 0.66291: Φ(x) = ½ + x·A(x²)/B(x²)
const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
// second interval 0.66291 < |x| ≤ √32: 1 − Φ(|x|) = exp(−x²/2)·C(|x|)/D(|x|)
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
// third interval |x| > √32: 1 − Φ(|x|) = exp(−x²/2)/|x|·(1/√(2π) − P(1/x²)/(x²·Q(1/x²)))
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** Cody's THRSH: Φ(0.66291) ≈ 0.75. */
const THRESHOLD = 0.66291;
/** Cody's ROOT32 = √32 (his truncated value). */
const ROOT32 = 5.656854248;
/** 1 − Φ(y) and φ(y) are below the smallest subnormal (4.9e−324) from here on. */
const UNDERFLOW = 38.7;

/** x·A(x²)/B(x²) = Φ(x) − ½ for |x| ≤ 0.66291. */
function centralPart(x: number): number {
  return x * codyRatio(A, B, x * x);
}

const NORMAL_TAIL: CodyTail = { near: [C, D], far: [P, Q], split: ROOT32, lead: SQRT_2PI_INV, c: 0.5, underflow: UNDERFLOW };

/** 1 − Φ(y) for y > 0.66291 (trusted input, not NaN). */
function tail(y: number): number {
  return codyTail(NORMAL_TAIL, y);
}

/** Φ(x), no validation (for inner loops of the library). */
export function cdfUnchecked(x: number): number {
  const y = Math.abs(x);
  if (y <= THRESHOLD) return 0.5 + centralPart(x);
  if (Number.isNaN(x)) return NaN;
  const t = tail(y);
  return x < 0 ? t : 1 - t;
}

/** 1 − Φ(x), no validation (for inner loops of the library). */
export function sfUnchecked(x: number): number {
  const y = Math.abs(x);
  if (y <= THRESHOLD) return 0.5 - centralPart(x);
  if (Number.isNaN(x)) return NaN;
  const t = tail(y);
  return x > 0 ? t : 1 - t;
}

/** φ(x), no validation (for inner loops of the library). */
export function pdfUnchecked(x: number): number {
  const y = Math.abs(x);
  if (!(y < UNDERFLOW)) return Number.isNaN(x) ? NaN : 0;
  return expNegSquareTimes(y, SQRT_2PI_INV, 0.5);
}

/**
 * The standard normal density φ(x) = exp(−x²/2)/√(2π).
 *
 * Domain: every number; φ(±∞) = 0, φ(NaN) = NaN. The exponent is formed without rounding x² first, so
 * the relative error stays a few ulps out to |x| = 37.5 (where φ is still a normal number) and
 * within an ulp of the smallest subnormal beyond; φ(x) = 0 for |x| ≥ 38.7.
 *
 * Source: the definition; the split of x follows R's `dnorm` (R Core Team, nmath/dnorm.c).
 *
 * @throws TypeError when x is not a number.
 * @example
 * ```ts
 * normalPdf(0); // 0.3989422804014327 = 1/√(2π)
 * ```
 */
export function normalPdf(x: number): number {
  expectNumber("x", x);
  return pdfUnchecked(x);
}

/**
 * The standard normal distribution function Φ(x) = P(Z ≤ x), Z ~ N(0, 1).
 *
 * Domain: every number; Φ(−∞) = 0, Φ(+∞) = 1, Φ(NaN) = NaN. Relative error a few ulps, including the
 * lower tail (Φ(−38) ≈ 2.885e−316, a subnormal, is within an ulp); for the upper tail use
 * {@link normalSf}, since Φ(x) rounds to 1 for x > 8.3.
 *
 * Source: W. J. Cody's ANORM (ACM TOMS Algorithm 715, 1993), approximations from Cody, Math. Comp. 23
 * (1969) 631–637.
 *
 * @throws TypeError when x is not a number.
 * @example
 * ```ts
 * normalCdf(1.959963984540054); // 0.975
 * ```
 */
export function normalCdf(x: number): number {
  expectNumber("x", x);
  return cdfUnchecked(x);
}

/**
 * The standard normal upper tail (survival function) Q(x) = 1 − Φ(x) = P(Z > x), computed directly,
 * never as 1 − Φ(x), so it keeps full relative accuracy where it is tiny.
 *
 * Domain: every number; Q(−∞) = 1, Q(+∞) = 0, Q(NaN) = NaN. Q(38) = 2.885428360068784e−316 (a
 * subnormal number, correct to its last bit); Q(x) = 0 for x ≥ 38.7. Q(−x) = Φ(x).
 *
 * Source: W. J. Cody's ANORM (ACM TOMS Algorithm 715, 1993), with the tail kept in the subnormal range.
 *
 * @throws TypeError when x is not a number.
 * @example
 * ```ts
 * normalSf(10); // 7.619853024160527e-24, where 1 − normalCdf(10) gives 0
 * ```
 */
export function normalSf(x: number): number {
  expectNumber("x", x);
  return sfUnchecked(x);
}

// Wichura's AS241 (PPND16) coefficients, Applied Statistics 37(3) (1988) 477–484.
const SPLIT1 = 0.425;
const SPLIT2 = 5;
const CONST1 = 0.180625;
const CONST2 = 1.6;
const QA = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const QB = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
const QC = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const QD = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const QE = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const QF = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function poly(c: readonly number[], r: number): number {
  let s = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) s = s * r + c[i];
  return s;
}

/** AS241 for 0 < p ≤ ½ (trusted input). */
function lowerQuantileAS241(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= SPLIT1) {
    const r = CONST1 - q * q;
    return (q * poly(QA, r)) / poly(QB, r);
  }
  let r = Math.sqrt(-Math.log(p));
  if (r <= SPLIT2) {
    r -= CONST2;
    return -poly(QC, r) / poly(QD, r);
  }
  r -= SPLIT2;
  return -poly(QE, r) / poly(QF, r);
}

/** Φ⁻¹(p) for 0 < p ≤ ½ (trusted input): AS241, then one Halley step where Φ and φ are normal numbers. */
function lowerQuantile(p: number): number {
  const x = lowerQuantileAS241(p);
  if (p < 1e-300) return x; // Φ(x) and φ(x) would be subnormal: the step would only add noise
  const e = cdfUnchecked(x) - p;
  const u = e / pdfUnchecked(x); // = e·√(2π)·exp(x²/2), without overflow
  return x - u / (1 + (x * u) / 2);
}

/**
 * The standard normal quantile (inverse distribution function) Φ⁻¹(p): the x with Φ(x) = p.
 *
 * Domain: 0 < p < 1; NaN gives NaN. Symmetric by construction: for p > ½ it returns −Φ⁻¹(1 − p), with
 * 1 − p exact in floating point. Relative error a few ulps for p ≥ 1e−300 (checked against 60-digit
 * mpmath values), about 1e−16 down to the smallest subnormal p = 4.9e−324 (Φ⁻¹ = −38.47).
 *
 * Source: M. J. Wichura, "Algorithm AS 241: The percentage points of the normal distribution",
 * Applied Statistics 37(3) (1988) 477–484 (relative accuracy about 1e−16), then one Halley step on
 * Cody's Φ, as in P. J. Acklam's refinement of his own approximation.
 *
 * @throws TypeError when p is not a number; RangeError naming `p` when p ≤ 0 or p ≥ 1.
 * @example
 * ```ts
 * normalQuantile(0.975); // 1.9599639845400538 (0.975 as a double is 0.97499999999999998)
 * ```
 */
export function normalQuantile(p: number): number {
  expectNumber("p", p);
  if (Number.isNaN(p)) return NaN;
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`p must be a probability strictly between 0 and 1, got ${describeValue(p)}`);
  }
  return p <= 0.5 ? lowerQuantile(p) : -lowerQuantile(1 - p);
}
