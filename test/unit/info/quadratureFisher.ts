import { integrate } from "../../../src/numeric/index";

/** The standard normal density written out here (not the library's), for reference integrands. */
export function phi(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

function quad(f: (x: number) => number, a: number, b: number): number {
  const r = integrate(f, a, b, { absTolerance: 1e-300, relTolerance: 1e-13 });
  if (!r.converged) throw new Error(`reference quadrature did not converge on [${a}, ${b}]`);
  return r.value;
}

/** ∫ₐᵇ f, split at 0 so that no piece integrates across a sign change of z·φ(z). */
export function quadSplit(f: (x: number) => number, a: number, b: number): number {
  return a < 0 && b > 0 ? quad(f, a, 0) + quad(f, 0, b) : quad(f, a, b);
}

/** ∫ z φ(z) over [a, b]; a cell reaching ±∞ past 0 uses ∫_ℝ zφ = 0 (minus its complement), so tiny moments keep their digits. */
export function firstMoment(a: number, b: number): number {
  const zphi = (z: number): number => z * phi(z);
  if (a === -Infinity && b > 0) return -quad(zphi, b, Infinity);
  if (b === Infinity && a < 0) return -quad(zphi, -Infinity, a);
  return quadSplit(zphi, a, b);
}

/**
 * Reference Fisher information of the threshold quantizer of X ~ N(θ, σ²), by quadrature of the
 * definition (math.md §3.1): I = Σ_cells p·E[S | cell]², with p = ∫_cell φ and
 * p·E[S | cell] = (1/σ)·∫_cell z φ(z) dz over the standardized cell. No closed form of Φ or of the
 * cell sums is used: only the density, integrated numerically (and ∫_ℝ zφ = 0 for cells with an
 * infinite end, to avoid cancellation).
 */
export function fisherByQuadrature(thresholds: readonly number[], theta = 0, sigma = 1): number {
  const a = [-Infinity, ...thresholds.map((t) => (t - theta) / sigma), Infinity];
  let sum = 0;
  for (let j = 1; j < a.length; j++) {
    const p = quadSplit(phi, a[j - 1], a[j]);
    const first = firstMoment(a[j - 1], a[j]);
    if (p > 0) sum += first * (first / p); // not first²/p: first² underflows for cells far out
  }
  return sum / (sigma * sigma);
}
