/**
 * Adam with each of gradient, weights, first moment and second moment passed through its own quantizer
 * (lesson 12, paper C: Tang, Li, Zou, arXiv:2510.21314; math.md §8.2).
 *
 * @packageDocumentation
 */
import { createRandom } from "../numeric/random";
import { describeValue, expectFinite, expectInteger, expectNumericArray, expectPositive } from "../validation";
import type { NumericArray } from "../validation";
import { bindQuantizer } from "./componentQuantizer";
import type { BoundQuantizer, ComponentQuantizer } from "./componentQuantizer";

/** The quantizers of an adaptive optimizer's components; each defaults to none (binary64). */
export interface OptimizerQuantizers {
  /** Q_G on the gradient as it arrives. */
  gradient?: ComponentQuantizer;
  /** Q_W on the stored weights after every update. */
  weights?: ComponentQuantizer;
  /** Q_M on the stored first moment (Adam) or momentum buffer (Muon). */
  firstMoment?: ComponentQuantizer;
  /** Q_V on the stored second moment (Adam only). */
  secondMoment?: ComponentQuantizer;
}

/** Options of {@link createAdam}. */
export interface AdamOptions {
  /** η > 0 (default 1e-3, Kingma & Ba). */
  learningRate?: number;
  /** β1 in [0, 1) (default 0.9). */
  beta1?: number;
  /** β2 in [0, 1) (default 0.999). */
  beta2?: number;
  /** ε > 0 (default 1e-8). */
  epsilon?: number;
  /** Divide by 1 − β^t (default true). */
  biasCorrection?: boolean;
  /** λ ≥ 0, decoupled weight decay w ← w − ηλw (AdamW; default 0). */
  weightDecay?: number;
  /** Per-component quantizers (default none). */
  quantize?: OptimizerQuantizers;
  /** Seed of the quantizers' random streams (1 gradient, 2 weights, 3 first moment, 4 second moment; default 0). */
  seed?: number;
}

/** An Adam optimizer over one parameter vector (created by {@link createAdam}). */
export interface Adam {
  /** The weights w_t (updated in place by `step`). */
  readonly w: Float64Array;
  /** The stored first moment m_t. */
  readonly m: Float64Array;
  /** The stored second moment v_t. */
  readonly v: Float64Array;
  /** The number of steps taken. */
  readonly t: number;
  /** One update from the gradient ∇f(w_t) (length of w; not modified). */
  step(gradient: NumericArray): void;
}

/** Throws unless β is in [0, 1), naming the parameter. */
export function expectBeta(name: string, beta: unknown): asserts beta is number {
  expectFinite(name, beta);
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`${name} must be in [0, 1), got ${describeValue(beta)}`);
}

/** Binds the four quantizers on streams 1 … 4 of `seed`. */
export function bindOptimizerQuantizers(quantize: OptimizerQuantizers | undefined, seed: number) {
  const q = quantize ?? {};
  if (q === null || typeof q !== "object") throw new TypeError(`quantize must be an object, got ${describeValue(q)}`);
  const none: ComponentQuantizer = { kind: "none" };
  return {
    gradient: bindQuantizer(q.gradient ?? none, createRandom(seed, 1)),
    weights: bindQuantizer(q.weights ?? none, createRandom(seed, 2)),
    firstMoment: bindQuantizer(q.firstMoment ?? none, createRandom(seed, 3)),
    secondMoment: bindQuantizer(q.secondMoment ?? none, createRandom(seed, 4)),
  };
}

/**
 * Adam (Kingma & Ba, ICLR 2015, arXiv:1412.6980) with quantized components, in the placement of
 * math.md §8.2 (our reconstruction of paper C's model, [U]):
 *
 *     g̃ = Q_G(g_t)
 *     m_t = Q_M(β1 m_{t−1} + (1 − β1) g̃),   v_t = Q_V(β2 v_{t−1} + (1 − β2) g̃²)
 *     w_t = Q_W(w_{t−1} − η [ m̂_t/(√v̂_t + ε) + λ w_{t−1} ]),   m̂ = m_t/(1 − β1^t), v̂ = v_t/(1 − β2^t)
 *
 * (bias correction optional; the corrected moments are formed in binary64 and never stored). Everything
 * not passed through a quantizer is binary64. With no quantizers, or 52-bit mantissa quantizers, it is
 * plain Adam bit for bit.
 *
 * Why the second moment and the weights are fragile (math.md §8.0.1–8.0.3): an increment of v below half
 * an ulp of v is lost under round-to-nearest (see `secondMomentTrajectory`), and a weight update below
 * half an ulp of w is lost likewise; the measured ranking for Adam is W > V ≫ M ≈ G.
 *
 * @param w0 - the initial weights (copied)
 * @throws RangeError naming `learningRate` (finite > 0), `beta1` / `beta2` (in [0, 1)), `epsilon`,
 *   `weightDecay`, `seed` or a quantizer field; `gradient` at `step` when its length differs from w's.
 * @example
 * ```ts
 * const opt = createAdam([-1.2, 1], { learningRate: 1e-3, quantize: { weights: { kind: "format", format: "bf16" } } });
 * const g = new Float64Array(2);
 * for (let t = 0; t < 1000; t++) { rosenbrock(opt.w, g); opt.step(g); }
 * ```
 */
export function createAdam(w0: NumericArray, options: AdamOptions = {}): Adam {
  expectNumericArray("w0", w0);
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  const lr = options.learningRate ?? 1e-3;
  expectPositive("learningRate", lr);
  const beta1 = options.beta1 ?? 0.9;
  expectBeta("beta1", beta1);
  const beta2 = options.beta2 ?? 0.999;
  expectBeta("beta2", beta2);
  const eps = options.epsilon ?? 1e-8;
  expectPositive("epsilon", eps);
  const decay = options.weightDecay ?? 0;
  expectFinite("weightDecay", decay);
  if (decay < 0) throw new RangeError(`weightDecay must be >= 0, got ${decay}`);
  const correct = options.biasCorrection ?? true;
  const seed = options.seed ?? 0;
  expectInteger("seed", seed);
  const q = bindOptimizerQuantizers(options.quantize, seed);
  const n = w0.length;
  const w = Float64Array.from(w0);
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  const g = new Float64Array(n);
  let t = 0;
  let pow1 = 1;
  let pow2 = 1;
  const step = (gradient: NumericArray): void => {
    if (gradient === null || typeof gradient !== "object" || gradient.length !== n) {
      throw new RangeError(`gradient must have the length of w (${n}), got ${describeValue(gradient)}`);
    }
    g.set(gradient);
    t++;
    pow1 *= beta1;
    pow2 *= beta2;
    applyQuantizer(q.gradient, g);
    for (let i = 0; i < n; i++) m[i] = beta1 * m[i] + (1 - beta1) * g[i];
    applyQuantizer(q.firstMoment, m);
    for (let i = 0; i < n; i++) v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
    applyQuantizer(q.secondMoment, v);
    const c1 = correct ? 1 / (1 - pow1) : 1;
    const c2 = correct ? 1 / (1 - pow2) : 1;
    for (let i = 0; i < n; i++) {
      w[i] -= lr * ((m[i] * c1) / (Math.sqrt(v[i] * c2) + eps) + decay * w[i]);
    }
    applyQuantizer(q.weights, w);
  };
  return {
    w,
    m,
    v,
    get t() {
      return t;
    },
    step,
  };
}

function applyQuantizer(q: BoundQuantizer, x: Float64Array): void {
  if (!q.identity) q.apply(x);
}
