/**
 * Data spectra for linear regression (lesson 11): the eigenvalues λ_1 ≥ λ_2 ≥ … of the covariance
 * H = E[x xᵀ], and the basis in which H is diagonal (the coordinate axes, or a random rotation).
 *
 * @packageDocumentation
 */
import { Matrix, QrDecomposition } from "ml-matrix";
import { Random } from "../numeric/random";
import { describeValue, expectFinite, expectInteger, expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";

/**
 * The polynomially decaying spectrum λ_i = i^(−a), i = 1 … d (math.md §7.5): tr H = Σ i^(−a) stays
 * bounded as d grows when a > 1 (it tends to ζ(a)).
 *
 * Domain: d an integer ≥ 1; a finite (a ≤ 0 is allowed: a flat or growing list, still returned as
 * given, not sorted). Source: the standard power-law model of high-dimensional regression (paper B
 * compares risks for it, arXiv:2510.18259; Zou et al. arXiv:2103.12692 §5).
 *
 * @throws RangeError naming `d` or `a`.
 * @example
 * ```ts
 * polynomialSpectrum(4, 2); // Float64Array [1, 0.25, 0.1111, 0.0625]
 * ```
 */
export function polynomialSpectrum(d: number, a: number): Float64Array {
  expectInteger("d", d, 1);
  expectFinite("a", a);
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = Math.pow(i + 1, -a);
  return out;
}

/**
 * Checks a list of eigenvalues: finite, > 0 and non-increasing (λ_1 ≥ λ_2 ≥ …, the order every
 * formula of this folder assumes, so that "the first k directions" means the k largest).
 *
 * @throws TypeError when `lambdas` is not numeric; RangeError naming the first bad element.
 * @example
 * ```ts
 * expectSpectrum("lambdas", [1, 0.5, 0.25]); // ok
 * ```
 */
export function expectSpectrum(name: string, lambdas: unknown): asserts lambdas is NumericArray {
  expectNumericArray(name, lambdas);
  if (lambdas.length === 0) throw new RangeError(`${name} must hold at least one eigenvalue, got an empty array`);
  for (let i = 0; i < lambdas.length; i++) {
    const l = lambdas[i];
    if (!(l > 0) || !Number.isFinite(l)) {
      throw new RangeError(`${name}[${i}] must be a finite number > 0, got ${describeValue(l)}`);
    }
    if (i > 0 && l > lambdas[i - 1]) {
      throw new RangeError(`${name} must be non-increasing (λ_1 ≥ λ_2 ≥ …), but ${name}[${i}] = ${l} > ${name}[${i - 1}] = ${lambdas[i - 1]}`);
    }
  }
}

/**
 * A Haar-random d×d orthogonal matrix, row-major in a Float64Array (entry (r, c) at r·d + c): the Q of
 * the QR factorization of a matrix of independent standard normals, with the signs of Q's columns
 * fixed so that R has a positive diagonal (Mezzadri, "How to generate random matrices from the
 * classical compact groups", Notices AMS 54(5), 2007; without the sign fix the law is not Haar).
 *
 * Used as the eigenbasis of a rotated covariance H = Q diag(λ) Qᵀ: then every coordinate mixes many
 * directions, which is what breaks "multiplicative quantization preserves the spectrum" (math.md §7.0.2).
 *
 * @param d - an integer from 1 to 4096
 * @param rng - the seeded source (d² normal draws)
 * @throws RangeError naming `d`; TypeError naming `rng`.
 * @example
 * ```ts
 * const q = randomOrthogonal(3, createRandom(1)); // QᵀQ = I to ~1e-15
 * ```
 */
export function randomOrthogonal(d: number, rng: Random): Float64Array {
  expectInteger("d", d, 1, 4096);
  if (!(rng instanceof Random)) throw new TypeError(`rng must be a Random (createRandom(seed)), got ${describeValue(rng)}`);
  const g = new Matrix(d, d);
  for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) g.set(r, c, rng.normal());
  const qr = new QrDecomposition(g);
  const q = qr.orthogonalMatrix;
  const rDiag = qr.upperTriangularMatrix;
  const out = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    const sign = rDiag.get(c, c) < 0 ? -1 : 1;
    for (let r = 0; r < d; r++) out[r * d + c] = sign * q.get(r, c);
  }
  return out;
}
