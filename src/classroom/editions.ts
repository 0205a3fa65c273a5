import { answerDigest } from "./answerDigest";
import { identifiersIn, topLevelNames, trailingChecks, type CheckCall } from "./checkCalls";

/**
 * The classroom editions of a notebook (issue 17, "Graded exercises, nbgrader-style"): from a course
 * notebook, an **instructor** edition (the notebook as it is, each solution region between
 * `// BEGIN SOLUTION` and `// END SOLUTION`, followed by a test cell with visible and hidden tests, or a
 * rubric for proof-style exercises) and a **student** edition (each solution region replaced by a stub
 * that throws `not yet answered: exercise NN.k`, followed by the visible test only). Cells carry
 * nbgrader's metadata (schema version 3), so nbgrader can autograde the instructor edition's tests too:
 * the hidden tests sit between `// BEGIN HIDDEN TESTS` and `// END HIDDEN TESTS`, which nbgrader's
 * default delimiters match.
 *
 * The visible test comes from the solution's final `check` calls. A check whose expectation is an
 * expression (a recomputation by the library, the learner's own variable) is kept with a neutral claim;
 * when exactly one side reads the learner's names, the check becomes {@link checkQuietly}, whose failure
 * message does not print the library's side (the answer);
 * a check whose expectation is a literal (the answer in plain text) becomes a {@link checkDigest} of
 * that value, so the learner can test without seeing it. A literal with a Monte Carlo `stderr` or an
 * absolute `atol`, or one off the centre of its rounding cell, cannot be digested faithfully: it stays
 * a hidden test only, and the exercise's report says so.
 *
 * @packageDocumentation
 */

/** A notebook cell, as nbformat 4 stores it. */
export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: Record<string, any>;
  outputs?: unknown[];
  execution_count?: number | null;
}

/** An nbformat 4 notebook. */
export interface NotebookFile {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

/** How one exercise is graded in the editions. */
export interface ExerciseGrading {
  exercise: string;
  /** `tests` (autograded) or `rubric` (a proof-style prompt: graded by hand) */
  grading: "tests" | "rubric";
  points: number;
  /** checks in the visible test: kept as written (a recomputation) and digested (a literal hidden by a hash) */
  visibleKept: number;
  visibleDigested: number;
  /** checks that could only stay hidden, each with the reason */
  hiddenOnly: string[];
  /** the names the visible test reads from the learner's answer */
  reads: string[];
}

/** Points of an autograded exercise and of a rubric (argument plus confirming computation), unless `metadata.bitbound.points` says. */
export const DEFAULT_POINTS = { tests: 1, rubric: 2 } as const;

/** A prompt asking for a proof or derivation is graded by rubric. */
export const PROOF_STYLE = /\b(show that|derive|prove)\b/i;

const BEGIN = "// BEGIN SOLUTION";
const END = "// END SOLUTION";

/** The text of a cell's source. */
export function cellText(cell: Pick<NotebookCell, "source">): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** nbformat stores sources as lists of lines, each but the last ending in a newline. */
function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** `ex-02-3-test` from exercise `02.3` and a role. */
export function gradeId(exercise: string, role: "answer" | "test" | "rubric"): string {
  return `ex-${exercise.replace(/\./g, "-")}-${role}`;
}

function nbgrader(fields: { grade: boolean; solution: boolean; locked: boolean; points?: number; grade_id: string; cell_type: string }) {
  return { nbgrader: { ...fields, schema_version: 3 } };
}

/** "2.3" from exercise "02.3", as the prompts' headlines ("Try it 2.3") write it. */
export function headline(exercise: string): string {
  return exercise.replace(/^0(?=\d)/, "");
}

/** The stub a student sees in place of a solution region. */
export function stubText(exercise: string, reads: string[]): string {
  const reading = reads.length > 0 ? ` The test cell below reads ${reads.join(", ")}: define ${reads.length > 1 ? "them" : "it"} here.` : "";
  return `// Try it ${headline(exercise)}: your answer here, in place of the line that throws.${reading}\nthrow new Error("not yet answered: exercise ${exercise}");`;
}

const LITERAL = /^[\d\s.,+\-*/()[\]eE]+$/;

/** The value of a numeric literal expression (digits, operators, brackets only), or undefined. */
function literalValue(text: string): number | number[] | undefined {
  if (!LITERAL.test(text) || !/\d/.test(text)) return undefined;
  try {
    const v = new Function(`return (${text});`)() as unknown;
    if (typeof v === "number") return v;
    if (Array.isArray(v) && v.every((x) => typeof x === "number")) return v as number[];
  } catch {
    return undefined;
  }
  return undefined;
}

/** Whether every value sits at the centre of its rounding cell at `digits` significant digits (so rounding cannot split near-equal values). */
function centred(value: number | number[], digits: number): boolean {
  const all = typeof value === "number" ? [value] : value;
  return all.every((x) => !Number.isFinite(x) || x === 0 || Math.abs(Number(x.toPrecision(digits)) - x) <= Math.abs(x) * 10 ** -(digits + 3));
}

/** One check of the solution as a visible test line, or the reason it must stay hidden. */
function visibleLine(call: CheckCall, exercise: string, label: string, learnerNames: Set<string>): { line: string; digested: boolean; quiet?: boolean } | { hidden: string } {
  const field = new Map(call.fields);
  const expected = field.get("expected");
  const literal = expected === undefined ? undefined : literalValue(expected);
  if (literal === undefined) {
    const fields = call.fields.map(([k, v]) => `${k}: ${v}`).join(", ");
    // one side the learner's, the other the library's recomputation: a failure must not print the latter
    const reads = (k: string) => field.has(k) && identifiersIn(field.get(k)!).some((n) => learnerNames.has(n));
    const learner = expected === undefined ? null : reads("expected") && !reads("actual") ? "expected" : reads("actual") && !reads("expected") ? "actual" : null;
    if (learner) return { line: `checkQuietly(${JSON.stringify(label)}, "${learner}", { ${fields} });`, digested: false, quiet: true };
    return { line: `check(${JSON.stringify(label)}, { ${fields} });`, digested: false };
  }
  if (field.has("stderr")) return { hidden: `${label}: a literal expectation with a Monte Carlo stderr` };
  if (field.has("atol")) return { hidden: `${label}: a literal expectation with an absolute tolerance` };
  const rtol = field.has("rtol") ? literalValue(field.get("rtol")!) : 0;
  if (typeof rtol !== "number") return { hidden: `${label}: a relative tolerance that is not a literal` };
  const digits = rtol > 0 ? Math.max(1, Math.min(12, Math.floor(-Math.log10(rtol)) - 1)) : 12;
  if (!centred(literal, digits)) return { hidden: `${label}: the value is not at the centre of its ${digits}-digit rounding cell` };
  const digest = answerDigest(exercise, literal, digits);
  return { line: `checkDigest(${JSON.stringify(label)}, { actual: ${field.get("actual")}, exercise: ${JSON.stringify(exercise)}, digest: ${JSON.stringify(digest)}, digits: ${digits} });`, digested: true };
}

/** The rubric cell of a proof-style exercise (instructor edition): the solution's argument and its checks. */
function rubricText(exercise: string, points: number, solution: string, checks: CheckCall[]): string {
  const argument = solution
    .split("\n")
    .filter((l) => /^\s*\/\//.test(l) && !l.includes("BEGIN SOLUTION") && !l.includes("END SOLUTION"))
    .map((l) => `> ${l.replace(/^\s*\/\/\s?/, "")}`);
  return [
    `**Rubric, Try it ${headline(exercise)} (${points} points, graded by hand).**`,
    "",
    `- ${points - 1} point${points - 1 === 1 ? "" : "s"}: the argument is complete and correct. The model argument, from the solution cell:`,
    "",
    ...argument,
    "",
    `- 1 point: the confirming computation runs and agrees with it, as the solution's checks do (${checks.map((c) => c.claim).join("; ") || "no checks"}).`,
    "- No point for a numerical confirmation without the argument.",
  ].join("\n");
}

/**
 * Builds both editions of one notebook.
 *
 * @param notebook - a course notebook (nbformat 4, outputs cleared)
 * @returns the instructor and student notebooks and how each exercise is graded
 * @throws Error naming the exercise when a solution cell has no prompt before it or cannot be split
 * @example
 * ```ts
 * const { student, exercises } = buildEditions(JSON.parse(readFileSync("notebooks/00-welcome.ipynb", "utf8")));
 * exercises.map((e) => e.exercise); // ["00.1", "00.2", "00.3"]
 * ```
 */
export function buildEditions(notebook: NotebookFile): { instructor: NotebookFile; student: NotebookFile; exercises: ExerciseGrading[] } {
  const instructor: NotebookCell[] = [];
  const student: NotebookCell[] = [];
  const exercises: ExerciseGrading[] = [];
  let prompt: { exercise: string; text: string } | null = null;
  for (const cell of notebook.cells) {
    const tags: string[] = cell.metadata?.tags ?? [];
    const meta = cell.metadata?.bitbound ?? {};
    if (tags.includes("exercise") && cell.cell_type === "markdown") {
      prompt = { exercise: String(meta.exercise), text: cellText(cell) };
      const locked = { ...cell, metadata: { ...cell.metadata, ...nbgrader({ grade: false, solution: false, locked: true, grade_id: `ex-${String(meta.exercise).replace(/\./g, "-")}-prompt`, cell_type: "markdown" }) } };
      instructor.push(locked);
      student.push(locked);
      continue;
    }
    if (!(tags.includes("solution") && cell.cell_type === "code")) {
      instructor.push(cell);
      student.push(cell);
      continue;
    }
    const exercise = String(meta.exercise);
    if (!prompt || prompt.exercise !== exercise) throw new Error(`exercise ${exercise}: its solution cell does not follow its prompt (a markdown cell tagged exercise)`);
    const source = cellText(cell);
    let before = "";
    let region: string;
    let after: string;
    if (source.includes(BEGIN) && source.includes(END)) {
      before = source.slice(0, source.indexOf(BEGIN));
      region = source.slice(source.indexOf(BEGIN) + BEGIN.length, source.indexOf(END)).replace(/^\n/, "").replace(/\s+$/, "");
      after = source.slice(source.indexOf(END) + END.length).replace(/^\n/, "");
    } else {
      const split = trailingChecks(source);
      region = split.body;
      after = split.checks.map((c) => c.text + ";").join("\n");
    }
    const { body: afterBody, checks } = trailingChecks(after);
    const rubric = PROOF_STYLE.test(prompt.text);
    const points = typeof meta.points === "number" ? meta.points : rubric ? DEFAULT_POINTS.rubric : DEFAULT_POINTS.tests;
    const declared = new Set(topLevelNames(region));
    const reads = [...new Set(checks.flatMap((c) => c.fields.flatMap(([, v]) => identifiersIn(v))))].filter((n) => declared.has(n));
    const { answers: _answers, ...publicMeta } = meta;
    const id = cell.id ?? gradeId(exercise, "answer");
    const answerMeta = (grade: boolean) => ({ ...cell.metadata, bitbound: publicMeta, ...nbgrader({ grade, solution: true, locked: false, ...(grade ? { points } : {}), grade_id: gradeId(exercise, "answer"), cell_type: "code" }) });
    const stub = { ...cell, id, source: lines(`${before}${stubText(exercise, rubric ? [] : reads)}${afterBody ? "\n" + afterBody : ""}`), metadata: answerMeta(rubric), outputs: [], execution_count: null };
    if (rubric) {
      instructor.push({ ...cell, id, source: lines(`${before}${BEGIN}\n${region}\n${after}\n${END}`.replace(/\n+$/, "")), metadata: { ...cell.metadata, ...answerMeta(true) } });
      instructor.push({ cell_type: "markdown", id: gradeId(exercise, "rubric"), source: lines(rubricText(exercise, points, region, checks)), metadata: nbgrader({ grade: false, solution: false, locked: true, grade_id: gradeId(exercise, "rubric"), cell_type: "markdown" }) });
      student.push(stub);
      exercises.push({ exercise, grading: "rubric", points, visibleKept: 0, visibleDigested: 0, hiddenOnly: [], reads: [] });
      continue;
    }
    const visible: string[] = [];
    const hiddenOnly: string[] = [];
    let digested = 0;
    let quiet = 0;
    checks.forEach((c, k) => {
      const label = `Try it ${headline(exercise)}, test ${k + 1} of ${checks.length}`;
      const v = visibleLine(c, exercise, label, declared);
      if ("hidden" in v) hiddenOnly.push(v.hidden);
      else {
        visible.push(v.line);
        if (v.digested) digested++;
        if (v.quiet) quiet++;
      }
    });
    const header = [
      `// Test of Try it ${headline(exercise)} (${points} point${points === 1 ? "" : "s"}): run it after your answer.${reads.length ? ` It reads ${reads.join(", ")}.` : ""}`,
      ...(digested + quiet > 0 ? [`import { ${[digested > 0 ? "checkDigest" : "", quiet > 0 ? "checkQuietly" : ""].filter(Boolean).join(", ")} } from "bitbound";`] : []),
      ...(visible.length === 0 ? ["// No visible test for this exercise: it is graded by the instructor's tests."] : []),
    ];
    const testMeta = (src: string) => ({ cell_type: "code" as const, id: gradeId(exercise, "test"), source: lines(src), outputs: [], execution_count: null, metadata: { tags: ["test"], bitbound: { exercise, role: "test" }, ...nbgrader({ grade: true, solution: false, locked: true, points, grade_id: gradeId(exercise, "test"), cell_type: "code" }) } });
    instructor.push({ ...cell, id, source: lines(`${before}${BEGIN}\n${region}\n${END}${afterBody ? "\n" + afterBody : ""}`), metadata: { ...cell.metadata, ...answerMeta(false) } });
    instructor.push(testMeta([...header, ...visible, "// BEGIN HIDDEN TESTS", ...checks.map((c) => c.text + ";"), "// END HIDDEN TESTS"].join("\n")));
    student.push(stub);
    student.push(testMeta([...header, ...visible].join("\n")));
    exercises.push({ exercise, grading: "tests", points, visibleKept: visible.length - digested, visibleDigested: digested, hiddenOnly, reads });
  }
  return { instructor: { ...notebook, cells: instructor }, student: { ...notebook, cells: student }, exercises };
}
