import { fillTemplate, PLACEHOLDER, type NumericQuestion } from "./schema";

/**
 * Per-student versions of a numeric quiz question with parameters. A question such as "d = {d}, B = {bits}:
 * what is the product bound?" carries `parameters` (the version the notebooks show), `variants` (other
 * values of the same parameters), `key` (the key's own formula over the parameters and `Math`) and
 * `compute` (another route over the library's exports, with the parameters as variables). Each version's
 * answer is the key's formula at its values, and the course tests recompute it through `compute`; the
 * exports put every version of a question into one pool (a Moodle category, a Canvas question group) from
 * which each student draws one.
 *
 * @packageDocumentation
 */

/** A question's text as written, with its placeholders (the notebooks' version for a question without parameters). */
function templateOf(q: NumericQuestion): { prompt: string; explanation: string } {
  return q.template ?? { prompt: q.prompt, explanation: q.explanation };
}

/** One version of a question: its parameter values, its text with them filled in, and its answer. */
export interface QuestionVersion {
  /** `""` for the version the notebooks show, `"v1"`, `"v2"`, … for the variants. */
  suffix: string;
  parameters: Record<string, number>;
  prompt: string;
  explanation: string;
  answer: number;
}

/**
 * The value of a question's `key` formula at the given parameter values, with `Math` in scope and nothing
 * of the library (so it is a route of its own).
 *
 * @throws TypeError when the question has no key or the formula does not give a finite number
 * @example
 * ```ts
 * keyValue({ id: "q", key: "Math.ceil(d * d / bits)" }, { d: 512, bits: 32 }); // 8192
 * ```
 */
export function keyValue(q: Pick<NumericQuestion, "id" | "key">, parameters: Record<string, number>): number {
  if (!q.key) throw new TypeError(`question ${q.id}: key must be a formula over the parameters, got ${JSON.stringify(q.key)}`);
  const names = Object.keys(parameters);
  const fn = new Function("Math", ...names, `"use strict"; return (${q.key});`) as (...args: unknown[]) => unknown;
  const value = fn(Math, ...names.map((n) => parameters[n]));
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(`question ${q.id}: key must give a finite number at ${JSON.stringify(parameters)}, got ${String(value)}`);
  }
  return value;
}

/**
 * Every version of a numeric question: the one the notebooks show (its `answer` as written), then one per
 * variant (the answer from {@link keyValue}). A question without parameters has just its one version.
 *
 * @example
 * ```ts
 * questionVersions(question).map((v) => [v.suffix, v.answer]); // [["", 295464], ["v1", 1181855], …]
 * ```
 */
export function questionVersions(q: NumericQuestion): QuestionVersion[] {
  const template = templateOf(q);
  const versions: QuestionVersion[] = [{ suffix: "", parameters: { ...(q.parameters ?? {}) }, prompt: q.prompt, explanation: q.explanation, answer: q.answer }];
  (q.variants ?? []).forEach((parameters, i) => {
    const answer = keyValue(q, parameters);
    const values = { ...parameters, answer };
    versions.push({ suffix: `v${i + 1}`, parameters: { ...parameters }, prompt: fillTemplate(template.prompt, values), explanation: fillTemplate(template.explanation, values), answer });
  });
  return versions;
}

/**
 * What is wrong with a question's parameters, one sentence each naming the field: a key or variants
 * without parameters, parameters without a key, a variant whose names differ from the parameters', a
 * `{name}` in the prompt or explanation that is not a parameter (or `answer`), a parameter the prompt
 * never shows, or two versions with the same values.
 *
 * @example
 * ```ts
 * numericParameterProblems({ ...question, variants: [{ d: 1 }] }); // ["variants[0]: has d, needs bits, d"]
 * ```
 */
export function numericParameterProblems(q: NumericQuestion): string[] {
  const problems: string[] = [];
  if (!q.parameters) {
    if (q.key) problems.push("key: needs parameters");
    if (q.variants) problems.push("variants: needs parameters");
    return problems;
  }
  const names = Object.keys(q.parameters).sort();
  if (!q.key) problems.push("key: a question with parameters needs the key's own formula over them");
  const template = templateOf(q);
  for (const field of ["prompt", "explanation"] as const) {
    for (const m of template[field].matchAll(PLACEHOLDER)) {
      if (m[1] !== "answer" && !names.includes(m[1])) problems.push(`${field}: {${m[1]}} is not a parameter (${names.join(", ")})`);
    }
  }
  for (const n of names) if (!template.prompt.includes(`{${n}}`)) problems.push(`prompt: never shows the parameter {${n}}`);
  const seen = new Set([JSON.stringify(names.map((n) => q.parameters![n]))]);
  (q.variants ?? []).forEach((v, i) => {
    const vn = Object.keys(v).sort();
    if (vn.join() !== names.join()) {
      problems.push(`variants[${i}]: has ${vn.join(", ") || "no parameters"}, needs ${names.join(", ")}`);
      return;
    }
    const key = JSON.stringify(names.map((n) => v[n]));
    if (seen.has(key)) problems.push(`variants[${i}]: repeats the values of an earlier version`);
    seen.add(key);
  });
  return problems;
}
