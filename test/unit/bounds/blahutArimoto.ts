/**
 * Test helper (not a test): the Blahut–Arimoto algorithm for one point of the rate–distortion curve of a
 * discrete source under squared error, an independent numerical route to R(D).
 *
 * For a slope s > 0 it alternates Q(y|x) ∝ q(y)·exp(−s(x − y)²) and q(y) = Σ_x p(x)Q(y|x), and returns
 * the distortion D = Σ p(x)Q(y|x)(x − y)² and the rate R = Σ p(x)Q(y|x)·log2(Q(y|x)/q(y)) of the final
 * channel: a point (D, R) on (numerically, just above) the curve R(D). Blahut, "Computation of channel
 * capacity and rate-distortion functions", IEEE Trans. IT 18(4), 1972; Cover and Thomas §10.8.
 */
export function blahutArimotoPoint(
  xs: Float64Array,
  px: Float64Array,
  ys: Float64Array,
  slope: number,
  iterations: number,
): { D: number; R: number } {
  const n = xs.length;
  const m = ys.length;
  const kernel = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) kernel[i * m + j] = Math.exp(-slope * (xs[i] - ys[j]) ** 2);
  let q = new Float64Array(m).fill(1 / m);
  const next = new Float64Array(m);
  for (let it = 0; it < iterations; it++) {
    next.fill(0);
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < m; j++) z += q[j] * kernel[i * m + j];
      const w = px[i] / z;
      for (let j = 0; j < m; j++) next[j] += w * q[j] * kernel[i * m + j];
    }
    q = Float64Array.from(next);
  }
  let D = 0;
  let R = 0;
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let j = 0; j < m; j++) z += q[j] * kernel[i * m + j];
    for (let j = 0; j < m; j++) {
      const Q = (q[j] * kernel[i * m + j]) / z;
      if (Q > 0) {
        D += px[i] * Q * (xs[i] - ys[j]) ** 2;
        R += px[i] * Q * Math.log2(Q / q[j]);
      }
    }
  }
  return { D, R };
}

/** A grid of n midpoints on [a, b] and the probabilities a density assigns to its cells (midpoint rule, normalized). */
export function discretize(a: number, b: number, n: number, density: (x: number) => number): { xs: Float64Array; px: Float64Array } {
  const xs = new Float64Array(n);
  const px = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    xs[i] = a + ((i + 0.5) * (b - a)) / n;
    px[i] = density(xs[i]);
    total += px[i];
  }
  for (let i = 0; i < n; i++) px[i] /= total;
  return { xs, px };
}
