import { createHash } from "node:crypto";
import { check, CheckError, formatRecord, type CheckRecord, type CheckSpec } from "../notebook/check";

/**
 * Tests a learner's answer against the instructor's value without showing the value: both are rounded
 * to a few significant digits and hashed (SHA-256, salted with the exercise id), and the test compares
 * the hashes. Used by the visible test cells of the student edition (`npm run editions`).
 *
 * What it hides and what it does not: the value is not in the notebook as text, but a small integer
 * answer can still be found by hashing candidates; it is a test "without seeing the answer", not a
 * secret. What it accepts: values that round to the same `digits` significant digits as the
 * instructor's (a relative tolerance of about 5·10^−digits, except next to a rounding boundary, which
 * the edition builder avoids by digesting only values at the centre of their rounding cell).
 *
 * @packageDocumentation
 */

function normalized(value: number | ArrayLike<number>, digits: number): string {
  const one = (x: number) => (Number.isFinite(x) ? (x === 0 ? 0 : x).toPrecision(digits) : String(x));
  return typeof value === "number" ? one(value) : Array.from(value, one).join(",");
}

/**
 * The digest of a value: SHA-256 of `exercise|value rounded to digits significant digits`, hex, first 20 characters.
 *
 * @param exercise - the exercise id, e.g. `"02.3"` (the salt)
 * @param value - a number or an array of numbers (NaN and ±∞ as their names; −0 as 0)
 * @param digits - significant digits kept, an integer in [1, 17]
 * @example
 * ```ts
 * answerDigest("00.1", 24, 9) === answerDigest("00.1", 24.0000000001, 9); // true
 * ```
 */
export function answerDigest(exercise: string, value: number | ArrayLike<number>, digits: number): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 17) throw new RangeError(`digits must be an integer in [1, 17], got ${digits}`);
  if (typeof exercise !== "string" || exercise === "") throw new TypeError(`exercise must be a non-empty string, got ${String(exercise)}`);
  return createHash("sha256").update(`${exercise}|${normalized(value, digits)}`).digest("hex").slice(0, 20);
}

/**
 * A test that the learner's value matches the instructor's hidden value: prints one line
 * `✓ Try it 2.3, test 1: matches the instructor's value (9 significant digits)` or throws a CheckError
 * (`✗ …: does not match the instructor's value`), so nbgrader and `bitbound grade` count it as failed.
 *
 * @param claim - what is tested, e.g. `"Try it 2.3, test 1"`
 * @param spec - `actual` (the learner's value), `exercise` (the salt), `digest` (from {@link answerDigest}), `digits`
 * @example
 * ```ts
 * checkDigest("Try it 0.1, test 1", { actual: 247, exercise: "00.1", digest: answerDigest("00.1", 247, 9), digits: 9 }); // prints ✓ …
 * ```
 */
export function checkDigest(claim: string, spec: { actual: number | ArrayLike<number>; exercise: string; digest: string; digits: number }): void {
  const passed = answerDigest(spec.exercise, spec.actual, spec.digits) === spec.digest;
  const record: CheckRecord = {
    lesson: null,
    claim,
    kind: "unclassified",
    by: null,
    rule: `${spec.digits} significant digits`,
    actual: passed ? "matches the instructor's value" : `${normalized(spec.actual, Math.min(spec.digits, 6))} does not match the instructor's value`,
    expected: "hidden",
    passed,
  };
  if (!passed) throw new CheckError(record);
  console.log(formatRecord(record));
}

/**
 * `check`, for a visible test whose other side is the answer recomputed by the library: on failure the
 * message shows the learner's side only (`✗ Try it 0.1, test 1 of 1: (the library's value, not shown)
 * (expected 249, exact; …)`), so a wrong answer does not print the right one. On success it prints
 * what `check` prints.
 *
 * @param claim - what is tested
 * @param learner - which side of the spec is the learner's value: `"actual"` or `"expected"`
 * @param spec - the spec, as for `check`
 * @throws CheckError with the other side masked
 * @example
 * ```ts
 * checkQuietly("Try it 0.1, test 1 of 1", "expected", { actual: representableValues("e5m2").length, expected: e5m2Count, kind: "independent", by: "counting formula" });
 * ```
 */
export function checkQuietly(claim: string, learner: "actual" | "expected", spec: CheckSpec): void {
  if (learner !== "actual" && learner !== "expected") throw new RangeError(`learner must be "actual" or "expected", got ${String(learner)}`);
  try {
    check(claim, spec);
  } catch (e) {
    if (!(e instanceof CheckError)) throw e;
    const hidden = "(the library's value, not shown)";
    const r = e.record;
    throw new CheckError(learner === "expected" ? { ...r, actual: hidden } : { ...r, actual: r.actual, expected: `expected ${hidden}` });
  }
}
