/**
 * A vector message that beats one bit per coordinate: send the index of the largest of 2^k
 * projections of the observation (lesson 5, math.md §0 and §3.4).
 *
 * @packageDocumentation
 */
import { cdfUnchecked, pdfUnchecked, sfUnchecked } from "../numeric/normal";
import { integrate } from "../numeric/quadrature";
import type { Random } from "../numeric/random";
import { describeValue, expectInteger, expectPositive } from "../validation";
import { fisherMonteCarlo } from "./fisherMonteCarlo";
import type { FisherMonteCarloResult } from "./fisherMonteCarlo";

/** The largest k accepted (2^30 ≈ 1.07e9 projections). */
const MAX_K = 30;

/**
 * μ_N = E[max of N independent N(0, 1)] = N·∫ x φ(x) Φ(x)^(N−1) dx, by adaptive Gauss–Kronrod
 * quadrature ({@link integrate}, split at √(2 ln N) where the integrand peaks; relative error about
 * 1e−13). Φ^(N−1) is formed as exp((N − 1)·log Φ) with log Φ = log1p(−(1 − Φ)) above 0, so it stays
 * accurate for N up to 2^30. μ_1 = 0, μ_2 = 1/√π, μ_N ≈ √(2 ln N) for large N.
 *
 * Source: the order-statistics integral (standard; small-N closed forms in Bose and Gupta,
 * Biometrika 46, 1959, used by the tests).
 *
 * @param n - N, an integer from 1 to 2^30
 * @throws RangeError naming `n`.
 * @example
 * ```ts
 * expectedMaxOfNormals(2); // 0.5641895835477563 = 1/√π
 * expectedMaxOfNormals(1024); // 3.2482
 * ```
 */
export function expectedMaxOfNormals(n: number): number {
  expectInteger("n", n, 1, 2 ** MAX_K);
  if (n === 1) return 0;
  const logCdf = (x: number): number => (x > 0 ? Math.log1p(-sfUnchecked(x)) : Math.log(cdfUnchecked(x)));
  const f = (x: number): number => {
    const phi = pdfUnchecked(x);
    return phi === 0 ? 0 : x * phi * Math.exp((n - 1) * logCdf(x));
  };
  // the integrand is concentrated around √(2 ln n): split there so both halves are smooth bumps
  const mode = Math.sqrt(2 * Math.log(n));
  const left = integrate(f, -Infinity, mode, { absTolerance: 1e-17, relTolerance: 1e-13 });
  const right = integrate(f, mode, Infinity, { absTolerance: 1e-17, relTolerance: 1e-13 });
  if (!left.converged || !right.converged) throw new Error(`quadrature for E[max of ${n} normals] did not converge`);
  return n * (left.value + right.value);
}

/**
 * Trace of the Fisher information about θ ∈ R^d in the k-bit message "which of N = 2^k orthonormal
 * projections ⟨u_j, X⟩ of X ~ N(θ, σ²I_d) is largest", at the point where the projections of θ are
 * equal (the scheme centred at the current estimate, as a sequential protocol would use it):
 *
 *     tr I = N·μ_N² / ((N − 1)·σ²),   μ_N = E[max of N independent N(0, 1)]
 *
 * Derivation (lesson 5; ours, from the scatter formula of math.md §3.1): given Y = y each message is
 * equally likely, E[Z_y | Y = y] = μ_N and, because the sum of the N projections is independent of
 * which is largest, E[Z_j | Y = y] = −μ_N/(N − 1) for j ≠ y; so ‖E[S | Y]‖² = (μ_N² + μ_N²/(N − 1))/σ².
 * μ_N is computed by quadrature ({@link expectedMaxOfNormals}); the tests check the whole trace by
 * simulation ({@link fisherMonteCarlo}).
 *
 * Per bit (σ = 1): k = 1 gives 2/π ≈ 0.637 (the sign of one projection); k = 2 gives 0.706;
 * k = 10 gives 1.056; k = 20 gives 1.187; it grows toward 2 ln 2 ≈ 1.386 (slowly: μ_N² ≈ 2 ln N), and
 * never exceeds the cap min(d, 2 ln 2·k)/σ² of {@link fisherCap}. That is why the cap's constant is
 * 2 ln 2 and not 2/π (math.md §0).
 *
 * @param k - bits, an integer from 1 to 30 (N = 2^k projections)
 * @param d - the dimension, an integer ≥ 2^k (the N orthonormal directions must fit)
 * @param sigma - σ > 0 (default 1)
 * @throws RangeError naming `k`, `d` (not an integer ≥ 2^k) or `sigma`.
 * @example
 * ```ts
 * fisherTraceIndexOfMax(10, 1024) / 10; // 1.056 per bit, beating 2/π = 0.637
 * ```
 */
export function fisherTraceIndexOfMax(k: number, d: number, sigma = 1): number {
  expectInteger("k", k, 1, MAX_K);
  const n = 2 ** k;
  expectInteger("d", d, n);
  expectPositive("sigma", sigma);
  const mu = expectedMaxOfNormals(n);
  return (n * mu * mu) / ((n - 1) * sigma * sigma);
}

/** Options of {@link fisherTraceIndexOfMaxRandom}. */
export interface IndexOfMaxRandomOptions {
  /** σ > 0 (default 1). */
  sigma?: number;
  /** Independent batches, each with its own random directions (default 20). */
  batches?: number;
  /** Observations per batch (default 50·2^k, so each message is seen about 50 times). */
  samplesPerBatch?: number;
  /** The seed (default 1). */
  seed?: number;
}

/**
 * Monte Carlo estimate of the Fisher trace (at θ = 0) of the k-bit message "index of the largest of
 * N = 2^k RANDOM projections ⟨u_j, X⟩", u_j independent and uniform on the unit sphere of R^d, drawn
 * from the public coin (fresh in every batch), X ~ N(θ, σ²I_d). Unlike the orthogonal version
 * ({@link fisherTraceIndexOfMax}) N may exceed d. By simulation with {@link fisherMonteCarlo}: no
 * closed form is used.
 *
 * Cost: batches·samplesPerBatch·N·d multiply-adds (k = 6, d = 16, defaults: 20·3200·64·16 ≈ 6.6e7).
 *
 * @param k - bits, an integer from 1 to 16
 * @param d - the dimension, a positive integer
 * @throws RangeError naming `k`, `d` or an option.
 * @example
 * ```ts
 * const r = fisherTraceIndexOfMaxRandom(4, 32); // r.mean ≈ 3.23 ± 0.014 (0.81 per bit, above 2/π)
 * ```
 */
export function fisherTraceIndexOfMaxRandom(k: number, d: number, options: IndexOfMaxRandomOptions = {}): FisherMonteCarloResult {
  expectInteger("k", k, 1, 16);
  expectInteger("d", d, 1);
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const n = 2 ** k;
  const sigma = options.sigma ?? 1;
  const batches = options.batches ?? 20;
  const samplesPerBatch = options.samplesPerBatch ?? 50 * n;
  const seed = options.seed ?? 1;
  const directions = new Float64Array(n * d);
  const makeEncoder = (rng: Random) => {
    for (let j = 0; j < n; j++) {
      let norm = 0;
      for (let i = 0; i < d; i++) {
        const g = rng.normal();
        directions[j * d + i] = g;
        norm += g * g;
      }
      norm = Math.sqrt(norm);
      for (let i = 0; i < d; i++) directions[j * d + i] /= norm;
    }
    return (x: Float64Array): number => {
      let best = 0;
      let bestValue = -Infinity;
      for (let j = 0; j < n; j++) {
        let v = 0;
        for (let i = 0; i < d; i++) v += directions[j * d + i] * x[i];
        if (v > bestValue) {
          bestValue = v;
          best = j;
        }
      }
      return best;
    };
  };
  return fisherMonteCarlo({ d, makeEncoder, batches, samplesPerBatch, seed, sigma });
}
