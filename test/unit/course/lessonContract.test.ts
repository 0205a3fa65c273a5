import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deepDiveFiles, findCheckCalls, lessonFolder, loadCourse, loadFlashcards } from "../../../src/course/index";

/**
 * The lesson contract (docs/CONVENTIONS.md, "Notebooks and lessons"), read from each available lesson's
 * committed notebook: objectives first with a time per section, ≥ 3 checks, ≥ 2 captioned figures,
 * ≥ 3 exercises with stable ids (`NN.k`, unique in the course), each followed by its solution cell (same
 * id, the answers it reveals, ending in a check), answers that appear nowhere else in the lesson's
 * material, the in-notebook quiz and flashcards as the last cell, an explorable figure from lesson 04 on,
 * a summary, references by arXiv id. The executed side (checks passing, figures displayed, every check
 * classified) is in test/notebooks.
 */
const root = join(__dirname, "..", "..", "..");
const course = loadCourse(root);
const lessons = course.lessons.filter((l) => l.status === "available");
const stageLessons = lessons.filter((l) => l.stage > 0); // the welcome has no flashcards, quiz or deep dive

interface Cell {
  cell_type: "markdown" | "code" | "raw";
  source: string | string[];
  metadata: { tags?: string[]; bitbound?: { exercise?: unknown; role?: unknown; answers?: unknown } };
}
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);
const tagged = (c: Cell, tag: string) => (c.metadata.tags ?? []).includes(tag);
const readNotebook = (file: string) => (JSON.parse(readFileSync(join(root, "notebooks", file), "utf8")) as { cells: Cell[] }).cells;

/**
 * Whether `answer` occurs in `material` as a whole token: not inside a longer number or word ("16" is
 * found in "16 codes" and "2^16", not in "FP16", "0.16" or "160").
 */
export function mentions(material: string, answer: string): boolean {
  const escaped = answer.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}_]|[\\p{N}]\\.)${escaped}(?![\\p{L}\\p{N}_]|\\.\\p{N})`, "u").test(material);
}

/** Whether a cell's code ends with a check call (only whitespace, semicolons and comments after it). */
function endsWithCheck(source: string): boolean {
  const calls = findCheckCalls(source);
  if (calls.length === 0) return false;
  const rest = source.slice(calls[calls.length - 1].end).replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  return /^[\s;]*$/.test(rest);
}

/** Every exercise id of the course, with the lessons that use it, to find ids used twice. */
const exerciseIds = new Map<string, string[]>();
for (const lesson of lessons) {
  for (const c of readNotebook(lesson.notebook)) {
    const id = c.metadata.bitbound?.exercise;
    if (tagged(c, "exercise") && typeof id === "string") exerciseIds.set(id, [...(exerciseIds.get(id) ?? []), lesson.id]);
  }
}

describe.each(lessons.map((l) => [l.id, l] as const))("lesson %s meets the lesson contract", (_id, lesson) => {
  const cells = readNotebook(lesson.notebook);
  const code = cells.filter((c) => c.cell_type === "code").map(text).join("\n");
  const markdown = cells.filter((c) => c.cell_type === "markdown").map(text).join("\n");

  it("opens with its learning objectives and a time per section, and calls startLesson with its id", () => {
    expect(text(cells[0]).toLowerCase()).toContain("objectives");
    expect(text(cells[0]), "the objectives cell gives each section an honest time, e.g. \"(25 min)\"").toMatch(/\bmin(utes)?\b/);
    expect(code).toContain(`startLesson("${lesson.id}")`);
  });

  it("checks at least three stated results and shows at least two captioned figures", () => {
    expect(findCheckCalls(code).length).toBeGreaterThanOrEqual(3);
    expect((code.match(/\bshow\(/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect((code.match(/caption\s*:/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it("has at least three exercises with stable ids NN.k, unique in the course", () => {
    const prompts = cells.filter((c) => tagged(c, "exercise"));
    expect(prompts.length).toBeGreaterThanOrEqual(3);
    for (const c of prompts) {
      const id = c.metadata.bitbound?.exercise;
      expect(c.cell_type, `exercise ${String(id)} is a markdown cell`).toBe("markdown");
      expect(id, `exercise prompt "${text(c).slice(0, 60)}" needs metadata.bitbound.exercise = "${lesson.id}.k"`).toMatch(new RegExp(`^${lesson.id}\\.\\d+$`));
      expect(exerciseIds.get(id as string), `exercise id ${String(id)} is used more than once`).toEqual([lesson.id]);
    }
  });

  it("follows each exercise with its solution cell: same id, the answers it reveals, ending in a check", () => {
    cells.forEach((c, i) => {
      if (!tagged(c, "exercise")) return;
      const id = c.metadata.bitbound?.exercise;
      const next = cells[i + 1];
      const where = `exercise ${String(id)} (cell ${i + 1})`;
      expect(next?.cell_type === "code" && tagged(next, "solution"), `${where} must be followed directly by a code cell tagged "solution"`).toBe(true);
      expect(next.metadata.bitbound, `${where}: its solution needs metadata.bitbound = { exercise, role: "solution", answers }`).toMatchObject({ exercise: id, role: "solution" });
      const answers = next.metadata.bitbound?.answers;
      expect(Array.isArray(answers) && answers.length > 0 && answers.every((a) => typeof a === "string" && a.trim() !== ""), `${where}: answers must be a non-empty list of strings`).toBe(true);
      expect(endsWithCheck(text(next)), `${where}: the solution must end with a check of its answer`).toBe(true);
    });
    // and every solution belongs to the exercise right before it
    cells.forEach((c, i) => {
      if (tagged(c, "solution")) expect(i > 0 && tagged(cells[i - 1], "exercise"), `solution at cell ${i + 1} must follow its exercise prompt`).toBe(true);
    });
  });

  it("keeps each exercise's answers in its solution cell: not in the guide, flashcards, quiz or deep dives", () => {
    const folder = join(root, lessonFolder(lesson));
    const files = [join("lessons", lesson.guide), ...["flashcards.yaml", "quiz.yaml"].map((f) => join(lessonFolder(lesson), f)), ...deepDiveFiles(lesson, root)];
    const material = files.filter((f) => existsSync(join(root, f))).map((f) => [f, readFileSync(join(root, f), "utf8")] as const);
    expect(existsSync(folder)).toBe(true);
    for (const c of cells) {
      if (!tagged(c, "solution")) continue;
      const answers = (c.metadata.bitbound?.answers ?? []) as string[];
      for (const answer of answers) {
        for (const [file, content] of material) {
          expect(mentions(content, answer), `${file} gives away the answer "${answer}" of exercise ${String(c.metadata.bitbound?.exercise)}`).toBe(false);
        }
      }
    }
  });

  it("ends with a summary and references by arXiv id, and imports only the library", () => {
    expect(markdown.toLowerCase()).toContain("summary");
    expect(markdown).toMatch(/arXiv:\d{4}\.\d{4,5}/);
    const imports = code.match(/from\s+"([^"]+)"/g) ?? [];
    for (const imp of imports) expect(imp).toMatch(/from\s+"(bitbound|tslab)"/);
  });

  if (lesson.stage > 0) {
    it("offers the quiz and the flashcards in its last cell", () => {
      const last = cells[cells.length - 1];
      expect(last.cell_type).toBe("code");
      expect(text(last)).toContain(`quiz("${lesson.id}")`);
      expect(text(last)).toContain(`flashcards("${lesson.id}")`);
    });
  }

  if (Number(lesson.id) >= 4) {
    it("has at least one explorable figure (a slider or a dropdown)", () => {
      expect(code).toMatch(/\bsliderFigure\(|\bsliders\b|\bupdatemenus\b/);
    });
  }
});

describe.each(stageLessons.map((l) => [l.id, l] as const))("lesson %s has its study material", (_id, lesson) => {
  it("has at least ten flashcards and a deep dive", () => {
    expect(loadFlashcards(lesson, root).cards.length).toBeGreaterThanOrEqual(10);
    expect(deepDiveFiles(lesson, root).length).toBeGreaterThanOrEqual(1);
  });
});

describe("the contract's helpers", () => {
  it("mentions finds an answer as a whole token only", () => {
    expect(mentions("a block of 16 codes", "16")).toBe(true);
    expect(mentions("2^16 values", "16")).toBe(true);
    expect(mentions("ends with 16.", "16")).toBe(true);
    expect(mentions("(16)", "16")).toBe(true);
    expect(mentions("FP16 overflows", "16")).toBe(false);
    expect(mentions("0.16 of it", "16")).toBe(false);
    expect(mentions("160 codes", "16")).toBe(false);
    expect(mentions("16.5 codes", "16")).toBe(false);
    expect(mentions("about 2 dB better", "about 2 dB")).toBe(true);
    expect(mentions("1023.5·2⁻²⁴", "1023.5·2⁻²⁴")).toBe(true);
    expect(mentions("a+b", "a+b")).toBe(true);
  });

  it("endsWithCheck accepts a trailing check and refuses code after it", () => {
    expect(endsWithCheck('const a = 1;\ncheck("a", { actual: a, expected: 1, kind: "restatement" });\n// done\n')).toBe(true);
    expect(endsWithCheck('check("a", { actual: 1, expected: 1 });\nconsole.log(a);')).toBe(false);
    expect(endsWithCheck("const a = 1;")).toBe(false);
  });
});

it("holds at least the welcome and one stage lesson to the contract", () => {
  expect(lessons.length).toBeGreaterThanOrEqual(2);
  expect(stageLessons.length).toBeGreaterThanOrEqual(1);
});
