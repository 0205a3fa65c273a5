import { appendFileSync } from "node:fs";
import { describeValue } from "../validation";
import { currentLessonId } from "./lessonContext";
import { strictFromEnvironment } from "./strict";

/**
 * What kind of evidence a check is.
 *
 * - `"independent"`: the expectation comes from a different route than the value checked: another
 *   algorithm, a simulation, a brute force, a table built from the definition, another tool's value.
 *   Only these count as "verified" in the course.
 * - `"restatement"`: a definition or identity restated, or the library compared with its own formula.
 *   Still worth printing, counted separately, never called verified.
 */
export type CheckKind = "independent" | "restatement";

/** The fields every {@link CheckSpec} may carry besides the comparison itself. */
export interface CheckEvidence {
  /** What kind of evidence this is (required in strict mode, `BITBOUND_STRICT=1`). */
  kind?: CheckKind;
  /**
   * The independent route in a few words, e.g. `"Monte Carlo"`, `"brute force over all codes"`,
   * `"table from the E4M3 definition"`, `"quadrature"`. Required when `kind` is `"independent"`.
   */
  by?: string;
}

/**
 * How a claim is compared with its expectation. Exactly one of `expected`, `atMost`, `atLeast`,
 * `between`; any other field, or two of these together, is refused.
 *
 * - `expected` with `rtol`/`atol`: `|actual − expected| ≤ atol + rtol·|expected|`, element by element for
 *   arrays; both default to 0 (exact equality; NaN matches NaN, an infinity only the same infinity).
 * - `expected` with `stderr` (and `z`, default 4): a Monte Carlo comparison, `|actual − expected| ≤ z·stderr`.
 * - `atMost` / `atLeast`: an inequality such as "bound ≤ simulated", with an optional `slack` added in the
 *   permissive direction (default 0).
 * - `between`: `lo ≤ actual ≤ hi`, both ends finite.
 *
 * Tolerances, `stderr`, `z`, `slack` and bounds must be finite (a check that cannot fail is refused).
 */
export type CheckSpec = CheckEvidence &
  (
    | { actual: number | ArrayLike<number>; expected: number | ArrayLike<number>; rtol?: number; atol?: number }
    | { actual: number; expected: number; stderr: number; z?: number }
    | { actual: number; atMost: number; slack?: number }
    | { actual: number; atLeast: number; slack?: number }
    | { actual: number; between: readonly [number, number] }
  );

/** One checked claim, as recorded in the ledger. */
export interface CheckRecord {
  /** Lesson id set by `startLesson`, or `null` outside a lesson. */
  lesson: string | null;
  claim: string;
  /** The kind of evidence; `"unclassified"` when the check did not say (a learner's own check). */
  kind: CheckKind | "unclassified";
  /** The independent route (`spec.by`), or `null`. */
  by: string | null;
  /** The comparison in words, e.g. `"|a−e| ≤ 1e-12·|e|"`, `"exact"`, `"slack 0.1"` (may be empty). */
  rule: string;
  /** The value checked, as printed (e.g. `"0.63662"`, `"[1, 2, 3]"`). */
  actual: string;
  /** What it was compared with, as printed (e.g. `"expected 0.63662"`, `"≤ 2"`, `"in [0, 1]"`). */
  expected: string;
  passed: boolean;
}

/** The error a failed `check` throws; its message is the same line `check` would have printed. */
export class CheckError extends Error {
  readonly record: CheckRecord;
  constructor(record: CheckRecord) {
    super(formatRecord(record));
    this.name = "CheckError";
    this.record = record;
  }
}

const ledger: CheckRecord[] = [];

/** Fields each form of spec may have; anything else is refused. */
const EVIDENCE_FIELDS = ["kind", "by"];
const FORMS = {
  tolerance: ["actual", "expected", "rtol", "atol"],
  stderr: ["actual", "expected", "stderr", "z"],
  atMost: ["actual", "atMost", "slack"],
  atLeast: ["actual", "atLeast", "slack"],
  between: ["actual", "between"],
} as const;
const COMPARISONS = ["expected", "atMost", "atLeast", "between"] as const;

/**
 * Checks a stated result against its expectation, prints ONE compact line and records the claim in the
 * ledger:
 *
 * `✓ E4M3 largest finite: 448 (expected 448, exact; independent: table from the E4M3 definition)`
 *
 * A failure throws a {@link CheckError} whose message is the same line with `✗`, so a notebook stops at
 * the first wrong number. When actual and expected print alike but differ, more digits are printed until
 * they differ. Arrays of up to 8 values are printed in full; longer ones as a count and the worst element.
 *
 * Every check says what kind of evidence it is (`kind`, and for independent evidence `by`, the route);
 * see {@link CheckKind}. Without `kind` the check is recorded as `"unclassified"`, which is fine for a
 * learner's own checks; in the course's strict mode (environment variable `BITBOUND_STRICT=1`, set by
 * the course's notebook and deep-dive runners) a check without `kind` throws.
 *
 * A spec that cannot fail is refused with a RangeError naming the field: a non-finite (or negative)
 * `rtol`, `atol`, `stderr`, `z` or `slack`, a non-finite `atMost`/`atLeast` or `between` end, two
 * comparisons at once (e.g. `expected` with `atMost`), or a field this form of check does not have.
 *
 * The ledger is kept in memory (`checkLedger()`, counted by `ledgerCounts()`); when the environment
 * variable `BITBOUND_LEDGER` names a file, each record is also appended to it as one JSON line, so a test
 * run can collect the claims of every notebook.
 *
 * @param claim - what is being verified, in a few words a learner understands
 * @param spec - the computed value, its expectation and the kind of evidence (see {@link CheckSpec})
 *
 * Returns nothing, so that a check as a cell's last line prints only its line (tslab displays a cell's
 * last value).
 *
 * @example
 * ```ts
 * check("one-bit Fisher information at 0", { actual: fisher, expected: 2 / Math.PI, rtol: 1e-12, kind: "independent", by: "quadrature" });
 * check("Monte Carlo mean", { actual: mean, expected: 0.5, stderr: se, kind: "independent", by: "Monte Carlo" });
 * check("bits per element of MXFP4", { actual: bits, expected: 4 + 8 / 32, kind: "restatement" });
 * ```
 */
export function check(claim: string, spec: CheckSpec): void {
  if (typeof claim !== "string" || claim.trim() === "") {
    throw new TypeError(`claim must be a non-empty string, got ${describeValue(claim)}`);
  }
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(`spec must be an object with actual and expected, atMost, atLeast or between, got ${describeValue(spec)}`);
  }
  const { kind, by } = evidence(spec);
  const { passed, rule, actual, expected } = evaluate(spec);
  const record: CheckRecord = { lesson: currentLessonId(), claim, kind, by, rule, actual, expected, passed };
  ledger.push(record);
  const path = typeof process !== "undefined" ? process.env.BITBOUND_LEDGER : undefined;
  if (path) appendFileSync(path, JSON.stringify(record) + "\n");
  if (!passed) throw new CheckError(record);
  console.log(formatRecord(record));
}

/**
 * Every claim checked in this process so far, in order (a copy).
 *
 * @example
 * ```ts
 * checkLedger().filter((r) => r.kind === "independent").length;
 * ```
 */
export function checkLedger(): CheckRecord[] {
  return ledger.slice();
}

/**
 * Renders a record as the single line `check` prints: `✓ claim: actual (expected …, rule; kind: by)`.
 *
 * @example
 * ```ts
 * formatRecord(checkLedger()[0]); // "✓ E4M3 largest finite: 448 (expected 448, exact; independent: table from the definition)"
 * ```
 */
export function formatRecord(r: CheckRecord): string {
  const evidenceText = r.kind === "unclassified" ? "" : r.by ? `${r.kind}: ${r.by}` : r.kind;
  const inside = [[r.expected, r.rule].filter(Boolean).join(", "), evidenceText].filter(Boolean).join("; ");
  return `${r.passed ? "✓" : "✗"} ${r.claim}: ${r.actual}${inside ? ` (${inside})` : ""}`;
}

/** Per-lesson counts of checked claims by kind of evidence (see {@link ledgerCounts}). */
export interface LedgerCount {
  /** The lesson id, or `null` for checks outside a lesson. */
  lesson: string | null;
  independent: number;
  restatement: number;
  unclassified: number;
}

/** The fields of a ledger record that {@link ledgerCounts} reads. */
export type LedgerEntry = Pick<CheckRecord, "lesson" | "claim" | "passed"> & { kind?: string };

/**
 * Counts the passed claims of a ledger per lesson and kind of evidence. A claim repeated in the same
 * lesson (same claim text) is counted once, under the kind of its first passing record, so rerunning a
 * cell does not inflate the counts. Failed records are not counted (they stop the notebook anyway).
 *
 * @param records - ledger records (default: this process's {@link checkLedger}); records read back from a
 *   `BITBOUND_LEDGER` file work too. A record without `kind` (an older ledger) counts as unclassified.
 * @returns one entry per lesson, sorted by lesson id, checks outside a lesson (`lesson: null`) last
 * @example
 * ```ts
 * ledgerCounts(); // [{ lesson: "01", independent: 24, restatement: 3, unclassified: 0 }]
 * ```
 */
export function ledgerCounts(records: readonly LedgerEntry[] = ledger): LedgerCount[] {
  const seen = new Set<string>();
  const counts = new Map<string | null, LedgerCount>();
  for (const r of records) {
    if (!r.passed) continue;
    const key = JSON.stringify([r.lesson, r.claim]);
    if (seen.has(key)) continue;
    seen.add(key);
    let c = counts.get(r.lesson);
    if (!c) counts.set(r.lesson, (c = { lesson: r.lesson, independent: 0, restatement: 0, unclassified: 0 }));
    if (r.kind === "independent") c.independent += 1;
    else if (r.kind === "restatement") c.restatement += 1;
    else c.unclassified += 1;
  }
  return [...counts.values()].sort((a, b) => (a.lesson === null ? 1 : b.lesson === null ? -1 : a.lesson < b.lesson ? -1 : a.lesson > b.lesson ? 1 : 0));
}

function evidence(spec: CheckEvidence): { kind: CheckRecord["kind"]; by: string | null } {
  const { kind, by } = spec;
  if (kind !== undefined && kind !== "independent" && kind !== "restatement") {
    throw new RangeError(`spec.kind must be "independent" or "restatement", got ${describeValue(kind)}`);
  }
  if (by !== undefined && (typeof by !== "string" || by.trim() === "")) {
    throw new TypeError(`spec.by must be a non-empty string naming the independent route, got ${describeValue(by)}`);
  }
  if (kind === undefined) {
    if (by !== undefined) throw new RangeError(`spec.by is given without spec.kind; add kind: "independent" (or "restatement")`);
    if (strictFromEnvironment()) {
      throw new RangeError(`spec.kind is required in the course's strict mode (BITBOUND_STRICT=1): "independent" (with by: the route) or "restatement"`);
    }
    return { kind: "unclassified", by: null };
  }
  if (kind === "independent" && by === undefined) {
    throw new RangeError(`spec.by is required when spec.kind is "independent": name the independent route, e.g. "Monte Carlo" or "brute force"`);
  }
  return { kind, by: by ?? null };
}

function formOf(spec: object): keyof typeof FORMS {
  const present = COMPARISONS.filter((k) => k in spec);
  if (present.length === 0) throw new TypeError("spec must have expected, atMost, atLeast or between");
  if (present.length > 1) {
    throw new RangeError(`spec has ${present.join(" and ")}: a check compares with exactly one of expected, atMost, atLeast or between`);
  }
  const form = present[0] === "expected" ? ("stderr" in spec ? "stderr" : "tolerance") : present[0];
  const allowed: readonly string[] = [...FORMS[form], ...EVIDENCE_FIELDS];
  for (const key of Object.keys(spec)) {
    if (!allowed.includes(key)) {
      const what = form === "stderr" ? "a Monte Carlo check (expected with stderr)" : form === "tolerance" ? "a check with expected" : `a check with ${form}`;
      throw new RangeError(`spec.${key} is not a field of ${what}; its fields are ${allowed.join(", ")}`);
    }
  }
  return form;
}

interface Outcome {
  passed: boolean;
  rule: string;
  actual: string;
  expected: string;
}

function evaluate(spec: CheckSpec): Outcome {
  const form = formOf(spec);
  const s = spec as unknown as Record<string, unknown>;
  if (form === "stderr") {
    const z = s.z === undefined ? 4 : s.z;
    expectFiniteNumber("spec.actual", s.actual);
    expectFiniteNumber("spec.expected", s.expected);
    expectFiniteNonNegative("spec.stderr", s.stderr);
    expectFiniteNonNegative("spec.z", z);
    const a = s.actual as number;
    const e = s.expected as number;
    const half = (z as number) * (s.stderr as number);
    const diff = Math.abs(a - e);
    const p = digitsToSeparate([a], [e]);
    return {
      passed: diff <= half,
      rule: `|a−e| = ${fmt(diff)} ≤ ${fmt(z as number)}·SE = ${fmt(half)}`,
      actual: fmt(a, p),
      expected: `expected ${fmt(e, p)}`,
    };
  }
  if (form === "tolerance") return compareValues(s);
  if (form === "atMost" || form === "atLeast") {
    const slack = s.slack === undefined ? 0 : s.slack;
    expectFiniteNonNegative("spec.slack", slack);
    expectNumberValue("spec.actual", s.actual);
    expectFiniteNumber(`spec.${form}`, s[form]);
    const a = s.actual as number;
    const bound = s[form] as number;
    const passed = form === "atMost" ? a <= bound + (slack as number) : a >= bound - (slack as number);
    const p = digitsToSeparate([a], [bound]);
    return {
      passed,
      rule: (slack as number) > 0 ? `slack ${fmt(slack as number)}` : "",
      actual: fmt(a, p),
      expected: `${form === "atMost" ? "≤" : "≥"} ${fmt(bound, p)}`,
    };
  }
  expectNumberValue("spec.actual", s.actual);
  const b = s.between;
  if (!Array.isArray(b) || b.length !== 2 || typeof b[0] !== "number" || typeof b[1] !== "number" || !(b[0] <= b[1])) {
    throw new RangeError(`spec.between must be [lo, hi] with lo ≤ hi, got ${describeValue(b)}`);
  }
  if (!Number.isFinite(b[0]) || !Number.isFinite(b[1])) {
    throw new RangeError(`spec.between must have finite ends (an infinite end cannot fail; use atMost or atLeast), got [${b[0]}, ${b[1]}]`);
  }
  const a = s.actual as number;
  const p = digitsToSeparate([a, a], b);
  return { passed: a >= b[0] && a <= b[1], rule: "", actual: fmt(a, p), expected: `in [${fmt(b[0], p)}, ${fmt(b[1], p)}]` };
}

function compareValues(s: Record<string, unknown>): Outcome {
  const rtol = s.rtol === undefined ? 0 : s.rtol;
  const atol = s.atol === undefined ? 0 : s.atol;
  expectFiniteNonNegative("spec.rtol", rtol);
  expectFiniteNonNegative("spec.atol", atol);
  const a = toArray("spec.actual", s.actual);
  const e = toArray("spec.expected", s.expected);
  if (a.length !== e.length) {
    throw new RangeError(`spec.actual has length ${a.length} but spec.expected has length ${e.length}; they must match`);
  }
  const rt = rtol as number;
  const at = atol as number;
  let firstFailure = -1;
  let largest = -1;
  let largestDiff = -1;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    const ei = e[i];
    let ok: boolean;
    if (Number.isNaN(ai) || Number.isNaN(ei)) ok = Number.isNaN(ai) && Number.isNaN(ei);
    else if (ai === ei) ok = true; // covers equal infinities
    else ok = Number.isFinite(ai) && Number.isFinite(ei) && Math.abs(ai - ei) <= at + rt * Math.abs(ei); // an infinity matches only itself
    if (!ok && firstFailure < 0) firstFailure = i;
    const diff = ok && ai !== ei ? Math.abs(ai - ei) : 0;
    if (diff > largestDiff) {
      largestDiff = diff;
      largest = i;
    }
  }
  const passed = firstFailure < 0;
  const tol = rt === 0 && at === 0 ? "exact" : `|a−e| ≤ ${[at > 0 ? fmt(at) : "", rt > 0 ? `${fmt(rt)}·|e|` : ""].filter(Boolean).join(" + ")}`;
  const scalar = typeof s.actual === "number" && typeof s.expected === "number";
  if (scalar || a.length <= 8) {
    const p = digitsToSeparate(a, e);
    const show = (v: ArrayLike<number>) => (scalar ? fmt(v[0], p) : `[${Array.from(v, (x) => fmt(x, p)).join(", ")}]`);
    return { passed, rule: tol, actual: show(a), expected: `expected ${show(e)}` };
  }
  const i = passed ? largest : firstFailure;
  const p = digitsToSeparate([a[i]], [e[i]]);
  return {
    passed,
    rule: `${tol}; ${passed ? "largest difference" : "first failure"} at [${i}]`,
    actual: `${a.length} values, [${i}] = ${fmt(a[i], p)}`,
    expected: `expected ${fmt(e[i], p)}`,
  };
}

function toArray(name: string, v: unknown): ArrayLike<number> {
  if (typeof v === "number") return [v];
  if (v !== null && typeof v === "object" && typeof (v as ArrayLike<number>).length === "number") {
    const arr = v as ArrayLike<unknown>;
    if (arr.length === 0) throw new RangeError(`${name} must not be empty: an empty comparison cannot fail`);
    for (let i = 0; i < arr.length; i++) {
      if (typeof arr[i] !== "number") throw new TypeError(`${name}[${i}] must be a number, got ${describeValue(arr[i])}`);
    }
    return arr as ArrayLike<number>;
  }
  throw new TypeError(`${name} must be a number or an array of numbers, got ${describeValue(v)}`);
}

function expectNumberValue(name: string, v: unknown): void {
  if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`${name} must be a number (not NaN), got ${describeValue(v)}`);
}

function expectFiniteNumber(name: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`${name} must be a finite number, got ${describeValue(v)}`);
}

function expectFiniteNonNegative(name: string, v: unknown): void {
  if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v)) {
    throw new RangeError(`${name} must be a finite number ≥ 0 (an infinite or NaN tolerance cannot fail), got ${describeValue(v)}`);
  }
}

/**
 * The number of significant digits (6 to 17) at which every pair a[i] ≠ e[i] prints differently, so a
 * failing line never shows two equal-looking numbers.
 */
function digitsToSeparate(a: ArrayLike<number>, e: ArrayLike<number>): number {
  let p = 6;
  for (let i = 0; i < a.length; i++) {
    if (Object.is(a[i], e[i]) || (Number.isNaN(a[i]) && Number.isNaN(e[i]))) continue;
    while (p < 17 && fmt(a[i], p) === fmt(e[i], p)) p += 1;
  }
  return p;
}

/** Formats a number compactly: integers in full, otherwise `digits` significant digits, trailing zeros dropped. */
function fmt(x: number, digits = 6): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const ax = Math.abs(x);
  if (Number.isInteger(x) && ax < 1e15) return String(x);
  const rounded = Number(x.toPrecision(digits));
  if (ax >= 1e-4 && ax < 1e10) return String(rounded);
  return rounded.toExponential();
}
