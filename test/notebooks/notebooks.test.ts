import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadCourse } from "../../src/course/index";

/**
 * Every notebook, executed top to bottom through the real tslab kernel by a real Jupyter client
 * (nbclient, in the project's Python environment), and every committed notebook checked for hygiene.
 * scripts/run_notebook.py does the Jupyter side; a failing cell, a failed check, an error status or any
 * stderr output fails the notebook with its name, the cell and the message.
 */
const root = join(__dirname, "..", "..");
const python = join(root, ".venv", "bin", "python");
const runner = join(root, "scripts", "run_notebook.py");
const out = join(root, "test-output");
const course = loadCourse(root);
const available = course.lessons.filter((l) => l.status === "available");
const committed = readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

function run(args: string[]) {
  return spawnSync(python, [runner, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, BITBOUND_LEDGER: join(out, "ledger.jsonl") }, timeout: 280_000 });
}

describe("notebook hygiene", () => {
  it("the project's Python environment exists (run scripts/setup.sh)", () => {
    expect(existsSync(python), `${python} is missing: run \`bash scripts/setup.sh\``).toBe(true);
  });

  it("every committed notebook is valid nbformat 4, uses the bitbound kernel spec, and has cleared outputs", () => {
    const r = run(["validate", ...committed.map((f) => join("notebooks", f))]);
    expect(r.stderr, r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("every committed notebook is an available lesson of the manifest, and every available lesson has its notebook", () => {
    expect(committed).toEqual(available.map((l) => l.notebook).sort());
  });
});

describe("notebook execution through the tslab kernel", () => {
  mkdirSync(join(out, "executed"), { recursive: true });
  it.each(available.map((l) => [l.notebook] as const))("%s runs top to bottom, every check passing", (notebook) => {
    const r = run(["execute", join("notebooks", notebook), "--timeout", "120", "--output", join(out, "executed", notebook)]);
    expect(r.status, `notebooks/${notebook} failed:\n${r.stderr}`).toBe(0);
    const result = JSON.parse(r.stdout.trim().split("\n").pop()!) as { notebook: string; seconds: number; checksPassed: number; plots: number };
    console.log(`executed ${notebook} in ${result.seconds.toFixed(1)} s: ${result.checksPassed} checks passed, ${result.plots} figures`);
    appendFileSync(join(out, "notebook-times.jsonl"), JSON.stringify(result) + "\n");
    // the lesson contract: at least three checks and two figures (the welcome notebook included)
    expect(result.checksPassed, "checks that printed PASS").toBeGreaterThanOrEqual(3);
    expect(result.plots, "Plotly figures displayed").toBeGreaterThanOrEqual(2);
  });
});
