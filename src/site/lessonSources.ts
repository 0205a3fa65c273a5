import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { deepDiveFiles, lessonFolder, loadFlashcards, loadQuiz } from "../course/files";
import type { Course, Flashcards, Lesson, Quiz } from "../course/schema";
import { readNotebook, type Notebook } from "./notebookFile";

/**
 * Everything the site shows of one lesson, found from `lessons/course.yaml` alone: the guide, the deep
 * dives (`deep-dive*.md`), the quiz and flashcards, and the notebook, its executed copy when one exists
 * (outputs, figures) or else the committed notebook (code and text only). A new lesson needs no change
 * here: its manifest entry says where everything is.
 *
 * @packageDocumentation
 */

/** One lesson's material. Only `available` lessons have any; planned ones are listed on the home page. */
export interface LessonSources {
  lesson: Lesson;
  /** The lesson page's file name in the site's `lessons/` folder, e.g. `02-block-scaling.html`. */
  page: string;
  guide: string | null;
  deepDives: { file: string; title: string; text: string }[];
  quiz: Quiz | null;
  flashcards: Flashcards | null;
  /** The notebook to render, or null when there is none. */
  notebook: Notebook | null;
  /** Where the rendered notebook came from (relative to the project root where possible). */
  notebookFile: string | null;
  /** Whether `notebook` is an executed copy (with outputs). */
  executed: boolean;
}

function readText(root: string, rel: string): string | null {
  const abs = join(root, rel);
  return existsSync(abs) ? readFileSync(abs, "utf8") : null;
}

/** A deep dive's title: its first `#` heading without "Deep dive:", else the file name. */
function deepDiveTitle(text: string, file: string): string {
  const h1 = /^#\s+(.+)$/m.exec(text);
  return h1 ? h1[1].replace(/^Deep dive:\s*/i, "").trim() : basename(file, ".md");
}

/**
 * Collects one lesson's material.
 *
 * @param lesson - a lesson of the manifest
 * @param root - the project root
 * @param executedDir - the folder of executed notebooks (absolute), e.g. `<root>/test-output/executed`
 * @example
 * ```ts
 * const s = lessonSources(loadCourse().lessons[2], projectRoot(), join(projectRoot(), "test-output", "executed"));
 * s.page; // "02-block-scaling.html"
 * ```
 */
export function lessonSources(lesson: Lesson, root: string, executedDir: string): LessonSources {
  const page = `${lesson.id}-${lesson.slug}.html`;
  if (lesson.status !== "available") {
    return { lesson, page, guide: null, deepDives: [], quiz: null, flashcards: null, notebook: null, notebookFile: null, executed: false };
  }
  const folder = lessonFolder(lesson);
  const has = (name: string) => existsSync(join(root, folder, name));
  const executedPath = join(executedDir, lesson.notebook);
  const committedPath = join(root, "notebooks", lesson.notebook);
  const executed = existsSync(executedPath);
  const notebookPath = executed ? executedPath : existsSync(committedPath) ? committedPath : null;
  return {
    lesson,
    page,
    guide: readText(root, join("lessons", lesson.guide)),
    deepDives: deepDiveFiles(lesson, root).map((file) => {
      const text = readFileSync(join(root, file), "utf8");
      return { file, title: deepDiveTitle(text, file), text };
    }),
    quiz: has("quiz.yaml") ? loadQuiz(lesson, root) : null,
    flashcards: has("flashcards.yaml") ? loadFlashcards(lesson, root) : null,
    notebook: notebookPath ? readNotebook(notebookPath) : null,
    notebookFile: notebookPath ? (notebookPath.startsWith(root) ? notebookPath.slice(root.length + 1) : notebookPath) : null,
    executed,
  };
}

/** The stage a lesson belongs to (its title and level), from the manifest. */
export function stageOf(course: Course, lesson: Lesson): Course["stages"][number] {
  return course.stages.find((s) => s.id === lesson.stage) ?? { id: lesson.stage, title: `Stage ${lesson.stage}`, level: "advanced" };
}
