import { brentRoot } from "../numeric/rootFinding";
import { type NumericArray, describeValue, expectInteger, expectNumericArray, expectPositive } from "../validation";

/** Options of {@link blahutArimoto}: give exactly one of `slope` and `targetDistortion`. */
export interface BlahutArimotoOptions {
  /** s > 0: the point of the curve where R′(D) = −s/ln 2 (bits per unit distortion: s/ln 2). */
  slope?: number;
  /** D: the point of the curve at this distortion (strictly between the smallest achievable distortion and the zero-rate one). */
  targetDistortion?: number;
  /** The stopping gap in bits between the upper and the lower bound on R at the current slope (default 1e−9). */
  tolerance?: number;
  /** Most iterations in all (default 10^6); reaching it throws. */
  maxIterations?: number;
}

/** What {@link blahutArimoto} returns. */
export interface BlahutArimotoResult {
  /** R, the mutual information of the final test channel, in bits: within `tolerance` of R(distortion). */
  rate: number;
  /** D, the expected distortion of the final test channel. */
  distortion: number;
  /** Iterations of the alternating update, in all (over every slope tried when a target was given). */
  iterations: number;
  /** The slope s of the point returned. */
  slope: number;
  /** The gap in bits between the upper and lower bounds on R(distortion) at the end (≤ tolerance). */
  gap: number;
  /** q(y), the output distribution of the test channel. */
  reproduction: Float64Array;
}

/** Relative tolerance on Σp = 1. */
const SUM_TOLERANCE = 1e-9;

/**
 * The Blahut–Arimoto algorithm: one point of the rate–distortion function R(D) of a discrete source
 * p(x) with distortion matrix d(x, y), computed by alternating minimization. At slope s > 0:
 *
 *     Q(y|x) = q(y)·e^{−s·d(x,y)} / Σ_y′ q(y′)·e^{−s·d(x,y′)},     q(y) ← Σ_x p(x)·Q(y|x),
 *
 * from q uniform. The final channel Q gives the point (D, R) = (E d, I(X; Y)), on the curve up to the
 * stopping gap: with c(y) = Σ_x p(x)e^{−s·d(x,y)}/Σ_y′ q(y′)e^{−s·d(x,y′)}, Blahut's bounds give
 * R(D) ∈ [I − (max_y log c(y) − Σ_y q′(y)·log c(y)), I], and the iteration stops when that gap is
 * at most `tolerance` bits. With `targetDistortion` the slope is found by Brent's method on ln s (D falls
 * as s grows), each slope warm-started from the previous q, to 1e−13 in ln s, so `distortion` equals
 * the target to about 1e−12 relative; `iterations` counts every update.
 *
 * Source: R. E. Blahut, "Computation of channel capacity and rate-distortion functions", IEEE Trans.
 * Inf. Theory 18(4), 1972 (the bounds and stopping rule); S. Arimoto, IEEE Trans. IT 18(1), 1972;
 * Cover and Thomas, 2nd ed., §10.8. Lesson 9.
 *
 * Convergence: linear for small alphabets; the gap closes slowly (sublinearly) when the optimal
 * reproduction distribution gives letters a vanishing probability, as for a finely discretized
 * continuous source: there a tolerance of 1e−4 bit takes thousands of iterations and 1e−9 is out of
 * reach (the call then throws rather than return an unconverged point).
 *
 * Edge cases: a target at or above D_max = min_y Σ_x p(x)d(x, y) returns rate 0 (one reproduction
 * letter for everything) without iterating; a target at or below D_min = Σ_x p(x)·min_y d(x, y) is
 * refused (it needs infinite slope).
 *
 * @param sourceProbabilities - p(x), n ≥ 1 entries, each finite ≥ 0, summing to 1 within 1e−9
 * @param distortionMatrix - n rows (one per source letter) of m ≥ 1 finite entries ≥ 0 each
 * @returns `{ rate, distortion, iterations, slope, gap, reproduction }`
 * @throws TypeError for non-arrays or a non-object `options`; RangeError naming `sourceProbabilities`
 * (empty, an entry negative or not finite, or a sum ≠ 1), `distortionMatrix` (not n rows, ragged rows,
 * an entry negative or not finite), `options` (both or neither of slope and targetDistortion),
 * `slope`, `targetDistortion` (not finite > 0, or ≤ D_min), `tolerance`, `maxIterations`, or when
 * maxIterations is reached.
 * @example
 * ```ts
 * // a fair bit under Hamming distortion: R(D) = 1 − h(D)
 * blahutArimoto([0.5, 0.5], [[0, 1], [1, 0]], { targetDistortion: 0.1 }).rate; // 0.531 = 1 − h(0.1)
 * ```
 */
export function blahutArimoto(
  sourceProbabilities: NumericArray,
  distortionMatrix: readonly NumericArray[],
  options: BlahutArimotoOptions,
): BlahutArimotoResult {
  expectNumericArray("sourceProbabilities", sourceProbabilities);
  const n = sourceProbabilities.length;
  if (n < 1) throw new RangeError("sourceProbabilities must have at least one entry, got length 0");
  const p = Float64Array.from(sourceProbabilities);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!(p[i] >= 0 && p[i] < Infinity)) throw new RangeError(`sourceProbabilities[${i}] must be a finite number >= 0, got ${describeValue(p[i])}`);
    sum += p[i];
  }
  if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
    throw new RangeError(`sourceProbabilities must sum to 1 (within ${SUM_TOLERANCE}), got a sum of ${sum}`);
  }
  if (!Array.isArray(distortionMatrix)) {
    throw new TypeError(`distortionMatrix must be an array of rows, got ${describeValue(distortionMatrix)}`);
  }
  if (distortionMatrix.length !== n) {
    throw new RangeError(`distortionMatrix must have one row per source letter (${n} rows), got ${distortionMatrix.length} rows`);
  }
  const m = n > 0 && distortionMatrix[0] !== undefined && distortionMatrix[0] !== null ? (distortionMatrix[0] as NumericArray).length : 0;
  if (!(m >= 1)) throw new RangeError(`distortionMatrix rows must have at least one entry (one per reproduction letter), got ${describeValue(distortionMatrix[0])}`);
  const dist = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = distortionMatrix[i];
    expectNumericArray(`distortionMatrix[${i}]`, row);
    if (row.length !== m) throw new RangeError(`distortionMatrix must be rectangular: row 0 has ${m} entries, row ${i} has ${row.length}`);
    for (let j = 0; j < m; j++) {
      const v = row[j];
      if (!(v >= 0 && v < Infinity)) throw new RangeError(`distortionMatrix[${i}][${j}] must be a finite number >= 0, got ${describeValue(v)}`);
      dist[i * m + j] = v;
    }
  }
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const tolerance = options.tolerance === undefined ? 1e-9 : options.tolerance;
  const maxIterations = options.maxIterations === undefined ? 1e6 : options.maxIterations;
  expectPositive("tolerance", tolerance);
  expectInteger("maxIterations", maxIterations, 1);
  const hasSlope = options.slope !== undefined;
  const hasTarget = options.targetDistortion !== undefined;
  if (hasSlope === hasTarget) {
    throw new RangeError(
      `options must give exactly one of slope and targetDistortion, got slope = ${describeValue(options.slope)}, targetDistortion = ${describeValue(options.targetDistortion)}`,
    );
  }

  const q = new Float64Array(m).fill(1 / m);
  const next = new Float64Array(m);
  const kernel = new Float64Array(n * m);
  const z = new Float64Array(n);
  let iterations = 0;

  let currentSlope = 0;
  /**
   * z_x = Σ_y q(y)K(x, y) for row i. Q(y|x) and c(y) do not change when a row of K is scaled, so when
   * the sum underflows (the letters near x have q(y) = 0 and the rest e^{−s·d} below 1e−308) the row is
   * rescaled by its smallest distortion among the letters still in use, where K = 1.
   */
  const rowSum = (i: number): number => {
    let acc = 0;
    for (let j = 0; j < m; j++) acc += q[j] * kernel[i * m + j];
    if (acc > 1e-290) return acc;
    let lo = Infinity;
    for (let j = 0; j < m; j++) if (q[j] > 0) lo = Math.min(lo, dist[i * m + j]);
    acc = 0;
    for (let j = 0; j < m; j++) {
      kernel[i * m + j] = Math.exp(-currentSlope * (dist[i * m + j] - lo));
      acc += q[j] * kernel[i * m + j];
    }
    return acc;
  };

  /** Iterates at slope s from the current q until the gap ≤ tolerance; returns the point. */
  const solve = (s: number): { rate: number; distortion: number; gap: number } => {
    // shift each row by its smallest distortion: e^{−s(d − d_min(x))} cannot underflow to all zeros
    for (let i = 0; i < n; i++) {
      let lo = Infinity;
      for (let j = 0; j < m; j++) lo = Math.min(lo, dist[i * m + j]);
      for (let j = 0; j < m; j++) kernel[i * m + j] = Math.exp(-s * (dist[i * m + j] - lo));
    }
    currentSlope = s;
    for (;;) {
      // z_x = Σ_y q(y) K(x, y); c(y) = Σ_x p(x) K(x, y)/z_x; the update is q(y) ← q(y)·c(y)
      for (let i = 0; i < n; i++) z[i] = rowSum(i);
      next.fill(0);
      for (let i = 0; i < n; i++) {
        if (p[i] === 0) continue;
        const w = p[i] / z[i];
        for (let j = 0; j < m; j++) next[j] += w * kernel[i * m + j];
      }
      // next[j] = c(y_j); the gap uses the updated q′ = q·c
      let maxLogC = -Infinity;
      let meanLogC = 0;
      for (let j = 0; j < m; j++) {
        const c = next[j];
        if (q[j] > 0 && c > 0) {
          const lc = Math.log(c);
          meanLogC += q[j] * c * lc;
        }
        if (c > 0) maxLogC = Math.max(maxLogC, Math.log(c));
      }
      const gap = (maxLogC - meanLogC) / Math.LN2;
      if (gap <= tolerance) return channelPoint(gap);
      if (iterations >= maxIterations) {
        throw new RangeError(`maxIterations: Blahut–Arimoto did not reach the tolerance ${tolerance} bits in ${maxIterations} iterations (gap ${gap} bits at slope ${s})`);
      }
      let total = 0;
      for (let j = 0; j < m; j++) {
        q[j] *= next[j];
        total += q[j];
      }
      for (let j = 0; j < m; j++) q[j] /= total;
      iterations++;
    }
  };

  /** (D, I) of the channel Q(y|x) = q(y)K(x,y)/z_x for the current q (z recomputed). */
  const channelPoint = (gap: number): { rate: number; distortion: number; gap: number } => {
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const acc = rowSum(i);
      z[i] = acc;
      for (let j = 0; j < m; j++) next[j] += (p[i] * q[j] * kernel[i * m + j]) / acc; // q′(y)
    }
    let distortion = 0;
    let rate = 0;
    for (let i = 0; i < n; i++) {
      if (p[i] === 0) continue;
      for (let j = 0; j < m; j++) {
        const w = (p[i] * q[j] * kernel[i * m + j]) / z[i]; // p(x)Q(y|x), 0 when it underflows
        if (w > 0) {
          distortion += w * dist[i * m + j];
          rate += w * Math.log2(w / p[i] / next[j]);
        }
      }
    }
    return { rate: Math.max(0, rate), distortion, gap };
  };

  if (hasSlope) {
    const s = options.slope as number;
    expectPositive("slope", s);
    const point = solve(s);
    return { ...point, iterations, slope: s, reproduction: Float64Array.from(q) };
  }

  const target = options.targetDistortion as number;
  expectPositive("targetDistortion", target);
  let dMin = 0;
  for (let i = 0; i < n; i++) {
    let lo = Infinity;
    for (let j = 0; j < m; j++) lo = Math.min(lo, dist[i * m + j]);
    dMin += p[i] * lo;
  }
  let dMax = Infinity;
  let best = 0;
  for (let j = 0; j < m; j++) {
    let e = 0;
    for (let i = 0; i < n; i++) e += p[i] * dist[i * m + j];
    if (e < dMax) {
      dMax = e;
      best = j;
    }
  }
  if (!(target > dMin)) {
    throw new RangeError(`targetDistortion must exceed the smallest achievable distortion ${dMin} (it needs infinite slope), got ${target}`);
  }
  if (target >= dMax) {
    const reproduction = new Float64Array(m);
    reproduction[best] = 1;
    return { rate: 0, distortion: dMax, iterations: 0, slope: 0, gap: 0, reproduction };
  }
  // D(s) decreases from D_max (s → 0) to D_min (s → ∞): bracket ln s, then Brent's method on
  // D(e^u) − target, every solve warm-started from the previous q
  const excess = (u: number) => solve(Math.exp(u)).distortion - target;
  let lo = 0;
  let hi = 0;
  if (excess(0) > 0) {
    while (excess(hi) > 0) {
      lo = hi;
      hi += Math.LN2 * 2;
      if (hi > 28) throw new RangeError(`targetDistortion ${target} is too close to the smallest achievable distortion ${dMin}: no slope up to e^28 reaches it`);
    }
  } else {
    while (excess(lo) <= 0) {
      hi = lo;
      lo -= Math.LN2 * 2;
      if (lo < -60) break; // D(e^−60) is D_max to double precision, and D_max > target
    }
  }
  const u = brentRoot(excess, lo, hi, { tolerance: 1e-13 });
  const slope = Math.exp(u);
  const result = solve(slope);
  return { ...result, iterations, slope, reproduction: Float64Array.from(q) };
}
