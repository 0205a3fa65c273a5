import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { loadCourse } from "../course/files";
import { prepareOutputFolder } from "../site/outputFolder";
import { buildEditions, type ExerciseGrading, type NotebookFile } from "./editions";

/**
 * `npm run editions`: both classroom editions of every available lesson's notebook, into the git-ignored
 * `build/editions/instructor/` and `build/editions/student/`, and `build/editions/grading.json`, how each
 * exercise is graded (tests or rubric, points, visible and hidden-only checks).
 *
 * @packageDocumentation
 */

/** The instructor edition of one course notebook (what `bitbound grade` restores hidden tests from). */
export function readEditions(root: string, notebook: string): ReturnType<typeof buildEditions> {
  return buildEditions(JSON.parse(readFileSync(join(root, "notebooks", notebook), "utf8")) as NotebookFile);
}

/**
 * Writes both editions of the available lessons.
 *
 * @param root - the project root
 * @param out - the editions folder (emptied first if this project wrote it; default `build/editions`)
 * @returns per notebook, how its exercises are graded
 * @example
 * ```ts
 * writeEditions(projectRoot(), "build/editions")["00-welcome.ipynb"].length; // 3 exercises
 * ```
 */
export function writeEditions(root: string, out: string): Record<string, ExerciseGrading[]> {
  prepareOutputFolder(out, ".bitbound-editions");
  const report: Record<string, ExerciseGrading[]> = {};
  for (const lesson of loadCourse(root).lessons.filter((l) => l.status === "available")) {
    const { instructor, student, exercises } = readEditions(root, lesson.notebook);
    for (const [edition, nb] of [["instructor", instructor], ["student", student]] as const) {
      mkdirSync(join(out, edition), { recursive: true });
      writeFileSync(join(out, edition, lesson.notebook), JSON.stringify(nb, null, 1) + "\n");
    }
    report[lesson.notebook] = exercises;
  }
  writeFileSync(join(out, "grading.json"), JSON.stringify(report, null, 1) + "\n");
  return report;
}
