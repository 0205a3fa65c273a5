/**
 * Training runs for lesson 12 (paper C, arXiv:2510.21314): Adam or Muon, each component through its own
 * quantizer, on one of three small problems — the 2-d Rosenbrock function, matrix least squares and a
 * small MLP on teacher data — with the loss recorded along the way. The loops live here so that the
 * lesson's cells only choose settings.
 *
 * @packageDocumentation
 */
import { createRandom } from "../numeric/random";
import type { Random } from "../numeric/random";
import { matmulUnchecked } from "../numeric/matmul";
import { describeValue, expectFinite, expectInteger, expectPositive } from "../validation";
import { createAdam } from "./adam";
import { bindQuantizer } from "./componentQuantizer";
import type { Adam, OptimizerQuantizers } from "./adam";
import { createMuon } from "./muon";
import type { Muon } from "./muon";
import { rosenbrock } from "./rosenbrock";
import { mlpInit, mlpLayout, mlpLoss, teacherDataset } from "./mlp";

/** The problems of {@link lowPrecisionTraining}. */
export type TrainingProblem =
  /** f(x, y) = (1 − x)² + 100(y − x²)² from `start` (default the standard (−1.2, 1)); Muon sees a 1 × 2 matrix. */
  | { readonly kind: "rosenbrock"; readonly start?: readonly [number, number] }
  /**
   * f(W) = (1/2n)‖X(W − W*)‖²_F with X (n × r, n = 2r) and W* (r × c) standard normal, W_0 = 0: the
   * excess loss of matrix least squares, minimum 0 at W*. Gradient H(W − W*), H = XᵀX/n.
   */
  | { readonly kind: "least-squares"; readonly rows: number; readonly cols: number; readonly seed?: number }
  /**
   * Half mean squared error of an MLP (tanh hidden layers) on `samples` examples of a teacher network of
   * the same `sizes` with label noise 0.1 (`teacherDataset`); the student starts from `mlpInit` (stream 2
   * of `seed`). Muon updates each weight matrix, with an auxiliary Adam for the biases (see below).
   */
  | { readonly kind: "mlp"; readonly sizes: readonly number[]; readonly samples: number; readonly seed?: number };

/** Options of {@link lowPrecisionTraining}. */
export interface LowPrecisionTrainingOptions {
  readonly problem: TrainingProblem;
  readonly optimizer: "adam" | "muon";
  /** η > 0 (Adam and Muon alike; Muon's bias optimizer on the MLP is Adam with the same η/10). */
  readonly learningRate: number;
  /** Adam's β1 (default 0.9). */
  readonly beta1?: number;
  /** Adam's β2 (default 0.999). */
  readonly beta2?: number;
  /** Muon's momentum β (default 0.95). */
  readonly momentum?: number;
  /** The steps T ≥ 1. */
  readonly steps: number;
  /** Record the loss every `every` steps (default 1; the initial loss is always recorded at step 0). */
  readonly every?: number;
  /** σ_g ≥ 0: i.i.d. N(0, σ_g²) noise added to every gradient entry (default 0: exact gradients). */
  readonly gradientNoise?: number;
  /** Per-component quantizers (Muon: no `secondMoment`). */
  readonly quantize?: OptimizerQuantizers;
  /** Seed of the gradient noise (stream 5) and of the quantizers' draws (default 0). */
  readonly seed?: number;
}

/** What {@link lowPrecisionTraining} returns. */
export interface LowPrecisionTrainingRun {
  /** The recorded steps 0, every, 2·every, …, T. */
  readonly steps: number[];
  /** f at each recorded step. */
  readonly loss: Float64Array;
  /** f after T steps. */
  readonly finalLoss: number;
  /** The last step t at which any weight changed (0 if none ever did): weight stagnation shows as lastChange ≪ T. */
  readonly lastChange: number;
  /** The weights after T steps (a copy; for the MLP the flat parameter vector). */
  readonly weights: Float64Array;
}

/** One optimizer over a flat weight vector, whatever its matrix structure. */
interface FlatOptimizer {
  readonly w: Float64Array;
  step(gradient: Float64Array): void;
}

/**
 * Runs Adam or Muon for T steps on a small problem with each component quantized, and records f.
 *
 * - Adam: `createAdam` (bias correction on, ε = 1e−8) over all parameters.
 * - Muon: `createMuon` (Nesterov, five Newton–Schulz steps) on the weight matrix (Rosenbrock: the 1 × 2
 *   matrix [x, y]; least squares: W, r × c); on the MLP one Muon per weight matrix and one Adam (η/10,
 *   β = (0.9, 0.95), the MuonWithAuxAdam pattern) for the biases, all with the same quantizers.
 *
 * The initial weights are rounded by Q_W once before the first step (stream 6 of `seed`), so a frozen
 * run has lastChange = 0.
 *
 * Gradients are exact plus optional i.i.d. noise σ_g (stream 5 of `seed`): with σ_g > 0 Adam's update
 * m̂/√v̂ shrinks with the gradient's signal-to-noise ratio near the optimum and Muon's does not, which is
 * where the two differ under weight quantization (math.md §8.0.2; our experiment, not paper C's claim).
 *
 * @throws RangeError or TypeError naming `problem`, `optimizer`, `learningRate`, `steps`, `every`,
 *   `gradientNoise`, `seed`, or an optimizer's own option.
 * @example
 * ```ts
 * const run = lowPrecisionTraining({ problem: { kind: "rosenbrock" }, optimizer: "adam", learningRate: 1e-3, steps: 1000,
 *   quantize: { weights: { kind: "mantissa", bits: 8, rounding: "nearest" } } });
 * run.lastChange; // 0: |Δw| = η = 1e-3 < ½ ulp(w) = 2^-9 from the first step
 * ```
 */
export function lowPrecisionTraining(options: LowPrecisionTrainingOptions): LowPrecisionTrainingRun {
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const { problem, optimizer } = options;
  if (optimizer !== "adam" && optimizer !== "muon") throw new RangeError(`optimizer must be "adam" or "muon", got ${describeValue(optimizer)}`);
  expectPositive("learningRate", options.learningRate);
  expectInteger("steps", options.steps, 1);
  const every = options.every ?? 1;
  expectInteger("every", every, 1);
  const noise = options.gradientNoise ?? 0;
  expectFinite("gradientNoise", noise);
  if (noise < 0) throw new RangeError(`gradientNoise must be >= 0, got ${noise}`);
  const seed = options.seed ?? 0;
  expectInteger("seed", seed);
  const objective = buildObjective(problem);
  const n = objective.w0.length;
  // The stored weights live in the weights' format from the start: round w_0 once (stream 6).
  if (options.quantize?.weights !== undefined) bindQuantizer(options.quantize.weights, createRandom(seed, 6)).apply(objective.w0);
  const opt = buildOptimizer(objective, options, seed);
  const rng: Random = createRandom(seed, 5);
  const g = new Float64Array(n);
  const previous = Float64Array.from(opt.w);
  const steps: number[] = [0];
  const loss: number[] = [objective.loss(opt.w, undefined)];
  let lastChange = 0;
  for (let t = 1; t <= options.steps; t++) {
    objective.loss(opt.w, g);
    if (noise > 0) for (let i = 0; i < n; i++) g[i] += noise * rng.normal();
    opt.step(g);
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (opt.w[i] !== previous[i]) {
        changed = true;
        previous[i] = opt.w[i];
      }
    }
    if (changed) lastChange = t;
    if (t % every === 0 || t === options.steps) {
      steps.push(t);
      loss.push(objective.loss(opt.w, undefined));
    }
  }
  const finalLoss = loss[loss.length - 1];
  return { steps, loss: Float64Array.from(loss), finalLoss, lastChange, weights: Float64Array.from(opt.w) };
}

interface Objective {
  readonly w0: Float64Array;
  /** Matrix shapes of the parameter blocks Muon orthogonalizes: [offset, rows, cols]; the rest goes to Adam. */
  readonly matrices: readonly (readonly [number, number, number])[];
  loss(w: Float64Array, gradient: Float64Array | undefined): number;
}

function buildObjective(problem: TrainingProblem): Objective {
  if (problem === null || typeof problem !== "object") throw new TypeError(`problem must be an object, got ${describeValue(problem)}`);
  switch (problem.kind) {
    case "rosenbrock": {
      const start = problem.start ?? [-1.2, 1];
      return { w0: Float64Array.from(start), matrices: [[0, 1, 2]], loss: (w, grad) => rosenbrock(w, grad) };
    }
    case "least-squares": {
      const r = problem.rows;
      const c = problem.cols;
      expectInteger("problem.rows", r, 1);
      expectInteger("problem.cols", c, 1);
      const rng = createRandom(problem.seed ?? 0, 0);
      const samples = 2 * r;
      const x = rng.fillNormal(new Float64Array(samples * r));
      const wStar = rng.fillNormal(new Float64Array(r * c));
      const h = new Float64Array(r * r); // H = XᵀX/n
      for (let s = 0; s < samples; s++) {
        for (let i = 0; i < r; i++) {
          const xi = x[s * r + i] / samples;
          for (let j = 0; j < r; j++) h[i * r + j] += xi * x[s * r + j];
        }
      }
      const diff = new Float64Array(r * c);
      const hd = new Float64Array(r * c);
      return {
        w0: new Float64Array(r * c),
        matrices: [[0, r, c]],
        loss: (w, grad) => {
          for (let i = 0; i < diff.length; i++) diff[i] = w[i] - wStar[i];
          matmulUnchecked(h, diff, r, r, c, hd);
          let f = 0;
          for (let i = 0; i < diff.length; i++) f += diff[i] * hd[i];
          if (grad !== undefined) grad.set(hd);
          return f / 2;
        },
      };
    }
    case "mlp": {
      expectInteger("problem.samples", problem.samples, 1);
      const seed = problem.seed ?? 0;
      const data = teacherDataset({ sizes: problem.sizes, samples: problem.samples, task: "regression", noise: 0.1, seed });
      const layout = mlpLayout(problem.sizes);
      const w0 = mlpInit(layout, createRandom(seed, 2));
      return {
        w0,
        matrices: layout.layers.map((l) => [l.weightOffset, l.outputs, l.inputs] as const),
        loss: (w, grad) => mlpLoss(layout, w, data.inputs, data.targets, "mse", grad),
      };
    }
    default:
      throw new RangeError(`problem.kind must be "rosenbrock", "least-squares" or "mlp", got ${describeValue((problem as { kind: unknown }).kind)}`);
  }
}

function buildOptimizer(objective: Objective, options: LowPrecisionTrainingOptions, seed: number): FlatOptimizer {
  const lr = options.learningRate;
  const q = options.quantize;
  if (options.optimizer === "adam") {
    return createAdam(objective.w0, { learningRate: lr, beta1: options.beta1, beta2: options.beta2, quantize: q, seed });
  }
  const w = Float64Array.from(objective.w0);
  const covered = new Uint8Array(w.length);
  const blocks: { offset: number; size: number; opt: Muon }[] = objective.matrices.map(([offset, rows, cols], k) => {
    covered.fill(1, offset, offset + rows * cols);
    return { offset, size: rows * cols, opt: createMuon(w.subarray(offset, offset + rows * cols), rows, cols, { learningRate: lr, momentum: options.momentum, quantize: q, seed: seed + 1000 * (k + 1) }) };
  });
  const rest: number[] = [];
  covered.forEach((c, i) => { if (c === 0) rest.push(i); });
  const aux: Adam | undefined = rest.length > 0
    ? createAdam(rest.map((i) => w[i]), { learningRate: lr / 10, beta1: 0.9, beta2: 0.95, quantize: q, seed: seed + 999 })
    : undefined;
  const restGradient = new Float64Array(rest.length);
  return {
    w,
    step: (gradient) => {
      for (const b of blocks) {
        b.opt.step(gradient.subarray(b.offset, b.offset + b.size));
        w.set(b.opt.w, b.offset);
      }
      if (aux !== undefined) {
        rest.forEach((i, k) => { restGradient[k] = gradient[i]; });
        aux.step(restGradient);
        rest.forEach((i, k) => { w[i] = aux.w[k]; });
      }
    },
  };
}
