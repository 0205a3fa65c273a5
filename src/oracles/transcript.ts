import { describeValue, expectPositive } from "../validation";

/** What an optimizer saw: its queries x_1 … x_T and the gradients g_1 … g_T it received. */
export interface Transcript {
  /** x_t, the point of round t (each a Float64Array of length d). */
  readonly queries: readonly Float64Array[];
  /** g_t, the gradient received in round t (each a Float64Array of length d). */
  readonly gradients: readonly Float64Array[];
}

/**
 * Paper A's reduction lemma in code (arXiv:2606.00703; math.md §1.2): turns an optimizer's transcript
 * on f_θ(x) = (μ/2)‖x − θ‖² into the mean-estimation samples it is equivalent to,
 *
 *     X_t = x_t − g_t/μ.
 *
 * With the exact oracle g_t = μ(x_t − θ) + σZ_t this gives X_t = θ − (σ/μ)Z_t: T independent samples
 * of N(θ, (σ/μ)² I_d) whatever the queries were. The query carries no information about θ, so an
 * optimizer is nothing more than an estimator of θ from these samples (its output x̂ estimates θ with
 * E‖x̂ − θ‖² = (2/μ)·E[f(x̂) − f*]). With a B-bit oracle the encoder knows x_t (a function of past
 * messages and the public coin), so it can form X_t itself and compress it instead. Lesson 4.
 *
 * Edge cases: an empty transcript gives no samples; NaN entries flow through.
 *
 * @param transcript - `{ queries, gradients }`, equally many arrays, all of one length d
 * @param mu - μ > 0, the curvature (default 1)
 * @returns the samples X_1 … X_T (new arrays)
 * @throws TypeError naming `transcript`, `transcript.queries[t]` or `transcript.gradients[t]` (wrong
 * type); RangeError when the counts or lengths differ, or naming `mu` when not finite > 0.
 * @example
 * ```ts
 * // θ = 3, μ = 2, no noise: any query gives the sample θ back
 * transcriptToSamples({ queries: [new Float64Array([0]), new Float64Array([10])],
 *                       gradients: [new Float64Array([-6]), new Float64Array([14])] }, 2); // [[3], [3]]
 * ```
 */
export function transcriptToSamples(transcript: Transcript, mu = 1): Float64Array[] {
  if (typeof transcript !== "object" || transcript === null) {
    throw new TypeError(`transcript must be an object { queries, gradients }, got ${describeValue(transcript)}`);
  }
  expectPositive("mu", mu);
  const { queries, gradients } = transcript;
  if (!Array.isArray(queries) || !Array.isArray(gradients)) {
    throw new TypeError(
      `transcript.queries and transcript.gradients must be arrays, got ${describeValue(queries)} and ${describeValue(gradients)}`,
    );
  }
  if (queries.length !== gradients.length) {
    throw new RangeError(`transcript must have as many gradients as queries, got ${gradients.length} and ${queries.length}`);
  }
  const T = queries.length;
  const d = T > 0 && queries[0] instanceof Float64Array ? queries[0].length : 0;
  const samples: Float64Array[] = [];
  for (let t = 0; t < T; t++) {
    const x = queries[t];
    const g = gradients[t];
    for (const [name, v] of [[`transcript.queries[${t}]`, x], [`transcript.gradients[${t}]`, g]] as const) {
      if (!(v instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array, got ${describeValue(v)}`);
      if (v.length !== d) throw new RangeError(`${name}.length must equal d = ${d} (that of queries[0]), got ${v.length}`);
    }
    const X = new Float64Array(d);
    for (let i = 0; i < d; i++) X[i] = x[i] - g[i] / mu;
    samples.push(X);
  }
  return samples;
}
