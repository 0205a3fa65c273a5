import { join } from "node:path";
import { loadCourse, projectRoot } from "../course/files";
import type { Lesson } from "../course/schema";
import { formatRecord, ledgerCounts, type CheckRecord } from "../notebook/check";
import { notebookLedgerPath, readLedger } from "../site/ledgerFile";
import { numberFlag, UsageError } from "./args";
import { flagCommand } from "./command";
import type { CommandIo } from "./io";
import { executeNotebook, hasPython, type NotebookRun } from "./runNotebook";

/**
 * `bitbound verify`: executes the course's notebooks through the real tslab kernel (what `npm test`'s
 * notebook step does), with a progress line per notebook, then prints the ledger of every checked claim.
 * Exits 1 if any notebook fails. The executed copies and ledgers it writes are what `npm run site` reads.
 *
 * @packageDocumentation
 */

const HELP = `Usage: bitbound verify [--lesson N]... [--timeout SECONDS]

Executes the available lessons' notebooks top to bottom on the TypeScript (bitbound) kernel, in the
course's strict mode, each check compared with its independent value, and prints every checked claim.
Writes the executed notebooks to test-output/executed/ and their ledgers to test-output/ledgers/, which
npm run site reads. Needs the project's Python environment (npm run setup, or npm run lab once).

Options:
  --lesson N          only lesson N (e.g. 2 or 02); repeat for several
  --timeout SECONDS   seconds allowed per cell (default 300)
  -h, --help          show this help

Exit status: 0 when every notebook ran and every check passed, 1 otherwise.`;

const BAR = 20;

function bar(done: number, total: number): string {
  const filled = Math.round((BAR * done) / total);
  return `${"█".repeat(filled)}${"░".repeat(BAR - filled)}`;
}

/** The lessons named by `wanted` ("2", "02"), or every available one; a UsageError names an unknown or planned lesson. */
export function selectLessons(all: Lesson[], wanted: string[]): Lesson[] {
  const available = all.filter((l) => l.status === "available");
  if (wanted.length === 0) return available;
  return wanted.map((w) => {
    const id = /^\d{1,2}$/.test(w) ? w.padStart(2, "0") : w;
    const lesson = all.find((l) => l.id === id);
    if (!lesson) throw new UsageError(`--lesson must be one of the course's lessons (${all.map((l) => l.id).join(", ")}), got ${JSON.stringify(w)}`);
    if (lesson.status !== "available") throw new UsageError(`lesson ${id} (${lesson.title}) is planned: it has no notebook yet`);
    return lesson;
  });
}

async function runAll(root: string, lessons: Lesson[], timeout: number, io: CommandIo): Promise<NotebookRun[]> {
  // @ts-expect-error: a plain ES module script without type declarations
  const { jupyterEnv } = (await import("../../scripts/jupyter-env.mjs")) as { jupyterEnv: () => Record<string, string> };
  const env = { ...io.env, ...jupyterEnv() };
  const runs: NotebookRun[] = [];
  for (const [k, lesson] of lessons.entries()) {
    const label = `[${k + 1}/${lessons.length}]`;
    const start = Date.now();
    const tick = () => io.progress(`${label} ${bar(k, lessons.length)} ${lesson.notebook} ${Math.round((Date.now() - start) / 1000)} s`);
    tick();
    const timer = setInterval(tick, 1000);
    const run = await executeNotebook(root, lesson.notebook, {
      executed: join(root, "test-output", "executed", lesson.notebook),
      ledger: notebookLedgerPath(root, lesson.notebook),
      timeout,
      env,
    });
    clearInterval(timer);
    io.progress("");
    io.err(
      run.ok
        ? `${label} ${bar(k + 1, lessons.length)} ${lesson.notebook}: passed in ${run.seconds.toFixed(1)} s, ${run.checksPassed} checks, ${run.plots} figures`
        : `${label} ${bar(k + 1, lessons.length)} ${lesson.notebook}: FAILED after ${run.seconds.toFixed(1)} s\n${run.error}`,
    );
    runs.push(run);
  }
  return runs;
}

function printLedger(root: string, lessons: Lesson[], io: CommandIo): CheckRecord[] {
  const records: CheckRecord[] = [];
  for (const lesson of lessons) {
    let own: CheckRecord[] = [];
    try {
      own = readLedger(root, notebookLedgerPath(root, lesson.notebook)).records;
    } catch {
      own = []; // the notebook failed before its first check: no ledger file
    }
    const c = ledgerCounts(own).find((x) => x.lesson === lesson.id) ?? { independent: 0, restatement: 0, unclassified: 0 };
    io.out(`Lesson ${lesson.id}: ${lesson.title}: ${c.independent} independent, ${c.restatement} restatements${c.unclassified ? `, ${c.unclassified} unclassified` : ""}`);
    for (const r of own) io.out(`  ${formatRecord(r)}`);
    records.push(...own);
  }
  return records;
}

export const verifyCommand = flagCommand({
  name: "verify",
  summary: "execute the notebooks through the kernel and print the ledger of checked claims",
  help: HELP,
  flags: { lesson: { type: "string", multiple: true }, timeout: { type: "string" } },
  async body(values, io) {
    const root = projectRoot();
    const lessons = selectLessons(loadCourse(root).lessons, (values.lesson as string[] | undefined) ?? []);
    const timeout = numberFlag("timeout", values.timeout, { integer: true, min: 1 }) ?? 300;
    if (!hasPython(root)) {
      io.err("bitbound verify: the project's Python environment (.venv) is missing: run `npm run setup` (or `npm run lab` once) first");
      return 1;
    }
    const runs = await runAll(root, lessons, timeout, io);
    const records = printLedger(root, lessons, io);
    const failed = runs.filter((r) => !r.ok);
    const failedChecks = records.filter((r) => !r.passed).length;
    const counts = ledgerCounts(records).reduce((t, c) => ({ i: t.i + c.independent, r: t.r + c.restatement }), { i: 0, r: 0 });
    io.out(
      `${runs.length} notebook${runs.length === 1 ? "" : "s"}: ${runs.length - failed.length} passed, ${failed.length} failed` +
        `${failed.length ? ` (${failed.map((r) => r.notebook).join(", ")})` : ""}; ${counts.i} independent checks, ${counts.r} restatements${failedChecks ? `, ${failedChecks} checks failed` : ""}`,
    );
    return failed.length === 0 && failedChecks === 0 ? 0 : 1;
  },
});
