import { setCurrentLessonId } from "../notebook/lessonContext";
import { resetFigureNumbering } from "../notebook/show";
import { loadCourse } from "./files";
import type { Lesson } from "./schema";

/**
 * Opens a lesson in a notebook: files every later `check` under this lesson in the ledger, restarts
 * figure numbering (Figure N.1, N.2, …), prints the lesson's title, and returns its manifest entry
 * (title, stage, prerequisites, objectives) from `lessons/course.yaml`.
 *
 * @param id - the two-digit lesson id, e.g. `"01"`
 * @throws RangeError when the manifest has no lesson with that id
 * @example
 * ```ts
 * const lesson = startLesson("01");
 * lesson.objectives.length; // 4
 * ```
 */
export function startLesson(id: string): Lesson {
  const course = loadCourse();
  const lesson = course.lessons.find((l) => l.id === id);
  if (!lesson) {
    throw new RangeError(`id must be a lesson id from lessons/course.yaml (${course.lessons.map((l) => l.id).join(", ")}), got ${JSON.stringify(id)}`);
  }
  setCurrentLessonId(lesson.id);
  resetFigureNumbering();
  console.log(`Lesson ${lesson.id}: ${lesson.title}`);
  return lesson;
}
