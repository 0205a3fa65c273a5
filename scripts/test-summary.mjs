// Prints the closing lines of `npm test`: per-notebook execution times, the ledger of checked claims per
// lesson (independent / restatement, counted by src/notebook/check.ts's ledgerCounts: a repeated claim
// once), and one line "N passed, N failed" summed over the vitest projects' JSON reports.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tsImport } from "tsx/esm/api";

const out = process.argv[2];
// the vitest projects that ran (all three unless `npm test -- --project NAME` picked some)
const projects = process.argv.length > 3 ? process.argv.slice(3) : ["unit", "notebooks", "browser"];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const project of projects) {
  const file = join(out, `vitest-${project}.json`);
  if (!existsSync(file)) {
    console.log(`${project}: no report (the run did not finish)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  // a file that fails outside any test (an error in beforeAll, an import error) counts once
  const fileFailures = (r.testResults ?? []).filter((t) => t.status === "failed" && !(t.assertionResults ?? []).some((a) => a.status === "failed")).length;
  failed += r.numFailedTests + fileFailures;
  if (!r.success && r.numFailedTests + fileFailures === 0) failed += 1;
  skipped += r.numPendingTests + r.numTodoTests;
}
const times = join(out, "notebook-times.jsonl");
if (existsSync(times)) {
  console.log("notebook execution times (tslab kernel, nbclient):");
  for (const line of readFileSync(times, "utf8").trim().split("\n")) {
    const t = JSON.parse(line);
    console.log(`  ${t.notebook.padEnd(40)} ${t.seconds.toFixed(1).padStart(6)} s  ${t.checksPassed} checks  ${t.plots} figures`);
  }
}
const ledger = join(out, "ledger.jsonl");
if (existsSync(ledger)) {
  const records = readFileSync(ledger, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const { ledgerCounts } = await tsImport("../src/notebook/check.ts", import.meta.url);
  console.log(`ledger of checked claims (test-output/ledger.jsonl, ${records.length} records; a repeated claim counted once):`);
  for (const c of ledgerCounts(records)) {
    const name = c.lesson === null ? "outside a lesson" : `lesson ${c.lesson}`;
    console.log(`  ${name.padEnd(18)} ${String(c.independent).padStart(4)} independent  ${String(c.restatement).padStart(4)} restatement${c.unclassified ? `  ${c.unclassified} unclassified` : ""}`);
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
