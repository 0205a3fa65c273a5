/**
 * Fisher-optimal thresholds of a K-level quantizer of X ~ N(θ, σ²), centred at θ, found numerically.
 *
 * @packageDocumentation
 */
import { normalQuantile, pdfUnchecked } from "../numeric/normal";
import { expectInteger, expectPositive } from "../validation";
import { standardizedCellFisher } from "./fisherQuantizedGaussian";

/** What {@link optimalThresholds} returns. */
export interface OptimalThresholds {
  /** The K − 1 thresholds, increasing and symmetric about 0 (add θ to centre them on a mean θ). */
  thresholds: number[];
  /** The Fisher information they give at θ, in 1/(units of θ)² (σ²·fisher is dimensionless). */
  fisher: number;
  /** Newton steps taken. */
  iterations: number;
}

/** The largest number of levels accepted (2^8 = 256, an 8-bit scalar quantizer). */
export const MAX_OPTIMAL_LEVELS = 256;

/**
 * I_K and its gradient ∂I/∂a_j for standardized thresholds a (trusted: increasing, finite). With m_j the
 * conditional mean of Z in cell j (the cell left of a_j is j, the one right of it j + 1):
 * ∂I/∂a_j = φ(a_j)·(m_j − m_{j+1})·(2a_j − m_j − m_{j+1}) (differentiate Σ g_j²/p_j, lesson 5).
 */
function fisherAndGradient(a: Float64Array, grad: Float64Array, p: Float64Array, g: Float64Array): number {
  const fisher = standardizedCellFisher(a, p, g);
  for (let j = 0; j < a.length; j++) {
    const mLeft = p[j] > 0 ? g[j] / p[j] : 0;
    const mRight = p[j + 1] > 0 ? g[j + 1] / p[j + 1] : 0;
    grad[j] = pdfUnchecked(a[j]) * (mLeft - mRight) * (2 * a[j] - mLeft - mRight);
  }
  return fisher;
}

/** Solves the tridiagonal system (sub, diag, sup)·x = rhs by the Thomas algorithm; null if singular. */
function solveTridiagonal(sub: Float64Array, diag: Float64Array, sup: Float64Array, rhs: Float64Array): Float64Array | null {
  const n = diag.length;
  const c = new Float64Array(n);
  const x = new Float64Array(n);
  let den = diag[0];
  if (den === 0) return null;
  c[0] = sup[0] / den;
  x[0] = rhs[0] / den;
  for (let i = 1; i < n; i++) {
    den = diag[i] - sub[i] * c[i - 1];
    if (den === 0) return null;
    c[i] = sup[i] / den;
    x[i] = (rhs[i] - sub[i] * x[i - 1]) / den;
  }
  for (let i = n - 2; i >= 0; i--) x[i] -= c[i] * x[i + 1];
  return x;
}

/**
 * The thresholds τ_1 < … < τ_{K−1} that maximize the Fisher information I_K(θ) of §3.3 (see
 * {@link fisherQuantizedGaussian}) of one K-level quantization of X ~ N(θ, σ²), with the thresholds
 * placed symmetrically about θ (the locally optimal design: it needs thresholds that track θ).
 *
 * Values (σ = 1): K = 2 → 2/π = 0.6366198 (threshold 0); K = 4 → 0.8825182 (0, ±0.9816);
 * K = 8 → 0.9654522; K = 16 → 0.9904990 (math.md §3.3). The result scales as thresholds·σ and
 * fisher/σ².
 *
 * Method: Newton's method for the maximum of I_K over the free positive thresholds, started from the
 * equal-probability thresholds Φ⁻¹(j/K): the exact gradient of the closed form,
 * ∂I/∂a_j = φ(a_j)·(m_j − m_{j+1})·(2a_j − m_j − m_{j+1}) (m_j the conditional mean of the standardized
 * observation in cell j), a tridiagonal Hessian by central differences of that gradient, and a
 * backtracking line search that accepts only steps that keep the thresholds ordered and do not lower
 * I_K; it stops when a step moves no threshold by more than 1e−13·σ. The stationarity condition
 * a_j = (m_j + m_{j+1})/2 is the Lloyd–Max condition, so σ²·I_K at the optimum equals 1 − (the
 * Lloyd–Max mean squared error); the tests check this with Lloyd's fixed-point iteration and
 * quadrature, a different computation.
 *
 * Domain: levels an integer from 2 to 256; cost O(K) per Newton step (milliseconds at K = 256).
 *
 * Source: the optimization problem is standard (math.md §3.3 [S, ✓num]); the Lloyd–Max connection:
 * S. P. Lloyd, IEEE Trans. Inf. Theory 28(2), 1982; J. Max, IRE Trans. Inf. Theory 6(1), 1960.
 *
 * @param levels - K, the number of cells (2^bits for a bits-bit quantizer)
 * @param sigma - σ > 0 (default 1)
 * @throws RangeError naming `levels` (not an integer from 2 to 256) or `sigma` (not > 0).
 * @example
 * ```ts
 * optimalThresholds(4); // { thresholds: [−0.98159, 0, 0.98159], fisher: 0.8825182, … }
 * ```
 */
export function optimalThresholds(levels: number, sigma = 1): OptimalThresholds {
  expectInteger("levels", levels, 2, MAX_OPTIMAL_LEVELS);
  expectPositive("sigma", sigma);
  const even = levels % 2 === 0;
  const n = even ? levels / 2 - 1 : (levels - 1) / 2; // free positive thresholds
  const first = levels - 1 - n; // index in the full list of the first free threshold
  const a = new Float64Array(levels - 1);
  // start: Φ⁻¹(j/K), made exactly symmetric
  for (let i = 0; i < n; i++) {
    const v = normalQuantile((first + i + 1) / levels);
    a[first + i] = v;
    a[levels - 2 - first - i] = -v;
  }
  if (even) a[n] = 0;
  const p = new Float64Array(levels);
  const g = new Float64Array(levels);
  const grad = new Float64Array(levels - 1);
  const trial = new Float64Array(levels - 1);
  const setFree = (target: Float64Array, t: ArrayLike<number>): void => {
    for (let i = 0; i < n; i++) {
      target[first + i] = t[i];
      target[levels - 2 - first - i] = -t[i];
    }
  };
  const freeGradient = (full: Float64Array, out: Float64Array): number => {
    const f = fisherAndGradient(full, grad, p, g);
    for (let i = 0; i < n; i++) out[i] = grad[first + i] - grad[levels - 2 - first - i];
    return f;
  };
  const ordered = (t: ArrayLike<number>): boolean => {
    if (!(t[0] > 0)) return false;
    for (let i = 1; i < n; i++) if (!(t[i] > t[i - 1])) return false;
    return true;
  };
  const t = a.slice(first, first + n);
  let fisher = standardizedCellFisher(a);
  let iterations = 0;
  if (n > 0) {
    const dI = new Float64Array(n);
    const plus = new Float64Array(n);
    const minus = new Float64Array(n);
    const sub = new Float64Array(n);
    const diag = new Float64Array(n);
    const sup = new Float64Array(n);
    const h = 1e-6;
    let previousStep = Infinity;
    for (; iterations < MAX_NEWTON_STEPS; iterations++) {
      fisher = freeGradient(a, dI);
      // tridiagonal Hessian: perturb every third free threshold at once (they do not interact)
      for (let colour = 0; colour < 3; colour++) {
        const shifted = Float64Array.from(t);
        for (let i = colour; i < n; i += 3) shifted[i] = t[i] + h;
        setFree(trial, shifted);
        freeGradient(trial, plus);
        for (let i = colour; i < n; i += 3) shifted[i] = t[i] - h;
        setFree(trial, shifted);
        freeGradient(trial, minus);
        for (let i = colour; i < n; i += 3) {
          diag[i] = (plus[i] - minus[i]) / (2 * h);
          if (i > 0) sup[i - 1] = (plus[i - 1] - minus[i - 1]) / (2 * h);
          if (i < n - 1) sub[i + 1] = (plus[i + 1] - minus[i + 1]) / (2 * h);
        }
      }
      const negGrad = dI.map((v) => -v);
      let step = solveTridiagonal(sub, diag, sup, negGrad);
      let ascent = 0;
      if (step) for (let i = 0; i < n; i++) ascent += step[i] * dI[i];
      if (!step || !(ascent > 0)) {
        // not an ascent direction (Hessian not negative definite here): a short gradient step instead
        let gmax = 0;
        for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(dI[i]));
        step = dI.map((v) => (0.05 * v) / (gmax || 1));
      }
      let maxStep = 0;
      for (let i = 0; i < n; i++) maxStep = Math.max(maxStep, Math.abs(step[i]));
      // converged: a negligible step, or a small one that no longer shrinks (the rounding floor of ∇I)
      if (maxStep < STOP_STEP || (maxStep < NOISE_STEP && maxStep > 0.5 * previousStep)) break;
      previousStep = maxStep;
      let alpha = 1;
      let accepted = false;
      const candidate = new Float64Array(n);
      for (let halvings = 0; halvings < 60; halvings++, alpha /= 2) {
        for (let i = 0; i < n; i++) candidate[i] = t[i] + alpha * step[i];
        if (!ordered(candidate)) continue;
        setFree(trial, candidate);
        // near the optimum I changes by less than its rounding: accept a small Newton step outright
        if (maxStep * alpha < 1e-7 || standardizedCellFisher(trial) >= fisher) {
          accepted = true;
          break;
        }
      }
      if (!accepted) break;
      t.set(candidate);
      setFree(a, t);
    }
  }
  fisher = standardizedCellFisher(a) / (sigma * sigma);
  return { thresholds: Array.from(a, (v) => v * sigma), fisher, iterations };
}

/** Newton steps allowed before giving up on further polish. */
const MAX_NEWTON_STEPS = 200;
/** Stop when a Newton step moves no standardized threshold by more than this. */
const STOP_STEP = 1e-13;
/** Below this, a step that is not at most half the previous one is rounding noise: stop. */
const NOISE_STEP = 1e-9;
