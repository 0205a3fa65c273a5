import { afterAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as lib from "../../../src/index";
import { acceptsAnswer, CourseFileError, loadCourse, loadFlashcards, loadQuiz, recomputeAnswer, validateCourse } from "../../../src/course/index";

const root = join(__dirname, "..", "..", "..");
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the real course files in a temporary folder (deleted after the tests), to break on purpose. */
function scratchCourse(): string {
  const dir = mkdtempSync(join(tmpdir(), "bitbound-course-"));
  temporary.push(dir);
  cpSync(join(root, "lessons"), join(dir, "lessons"), { recursive: true });
  cpSync(join(root, "notebooks"), join(dir, "notebooks"), { recursive: true });
  return dir;
}

function editManifest(dir: string, edit: (text: string) => string): void {
  const file = join(dir, "lessons", "course.yaml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
}

describe("the course on disk", () => {
  it("validates: manifest, lesson files, and every notebook listed", () => {
    expect(validateCourse(root)).toEqual([]);
  });

  it("has the twelve lessons of the outline in three stages after the welcome", () => {
    const course = loadCourse(root);
    expect(course.lessons.map((l) => l.id)).toEqual(["00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]);
    expect(new Set(course.lessons.filter((l) => l.id !== "00").map((l) => l.stage))).toEqual(new Set([1, 2, 3]));
  });

  it("recomputes every numeric quiz answer of every available lesson with the library", () => {
    const course = loadCourse(root);
    let numeric = 0;
    for (const lesson of course.lessons.filter((l) => l.status === "available" && l.stage > 0)) {
      for (const q of loadQuiz(lesson, root).questions) {
        if (q.type !== "numeric") continue;
        numeric += 1;
        const value = recomputeAnswer(q, lib as unknown as Record<string, unknown>);
        expect(acceptsAnswer(q, value), `lesson ${lesson.id} question ${q.id}: library gives ${value}, quiz says ${q.answer}`).toBe(true);
      }
    }
    const available = course.lessons.filter((l) => l.status === "available" && l.stage > 0).length;
    expect(numeric).toBeGreaterThanOrEqual(3 * available);
  });
});

describe("validateCourse reports problems with file and field", () => {
  it("names a missing field of the manifest", () => {
    const dir = scratchCourse();
    editManifest(dir, (t) => t.replace('    title: "Welcome: how to use this course"\n', ""));
    expect(validateCourse(dir)).toContain("lessons/course.yaml: lessons[0].title: Required");
  });

  it("names an unknown prerequisite, a bad stage and a misnamed notebook", () => {
    const dir = scratchCourse();
    editManifest(dir, (t) =>
      t
        .replace('prerequisites: ["00"]\n', 'prerequisites: ["99"]\n')
        .replace("    stage: 2\n", "    stage: 7\n")
        .replace("notebook: 04-optimization-to-estimation.ipynb", "notebook: 04-optimisation.ipynb"),
    );
    const problems = validateCourse(dir);
    expect(problems).toContain('lessons/course.yaml: lessons[1].prerequisites[0]: "99" is not an earlier lesson\'s id');
    expect(problems.some((p) => /lessons\[\d+\]\.stage: 7 is not a stage id/.test(p))).toBe(true);
    expect(problems).toContain('lessons/course.yaml: lessons[4].notebook: must be "04-optimization-to-estimation.ipynb", got "04-optimisation.ipynb"');
  });

  it("names a notebook that is not in the manifest and an available lesson without its notebook", () => {
    const dir = scratchCourse();
    writeFileSync(join(dir, "notebooks", "99-stray.ipynb"), "{}");
    editManifest(dir, (t) => t.replace(/(id: "12"[\s\S]*?status: )planned/, "$1available"));
    rmSync(join(dir, "notebooks", "12-adam-muon-low-precision.ipynb"), { force: true }); // lesson 12 may already be available
    const problems = validateCourse(dir);
    expect(problems).toContain("notebooks/99-stray.ipynb: not listed in lessons/course.yaml");
    expect(problems).toContain("lessons/course.yaml: lessons[12].notebook: notebooks/12-adam-muon-low-precision.ipynb does not exist");
  });

  it("reports YAML syntax errors with the file name", () => {
    const dir = scratchCourse();
    editManifest(dir, (t) => t + "\n  : : [\n");
    const problems = validateCourse(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^lessons\/course.yaml: not valid YAML/);
  });

  it("reports a quiz with too few questions and an answer index out of range", () => {
    const dir = scratchCourse();
    const lesson = loadCourse(dir).lessons.find((l) => l.status === "available" && l.stage > 0);
    expect(lesson, "an available stage lesson to break").toBeDefined();
    if (!lesson) return;
    const quizFile = join(dir, "lessons", lesson.guide.replace("guide.md", "quiz.yaml"));
    writeFileSync(quizFile, `lesson: "${lesson.id}"\nquestions:\n  - id: a\n    type: multiple-choice\n    prompt: p\n    choices: [x, y]\n    answer: 5\n    explanation: e\n`);
    const problems = validateCourse(dir);
    expect(problems.some((p) => p.includes("quiz.yaml: questions: a quiz needs at least 6 questions"))).toBe(true);
    expect(() => loadQuiz(lesson, dir)).toThrow(CourseFileError);
  });
});

describe("flashcard ids and numeric routes", () => {
  const cards = (ids: (string | undefined)[]) =>
    `lesson: "01"\ncards:\n` + ids.map((id, i) => `  - ${id === undefined ? "" : `id: ${JSON.stringify(id)}\n    `}front: "f${i}"\n    back: "b${i}"\n`).join("");
  const ten = Array.from({ length: 10 }, (_, i) => `card-${i}`);
  const lessonOf = (dir: string) => loadCourse(dir).lessons.find((l) => l.id === "01")!;

  it("requires a stable id on every card, lower-case words joined by hyphens, unique in the lesson", () => {
    const dir = scratchCourse();
    const file = join(dir, "lessons", "01-floating-point", "flashcards.yaml");
    writeFileSync(file, cards(ten));
    expect(loadFlashcards(lessonOf(dir), dir).cards.map((c) => c.id)).toEqual(ten);
    writeFileSync(file, cards([...ten.slice(0, 9), undefined]));
    expect(validateCourse(dir)).toContain("lessons/01-floating-point/flashcards.yaml: cards[9].id: Required");
    writeFileSync(file, cards([...ten.slice(0, 9), "card-3"]));
    expect(validateCourse(dir)).toContain('lessons/01-floating-point/flashcards.yaml: cards[9].id: "card-3" is already the id of cards[3]; ids are unique in a lesson');
    for (const bad of ["E4M3-max", "e4m3_max", "-e4m3", "e4m3--max", "e4m3-", ""]) {
      writeFileSync(file, cards([...ten.slice(0, 9), bad]));
      expect(validateCourse(dir), bad).toContain('lessons/01-floating-point/flashcards.yaml: cards[9].id: must be lower-case words joined by hyphens, such as "e4m3-max"');
    }
  });

  it("requires a route on every numeric question", () => {
    const dir = scratchCourse();
    const file = join(dir, "lessons", "01-floating-point", "quiz.yaml");
    const mc = (i: number) => `  - id: m${i}\n    type: multiple-choice\n    prompt: p\n    choices: [x, y]\n    answer: 0\n    explanation: e\n`;
    const numeric = (route: string | null) => `  - id: n\n    type: numeric\n    prompt: p\n    answer: 1\n    compute: "1"\n${route === null ? "" : `    route: ${JSON.stringify(route)}\n`}    explanation: e\n`;
    const quiz = (route: string | null) => `lesson: "01"\nquestions:\n${[1, 2, 3, 4, 5].map(mc).join("")}${numeric(route)}`;
    writeFileSync(file, quiz("brute force over all codes"));
    expect(loadQuiz(lessonOf(dir), dir).questions[5]).toMatchObject({ route: "brute force over all codes" });
    writeFileSync(file, quiz(null));
    expect(validateCourse(dir)).toContain("lessons/01-floating-point/quiz.yaml: questions[5].route: Required");
    writeFileSync(file, quiz(" "));
    expect(validateCourse(dir)).toContain("lessons/01-floating-point/quiz.yaml: questions[5].route: must be a non-empty string");
  });
});

describe("recomputeAnswer and acceptsAnswer", () => {
  it("evaluates an expression with the library in scope", () => {
    expect(recomputeAnswer({ id: "q", compute: "createRandom(1).seed + Math.sqrt(4)" }, lib as unknown as Record<string, unknown>)).toBe(3);
    expect(() => recomputeAnswer({ id: "q", compute: "'text'" }, {})).toThrow(/question q: compute must evaluate to a number/);
  });

  it("accepts within absolute plus relative tolerance", () => {
    expect(acceptsAnswer({ answer: 100, tolerance: 1, relativeTolerance: 0.01 }, 102)).toBe(true);
    expect(acceptsAnswer({ answer: 100, tolerance: 1, relativeTolerance: 0.01 }, 102.1)).toBe(false);
    expect(acceptsAnswer({ answer: 448 }, 448)).toBe(true);
  });
});
