import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { gradeCsv, gradedExercises, restoreTests, scoreNotebook, type GradeRow } from "../classroom/grade";
import type { NotebookFile } from "../classroom/editions";
import { readEditions } from "../classroom/writeEditions";
import { loadCourse, projectRoot } from "../course/files";
import { numberFlag, parseFlags, UsageError } from "./args";
import type { Command } from "./command";
import type { CommandIo } from "./io";
import { textTable } from "./textTable";
import { executeNotebook, hasPython } from "./runNotebook";

/**
 * `bitbound grade NOTEBOOK... [--csv|--json]`: executes submitted student notebooks (the student edition
 * of `npm run editions`, completed) on the TypeScript (bitbound) kernel, with the instructor's tests
 * restored into their test cells, and scores each exercise by its tests: one row per student (file) and
 * exercise.
 *
 * @packageDocumentation
 */

const HELP = `Usage: bitbound grade NOTEBOOK... [--csv | --json] [--timeout SECONDS]

Executes each submitted student notebook (from build/editions/student/, completed by a student) on the
TypeScript (bitbound) kernel as a learner runs it (no strict mode), every cell even after one fails.
Before the run each test cell gets the instructor edition's source back, hidden tests included, so an
edited test counts for nothing. Each exercise scores its points when its test cell ran without an error;
proof-style exercises are listed with an empty score, to be graded by hand with the rubric in the
instructor edition. One row per notebook (student) and exercise: student, exercise, grade_id, points,
score, passed, message.

Options:
  --csv               print CSV (RFC 4180, header line first)
  --json              print JSON (an array of rows)
  --timeout SECONDS   seconds allowed per cell (default 300)
  -h, --help          show this help

Exit status: 0 when every notebook could be run (whatever its score), 1 otherwise.`;

async function gradeOne(root: string, path: string, timeout: number, env: Record<string, string | undefined>): Promise<GradeRow[]> {
  const student = basename(path);
  const submitted = JSON.parse(readFileSync(path, "utf8")) as NotebookFile;
  const exercises = gradedExercises(submitted);
  if (exercises.length === 0) throw new UsageError(`${path} has no graded cells: is it a student edition from npm run editions?`);
  const lessonId = exercises[0].split(".")[0];
  const lesson = loadCourse(root).lessons.find((l) => l.id === lessonId);
  if (!lesson) throw new UsageError(`${path}: exercise ${exercises[0]} belongs to no lesson of the course`);
  const restored = restoreTests(submitted, readEditions(root, lesson.notebook).instructor);
  const work = join(root, "test-output", "grading");
  mkdirSync(work, { recursive: true });
  const input = join(work, `submitted-${student}`);
  const executed = join(work, `executed-${student}`);
  writeFileSync(input, JSON.stringify(restored));
  const run = await executeNotebook(root, lesson.notebook, { path: input, executed, ledger: join(work, `${student}.ledger.jsonl`), timeout, env, lenient: true, allowErrors: true });
  if (!run.ok || !existsSync(executed)) {
    const why = run.error.split("\n").find((l) => l.trim() !== "") ?? "the notebook did not run";
    return exercises.map((exercise) => ({ student, exercise, gradeId: "", points: 0, score: 0, passed: false, message: `not run: ${why}` }));
  }
  return scoreNotebook(JSON.parse(readFileSync(executed, "utf8")) as NotebookFile, student);
}

export const gradeCommand: Command = {
  name: "grade",
  summary: "execute submitted student notebooks and score each exercise by its tests (--csv, --json)",
  help: HELP,
  async run(argv: string[], io: CommandIo) {
    const { values, positionals } = parseFlags(argv, { csv: { type: "boolean" }, json: { type: "boolean" }, timeout: { type: "string" } }, true);
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    if (values.csv && values.json) throw new UsageError("--csv and --json exclude each other: choose one");
    if (positionals.length === 0) throw new UsageError("name at least one NOTEBOOK to grade");
    const timeout = numberFlag("timeout", values.timeout, { integer: true, min: 1 }) ?? 300;
    const root = projectRoot();
    for (const p of positionals) if (!existsSync(p)) throw new UsageError(`NOTEBOOK ${JSON.stringify(p)} does not exist`);
    if (!hasPython(root)) {
      io.err("bitbound grade: the project's Python environment (.venv) is missing: run `npm run setup` (or `npm run lab` once) first");
      return 1;
    }
    // @ts-expect-error: a plain ES module script without type declarations
    const { jupyterEnv } = (await import("../../scripts/jupyter-env.mjs")) as { jupyterEnv: () => Record<string, string> };
    const env = { ...io.env, ...jupyterEnv() };
    const rows: GradeRow[] = [];
    for (const p of positionals) {
      io.progress(`grading ${basename(p)} …`);
      rows.push(...(await gradeOne(root, resolve(p), timeout, env)));
      io.progress("");
    }
    if (values.json) io.out(JSON.stringify(rows, null, 1));
    else if (values.csv) io.out(gradeCsv(rows).replace(/\r\n$/, ""));
    else {
      const table = textTable(["student", "exercise", "points", "score", "message"], rows.map((r) => [r.student, r.exercise, String(r.points), r.score === null ? "by hand" : String(r.score), r.message]), [false, false, true, true, false]);
      for (const line of table) io.out(line);
    }
    return rows.some((r) => r.message.startsWith("not run:")) ? 1 : 0;
  },
};
