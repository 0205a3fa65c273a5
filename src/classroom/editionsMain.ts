import { join, relative } from "node:path";
import { projectRoot } from "../course/files";
import { writeEditions } from "./writeEditions";

/**
 * `npm run editions` (`tsx src/classroom/editionsMain.ts [OUT]`): writes the instructor and student
 * editions and prints one line per exercise that is graded by rubric or keeps a check hidden.
 *
 * @packageDocumentation
 */
const out = process.argv[2] ?? join(projectRoot(), "build", "editions");
const report = writeEditions(projectRoot(), out);
let tests = 0;
for (const [notebook, exercises] of Object.entries(report)) {
  for (const e of exercises) {
    if (e.grading === "tests") tests++;
    if (e.grading === "rubric") console.log(`${notebook} ${e.exercise}: proof-style, rubric in the instructor edition (${e.points} points)`);
    for (const h of e.hiddenOnly) console.log(`${notebook} ${e.exercise}: hidden test only (${h})`);
  }
}
const all = Object.values(report).flat();
console.log(`${relative(process.cwd(), out) || "."}/instructor and /student: ${Object.keys(report).length} notebooks, ${all.length} exercises (${tests} autograded, ${all.length - tests} by rubric)`);
