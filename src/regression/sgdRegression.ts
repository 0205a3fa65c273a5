/**
 * One-pass minibatch SGD for linear regression with each of data, labels, parameters, activations and
 * gradients passed through its own quantizer (lesson 11, paper B's setting, arXiv:2510.18259), returning
 * the iterate average and the last iterate.
 *
 * @packageDocumentation
 */
import { createRandom } from "../numeric/random";
import type { Random } from "../numeric/random";
import { bindQuantizer } from "../optim/componentQuantizer";
import type { BoundQuantizer, ComponentQuantizer } from "../optim/componentQuantizer";
import { describeValue, expectInteger, expectNumericArray, expectOneOf, expectPositive } from "../validation";
import type { NumericArray } from "../validation";
import { cleanRiskUnchecked, sampleExample } from "./regressionProblem";
import type { RegressionProblem } from "./regressionProblem";

/** Where each quantizer of {@link sgdRegression} acts; every field defaults to no quantization. */
export interface RegressionQuantizers {
  /** Q_D on every training input x (its d coordinates in the coordinate basis). */
  data?: ComponentQuantizer;
  /** Q_L on every label y. */
  labels?: ComponentQuantizer;
  /** Q_P on the stored parameters after every step: w_{t+1} = Q_P(w_t − γ g_t). */
  parameters?: ComponentQuantizer;
  /** Q_A on every prediction (activation) ⟨x̃, w_t⟩. */
  activations?: ComponentQuantizer;
  /** Q_G on the gradient (see `gradientAt`). */
  gradients?: ComponentQuantizer;
  /**
   * `"per-example"` (default): each example's gradient x̃(⟨x̃, w⟩ − ỹ) is quantized, then averaged
   * over the batch (independent errors average down: Cov s²I/b); `"averaged"`: the batch mean is
   * quantized once (Cov s²I, no suppression by the batch). math.md §7.3(iii), §7.0.5.
   */
  gradientAt?: "per-example" | "averaged";
}

/** Options of {@link sgdRegression}. */
export interface SgdRegressionOptions {
  /** The problem (`regressionProblem`). */
  problem: RegressionProblem;
  /** N, the number of fresh examples (one pass); a multiple of the batch size. */
  samples: number;
  /** b, the batch size (default 1): n = N/b steps. */
  batchSize?: number;
  /** γ > 0, the constant step size. */
  stepSize: number;
  /**
   * The seed. Stream 0 draws the examples, streams 1 … 5 the quantizers (data, labels, parameters,
   * activations, gradients), so runs with different quantizers see the same examples.
   */
  seed: number;
  /** w_0 in the coordinate basis (default 0). */
  w0?: NumericArray;
  /** The quantizers (default none). */
  quantize?: RegressionQuantizers;
  /**
   * Step counts t (1 … n, increasing) after which to record the clean risk of the running average of
   * w_0 … w_{t−1} and of the iterate w_t.
   */
  checkpoints?: readonly number[];
}

/** What {@link sgdRegression} returns. */
export interface SgdRegressionResult {
  /** n = N/b, the number of steps. */
  steps: number;
  /** w̄ = (1/n) Σ_{t<n} w_t, the iterate average of w_0 … w_{n−1} (coordinate basis). */
  averaged: Float64Array;
  /** w_n, the last iterate. */
  last: Float64Array;
  /** cleanRisk(problem, averaged). */
  riskAveraged: number;
  /** cleanRisk(problem, last). */
  riskLast: number;
  /** The clean risks at the checkpoints (empty arrays without checkpoints). */
  trace: { steps: number[]; averaged: number[]; last: number[] };
}

/**
 * Runs one pass of minibatch SGD on the squared loss over N fresh examples of `problem`:
 *
 *     for each example j of batch t:  x̃ = Q_D(x_j),  ỹ = Q_L(y_j),  p = Q_A(⟨x̃, w_t⟩),  g_j = x̃ (p − ỹ)
 *     g_t = (1/b) Σ_j Q_G(g_j)   (per-example)   or   Q_G((1/b) Σ_j g_j)   (averaged)
 *     w_{t+1} = Q_P(w_t − γ g_t),   t = 0 … n − 1,  n = N/b
 *
 * and returns the iterate average w̄ = (1/n) Σ_{t<n} w_t (the average whose exact risk
 * `perDirectionRisk` predicts) and the last iterate, with their clean risks (w − w*)ᵀH(w − w*).
 * With every quantizer absent this is plain SGD in binary64; with `{ kind: "mantissa", bits: 52 }`
 * everywhere it is the same run bit for bit. The risk on quantized inputs is `quantizedInputRisk`.
 *
 * Stability: the step must satisfy γ < 2/λ_max(H̃)-ish for the mean; for the iterates' second moment
 * the fourth-moment condition γ < 1/(α tr H) (α = 3 for Gaussian x, math.md §7.0.3) is the safe choice.
 * A diverging run returns Infinity or NaN risks; nothing is clipped.
 *
 * Cost: O(N·d) for a diagonal problem (O(N·d²) when rotated: each example is Q(√λ ⊙ z)); no allocation
 * inside the loop. A batch-1 step makes five passes over the d coordinates: the example's normals, scaled by
 * √λ, with the label's ⟨w*, x⟩ (`fillScaledZigguratUnchecked`); the data quantizer's draws; its rounding with
 * the prediction ⟨x̃, w⟩ (`applyDot`); the update with the iterate sum; the parameters' rounding. Measured by
 * `bench/optim.bench.ts` (d = 256, data stochastically rounded on a grid, parameters to 7 mantissa bits; CPU
 * time, one core of a 2-core machine, Node 20): 33–41 M coordinate-updates/s over eight runs, 3.7–4.6× a
 * numpy loop that draws each example as this does, 2.2–2.8× one that draws the examples 1024 at a time. Of
 * a step (about 6 µs), drawing the example takes about 37%, the data's rounding with the prediction 32%, and
 * the update with the parameters' rounding 29%.
 *
 * Source: SGD with iterate averaging (Polyak–Juditsky; Zou et al., arXiv:2103.12692); the quantizer
 * placement is our reading of paper B's abstract (arXiv:2510.18259, math.md §7.2–7.3) [D].
 *
 * @throws TypeError for a missing problem or options object; RangeError naming `samples`, `batchSize`
 *   (an integer ≥ 1 dividing samples), `stepSize` (finite > 0), `seed`, `w0` (length d), `checkpoints`,
 *   `quantize.gradientAt`, or a quantizer's field.
 * @example
 * ```ts
 * const problem = regressionProblem({ lambdas: polynomialSpectrum(200, 2), beta: 1.5, noiseVariance: 0.01 });
 * const run = sgdRegression({ problem, samples: 4096, stepSize: 0.1, seed: 1,
 *   quantize: { data: { kind: "additive", step: 0.1, rounding: "dithered" } } });
 * run.riskAveraged; // compare with perDirectionRisk(...)
 * ```
 */
export function sgdRegression(options: SgdRegressionOptions): SgdRegressionResult {
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const problem = options.problem;
  if (problem === null || typeof problem !== "object" || !(problem.lambdas instanceof Float64Array)) {
    throw new TypeError(`problem must be a RegressionProblem (regressionProblem(...)), got ${describeValue(problem)}`);
  }
  const d = problem.d;
  expectInteger("samples", options.samples, 1);
  const b = options.batchSize ?? 1;
  expectInteger("batchSize", b, 1);
  if (options.samples % b !== 0) {
    throw new RangeError(`batchSize must divide samples = ${options.samples}, got ${b}`);
  }
  expectPositive("stepSize", options.stepSize);
  expectInteger("seed", options.seed);
  const n = options.samples / b;
  const gamma = options.stepSize;
  const w = new Float64Array(d);
  if (options.w0 !== undefined) {
    expectNumericArray("w0", options.w0);
    if (options.w0.length !== d) throw new RangeError(`w0.length must equal d = ${d}, got ${options.w0.length}`);
    w.set(options.w0);
  }
  const checkpoints = options.checkpoints ?? [];
  for (let k = 0; k < checkpoints.length; k++) {
    const c = checkpoints[k];
    expectInteger(`checkpoints[${k}]`, c, 1, n);
    if (k > 0 && !(c > checkpoints[k - 1])) throw new RangeError(`checkpoints must increase, got ${checkpoints[k - 1]} then ${c}`);
  }
  const q = options.quantize ?? {};
  if (q === null || typeof q !== "object") throw new TypeError(`quantize must be an object, got ${describeValue(q)}`);
  const gradientAt = q.gradientAt ?? "per-example";
  expectOneOf("quantize.gradientAt", gradientAt, ["per-example", "averaged"]);
  const none: ComponentQuantizer = { kind: "none" };
  const qD = bindQuantizer(q.data ?? none, createRandom(options.seed, 1));
  const qL = bindQuantizer(q.labels ?? none, createRandom(options.seed, 2));
  const qP = bindQuantizer(q.parameters ?? none, createRandom(options.seed, 3));
  const qA = bindQuantizer(q.activations ?? none, createRandom(options.seed, 4));
  const qG = bindQuantizer(q.gradients ?? none, createRandom(options.seed, 5));
  const perExample = gradientAt === "per-example" && !qG.identity;

  const rng = createRandom(options.seed, 0);
  const x = new Float64Array(d);
  const scratch = new Float64Array(d);
  const g = new Float64Array(d);
  const gj = new Float64Array(d);
  const avg = new Float64Array(d);
  const trace = { steps: [] as number[], averaged: [] as number[], last: [] as number[] };
  let nextCheckpoint = 0;
  const recordCheckpoint = (steps: number): void => {
    for (let i = 0; i < d; i++) scratch[i] = avg[i] / steps;
    trace.steps.push(steps);
    trace.averaged.push(cleanRiskUnchecked(problem, scratch));
    trace.last.push(cleanRiskUnchecked(problem, w));
  };
  const fast = b === 1 && qG.identity; // one example per step, gradient unquantized: one fused pass
  for (let t = 0; t < n; t++) {
    if (fast) {
      fusedStep(problem, rng, x, scratch, w, avg, gamma, qD, qL, qA, qP);
      if (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint] === t + 1) {
        recordCheckpoint(t + 1);
        nextCheckpoint++;
      }
      continue;
    }
    for (let i = 0; i < d; i++) avg[i] += w[i];
    g.fill(0);
    for (let j = 0; j < b; j++) {
      const r = residual(problem, rng, x, scratch, w, qD, qL, qA);
      if (perExample) {
        for (let i = 0; i < d; i++) gj[i] = x[i] * r;
        qG.apply(gj);
        for (let i = 0; i < d; i++) g[i] += gj[i];
      } else {
        for (let i = 0; i < d; i++) g[i] += x[i] * r;
      }
    }
    if (b !== 1) for (let i = 0; i < d; i++) g[i] /= b;
    if (!perExample && !qG.identity) qG.apply(g);
    for (let i = 0; i < d; i++) w[i] -= gamma * g[i];
    if (!qP.identity) qP.apply(w);
    if (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint] === t + 1) {
      recordCheckpoint(t + 1);
      nextCheckpoint++;
    }
  }
  for (let i = 0; i < d; i++) avg[i] /= n;
  return {
    steps: n,
    averaged: avg,
    last: w,
    riskAveraged: cleanRiskUnchecked(problem, avg),
    riskLast: cleanRiskUnchecked(problem, w),
    trace,
  };
}

/**
 * Draws one example into x (quantized by Q_D) and returns the residual r = Q_A(⟨x̃, w⟩) − Q_L(y) at w. A
 * top-level function with every value an argument, as {@link fusedStep}.
 */
function residual(
  problem: RegressionProblem,
  rng: Random,
  x: Float64Array,
  scratch: Float64Array,
  w: Float64Array,
  qD: BoundQuantizer,
  qL: BoundQuantizer,
  qA: BoundQuantizer,
): number {
  let y = sampleExample(problem, rng, x, scratch);
  let p = qD.applyDot(x, w); // x̃ = Q_D(x) in place and ⟨x̃, w⟩ summed in index order, in one pass
  if (!qL.identity) y = qL.value(y);
  if (!qA.identity) p = qA.value(p);
  return p - y;
}

/**
 * One step of the fused path (batch 1, gradient unquantized): r = {@link residual}, avg += w, and
 * w ← Q_P(w − γ·x̃·r). A top-level function with every value an argument, so that V8 keeps the loop's values in
 * registers (inside `sgdRegression`, beside the closures it creates, the same loops ran about 10% slower).
 */
function fusedStep(
  problem: RegressionProblem,
  rng: Random,
  x: Float64Array,
  scratch: Float64Array,
  w: Float64Array,
  avg: Float64Array,
  gamma: number,
  qD: BoundQuantizer,
  qL: BoundQuantizer,
  qA: BoundQuantizer,
  qP: BoundQuantizer,
): void {
  const r = residual(problem, rng, x, scratch, w, qD, qL, qA);
  for (let i = 0; i < x.length; i++) {
    avg[i] += w[i];
    w[i] -= gamma * (x[i] * r); // the same arithmetic as the general path (g = 0 + x r)
  }
  if (!qP.identity) qP.apply(w);
}
