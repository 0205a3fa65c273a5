import type { NumericQuestion } from "./schema";

/**
 * Recomputes a numeric quiz answer by evaluating the question's `compute` expression with the library's
 * exports in scope (for example `formatInfo("e4m3").maxFinite`), so no quiz answer is a number typed in by
 * hand and left unchecked. `Math` is in scope as usual.
 *
 * @param question - a numeric quiz question
 * @param library - the library namespace (`import * as bitbound from "bitbound"`)
 * @param parameters - the values of the question's parameters (default: its own `parameters`, the version
 *   the notebooks show; a variant's values for a per-student version)
 * @returns the recomputed value
 * @throws TypeError when the expression does not evaluate to a number
 */
export function recomputeAnswer(
  question: Pick<NumericQuestion, "id" | "compute"> & { parameters?: Record<string, number> },
  library: Record<string, unknown>,
  parameters: Record<string, number> = question.parameters ?? {},
): number {
  // the parameters are variables of the expression, and hide a library export of the same name
  const scope: Record<string, unknown> = { ...library, ...parameters };
  const names = Object.keys(scope).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k));
  const fn = new Function(...names, `"use strict"; return (${question.compute});`) as (...args: unknown[]) => unknown;
  const value = fn(...names.map((k) => scope[k]));
  if (typeof value !== "number") {
    throw new TypeError(`question ${question.id}: compute must evaluate to a number, got ${typeof value}`);
  }
  return value;
}

/**
 * Whether `value` is accepted as the answer to a numeric question:
 * `|value − answer| ≤ tolerance + relativeTolerance·|answer|` (both default to 0).
 */
export function acceptsAnswer(question: Pick<NumericQuestion, "answer" | "tolerance" | "relativeTolerance">, value: number): boolean {
  const tol = (question.tolerance ?? 0) + (question.relativeTolerance ?? 0) * Math.abs(question.answer);
  return Math.abs(value - question.answer) <= tol;
}
