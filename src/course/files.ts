import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { ZodIssue, ZodType } from "zod";
import { courseSchema, flashcardsSchema, quizSchema, type Course, type Flashcards, type Lesson, type Quiz } from "./schema";

/**
 * Reading the course files from disk, each parsed and validated against its schema.
 * Every error names the file, the field and the problem.
 *
 * @packageDocumentation
 */

/** The project root: two folders above this file (`src/course/files.ts`). */
export function projectRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
}

/** An error in a course file; `problems` lists every `file: field: message` found. */
export class CourseFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.name = "CourseFileError";
    this.problems = problems;
  }
}

/** Formats a zod issue as `file: field.path: message`. */
export function formatIssue(file: string, issue: ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "");
  return `${file}: ${path || "(top level)"}: ${issue.message}`;
}

/** Parses a YAML file and validates it; throws a {@link CourseFileError} naming file and field. */
export function readYaml<T>(file: string, schema: ZodType<T>, root = projectRoot()): T {
  const rel = file;
  const abs = join(root, file);
  if (!existsSync(abs)) throw new CourseFileError([`${rel}: the file does not exist`]);
  let raw: unknown;
  try {
    raw = parse(readFileSync(abs, "utf8"));
  } catch (e) {
    throw new CourseFileError([`${rel}: not valid YAML: ${(e as Error).message.split("\n")[0]}`]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new CourseFileError(result.error.issues.map((i) => formatIssue(rel, i)));
  return result.data;
}

/** Reads and validates `lessons/course.yaml`. */
export function loadCourse(root = projectRoot()): Course {
  return readYaml("lessons/course.yaml", courseSchema, root);
}

/** The folder of a lesson's files, relative to the project root (`lessons/NN-slug`). */
export function lessonFolder(lesson: Pick<Lesson, "guide">): string {
  return join("lessons", dirname(lesson.guide));
}

/** Reads and validates a lesson's `flashcards.yaml`. */
export function loadFlashcards(lesson: Pick<Lesson, "guide">, root = projectRoot()): Flashcards {
  return readYaml(join(lessonFolder(lesson), "flashcards.yaml"), flashcardsSchema, root);
}

/** Reads and validates a lesson's `quiz.yaml`. */
export function loadQuiz(lesson: Pick<Lesson, "guide">, root = projectRoot()): Quiz {
  return readYaml(join(lessonFolder(lesson), "quiz.yaml"), quizSchema, root);
}

/** The lesson's deep-dive files (`deep-dive*.md` or `deep-dives/*.md`), relative to the project root. */
export function deepDiveFiles(lesson: Pick<Lesson, "guide">, root = projectRoot()): string[] {
  const folder = lessonFolder(lesson);
  const abs = join(root, folder);
  if (!existsSync(abs)) return [];
  const found = readdirSync(abs).filter((f) => /^deep-dive.*\.md$/.test(f)).map((f) => join(folder, f));
  const sub = join(abs, "deep-dives");
  if (existsSync(sub)) found.push(...readdirSync(sub).filter((f) => f.endsWith(".md")).map((f) => join(folder, "deep-dives", f)));
  return found.sort();
}
