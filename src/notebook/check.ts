import { appendFileSync } from "node:fs";
import { describeValue } from "../validation";
import { currentLessonId } from "./lessonContext";

/**
 * How a claim is compared with its independent expectation.
 *
 * - `expected` with `rtol`/`atol`: `|actual − expected| ≤ atol + rtol·|expected|`, element by element for
 *   arrays; both default to 0 (exact equality; NaN matches NaN).
 * - `expected` with `stderr` (and `z`, default 4): a Monte Carlo comparison, `|actual − expected| ≤ z·stderr`.
 * - `atMost` / `atLeast`: an inequality such as "bound ≤ simulated", with an optional `slack` added in the
 *   permissive direction (default 0).
 * - `between`: `lo ≤ actual ≤ hi`.
 */
export type CheckSpec =
  | { actual: number | ArrayLike<number>; expected: number | ArrayLike<number>; rtol?: number; atol?: number }
  | { actual: number; expected: number; stderr: number; z?: number }
  | { actual: number; atMost: number; slack?: number }
  | { actual: number; atLeast: number; slack?: number }
  | { actual: number; between: readonly [number, number] };

/** One verified claim, as recorded in the ledger. */
export interface CheckRecord {
  /** Lesson id set by `startLesson`, or `null` outside a lesson. */
  lesson: string | null;
  claim: string;
  /** The comparison in words, e.g. `"|a − e| ≤ 1e-12·|e|"`. */
  rule: string;
  actual: string;
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

/**
 * Verifies a stated result against an independent computation, prints one line
 * (`PASS [lesson] claim: actual …, expected … (rule)`) and records the claim in the ledger.
 * A failure throws a {@link CheckError} carrying the same line, so a notebook stops at the first
 * wrong number.
 *
 * The ledger is kept in memory (`checkLedger()`); when the environment variable `BITBOUND_LEDGER`
 * names a file, each record is also appended to it as one JSON line, so a test run can collect the
 * claims of every notebook.
 *
 * @param claim - what is being verified, in words a learner understands
 * @param spec - the computed value and its independent expectation (see {@link CheckSpec})
 *
 * Returns nothing, so that a check as a cell's last line prints only its PASS line (tslab displays a
 * cell's last value); the record is in `checkLedger()`.
 *
 * @example
 * ```ts
 * check("one-bit Fisher information at t = 0 equals 2/π", { actual: fisher, expected: 2 / Math.PI, rtol: 1e-12 });
 * check("Monte Carlo mean agrees with the formula", { actual: mean, expected: 0.5, stderr: se });
 * check("the lower bound is below the simulated error", { actual: bound, atMost: simulated });
 * ```
 */
export function check(claim: string, spec: CheckSpec): void {
  if (typeof claim !== "string" || claim.trim() === "") {
    throw new TypeError(`claim must be a non-empty string, got ${describeValue(claim)}`);
  }
  if (typeof spec !== "object" || spec === null) {
    throw new TypeError(`spec must be an object with actual and expected, atMost, atLeast or between, got ${describeValue(spec)}`);
  }
  const { passed, rule, actual, expected } = evaluate(spec);
  const record: CheckRecord = { lesson: currentLessonId(), claim, rule, actual, expected, passed };
  ledger.push(record);
  const path = typeof process !== "undefined" ? process.env.BITBOUND_LEDGER : undefined;
  if (path) appendFileSync(path, JSON.stringify(record) + "\n");
  if (!passed) throw new CheckError(record);
  console.log(formatRecord(record));
}

/** Every claim checked in this process so far, in order (a copy). */
export function checkLedger(): CheckRecord[] {
  return ledger.slice();
}

/** Renders a record as the single line `check` prints. */
export function formatRecord(r: CheckRecord): string {
  const where = r.lesson === null ? "" : `[${r.lesson}] `;
  return `${r.passed ? "PASS" : "FAIL"} ${where}${r.claim}: actual ${r.actual}, expected ${r.expected} (${r.rule})`;
}

function evaluate(spec: CheckSpec): { passed: boolean; rule: string; actual: string; expected: string } {
  if ("stderr" in spec) {
    const z = spec.z ?? 4;
    expectFiniteNumber("spec.actual", spec.actual);
    expectFiniteNumber("spec.expected", spec.expected);
    expectNonNegative("spec.stderr", spec.stderr);
    expectNonNegative("spec.z", z);
    const diff = Math.abs(spec.actual - spec.expected);
    return {
      passed: diff <= z * spec.stderr,
      rule: `|a − e| = ${fmt(diff)} ≤ ${fmt(z)}·SE = ${fmt(z * spec.stderr)}`,
      actual: `${fmt(spec.actual)} ± ${fmt(spec.stderr)}`,
      expected: fmt(spec.expected),
    };
  }
  if ("expected" in spec) {
    const rtol = spec.rtol ?? 0;
    const atol = spec.atol ?? 0;
    expectNonNegative("spec.rtol", rtol);
    expectNonNegative("spec.atol", atol);
    const a = toArray("spec.actual", spec.actual);
    const e = toArray("spec.expected", spec.expected);
    if (a.length !== e.length) {
      throw new RangeError(`spec.actual has length ${a.length} but spec.expected has length ${e.length}; they must match`);
    }
    let passed = true;
    let worst = 0;
    let worstIndex = -1;
    for (let i = 0; i < a.length; i++) {
      const ai = a[i];
      const ei = e[i];
      if (Number.isNaN(ai) || Number.isNaN(ei)) {
        if (!(Number.isNaN(ai) && Number.isNaN(ei))) {
          passed = false;
          worstIndex = i;
          worst = NaN;
        }
        continue;
      }
      if (ai === ei) continue; // covers equal infinities
      const diff = Math.abs(ai - ei);
      // an infinity matches only the same infinity, whatever the tolerance
      if (!Number.isFinite(ai) || !Number.isFinite(ei) || !(diff <= atol + rtol * Math.abs(ei))) passed = false;
      if (!(diff <= worst) && !Number.isNaN(worst)) {
        worst = diff;
        worstIndex = i;
      }
    }
    const tol = rtol === 0 && atol === 0 ? "exact" : [atol > 0 ? `${fmt(atol)}` : "", rtol > 0 ? `${fmt(rtol)}·|e|` : ""].filter(Boolean).join(" + ");
    const isScalar = typeof spec.actual === "number" && typeof spec.expected === "number";
    const rule = isScalar
      ? tol === "exact" ? "exact" : `|a − e| ≤ ${tol}`
      : `${a.length} values, ${tol === "exact" ? "exact" : `|a − e| ≤ ${tol}`}${worstIndex >= 0 ? `, largest difference ${fmt(worst)} at index ${worstIndex}` : ""}`;
    return {
      passed,
      rule,
      actual: isScalar ? fmt(a[0]) : summarize(a, worstIndex),
      expected: isScalar ? fmt(e[0]) : summarize(e, worstIndex),
    };
  }
  if ("atMost" in spec) {
    const slack = spec.slack ?? 0;
    expectNonNegative("spec.slack", slack);
    expectNumberValue("spec.actual", spec.actual);
    expectNumberValue("spec.atMost", spec.atMost);
    return {
      passed: spec.actual <= spec.atMost + slack,
      rule: slack > 0 ? `a ≤ e + ${fmt(slack)}` : "a ≤ e",
      actual: fmt(spec.actual),
      expected: `≤ ${fmt(spec.atMost)}`,
    };
  }
  if ("atLeast" in spec) {
    const slack = spec.slack ?? 0;
    expectNonNegative("spec.slack", slack);
    expectNumberValue("spec.actual", spec.actual);
    expectNumberValue("spec.atLeast", spec.atLeast);
    return {
      passed: spec.actual >= spec.atLeast - slack,
      rule: slack > 0 ? `a ≥ e − ${fmt(slack)}` : "a ≥ e",
      actual: fmt(spec.actual),
      expected: `≥ ${fmt(spec.atLeast)}`,
    };
  }
  if ("between" in spec) {
    expectNumberValue("spec.actual", spec.actual);
    const b = spec.between;
    if (!Array.isArray(b) || b.length !== 2 || typeof b[0] !== "number" || typeof b[1] !== "number" || !(b[0] <= b[1])) {
      throw new RangeError(`spec.between must be [lo, hi] with lo ≤ hi, got ${describeValue(b)}`);
    }
    return {
      passed: spec.actual >= b[0] && spec.actual <= b[1],
      rule: "lo ≤ a ≤ hi",
      actual: fmt(spec.actual),
      expected: `in [${fmt(b[0])}, ${fmt(b[1])}]`,
    };
  }
  throw new TypeError("spec must have expected, atMost, atLeast or between");
}

function toArray(name: string, v: unknown): ArrayLike<number> {
  if (typeof v === "number") return [v];
  if (v !== null && typeof v === "object" && typeof (v as ArrayLike<number>).length === "number") {
    const arr = v as ArrayLike<unknown>;
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

function expectNonNegative(name: string, v: unknown): void {
  if (typeof v !== "number" || !(v >= 0)) throw new RangeError(`${name} must be a number ≥ 0, got ${describeValue(v)}`);
}

function summarize(a: ArrayLike<number>, focus: number): string {
  if (a.length <= 4) return `[${Array.from(a, fmt).join(", ")}]`;
  const i = focus >= 0 ? focus : 0;
  return `[${a.length} values; [${i}] = ${fmt(a[i])}]`;
}

/** Formats a number compactly with up to 10 significant digits. */
function fmt(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const ax = Math.abs(x);
  if (Number.isInteger(x) && ax < 1e15) return String(x);
  if (ax >= 1e-4 && ax < 1e10) return String(Number(x.toPrecision(10)));
  return x.toExponential(6);
}
