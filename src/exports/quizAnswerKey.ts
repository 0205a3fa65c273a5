import type { Course, Lesson, Quiz } from "../course/schema";
import { questionVersions } from "../course/quizVariants";
import { formatParameter } from "../course/schema";
import { quizHtml } from "../course/studyDisplay";
import { escapeHtml } from "../notebook/html";
import { createMarkdown } from "../site/markdown";
import { numericTolerance } from "./gift";

/**
 * The quiz answer key as one printable HTML page: every lesson's quiz as the notebooks show it
 * (`quizHtml`), with every answer and explanation opened, math as MathML (drawn by the browser without any
 * style sheet or script, so the file stands alone).
 *
 * @packageDocumentation
 */

/** One lesson's quiz. */
export interface LessonQuiz {
  lesson: Lesson;
  quiz: Quiz;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f}
h1{font-size:1.7rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;margin-top:2rem}
.bitbound-question{margin:0.8rem 0;break-inside:avoid}details>summary{font-weight:600}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.9em}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-before:page}h2:first-of-type{break-before:auto}}`;

/** The per-student versions of a lesson's numeric questions (the LMS exports' pools) with their answers. */
function versionsTable(lessonId: string, quiz: Quiz): string {
  const rows: string[] = [];
  for (const q of quiz.questions) {
    if (q.type !== "numeric" || !q.variants?.length) continue;
    for (const v of questionVersions(q)) {
      const values = Object.entries(v.parameters).map(([k, x]) => `${k} = ${formatParameter(x)}`).join(", ");
      rows.push(`<tr><td>${escapeHtml(`${lessonId}/${q.id}/${v.suffix || "v0"}`)}</td><td>${escapeHtml(values)}</td><td>${escapeHtml(formatParameter(v.answer))}</td><td>± ${escapeHtml(String(numericTolerance({ ...q, answer: v.answer })))}</td></tr>`);
    }
  }
  if (rows.length === 0) return "";
  return `<h3>Per-student versions</h3><p>The quiz exports pool these versions (a Moodle category, a Canvas question group), one drawn per student; v0 is the notebooks' version.</p><table><thead><tr><th>version</th><th>values</th><th>answer</th><th>tolerance</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * The answer key page.
 *
 * @example
 * ```ts
 * quizAnswerKeyHtml(course, [{ lesson, quiz: loadQuiz(lesson) }]); // "<!doctype html>…<details open>…"
 * ```
 */
export function quizAnswerKeyHtml(course: Course, quizzes: readonly LessonQuiz[]): string {
  const md = createMarkdown("mathml");
  const sections = quizzes.map(({ lesson, quiz }) => {
    // quizHtml writes its <details> without attributes and escapes all course text, so this opens exactly those
    const html = quizHtml(quiz, `Lesson ${lesson.id}: ${lesson.title}`, md.inline).replace(/<details>/g, "<details open>");
    return `<section id="lesson-${lesson.id}"><h2>Lesson ${lesson.id}: ${escapeHtml(lesson.title)}</h2>${html}${versionsTable(lesson.id, quiz)}</section>`;
  });
  const count = quizzes.reduce((n, q) => n + q.quiz.questions.length, 0);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quiz answer key · ${escapeHtml(course.title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Quiz answer key</h1>
<p>${escapeHtml(course.title)}: ${count} questions from ${quizzes.length} lessons, each with its answer and explanation. Numeric answers give the tolerance a learner's answer is marked correct within.</p>
${sections.join("\n")}
</body>
</html>
`;
}
