import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** One reference row: an exact double input and the 25-digit value of the function there. */
export type ReferenceRow = [number, string];

/** The 60-digit mpmath values of test/fixtures/normal_reference.json (scripts/fixtures/normal_reference.py). */
export const reference: Record<"erf" | "erfc" | "normalCdf" | "normalSf" | "normalPdf" | "normalQuantile", ReferenceRow[]> =
  JSON.parse(readFileSync(fileURLToPath(new URL("../../fixtures/normal_reference.json", import.meta.url)), "utf8"));

const EPS = 2 ** -52;
const SMALLEST_NORMAL = 2 ** -1022;
const SMALLEST_SUBNORMAL = 2 ** -1074;

/**
 * The tolerance for a special function's value e: ulps·ε·|e| where e is a normal number; where e is
 * subnormal (spacing 2^−1074), `subnormalSpacings` times that spacing. The library's error before the
 * final rounding is ~1e−15 relative, far below a subnormal's spacing (≥ 2e−8 relative), so its
 * subnormal results should be the correctly rounded ones: 0 spacings.
 */
export function tolerance(e: number, ulps: number, subnormalSpacings = 0): number {
  return Math.abs(e) >= SMALLEST_NORMAL ? ulps * EPS * Math.abs(e) : subnormalSpacings * SMALLEST_SUBNORMAL;
}

/** Every row's |f(x) − reference| against its tolerance; returns the failures (empty when all pass) and the worst ratio. */
export function compare(rows: ReferenceRow[], f: (x: number) => number, ulps: number): { failures: string[]; worst: number } {
  const failures: string[] = [];
  let worst = 0;
  for (const [x, s] of rows) {
    const e = Number(s);
    const a = f(x);
    const tol = tolerance(e, ulps);
    const err = Math.abs(a - e);
    worst = Math.max(worst, tol > 0 ? err / tol : err > 0 ? Infinity : 0);
    if (!(err <= tol)) failures.push(`x = ${x}: got ${a}, reference ${s}, |difference| ${err} > tolerance ${tol}`);
  }
  return { failures, worst };
}
