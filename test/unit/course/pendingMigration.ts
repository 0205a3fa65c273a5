import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { CourseFileError, flashcardsSchema, lessonFolder, loadFlashcards, loadQuiz, quizSchema, type Flashcards, type Lesson, type Quiz } from "../../../src/course/index";

/**
 * TEMPORARY, while the lesson files are migrated to the new schema (issues 11 and 12): flashcards get a
 * stable `id` per card, numeric quiz questions a `route`. The schema (src/course/schema.ts) enforces both;
 * until every lesson file has them, the course tests tolerate exactly these two "Required" problems and
 * nothing else, and say which files still lack them. Delete this file and its uses once
 * `git grep -L "route:" lessons/*\/quiz.yaml` and the flashcards are migrated.
 */
export const PENDING_MIGRATION = /^lessons\/[^:]+\/(flashcards\.yaml: cards\[\d+\]\.id|quiz\.yaml: questions\[\d+\]\.route): Required$/;

const reported = new Set<string>();
function note(problems: string[]): void {
  for (const p of problems) {
    const file = p.split(":")[0];
    if (!reported.has(file)) {
      reported.add(file);
      console.warn(`pending migration (tolerated for now): ${file} lacks card ids or numeric routes`);
    }
  }
}

/** The problems that are not the tolerated missing ids/routes. */
export function withoutPendingMigration(problems: string[]): string[] {
  note(problems.filter((p) => PENDING_MIGRATION.test(p)));
  return problems.filter((p) => !PENDING_MIGRATION.test(p));
}

/** Runs `load`; if it fails only for missing ids/routes, fills those in and validates with the real schema. */
function tolerant<T>(load: () => T, file: string, fill: (raw: Record<string, unknown>) => void, schema: { parse(v: unknown): T }): T {
  try {
    return load();
  } catch (e) {
    if (!(e instanceof CourseFileError) || withoutPendingMigration(e.problems).length > 0) throw e;
    const raw = parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    fill(raw);
    return schema.parse(raw);
  }
}

/** `loadQuiz`, tolerating only numeric questions without `route` (see {@link PENDING_MIGRATION}). */
export function loadQuizForTests(lesson: Lesson, root: string): Quiz {
  return tolerant(() => loadQuiz(lesson, root), join(root, lessonFolder(lesson), "quiz.yaml"), (raw) => {
    for (const q of raw.questions as Record<string, unknown>[]) if (q.type === "numeric" && q.route === undefined) q.route = "(pending)";
  }, quizSchema);
}

/** `loadFlashcards`, tolerating only cards without `id` (see {@link PENDING_MIGRATION}). */
export function loadFlashcardsForTests(lesson: Lesson, root: string): Flashcards {
  return tolerant(() => loadFlashcards(lesson, root), join(root, lessonFolder(lesson), "flashcards.yaml"), (raw) => {
    (raw.cards as Record<string, unknown>[]).forEach((c, i) => {
      if (c.id === undefined) c.id = `pending-${i}`;
    });
  }, flashcardsSchema);
}
