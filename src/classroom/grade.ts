import { cellText as cellSource, type NotebookCell, type NotebookFile } from "./editions";

/**
 * Scoring a submitted student notebook (`bitbound grade`): before the run, each test cell gets the
 * instructor edition's source back (visible and hidden tests, as nbgrader's autograder restores locked
 * cells); after the run, each exercise scores its points when its test cell ran without an error.
 * Exercises graded by rubric are listed with an empty score, to be graded by hand.
 *
 * @packageDocumentation
 */

/** One row of a grade sheet: one student (submitted file) and one exercise. */
export interface GradeRow {
  student: string;
  exercise: string;
  gradeId: string;
  points: number;
  /** the points earned; null for an exercise graded by hand (rubric) */
  score: number | null;
  /** whether its tests passed; null for a rubric */
  passed: boolean | null;
  /** why it failed (the first line of the error), "graded by hand (rubric)", or "" */
  message: string;
}

interface Grader {
  grade?: boolean;
  solution?: boolean;
  points?: number;
  grade_id?: string;
}

const grader = (c: NotebookCell): Grader => (c.metadata?.nbgrader ?? {}) as Grader;

/**
 * The submitted notebook with each test cell's source replaced by the instructor edition's (matched by
 * `grade_id`), so hidden tests run and an edited test counts for nothing.
 *
 * @throws Error naming a test cell the instructor edition does not have
 * @example
 * ```ts
 * restoreTests(submitted, readEditions(root, "00-welcome.ipynb").instructor);
 * ```
 */
export function restoreTests(submitted: NotebookFile, instructor: NotebookFile): NotebookFile {
  const tests = new Map(instructor.cells.filter((c) => grader(c).grade && !grader(c).solution).map((c) => [grader(c).grade_id, c]));
  return {
    ...submitted,
    cells: submitted.cells.map((c) => {
      const g = grader(c);
      if (!g.grade || g.solution) return c;
      const original = tests.get(g.grade_id);
      if (!original) throw new Error(`test cell ${g.grade_id} is not in the instructor edition`);
      return { ...c, source: original.source, metadata: original.metadata };
    }),
  };
}

/** The exercise ids a notebook grades (from its nbgrader cells), e.g. to find its lesson. */
export function gradedExercises(nb: NotebookFile): string[] {
  return [...new Set(nb.cells.filter((c) => grader(c).grade).map((c) => String(c.metadata?.bitbound?.exercise ?? "")).filter((e) => e !== ""))];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The first line of a cell's error (an `error` output, or what tslab wrote to stderr), or "" when it ran cleanly. */
export function cellError(cell: NotebookCell): string {
  for (const out of (cell.outputs ?? []) as Record<string, any>[]) {
    if (out.output_type === "error") {
      const text = [out.ename, out.evalue].filter((x) => x && String(x).trim() !== "").join(": ") || String((out.traceback ?? [])[0] ?? "error");
      return text.replace(ANSI, "").split("\n").find((l: string) => l.trim() !== "")?.trim() ?? "error";
    }
  }
  for (const out of (cell.outputs ?? []) as Record<string, any>[]) {
    if (out.output_type === "stream" && out.name === "stderr") {
      const text = (Array.isArray(out.text) ? out.text.join("") : String(out.text)).replace(ANSI, "");
      const all = text.split("\n").map((l) => l.trim()).filter((l) => l !== "");
      // tslab writes a thrown error as "evalmachine…:3", the source line, "^", then "Error: message"; a type error as "1:19 - message"
      return all.find((l) => /^[A-Za-z]*(Error|Exception)\b.*:/.test(l)) ?? all.find((l) => /^\d+:\d+ - /.test(l)) ?? all[0] ?? "error";
    }
  }
  return "";
}

/**
 * Scores an executed notebook (run with errors allowed, so every test ran).
 *
 * @param executed - the executed notebook (outputs kept)
 * @param student - the student's name for the rows (usually the submitted file's name)
 * @returns one row per exercise, in notebook order
 * @example
 * ```ts
 * scoreNotebook(executed, "alice.ipynb"); // [{ student: "alice.ipynb", exercise: "00.1", points: 1, score: 0, passed: false, message: "not yet answered" }, …]
 * ```
 */
export function scoreNotebook(executed: NotebookFile, student: string): GradeRow[] {
  const rows: GradeRow[] = [];
  const answerError = new Map<string, string>();
  for (const cell of executed.cells) {
    const g = grader(cell);
    const exercise = String(cell.metadata?.bitbound?.exercise ?? "");
    if (!g.grade_id || !exercise) continue;
    if (g.solution) {
      answerError.set(exercise, cellError(cell));
      if (g.grade) rows.push({ student, exercise, gradeId: g.grade_id, points: g.points ?? 0, score: null, passed: null, message: "graded by hand (rubric)" });
      continue;
    }
    if (!g.grade) continue;
    const error = cellError(cell);
    const ran = cell.execution_count !== null && cell.execution_count !== undefined;
    const before = answerError.get(exercise) ?? "";
    // a passed test printed one ✓ line per check: a cell the kernel skipped (aborted) printed nothing
    const calls = (cellSource(cell).match(/^\s*(check|checkDigest)\(/gm) ?? []).length;
    const ticks = ((cell.outputs ?? []) as Record<string, any>[]).filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => (Array.isArray(o.text) ? o.text.join("") : String(o.text))).join("").split("\n").filter((l) => l.startsWith("✓ ")).length;
    const skipped = ran && error === "" && ticks < calls;
    const message = !ran || skipped ? "the test did not run" : error === "" ? "" : /not yet answered/.test(before) ? "not yet answered" : error;
    const passed = ran && error === "" && !skipped;
    rows.push({ student, exercise, gradeId: g.grade_id, points: g.points ?? 0, score: passed ? (g.points ?? 0) : 0, passed, message });
  }
  return rows;
}

/** A grade sheet as CSV (RFC 4180: fields with a comma, quote or line break quoted, quotes doubled), header first. */
export function gradeCsv(rows: readonly GradeRow[]): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = ["student", "exercise", "grade_id", "points", "score", "passed", "message"];
  return [header.join(","), ...rows.map((r) => [r.student, r.exercise, r.gradeId, r.points, r.score, r.passed, r.message].map(field).join(","))].join("\r\n") + "\r\n";
}

