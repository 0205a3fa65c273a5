import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { CheckRecord } from "../notebook/check";

/**
 * The ledger of checks the notebook runs wrote: one JSON record per `check` (lesson, claim, kind, by,
 * rule, actual, expected, passed), read back for the verified-claims page and `bitbound verify`.
 *
 * Where it is read from, first found wins: the file named by `source` (the `--ledger` option or the
 * `BITBOUND_LEDGER` variable); else `test-output/ledgers/*.jsonl`, the per-notebook ledgers the notebook
 * test and `bitbound verify` write next to the executed copies in `test-output/executed/`; else
 * `test-output/ledger.jsonl`, the whole run's ledger.
 *
 * @packageDocumentation
 */

/** The records read and the files they came from (relative to the project root where possible). */
export interface Ledger {
  records: CheckRecord[];
  files: string[];
}

/** The per-notebook ledger of one notebook: `test-output/ledgers/NN-slug.jsonl`. */
export function notebookLedgerPath(root: string, notebook: string): string {
  return join(root, "test-output", "ledgers", notebook.replace(/\.ipynb$/, ".jsonl"));
}

function parseLines(file: string): CheckRecord[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line) as CheckRecord;
      } catch {
        throw new Error(`${file}:${i + 1}: not a JSON ledger record`);
      }
    });
}

/**
 * Reads the ledger. Identical records (the same check printed twice, e.g. when one ledger file was
 * appended by two runs) are kept once, in first-seen order.
 *
 * @param root - the project root
 * @param source - a ledger file to read instead of the defaults (absolute or relative to `root`)
 * @throws Error naming the file and line of a record that is not JSON, or a `source` that does not exist
 * @example
 * ```ts
 * readLedger(projectRoot()).records.filter((r) => r.passed).length; // e.g. 312
 * ```
 */
export function readLedger(root: string, source?: string): Ledger {
  let files: string[];
  if (source) {
    const file = isAbsolute(source) ? source : join(root, source);
    if (!existsSync(file)) throw new Error(`the ledger file ${source} does not exist`);
    files = [file];
  } else {
    const dir = join(root, "test-output", "ledgers");
    const perNotebook = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort().map((f) => join(dir, f)) : [];
    const whole = join(root, "test-output", "ledger.jsonl");
    files = perNotebook.length > 0 ? perNotebook : existsSync(whole) ? [whole] : [];
  }
  const seen = new Set<string>();
  const records: CheckRecord[] = [];
  for (const file of files) {
    for (const rec of parseLines(file)) {
      const key = JSON.stringify(rec);
      if (seen.has(key)) continue;
      seen.add(key);
      records.push(rec);
    }
  }
  return { records, files: files.map((f) => (f.startsWith(root) ? relative(root, f) : f)) };
}
