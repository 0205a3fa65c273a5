import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answerDigest, checkDigest, checkQuietly } from "../../../src/classroom/answerDigest";
import { identifiersIn, topLevelNames, trailingChecks } from "../../../src/classroom/checkCalls";
import { buildEditions, cellText, type NotebookCell, type NotebookFile } from "../../../src/classroom/editions";
import { gradeCsv, restoreTests, scoreNotebook } from "../../../src/classroom/grade";
import { CheckError } from "../../../src/notebook/check";

const root = join(__dirname, "..", "..", "..");
const code = (source: string, metadata: Record<string, unknown> = {}): NotebookCell => ({ cell_type: "code", source, metadata, outputs: [], execution_count: null });
const md = (source: string, metadata: Record<string, unknown> = {}): NotebookCell => ({ cell_type: "markdown", source, metadata });
const notebook = (cells: NotebookCell[]): NotebookFile => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

/** A two-exercise notebook: one computed answer with a literal expectation, one proof-style. */
function tiny(): NotebookFile {
  return notebook([
    code('import { check } from "bitbound";'),
    md("**Try it 9.1.** How many bits?", { tags: ["exercise"], bitbound: { exercise: "09.1" } }),
    code('// 4 + 8/16\nconst secretBits = 4 + 8 / 16;\ncheck("bits per element", { actual: secretBits, expected: 4.5, kind: "independent", by: "packMx" });', { tags: ["solution"], bitbound: { exercise: "09.1", role: "solution", answers: ["4.5"] } }),
    md("**Try it 9.2.** Show that the sum is even.", { tags: ["exercise"], bitbound: { exercise: "09.2" } }),
    code('// 2k + 2m = 2(k + m)\nconst proofSum = 2 + 4;\ncheck("even", {\n  actual: proofSum % 2, expected: 0, kind: "restatement",\n});', { tags: ["solution"], bitbound: { exercise: "09.2", role: "solution", answers: ["2(k + m)"] } }),
  ]);
}

describe("trailingChecks", () => {
  it("splits the body from the final checks, multi-line calls included, and reads their fields", () => {
    const { body, checks } = trailingChecks('const a = f(1, [2, 3]);\ncheck("one; two", { actual: a, expected: [1, 2] });\ncheck("x", {\n  actual: g({ k: 1 }), atLeast: 2,\n});');
    expect(body).toBe("const a = f(1, [2, 3]);");
    expect(checks.map((c) => c.fields)).toEqual([
      [["actual", "a"], ["expected", "[1, 2]"]],
      [["actual", "g({ k: 1 })"], ["atLeast", "2"]],
    ]);
  });
  it("finds declared names and the identifiers an expression reads (spread included, strings and properties not)", () => {
    expect(topLevelNames("const a = 1;\nfunction f() {\n  const inner = 2;\n}\nlet { b, c: d } = o;")).toEqual(["a", "f", "b", "d"]);
    expect(identifiersIn('Math.max(...rows.map((r) => r.x), "name")')).toEqual(expect.arrayContaining(["Math", "rows", "r"]));
    expect(identifiersIn('Math.max(...rows.map((r) => r.x), "name")')).not.toContain("name");
  });
});

describe("answerDigest and checkDigest", () => {
  it("accepts a value that rounds to the same digits and refuses another, salted by exercise", () => {
    const digest = answerDigest("09.1", 4.5, 12);
    expect(answerDigest("09.1", 4.5 + 1e-15, 12)).toBe(digest);
    expect(answerDigest("09.1", 4.25, 12)).not.toBe(digest);
    expect(answerDigest("09.2", 4.5, 12)).not.toBe(digest);
    expect(() => checkDigest("t", { actual: 4.5, exercise: "09.1", digest, digits: 12 })).not.toThrow();
    expect(() => checkDigest("t", { actual: 4.25, exercise: "09.1", digest, digits: 12 })).toThrow(CheckError);
    expect(() => answerDigest("09.1", 1, 0)).toThrow(/digits/);
  });
});

describe("checkQuietly", () => {
  it("on failure shows the learner's side and hides the library's", () => {
    const fail = (learner: "actual" | "expected") => {
      try {
        checkQuietly("t", learner, { actual: 247, expected: 249 });
      } catch (e) {
        return (e as Error).message;
      }
      return "passed";
    };
    expect(fail("expected")).toContain("expected 249");
    expect(fail("expected")).not.toContain("247");
    expect(fail("actual")).toContain("247");
    expect(fail("actual")).not.toContain("249");
    expect(() => checkQuietly("t", "expected", { actual: 247, expected: 247 })).not.toThrow();
    expect(() => checkQuietly("t", "expected", { actual: 247, expected: 249 })).toThrow(CheckError);
  });
  it("the welcome notebook's test of Try it 0.1 (library count against the learner's) uses it", () => {
    const nb = JSON.parse(readFileSync(join(root, "notebooks", "00-welcome.ipynb"), "utf8")) as NotebookFile;
    const test = buildEditions(nb).student.cells.find((c) => c.metadata.nbgrader?.grade_id === "ex-00-1-test")!;
    expect(cellText(test)).toContain('checkQuietly("Try it 0.1, test 1 of 1", "expected", { actual: representableValues("e5m2").length, expected: e5m2Count,');
  });
});

describe("buildEditions", () => {
  const { instructor, student, exercises } = buildEditions(tiny());
  const studentText = JSON.stringify(student);

  it("hides the solution and the literal answer from the student edition, keeping a digest test", () => {
    expect(studentText).not.toContain("secretBits = 4 + 8 / 16");
    expect(studentText).not.toContain("4.5");
    expect(studentText).not.toContain("2(k + m)");
    expect(studentText).not.toContain("answers");
    const stub = student.cells[2];
    expect(cellText(stub)).toContain('throw new Error("not yet answered: exercise 09.1")');
    expect(cellText(stub)).toContain("secretBits");
    const test = student.cells[3];
    expect(cellText(test)).toContain("checkDigest(");
    expect(cellText(test)).not.toContain("HIDDEN");
    expect(test.metadata.nbgrader).toMatchObject({ grade: true, solution: false, locked: true, points: 1, grade_id: "ex-09-1-test", schema_version: 3 });
  });

  it("marks the instructor's solution region, keeps the hidden tests, and gives proofs a rubric", () => {
    expect(cellText(instructor.cells[2])).toMatch(/^\/\/ BEGIN SOLUTION\n[\s\S]*\n\/\/ END SOLUTION$/);
    expect(cellText(instructor.cells[3])).toContain('// BEGIN HIDDEN TESTS\ncheck("bits per element", { actual: secretBits, expected: 4.5');
    expect(exercises.map((e) => [e.exercise, e.grading, e.points])).toEqual([["09.1", "tests", 1], ["09.2", "rubric", 2]]);
    const rubric = instructor.cells.find((c) => c.metadata.nbgrader?.grade_id === "ex-09-2-rubric");
    expect(cellText(rubric!)).toContain("2k + 2m = 2(k + m)");
    expect(student.cells.some((c) => c.metadata.nbgrader?.grade_id === "ex-09-2-rubric")).toBe(false);
    expect(student.cells[5].metadata.nbgrader).toMatchObject({ grade: true, solution: true, points: 2 });
  });

  it("uses the // BEGIN SOLUTION markers when a solution has them", () => {
    const nb = tiny();
    nb.cells[2].source = 'const keep = 1;\n// BEGIN SOLUTION\nconst secretBits = 4.5;\n// END SOLUTION\ncheck("b", { actual: secretBits, expected: 4.5, kind: "restatement" });';
    const stub = cellText(buildEditions(nb).student.cells[2]);
    expect(stub.startsWith("const keep = 1;\n// Try it 9.1")).toBe(true);
    expect(stub).not.toContain("secretBits = 4.5");
  });

  it("every course notebook splits: each solution ends in checks and no solution line reaches the student edition", () => {
    const course = JSON.parse(JSON.stringify(readFileSync(join(root, "lessons", "course.yaml"), "utf8"))) as string;
    const notebooks = [...course.matchAll(/notebook: (\S+\.ipynb)/g)].map((m) => m[1]);
    for (const name of notebooks) {
      let source: NotebookFile;
      try {
        source = JSON.parse(readFileSync(join(root, "notebooks", name), "utf8")) as NotebookFile;
      } catch {
        continue; // a planned lesson without a notebook
      }
      const { student: s, exercises: ex } = buildEditions(source);
      const text = s.cells.map(cellText).join("\n");
      // a line the notebook shows outside its solutions (a scaffold in the prompt) is no secret; comments stripped
      const norm = (l: string) => l.replace(/\s*\/\/.*$/, "").trim();
      const shown = source.cells.filter((c) => !c.metadata?.tags?.includes("solution")).map(cellText).join("\n");
      for (const c of source.cells.filter((c) => c.metadata?.tags?.includes("solution"))) {
        for (const line of cellText(c).split("\n").map(norm)) {
          if (line.length > 3 && !shown.includes(line)) expect(text.includes(line), `${name}: ${line}`).toBe(false);
        }
      }
      for (const c of source.cells.filter((c) => c.metadata?.tags?.includes("solution"))) {
        // an answer the lesson itself states outside the solution (e.g. 04's 2.25 in an unrelated check) is no leak of ours
        const outside = source.cells.filter((x) => !x.metadata?.tags?.includes("solution")).map(cellText).join("\n");
        for (const answer of (c.metadata.bitbound.answers as string[]).filter((a) => !outside.includes(a))) expect(JSON.stringify(s).includes(JSON.stringify(answer).slice(1, -1)), `${name}: answer ${answer}`).toBe(false);
      }
      expect(ex.length).toBe(source.cells.filter((c) => c.metadata?.tags?.includes("solution")).length);
    }
  });
});

describe("grading", () => {
  const { instructor, student } = buildEditions(tiny());
  it("restores the instructor's tests into an edited test cell", () => {
    const edited = { ...student, cells: student.cells.map((c) => (c.metadata.nbgrader?.grade_id === "ex-09-1-test" ? { ...c, source: "// nothing to see" } : c)) };
    expect(cellText(restoreTests(edited, instructor).cells[3])).toContain("BEGIN HIDDEN TESTS");
  });
  it("scores a passed test, a stub left alone, a wrong answer, a skipped cell and a rubric", () => {
    const run = (answerOut: unknown[], testOut: unknown[], count: number | null = 2) => {
      const nb = restoreTests(student, instructor);
      nb.cells[2] = { ...nb.cells[2], outputs: answerOut, execution_count: 1 };
      nb.cells[3] = { ...nb.cells[3], outputs: testOut, execution_count: count };
      return scoreNotebook(nb, "s.ipynb");
    };
    const ok = [{ output_type: "stream", name: "stdout", text: ["✓ a\n", "✓ b\n"] }];
    const stub = [{ output_type: "stream", name: "stderr", text: ["evalmachine.<anonymous>:3\n", "throw …\n", "^\n", "Error: not yet answered: exercise 09.1\n"] }];
    const wrong = [{ output_type: "stream", name: "stderr", text: ["evalmachine.<anonymous>:1\n", "CheckError: ✗ Try it 9.1, test 1 of 1: does not match\n"] }];
    const compile = [{ output_type: "stream", name: "stderr", text: ["2:10 - Cannot find name 'secretBits'.\n"] }];
    expect(run([], ok)[0]).toMatchObject({ exercise: "09.1", points: 1, score: 1, passed: true, message: "" });
    expect(run(stub, compile)[0]).toMatchObject({ score: 0, passed: false, message: "not yet answered" });
    expect(run([], wrong)[0]).toMatchObject({ score: 0, passed: false, message: "CheckError: ✗ Try it 9.1, test 1 of 1: does not match" });
    expect(run([], [])[0]).toMatchObject({ score: 0, passed: false, message: "the test did not run" });
    expect(run([], ok)[1]).toMatchObject({ exercise: "09.2", points: 2, score: null, passed: null, message: "graded by hand (rubric)" });
  });
  it("writes RFC 4180 CSV", () => {
    const csv = gradeCsv([{ student: "a,b.ipynb", exercise: "09.1", gradeId: "ex-09-1-test", points: 1, score: 0, passed: false, message: 'said "no"' }]);
    expect(csv).toBe('student,exercise,grade_id,points,score,passed,message\r\n"a,b.ipynb",09.1,ex-09-1-test,1,0,false,"said ""no"""\r\n');
  });
});
