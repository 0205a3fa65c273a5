/**
 * Reads the `check(...)` calls that end an exercise's solution cell, without a TypeScript parser: a
 * small scanner that respects strings, template literals, comments and brackets. Used by the editions
 * builder to move those calls into the exercise's test cell.
 *
 * @packageDocumentation
 */

/** One `check("claim", { field: value, … })` call, with each field's source text. */
export interface CheckCall {
  /** the whole call's source text, as written */
  text: string;
  /** the claim's source text (a string literal, quotes included) */
  claim: string;
  /** the spec's fields in order: name and the value's source text */
  fields: [string, string][];
}

/** Walks `source`, calling `visit(i, depth)` for every character outside strings and comments. */
function scan(source: string, visit: (i: number, depth: number) => boolean | void): void {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
      i--;
      continue;
    }
    if (c === "/" && source[i + 1] === "*") {
      i = source.indexOf("*/", i + 2);
      if (i < 0) return;
      i++;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === "\\") i++;
      continue;
    }
    if ("([{".includes(c)) depth++;
    if (")]}".includes(c)) depth--;
    if (visit(i, depth) === true) return;
  }
}

/** Splits source text at top-level commas (bracket depth 0). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  scan(text, (i, depth) => {
    if (text[i] === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  });
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

/**
 * Splits a cell into its top-level statements (each ends with `;` at depth 0, or at a line end at depth 0
 * when the next line does not continue it), comments kept with the statement that follows.
 */
function statements(source: string): string[] {
  const out: string[] = [];
  let start = 0;
  scan(source, (i, depth) => {
    const c = source[i];
    if (depth === 0 && (c === ";" || (c === "}" && !/^\s*[.,)\]?:]/.test(source.slice(i + 1)) && /^\s*\n/.test(source.slice(i + 1) + "\n")))) {
      out.push(source.slice(start, i + 1));
      start = i + 1;
    }
  });
  if (source.slice(start).trim() !== "") out.push(source.slice(start));
  return out;
}

/** Parses one statement as a check call, or returns null. */
export function parseCheckCall(statement: string): CheckCall | null {
  const text = statement.replace(/^(\s*\/\/[^\n]*\n)*/, "").trim().replace(/;$/, "");
  if (!/^check\s*\(/.test(text) || !text.endsWith(")")) return null;
  const inner = text.slice(text.indexOf("(") + 1, -1);
  const args = splitTopLevel(inner, ",");
  if (args.length !== 2 || !/^\{[\s\S]*\}$/.test(args[1])) return null;
  const fields: [string, string][] = [];
  for (const f of splitTopLevel(args[1].slice(1, -1), ",")) {
    const m = /^([A-Za-z_$][\w$]*)\s*:\s*([\s\S]+)$/.exec(f);
    if (!m) return null;
    fields.push([m[1], m[2].trim()]);
  }
  return { text, claim: args[0], fields };
}

/**
 * Splits a solution cell into its body and the block of `check` calls that ends it.
 *
 * @returns `body` (the source before the trailing checks, trimmed at the end) and `checks` (in order;
 *   empty when the cell does not end in a check)
 * @example
 * ```ts
 * trailingChecks('const x = 2 + 2;\ncheck("sum", { actual: x, expected: 4 });').checks[0].fields; // [["actual", "x"], ["expected", "4"]]
 * ```
 */
export function trailingChecks(source: string): { body: string; checks: CheckCall[] } {
  const parts = statements(source);
  const checks: CheckCall[] = [];
  let k = parts.length;
  while (k > 0) {
    const call = parseCheckCall(parts[k - 1]);
    if (!call) break;
    checks.unshift(call);
    k--;
  }
  return { body: parts.slice(0, k).join("").replace(/\s+$/, ""), checks };
}

/** The names a cell declares at its top level (`const`, `let`, `var`, `function`, `class`, unindented). */
export function topLevelNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/^(?:export\s+)?(?:const|let|var|function\*?|class|async\s+function)\s+([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  for (const m of source.matchAll(/^(?:const|let|var)\s+\{([^}]*)\}/gm)) {
    for (const part of m[1].split(",")) {
      const name = /([A-Za-z_$][\w$]*)\s*$/.exec(part.trim())?.[1];
      if (name) names.add(name);
    }
  }
  return [...names];
}

/** The identifiers used in an expression's source (not property names after a dot, not inside strings). */
export function identifiersIn(expression: string): string[] {
  const found = new Set<string>();
  const stripped = expression.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`|\/\/[^\n]*/g, " ").replace(/\.\.\./g, " ");
  for (const m of stripped.matchAll(/(^|[^.\w$])([A-Za-z_$][\w$]*)/g)) found.add(m[2]);
  return [...found];
}
