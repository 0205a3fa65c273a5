import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pythonPath } from "../../src/cli/runNotebook";
import { countNotebookChecks, loadCourse } from "../../src/course/index";
import { ledgerCounts, type CheckRecord } from "../../src/notebook/check";

/**
 * Every notebook, executed top to bottom through the real tslab kernel by a real Jupyter client
 * (nbclient, in the project's Python environment), and every committed notebook checked for hygiene.
 * scripts/run_notebook.py does the Jupyter side, in the course's strict mode (BITBOUND_STRICT=1: every check
 * classified, every figure following the figure rules); a failing cell, a failed check, an error status or
 * any stderr output fails the notebook with its name, the cell and the message.
 *
 * Each notebook's ledger of checks (test-output/ledgers/<notebook>.jsonl, also appended to
 * test-output/ledger.jsonl for the summary) must classify every check, hold at least three independent
 * ones, and agree with the static count of the notebook's check calls (countNotebookChecks, which the
 * welcome notebook shows): two independent counts of the same thing.
 */
const root = join(__dirname, "..", "..");
const python = pythonPath(root);
const runner = join(root, "scripts", "run_notebook.py");
const out = join(root, "test-output");
const course = loadCourse(root);
const available = course.lessons.filter((l) => l.status === "available");
const committed = readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

/**
 * Runs scripts/run_notebook.py without blocking this worker's event loop (a synchronous spawn of 10–20 s per
 * notebook starves vitest's messages to its main process: "Timeout calling onTaskUpdate").
 */
function run(args: string[], ledger = join(out, "ledger.jsonl")): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [runner, ...args], { cwd: root, env: { ...process.env, BITBOUND_LEDGER: ledger } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 280_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe("notebook hygiene", () => {
  it("the project's Python environment exists (run npm run setup)", () => {
    expect(existsSync(python), `${python} is missing: run \`npm run setup\``).toBe(true);
  });

  it("every committed notebook is valid nbformat 4, uses the bitbound kernel spec, and has cleared outputs", async () => {
    const r = await run(["validate", ...committed.map((f) => join("notebooks", f))]);
    expect(r.stderr, r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("every committed notebook is an available lesson of the manifest, and every available lesson has its notebook", () => {
    expect(committed).toEqual(available.map((l) => l.notebook).sort());
  });
});

describe("notebook execution through the tslab kernel", () => {
  mkdirSync(join(out, "executed"), { recursive: true });
  mkdirSync(join(out, "ledgers"), { recursive: true });
  const staticCounts = countNotebookChecks(root);
  it.each(available.map((l) => [l.notebook, l.id] as const))("%s runs top to bottom in strict mode, every check passing and classified", async (notebook, lessonId) => {
    const ledgerFile = join(out, "ledgers", notebook.replace(/\.ipynb$/, ".jsonl"));
    rmSync(ledgerFile, { force: true });
    const r = await run(["execute", join("notebooks", notebook), "--timeout", "120", "--output", join(out, "executed", notebook)], ledgerFile);
    const ledgerText = existsSync(ledgerFile) ? readFileSync(ledgerFile, "utf8") : "";
    appendFileSync(join(out, "ledger.jsonl"), ledgerText);
    expect(r.status, `notebooks/${notebook} failed:\n${r.stderr}`).toBe(0);
    const result = JSON.parse(r.stdout.trim().split("\n").pop()!) as { notebook: string; seconds: number; checksPassed: number; plots: number };
    console.log(`executed ${notebook} in ${result.seconds.toFixed(1)} s: ${result.checksPassed} checks passed, ${result.plots} figures`);
    appendFileSync(join(out, "notebook-times.jsonl"), JSON.stringify(result) + "\n");
    // the lesson contract: at least three checks and two figures (the welcome notebook included)
    expect(result.checksPassed, "checks that printed ✓").toBeGreaterThanOrEqual(3);
    expect(result.plots, "Plotly figures displayed").toBeGreaterThanOrEqual(2);
    // the ledger: every check filed under this lesson and classified, at least three independent ones
    const records = ledgerText.split("\n").filter(Boolean).map((l) => JSON.parse(l) as CheckRecord);
    const outside = records.filter((rec) => rec.lesson !== lessonId);
    expect(outside.map((rec) => rec.claim), `checks in ${notebook} filed under another lesson (before startLesson?)`).toEqual([]);
    const counts = ledgerCounts(records).find((c) => c.lesson === lessonId) ?? { lesson: lessonId, independent: 0, restatement: 0, unclassified: 0 };
    console.log(`ledger of ${notebook}: ${counts.independent} independent, ${counts.restatement} restatements, ${counts.unclassified} unclassified`);
    expect(counts.unclassified, "unclassified checks (every course check says kind: independent or restatement)").toBe(0);
    expect(counts.independent, "independent checks").toBeGreaterThanOrEqual(3);
    // the executed ledger and the static count of the notebook's check calls agree
    const expected = staticCounts.find((c) => c.lesson === lessonId);
    expect(
      { independent: counts.independent, restatement: counts.restatement },
      "distinct claims in the executed ledger against the check calls in the notebook's code (countNotebookChecks): a check in a loop, " +
        "in a function called more than once or never, or with a computed kind makes them differ",
    ).toEqual({ independent: expected?.independent, restatement: expected?.restatement });
  });
});
