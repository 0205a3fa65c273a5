/**
 * The achievability analysis of quantized SGD (math.md §5): which scheme B bits buy, its per-round
 * variance, the dynamic range that covers Gaussian gradients, the step size that keeps a subsampled
 * scheme stable, and the rounds they predict (lesson 8).
 *
 * @packageDocumentation
 */
import { pdfUnchecked, sfUnchecked } from "../numeric/normal";
import { integrate } from "../numeric/quadrature";
import { clip, gridRoundingVariance } from "../quantizers/uniformGrid";
import { describeValue, expectInRange, expectInteger, expectPositive } from "../validation";

/** How B bits a round are spent: k coordinates sent, b bits each (B ≥ k·b). */
export interface AchievabilityScheme {
  /** k, the coordinates sent per round (a random subset from the public coin). */
  k: number;
  /** b, the stochastic-rounding bits per sent coordinate (1 to 32). */
  bitsPerCoordinate: number;
}

/**
 * The achievability scheme for B bits per round in dimension d (math.md §5.4): one bit for each of
 * B random coordinates when B ≤ d (k = B, b = 1), and every coordinate with b = ⌊B/d⌋ bits when
 * B > d (k = d; b capped at 32, the finest grid the compressors take). Unused bits (B − k·b) are
 * not sent.
 *
 * Source: math.md §5.4 (our reconstruction of the scheme behind paper A's achievability result,
 * arXiv:2606.00703); lesson 8.
 *
 * @throws RangeError naming `d` or `bits` (not integers ≥ 1).
 * @example
 * ```ts
 * achievabilityScheme(1024, 64);   // { k: 64, bitsPerCoordinate: 1 }
 * achievabilityScheme(1024, 4096); // { k: 1024, bitsPerCoordinate: 4 }
 * ```
 */
export function achievabilityScheme(d: number, bits: number): AchievabilityScheme {
  expectInteger("d", d, 1);
  expectInteger("bits", bits, 1);
  if (bits <= d) return { k: bits, bitsPerCoordinate: 1 };
  return { k: d, bitsPerCoordinate: Math.min(32, Math.floor(bits / d)) };
}

/** Arguments of {@link achievabilityVariance}. */
export interface AchievabilityVarianceArgs {
  /** d, the dimension (integer ≥ 1). */
  d: number;
  /** k, coordinates sent per round (integer from 1 to d). */
  k: number;
  /** b, bits per sent coordinate (integer from 1 to 32). */
  bitsPerCoordinate: number;
  /** M > 0, the range of the stochastic-rounding grid [−M, M]. */
  range: number;
  /** σ ≥ 0, the gradient noise per coordinate. */
  sigma: number;
}

/**
 * V = E‖ĝ‖², the per-round variance of random-subset stochastic rounding at the optimum x = θ (where
 * the oracle's gradient is σZ and the compressed gradient is unbiased by symmetry, clipping included):
 *
 *     V = (d/k)·d·E[c² + v(c)],    c = clip(σZ, −M, M),   v(c) = (c − ℓ)(ℓ + Δ − c) the rounding variance,
 *
 * on the grid of 2^b points spanning [−M, M] (Δ = 2M/(2^b − 1)). For b = 1, c² + v(c) = M² for every c,
 * so **V = d²M²/k exactly**; for b ≥ 2 the expectation is taken by adaptive quadrature over the
 * Gaussian, each grid cell integrated on its own (v has a kink at every grid point), plus the two
 * clipped tails. With t_0 = 1, E‖x_T − θ‖² = (1/T²)Σ_t E V_t, and once the iterates sit near θ
 * T·E‖x_T − θ‖² → V (math.md §5.1): the rounds to reach D are about V/D.
 *
 * Source: math.md §5.3–§5.4 (our derivation, lesson 8).
 *
 * @throws TypeError for non-numbers or a non-object; RangeError naming `d`, `k` (not 1 … d),
 * `bitsPerCoordinate` (not 1 … 32), `range` (not finite > 0) or `sigma` (not finite ≥ 0).
 * @example
 * ```ts
 * achievabilityVariance({ d: 64, k: 32, bitsPerCoordinate: 1, range: 5, sigma: 1 }); // 3200 = 64²·25/32
 * ```
 */
export function achievabilityVariance(args: AchievabilityVarianceArgs): number {
  if (typeof args !== "object" || args === null) throw new TypeError(`args must be an object, got ${describeValue(args)}`);
  const { d, k, bitsPerCoordinate: b, range: M, sigma } = args;
  expectInteger("d", d, 1);
  expectInteger("k", k, 1, d);
  expectInteger("bitsPerCoordinate", b, 1, 32);
  expectPositive("range", M);
  expectInRange("sigma", sigma, 0, Number.MAX_VALUE);
  const scale = d / k;
  if (b === 1) return scale * d * M * M;
  const intervals = 2 ** b - 1;
  let second: number; // E[c² + v(c)]
  if (sigma === 0) {
    second = gridRoundingVariance(0, -M, M, intervals); // g = 0 always: c² = 0, v(0) = Δ²/4 (0 is a cell's midpoint)
  } else {
    // clipped tails: c = ±M, a grid point, v = 0: contributes M²·P(|σZ| > M)
    second = M * M * 2 * sfUnchecked(M / sigma);
    const density = (x: number) => pdfUnchecked(x / sigma) / sigma;
    const integrand = (x: number) => (x * x + gridRoundingVariance(clip(x, -M, M), -M, M, intervals)) * density(x);
    const cells = Math.min(intervals, 4096);
    // integrate cell by cell over [−M, M] (up to 4096 pieces; finer grids are smooth enough at that scale)
    for (let j = 0; j < cells; j++) {
      const lo = -M + (2 * M * j) / cells;
      const hi = -M + (2 * M * (j + 1)) / cells;
      if (lo > 40 * sigma || hi < -40 * sigma) continue; // Gaussian mass below 1e-300
      second += integrate(integrand, lo, hi, { absTolerance: 1e-15 * M * M, relTolerance: 1e-12 }).value;
    }
  }
  return scale * d * second;
}

/** Arguments of {@link dynamicRange}. */
export interface DynamicRangeArgs {
  /** d, the dimension. */
  d: number;
  /** T, the rounds. */
  rounds: number;
  /** σ > 0, the gradient noise per coordinate. */
  sigma: number;
  /** δ in (0, 1): the allowed probability that some coordinate of some round leaves the range (default 0.01). */
  delta?: number;
  /** A bound on ‖x_t − θ‖_∞ over the run (default 0: the iterates start at θ). */
  offset?: number;
}

/**
 * The range M that covers every coordinate of T Gaussian gradients with probability ≥ 1 − δ
 * (math.md §5.2):
 *
 *     M = offset + σ·√(2·ln(2dT/δ)),
 *
 * from the union bound over the dT coordinates and the Chernoff tail P(|Z| > z) ≤ 2e^{−z²/2}, set equal
 * to δ/(dT). Because M² grows like 2σ² ln(dT/δ), the
 * achievable rounds d²M²/(BD) exceed the product bound by this logarithmic factor: the gap between
 * achievability and the lower bound that paper A leaves open for Gaussian (unbounded) gradients.
 *
 * Source: math.md §5.2 (our derivation, lesson 8); paper A's achievability result assumes the bounded
 * range (arXiv:2606.00703, abstract level).
 *
 * @throws RangeError naming `d`, `rounds` (integers ≥ 1), `sigma` (not > 0), `delta` (not in (0, 1))
 * or `offset` (not finite ≥ 0).
 * @example
 * ```ts
 * dynamicRange({ d: 64, rounds: 4000, sigma: 1 }); // 5.43 = √(2 ln(2·64·4000/0.01))
 * ```
 */
export function dynamicRange(args: DynamicRangeArgs): number {
  if (typeof args !== "object" || args === null) throw new TypeError(`args must be an object, got ${describeValue(args)}`);
  const { d, rounds, sigma } = args;
  const delta = args.delta === undefined ? 0.01 : args.delta;
  const offset = args.offset === undefined ? 0 : args.offset;
  expectInteger("d", d, 1);
  expectInteger("rounds", rounds, 1);
  expectPositive("sigma", sigma);
  expectPositive("delta", delta);
  if (!(delta < 1)) throw new RangeError(`delta must be a probability in (0, 1), got ${describeValue(delta)}`);
  expectInRange("offset", offset, 0, Number.MAX_VALUE);
  return offset + sigma * Math.sqrt(2 * Math.log((2 * d * rounds) / delta));
}

/** What {@link stepSizeRule} returns. */
export interface StepSizeRule {
  /** t_0 for the step η_t = 1/(t + t_0). */
  t0: number;
  /** c = d/k − 1, the multiplicative part of the subsampling variance (c·‖x − θ‖²). */
  c: number;
  /** Which condition set t_0: "contraction" (t_0 ≥ (1 + c)/2, b ≥ 2) or "dynamic range" (b = 1). */
  reason: "contraction" | "dynamic range";
}

/**
 * The step offset t_0 that keeps SGD with η_t = 1/(t + t_0) stable under random-subset compression
 * (math.md §5.1, corrected 2026-12-01):
 *
 * - **b ≥ 2 (fine stochastic rounding)**: the variance has a multiplicative part c‖x − θ‖² with
 *   c = d/k − 1, and the error recursion E e²_{t+1} ≤ ((1 − η_t)² + cη_t²) E e²_t + η_t² V_0 contracts
 *   iff η_t < 2/(1 + c): **t_0 = ⌈(1 + c)/2⌉ = ⌈d/(2k)⌉**.
 * - **b = 1**: the exact variance is d²M²/k − ‖x − θ‖² (coefficient −1, so no contraction condition),
 *   but every sent coordinate arrives as ±(d/k)M whatever g_i is, so a step of η·(d/k)·M moves the
 *   iterate out of the dynamic range when η is near 1: with t_0 = 1 the first step sets
 *   e_i = ±(d/k)M (±40 for d/k = 8, M = 5), and later gradients are clipped at ±M, biased, for the rest
 *   of the run. **t_0 = ⌈2d/k⌉** keeps each step's move below M/2 (the value math.md's check used:
 *   t_0 = 16 for d = 64, k = 8).
 *
 * Source: math.md §5.1 (our derivation and simulation, lesson 8).
 *
 * @throws RangeError naming `d`, `k` (not 1 … d) or `bitsPerCoordinate` (not 1 … 32).
 * @example
 * ```ts
 * stepSizeRule({ d: 64, k: 8, bitsPerCoordinate: 1 }); // { t0: 16, c: 7, reason: "dynamic range" }
 * stepSizeRule({ d: 64, k: 8, bitsPerCoordinate: 4 }); // { t0: 4, c: 7, reason: "contraction" }
 * ```
 */
export function stepSizeRule(args: { d: number; k: number; bitsPerCoordinate: number }): StepSizeRule {
  if (typeof args !== "object" || args === null) throw new TypeError(`args must be an object, got ${describeValue(args)}`);
  const { d, k, bitsPerCoordinate: b } = args;
  expectInteger("d", d, 1);
  expectInteger("k", k, 1, d);
  expectInteger("bitsPerCoordinate", b, 1, 32);
  const c = d / k - 1;
  if (b === 1) return { t0: Math.ceil((2 * d) / k), c, reason: "dynamic range" };
  return { t0: Math.max(1, Math.ceil((1 + c) / 2)), c, reason: "contraction" };
}
