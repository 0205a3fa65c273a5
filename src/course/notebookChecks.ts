import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckKind } from "../notebook/check";
import { loadCourse, projectRoot } from "./files";

/** One `check(...)` call found in source code by {@link findCheckCalls}. */
export interface CheckCall {
  /** The claim when it is a plain string literal (no `${…}`), else `null`. */
  claim: string | null;
  /** The `kind:` written in the call's spec as a string literal, else `null` (unclassified or not static). */
  kind: CheckKind | null;
  /** Offsets of `check` and of the character after the call's closing parenthesis. */
  start: number;
  end: number;
}

/** Static per-lesson counts of a notebook's checks (see {@link countNotebookChecks}). */
export interface NotebookCheckCount {
  lesson: string;
  notebook: string;
  independent: number;
  restatement: number;
  unclassified: number;
}

/**
 * Replaces the contents of comments, string literals and the literal parts of template strings with
 * spaces (same length), keeping `${…}` expressions as code, so that brackets and names can be found in
 * what remains. Regular-expression literals are not recognised (the course notebooks do not use them
 * around checks).
 */
function maskLiterals(src: string): string {
  const out = src.split("");
  const blank = (i: number) => {
    if (out[i] !== "\n") out[i] = " ";
  };
  const templateDepth: number[] = []; // brace depth at which each open `${` started
  let braces = 0;
  let i = 0;
  const n = src.length;
  const scanTemplate = (from: number): number => {
    // from: index just after the opening backtick or the closing brace of `${…}`; returns index after the template part
    let j = from;
    while (j < n) {
      const c = src[j];
      if (c === "\\") {
        blank(j);
        blank(j + 1);
        j += 2;
        continue;
      }
      if (c === "`") return j + 1;
      if (c === "$" && src[j + 1] === "{") {
        templateDepth.push(braces);
        braces += 1;
        return j + 2;
      }
      blank(j);
      j += 1;
    }
    return j;
  };
  while (i < n) {
    const c = src[i];
    if (c === "/" && src[i + 1] === "/") {
      while (i < n && src[i] !== "\n") blank(i++);
    } else if (c === "/" && src[i + 1] === "*") {
      const close = src.indexOf("*/", i + 2);
      const stop = close < 0 ? n : close + 2;
      while (i < stop) blank(i++);
    } else if (c === '"' || c === "'") {
      i += 1;
      while (i < n && src[i] !== c && src[i] !== "\n") {
        if (src[i] === "\\") blank(i++);
        blank(i++);
      }
      i += 1;
    } else if (c === "`") {
      i = scanTemplate(i + 1);
    } else if (c === "{") {
      braces += 1;
      i += 1;
    } else if (c === "}") {
      braces -= 1;
      if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
        templateDepth.pop();
        i = scanTemplate(i + 1);
      } else {
        i += 1;
      }
    } else {
      i += 1;
    }
  }
  return out.join("");
}

/** The value of a plain string literal (`"…"`, `'…'`, or a template without `${`), else `null`. */
function stringLiteral(text: string): string | null {
  const t = text.trim();
  if (t.length < 2) return null;
  const q = t[0];
  if ((q !== '"' && q !== "'" && q !== "`") || t[t.length - 1] !== q) return null;
  const body = t.slice(1, -1);
  if (q === "`" && body.includes("${")) return null;
  if (new RegExp(`(^|[^\\\\])${q === "`" ? "`" : q}`).test(body)) return null; // two literals joined, e.g. "a" + "b"
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/\\`/g, "`").replace(/(^|[^\\])"/g, '$1\\"')}"`) as string;
  } catch {
    return body;
  }
}

/**
 * Finds the `check(...)` calls in TypeScript source without running it: calls of a function named
 * `check` (not methods such as `x.check(`, not names such as `checkLedger(`), outside comments and
 * strings. For each call it reads the claim when it is a plain string literal and the `kind:` when it is
 * written as a string literal in the call.
 *
 * @param source - TypeScript source, e.g. a notebook's code cells joined by newlines
 * @example
 * ```ts
 * findCheckCalls('check("max", { actual: m, expected: 448, kind: "restatement" });');
 * // [{ claim: "max", kind: "restatement", start: 0, end: 62 }]
 * ```
 */
export function findCheckCalls(source: string): CheckCall[] {
  if (typeof source !== "string") throw new TypeError(`source must be a string, got ${typeof source}`);
  const masked = maskLiterals(source);
  const calls: CheckCall[] = [];
  const re = /(?<![\w$.])check\s*\(/g;
  for (let m = re.exec(masked); m; m = re.exec(masked)) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    let end = -1;
    let firstComma = -1;
    for (let j = open; j < masked.length; j++) {
      const c = masked[j];
      if (c === "(" || c === "[" || c === "{") depth += 1;
      else if (c === ")" || c === "]" || c === "}") {
        depth -= 1;
        if (depth === 0) {
          end = j + 1;
          break;
        }
      } else if (c === "," && depth === 1 && firstComma < 0) firstComma = j;
    }
    if (end < 0) continue; // unbalanced: not a complete call
    const claimText = source.slice(open + 1, firstComma < 0 ? end - 1 : firstComma);
    let kind: CheckKind | null = null;
    const kindRe = /(?<![\w$])kind\s*:\s*/g;
    kindRe.lastIndex = open;
    for (let k = kindRe.exec(masked); k && k.index < end; k = kindRe.exec(masked)) {
      const lit = /^(["'`])(independent|restatement)\1/.exec(source.slice(k.index + k[0].length));
      if (lit) kind = lit[2] as CheckKind;
    }
    calls.push({ claim: stringLiteral(claimText), kind, start: m.index, end });
    re.lastIndex = end;
  }
  return calls;
}

/**
 * Counts, without running anything, the checks in each available lesson's notebook: every `check(...)`
 * call in its code cells, by the `kind` written in the call (`"independent"`, `"restatement"`, or
 * unclassified when absent or not a literal). A claim text that occurs twice in a lesson is counted once,
 * as the ledger counts it (`ledgerCounts`). The welcome notebook shows these counts; the notebook tests
 * compare them with the ledger of the executed notebooks, an independent count of the same thing.
 *
 * @param root - the project root (default: the folder this library lives in)
 * @returns one entry per available lesson whose notebook exists, in course order
 * @example
 * ```ts
 * countNotebookChecks().find((c) => c.lesson === "01"); // { lesson: "01", notebook: "01-floating-point.ipynb", independent: 24, … }
 * ```
 */
export function countNotebookChecks(root = projectRoot()): NotebookCheckCount[] {
  const result: NotebookCheckCount[] = [];
  for (const lesson of loadCourse(root).lessons) {
    if (lesson.status !== "available") continue;
    const path = join(root, "notebooks", lesson.notebook);
    if (!existsSync(path)) continue;
    const nb = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const code = nb.cells
      .filter((c) => c.cell_type === "code")
      .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source))
      .join("\n");
    const count: NotebookCheckCount = { lesson: lesson.id, notebook: lesson.notebook, independent: 0, restatement: 0, unclassified: 0 };
    const seen = new Set<string>();
    for (const call of findCheckCalls(code)) {
      if (call.claim !== null) {
        if (seen.has(call.claim)) continue;
        seen.add(call.claim);
      }
      count[call.kind ?? "unclassified"] += 1;
    }
    result.push(count);
  }
  return result;
}
