/**
 * Muon (momentum, then orthogonalization by Newton–Schulz) on one weight matrix, with gradient, weights
 * and momentum each passed through its own quantizer (lesson 12; KellerJordan/Muon; math.md §8.3).
 *
 * @packageDocumentation
 */
import { describeValue, expectFinite, expectInteger, expectNumericArray, expectOneOf, expectPositive } from "../validation";
import type { NumericArray } from "../validation";
import { bindOptimizerQuantizers, expectBeta } from "./adam";
import type { OptimizerQuantizers } from "./adam";
import { newtonSchulzUnchecked, newtonSchulzWorkspace, polarFactor } from "./newtonSchulz";

/** Options of {@link createMuon}. */
export interface MuonOptions {
  /** η > 0 (default 0.02, KellerJordan/Muon). */
  learningRate?: number;
  /** β in [0, 1) (default 0.95). */
  momentum?: number;
  /** Nesterov momentum (default true). */
  nesterov?: boolean;
  /** λ ≥ 0, decoupled weight decay W ← (1 − ηλ)W (default 0). */
  weightDecay?: number;
  /** `"newton-schulz"` (default: quintic NS, `steps` iterations) or `"svd"` (the exact polar factor). */
  orthogonalize?: "newton-schulz" | "svd";
  /** Newton–Schulz iterations (default 5). */
  steps?: number;
  /** Quantizers of gradient, weights and momentum (`firstMoment`); Muon has no second moment. */
  quantize?: OptimizerQuantizers;
  /** Seed of the quantizers' random streams (default 0). */
  seed?: number;
}

/** A Muon optimizer over one rows × cols matrix (created by {@link createMuon}). */
export interface Muon {
  readonly rows: number;
  readonly cols: number;
  /** The weights W (row-major, updated in place). */
  readonly w: Float64Array;
  /** The stored momentum buffer. */
  readonly momentum: Float64Array;
  readonly t: number;
  /** One update from the gradient G (row-major rows × cols; not modified). */
  step(gradient: NumericArray): void;
}

/**
 * Muon as in KellerJordan/Muon (`muon_update`), with quantized components in the placement of math.md
 * §8.3 (our reconstruction, [U]):
 *
 *     G̃ = Q_G(G)
 *     M = Q_M(β M + (1 − β) G̃)                       (momentum.lerp_(grad, 1 − β))
 *     U = (1 − β) G̃ + β M   (Nesterov; else U = M)   (grad.lerp_(momentum, β))
 *     O = NS5(U) · √max(1, rows/cols)                 (or the exact polar factor U_svd V_svdᵀ)
 *     W = Q_W((1 − ηλ) W − η O)
 *
 * NS5 is `newtonSchulz5` (coefficients 3.4445, −4.7750, 2.0315, in binary64). The update's size does not
 * depend on the gradient's scale, and there is no second moment to stall: the reason Muon needs weaker
 * error control on its states (paper C's finding, arXiv:2510.21314); weights still stagnate once
 * η·|O_ij| < ½ ulp(W_ij), as Adam's do (math.md §8.0.2).
 *
 * Speed: a step allocates nothing (its buffers and the Newton–Schulz workspace are made here, once); on
 * 256×256 it is Newton–Schulz's 168 M multiply-adds plus O(rows·cols) updates, 1.2–1.5× numpy's time for the
 * same step in bench/optim.bench.ts (what limits it: see `newtonSchulz5`).
 *
 * @param w0 - the initial weights, row-major rows × cols (copied)
 * @throws RangeError naming `rows`, `cols`, `w0` (length rows·cols), `learningRate`, `momentum`
 *   (in [0, 1)), `weightDecay`, `orthogonalize`, `steps`, `seed`, a quantizer field, or `gradient`
 *   (length) at `step`.
 * @example
 * ```ts
 * const opt = createMuon(new Float64Array(64 * 32), 64, 32, { learningRate: 0.02 });
 * opt.step(gradientOf(opt.w));
 * ```
 */
export function createMuon(w0: NumericArray, rows: number, cols: number, options: MuonOptions = {}): Muon {
  expectInteger("rows", rows, 1);
  expectInteger("cols", cols, 1);
  expectNumericArray("w0", w0);
  if (w0.length !== rows * cols) throw new RangeError(`w0.length must be rows·cols = ${rows * cols}, got ${w0.length}`);
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const lr = options.learningRate ?? 0.02;
  expectPositive("learningRate", lr);
  const beta = options.momentum ?? 0.95;
  expectBeta("momentum", beta);
  const decay = options.weightDecay ?? 0;
  expectFinite("weightDecay", decay);
  if (decay < 0) throw new RangeError(`weightDecay must be >= 0, got ${decay}`);
  const nesterov = options.nesterov ?? true;
  const method = options.orthogonalize ?? "newton-schulz";
  expectOneOf("orthogonalize", method, ["newton-schulz", "svd"]);
  const nsSteps = options.steps ?? 5;
  expectInteger("steps", nsSteps, 0);
  const seed = options.seed ?? 0;
  expectInteger("seed", seed);
  const q = bindOptimizerQuantizers(options.quantize, seed);
  if (!q.secondMoment.identity) throw new RangeError(`quantize.secondMoment must be absent: Muon keeps no second moment`);
  const n = rows * cols;
  const w = Float64Array.from(w0);
  const mom = new Float64Array(n);
  const g = new Float64Array(n);
  const u = new Float64Array(n);
  const o = new Float64Array(n);
  const ws = newtonSchulzWorkspace(rows, cols);
  const shapeScale = Math.sqrt(Math.max(1, rows / cols));
  let t = 0;
  const step = (gradient: NumericArray): void => {
    if (gradient === null || typeof gradient !== "object" || gradient.length !== n) {
      throw new RangeError(`gradient must have length rows·cols = ${n}, got ${describeValue(gradient)}`);
    }
    t++;
    g.set(gradient);
    if (!q.gradient.identity) q.gradient.apply(g);
    for (let i = 0; i < n; i++) mom[i] = beta * mom[i] + (1 - beta) * g[i];
    if (!q.firstMoment.identity) q.firstMoment.apply(mom);
    if (nesterov) for (let i = 0; i < n; i++) u[i] = (1 - beta) * g[i] + beta * mom[i];
    else u.set(mom);
    if (method === "svd") o.set(polarFactor(u, rows, cols));
    else newtonSchulzUnchecked(u, rows, cols, nsSteps, o, ws);
    const keep = 1 - lr * decay;
    const rate = lr * shapeScale;
    for (let i = 0; i < n; i++) w[i] = keep * w[i] - rate * o[i];
    if (!q.weights.identity) q.weights.apply(w);
  };
  return {
    rows,
    cols,
    w,
    momentum: mom,
    get t() {
      return t;
    },
    step,
  };
}
