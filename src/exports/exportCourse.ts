import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { lessonFolder, loadCourse, loadFlashcards, loadQuiz } from "../course/files";
import type { Course, Lesson } from "../course/schema";
import { ankiTsv, type LessonCards } from "./ankiTsv";
import { prepareOutputFolder } from "../site/outputFolder";
import { quizAnswerKeyHtml, type LessonQuiz } from "./quizAnswerKey";
import { quizGift } from "./gift";
import { qtiPackage } from "./qti";

/**
 * `npm run export` (`bitbound export`): the study files built from `lessons/`, into `build/exports/`:
 * `anki/bitbound-all.tsv` and `anki/bitbound-NN-slug.tsv` (flashcards for Anki, whole course and per
 * lesson), `quiz-answer-key.html` (printable), `quiz.gift` (Moodle) and `quiz-qti.zip` (QTI 1.2, Canvas). Each format is one exporter in {@link EXPORTERS}; a new
 * format is one more entry, a new lesson needs nothing.
 *
 * @packageDocumentation
 */

/** The course's available lessons with their flashcards and quizzes. */
export interface CourseMaterial {
  course: Course;
  cards: LessonCards[];
  quizzes: LessonQuiz[];
}

/** An export format: writes its files through `write` (a path relative to the exports folder, the text). */
export type Exporter = (material: CourseMaterial, write: (rel: string, content: string | Uint8Array) => void) => void;

/** Reads the available lessons' flashcards and quizzes (lessons without a file are skipped). */
export function courseMaterial(root: string): CourseMaterial {
  const course = loadCourse(root);
  const available = course.lessons.filter((l) => l.status === "available");
  const has = (l: Lesson, file: string) => existsSync(join(root, lessonFolder(l), file));
  return {
    course,
    cards: available.filter((l) => has(l, "flashcards.yaml")).map((lesson) => ({ lesson, cards: loadFlashcards(lesson, root) })),
    quizzes: available.filter((l) => has(l, "quiz.yaml")).map((lesson) => ({ lesson, quiz: loadQuiz(lesson, root) })),
  };
}

/** The export formats, in the order they are written. */
export const EXPORTERS: readonly Exporter[] = [
  ({ course, cards }, write) => {
    write("anki/bitbound-all.tsv", ankiTsv(course, cards));
    for (const c of cards) write(`anki/bitbound-${c.lesson.id}-${c.lesson.slug}.tsv`, ankiTsv(course, [c]));
  },
  ({ course, quizzes }, write) => write("quiz-answer-key.html", quizAnswerKeyHtml(course, quizzes)),
  ({ course, quizzes }, write) => write("quiz.gift", quizGift(course, quizzes)),
  ({ course, quizzes }, write) => write("quiz-qti.zip", qtiPackage(course, quizzes)),
];

/**
 * Writes every export into `out` (emptied first, if it is an earlier exports folder or empty).
 *
 * @returns the files written (relative to `out`) and the numbers of cards and questions
 * @example
 * ```ts
 * exportCourse(projectRoot(), "build/exports").files; // ["anki/bitbound-all.tsv", "anki/bitbound-00-welcome.tsv", …, "quiz-answer-key.html"]
 * ```
 */
export function exportCourse(root: string, out: string): { files: string[]; cards: number; questions: number } {
  const material = courseMaterial(root);
  prepareOutputFolder(out, ".bitbound-exports");
  const files: string[] = [];
  const write = (rel: string, text: string | Uint8Array) => {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), text);
    files.push(rel);
  };
  for (const exporter of EXPORTERS) exporter(material, write);
  return {
    files,
    cards: material.cards.reduce((n, c) => n + c.cards.cards.length, 0),
    questions: material.quizzes.reduce((n, q) => n + q.quiz.questions.length, 0),
  };
}
