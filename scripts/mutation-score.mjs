#!/usr/bin/env node
// The mutation score per folder and per file over every StrykerJS report kept in test-output/mutation/
// (`npm run mutate` writes them; see stryker.config.mjs). A file reported by several runs counts with its newest
// report, so runs over parts of a folder add up to the folder's score.
//
//   node scripts/mutation-score.mjs [--files] [--survivors] [REPORT_DIR]
//
// Score as StrykerJS computes it: (killed + timeout) / (killed + timeout + survived + no coverage); mutants that
// did not compile or were ignored are left out. --files adds a row per file; --survivors lists each surviving
// (or uncovered) mutant as path:line:column, mutator, and the replacement.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

const args = process.argv.slice(2);
const perFile = args.includes("--files");
const survivors = args.includes("--survivors");
const root = args.find((a) => !a.startsWith("--")) ?? "test-output/mutation";
if (!existsSync(root)) {
  console.error(`mutation-score: no reports in ${root}: run \`npm run mutate\` first`);
  process.exit(2);
}

/** path -> { time, mutants } from the newest report that holds the file */
const files = new Map();
for (const run of readdirSync(root)) {
  const report = join(root, run, "mutation.json");
  if (!existsSync(report)) continue;
  const time = statSync(report).mtimeMs;
  const json = JSON.parse(readFileSync(report, "utf8"));
  for (const [path, file] of Object.entries(json.files ?? {})) {
    const key = path.replace(/\\/g, "/");
    if (!files.has(key) || files.get(key).time < time) files.set(key, { time, run, mutants: file.mutants });
  }
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);
const tally = () => ({ detected: 0, undetected: 0 });
const add = (t, m) => {
  if (DETECTED.has(m.status)) t.detected++;
  else if (UNDETECTED.has(m.status)) t.undetected++;
};
const score = (t) => (t.detected + t.undetected === 0 ? "  n/a" : ((100 * t.detected) / (t.detected + t.undetected)).toFixed(1).padStart(5));

const folders = new Map();
const fileRows = [];
const survivorRows = [];
for (const [path, { run, mutants }] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
  const folder = dirname(path);
  if (!folders.has(folder)) folders.set(folder, tally());
  const t = tally();
  for (const m of mutants) {
    add(t, m);
    add(folders.get(folder), m);
    if (survivors && UNDETECTED.has(m.status)) {
      survivorRows.push(`  ${path}:${m.location.start.line}:${m.location.start.column}  ${m.status}  ${m.mutatorName}  -> ${JSON.stringify(m.replacement ?? "")}`);
    }
  }
  if (perFile) fileRows.push(`  ${score(t)}%  ${String(t.detected).padStart(5)} / ${String(t.detected + t.undetected).padEnd(5)} ${path}  (${run})`);
}

console.log("score   detected / counted  folder");
for (const [folder, t] of folders) {
  console.log(`${score(t)}%  ${String(t.detected).padStart(8)} / ${String(t.detected + t.undetected).padEnd(7)} ${folder}`);
}
if (fileRows.length) console.log(["per file:", ...fileRows].join("\n"));
if (survivorRows.length) console.log(["not detected:", ...survivorRows].join("\n"));
