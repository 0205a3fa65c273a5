import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { numericParameterProblems } from "./quizVariants";
import { CourseFileError, deepDiveFiles, lessonFolder, loadCourse, loadFlashcards, loadQuiz, projectRoot } from "./files";
import type { Course } from "./schema";

/** The sections every lesson guide has, as `## ` headings, in this order. */
export const GUIDE_SECTIONS = ["Objectives", "Prerequisites", "Key results", "Reading guide", "Common mistakes", "Further reading"] as const;

/**
 * Validates the whole course on disk and returns every problem found (an empty list when all is well):
 * the manifest against its schema; unique ids; notebook and guide names that follow `NN-slug`;
 * prerequisites that exist and come earlier; stages that exist; for each available lesson, its notebook
 * and guide (with the required sections), and for lessons past the welcome its flashcards (≥ 10),
 * quiz (≥ 6 questions, both kinds, answers in range) and at least one deep dive; every notebook in
 * `notebooks/` listed in the manifest. Each problem reads `file: field: message`.
 *
 * @example
 * ```ts
 * const problems = validateCourse();
 * if (problems.length) throw new Error(problems.join("\n"));
 * ```
 */
export function validateCourse(root = projectRoot()): string[] {
  let course: Course;
  try {
    course = loadCourse(root);
  } catch (e) {
    if (e instanceof CourseFileError) return e.problems;
    throw e;
  }
  const problems: string[] = [];
  const file = "lessons/course.yaml";
  const ids = new Set<string>();
  const stages = new Set(course.stages.map((s) => s.id));
  course.lessons.forEach((lesson, i) => {
    const at = `${file}: lessons[${i}]`;
    if (ids.has(lesson.id)) problems.push(`${at}.id: "${lesson.id}" is used by another lesson`);
    ids.add(lesson.id);
    if (!stages.has(lesson.stage)) problems.push(`${at}.stage: ${lesson.stage} is not a stage id (stages: ${[...stages].join(", ")})`);
    const base = `${lesson.id}-${lesson.slug}`;
    if (lesson.notebook !== `${base}.ipynb`) problems.push(`${at}.notebook: must be "${base}.ipynb", got "${lesson.notebook}"`);
    if (lesson.guide !== `${base}/guide.md`) problems.push(`${at}.guide: must be "${base}/guide.md", got "${lesson.guide}"`);
    lesson.prerequisites.forEach((p, j) => {
      if (!ids.has(p)) problems.push(`${at}.prerequisites[${j}]: "${p}" is not an earlier lesson's id`);
    });
    if (lesson.status !== "available") return;
    if (!existsSync(join(root, "notebooks", lesson.notebook))) problems.push(`${at}.notebook: notebooks/${lesson.notebook} does not exist`);
    const guidePath = join("lessons", lesson.guide);
    if (!existsSync(join(root, guidePath))) {
      problems.push(`${at}.guide: ${guidePath} does not exist`);
    } else {
      const headings = readFileSync(join(root, guidePath), "utf8").split("\n").filter((l) => l.startsWith("## ")).map((l) => l.slice(3).trim());
      for (const s of GUIDE_SECTIONS) {
        if (!headings.some((h) => h.toLowerCase().startsWith(s.toLowerCase()))) problems.push(`${guidePath}: section "## ${s}" is missing`);
      }
    }
    if (lesson.stage === 0) return;
    for (const load of [loadFlashcards, loadQuiz]) {
      try {
        const data = load(lesson, root);
        if (data.lesson !== lesson.id) problems.push(`${lessonFolder(lesson)}: lesson: is "${data.lesson}", must be "${lesson.id}"`);
      } catch (e) {
        if (e instanceof CourseFileError) problems.push(...e.problems);
        else throw e;
      }
    }
    try {
      const quiz = loadQuiz(lesson, root);
      const qfile = join(lessonFolder(lesson), "quiz.yaml");
      const kinds = new Set(quiz.questions.map((q) => q.type));
      if (!kinds.has("numeric") || !kinds.has("multiple-choice")) problems.push(`${qfile}: questions: needs both multiple-choice and numeric questions`);
      const qids = new Set<string>();
      quiz.questions.forEach((q, j) => {
        if (qids.has(q.id)) problems.push(`${qfile}: questions[${j}].id: "${q.id}" is used twice`);
        qids.add(q.id);
        if (q.type === "multiple-choice" && q.answer >= q.choices.length) {
          problems.push(`${qfile}: questions[${j}].answer: ${q.answer} is not the index of a choice (0 to ${q.choices.length - 1})`);
        }
        if (q.type === "numeric") for (const p of numericParameterProblems(q)) problems.push(`${qfile}: questions[${j}].${p}`);
      });
    } catch (e) {
      if (!(e instanceof CourseFileError)) throw e; // already reported above
    }
    if (deepDiveFiles(lesson, root).length === 0) problems.push(`${lessonFolder(lesson)}: needs at least one deep dive (deep-dive*.md or deep-dives/*.md)`);
  });
  const listed = new Set(course.lessons.map((l) => l.notebook));
  const available = new Set(course.lessons.filter((l) => l.status === "available").map((l) => l.notebook));
  const notebookDir = join(root, "notebooks");
  if (existsSync(notebookDir)) {
    for (const nb of readdirSync(notebookDir).filter((f) => f.endsWith(".ipynb"))) {
      if (!listed.has(nb)) problems.push(`notebooks/${nb}: not listed in ${file}`);
      else if (!available.has(nb)) problems.push(`notebooks/${nb}: exists but its lesson's status is "planned"; set it to "available"`);
    }
  }
  return problems;
}
