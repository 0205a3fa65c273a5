import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCourse, deepDiveFiles } from "../../../src/course/index";
import { loadFlashcardsForTests } from "./pendingMigration";

/**
 * The lesson contract of COURSE.md, read from each available lesson's committed notebook:
 * objectives first, ≥ 3 checks, ≥ 2 captioned figures, ≥ 3 exercises each followed by a solution
 * cell (tagged "solution") that ends in a check, a summary, references by arXiv id.
 * The executed side (checks actually passing, figures actually displayed) is in test/notebooks.
 */
const root = join(__dirname, "..", "..", "..");
const course = loadCourse(root);
const lessons = course.lessons.filter((l) => l.status === "available");
const stageLessons = lessons.filter((l) => l.stage > 0); // the welcome has no flashcards, quiz or deep dive

interface Cell {
  cell_type: "markdown" | "code" | "raw";
  source: string | string[];
  metadata: { tags?: string[] };
}
const text = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);
const tagged = (c: Cell, tag: string) => (c.metadata.tags ?? []).includes(tag);

describe.each(lessons.map((l) => [l.id, l] as const))("lesson %s meets the lesson contract", (_id, lesson) => {
  const nb = JSON.parse(readFileSync(join(root, "notebooks", lesson.notebook), "utf8")) as { cells: Cell[] };
  const cells = nb.cells;
  const code = cells.filter((c) => c.cell_type === "code").map(text).join("\n");
  const markdown = cells.filter((c) => c.cell_type === "markdown").map(text).join("\n");

  it("opens with its learning objectives and calls startLesson with its id", () => {
    expect(text(cells[0]).toLowerCase()).toContain("objectives");
    expect(code).toContain(`startLesson("${lesson.id}")`);
  });

  it("checks at least three stated results and shows at least two captioned figures", () => {
    expect((code.match(/\bcheck\(/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect((code.match(/\bshow\(/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect((code.match(/caption\s*:/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it("has at least three exercises, each followed by a solution cell that ends with a check", () => {
    const exercises = cells.map((c, i) => [c, i] as const).filter(([c]) => tagged(c, "exercise"));
    expect(exercises.length).toBeGreaterThanOrEqual(3);
    for (const [, i] of exercises) {
      const next = cells.slice(i + 1).find((c) => c.cell_type === "code");
      expect(next && tagged(next, "solution"), `exercise at cell ${i + 1} needs a solution cell tagged "solution"`).toBe(true);
      expect(text(next!), `solution after cell ${i + 1} must verify its answer with check`).toMatch(/\bcheck\(/);
    }
  });

  it("ends with a summary and references by arXiv id, and imports only the library", () => {
    expect(markdown.toLowerCase()).toContain("summary");
    expect(markdown).toMatch(/arXiv:\d{4}\.\d{4,5}/);
    const imports = code.match(/from\s+"([^"]+)"/g) ?? [];
    for (const imp of imports) expect(imp).toMatch(/from\s+"(bitbound|tslab)"/);
  });

});

describe.each(stageLessons.map((l) => [l.id, l] as const))("lesson %s has its study material", (_id, lesson) => {
  it("has at least ten flashcards and a deep dive", () => {
    expect(loadFlashcardsForTests(lesson, root).cards.length).toBeGreaterThanOrEqual(10);
    expect(deepDiveFiles(lesson, root).length).toBeGreaterThanOrEqual(1);
  });
});

it("holds at least the welcome and one stage lesson to the contract", () => {
  expect(lessons.length).toBeGreaterThanOrEqual(2);
  expect(stageLessons.length).toBeGreaterThanOrEqual(1);
});
