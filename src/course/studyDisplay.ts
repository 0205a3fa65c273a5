import { display } from "../notebook/display";
import { escapeHtml } from "../notebook/html";
import { loadCourse, loadFlashcards, loadQuiz, projectRoot } from "./files";
import type { Flashcards, Lesson, Quiz } from "./schema";

/**
 * A lesson's quiz and flashcards inside its notebook, as HTML: questions and card fronts visible, answers,
 * explanations and card backs inside `<details>` (hidden until opened, no script needed). Every text from
 * the YAML files is HTML-escaped; `inline code` in backticks becomes `<code>`, and `$…$` math is left for
 * JupyterLab's MathJax to typeset.
 *
 * @packageDocumentation
 */

/** Escapes course text for HTML and turns `backtick` spans into `<code>` elements. */
function richText(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function findLesson(id: string, root: string): Lesson {
  if (typeof id !== "string") throw new TypeError(`id must be a two-digit lesson id string such as "02", got ${typeof id}`);
  const course = loadCourse(root);
  const lesson = course.lessons.find((l) => l.id === id);
  if (!lesson) {
    throw new RangeError(`id must be a lesson id from lessons/course.yaml (${course.lessons.map((l) => l.id).join(", ")}), got ${JSON.stringify(id)}`);
  }
  return lesson;
}

/** The card's ` data-id="…"` attribute (every card has an id; see the flashcards schema). */
function cardId(card: Flashcards["cards"][number]): string {
  const id = (card as { id?: unknown }).id;
  return typeof id === "string" ? ` data-id="${escapeHtml(id)}"` : "";
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The HTML of a lesson's quiz: one `<li class="bitbound-question">` per question with its prompt (and
 * choices A, B, … for multiple choice, the unit for numeric questions), then a closed
 * `<details>` holding the answer and the explanation.
 *
 * @param quiz - a validated quiz (`loadQuiz`)
 * @param title - the heading, e.g. "Lesson 02 quiz: Block scaling"
 * @param text - turns one piece of course text into safe HTML (default: escaped, `backticks` as code,
 *   `$…$` left for MathJax); the course website passes markdown with KaTeX-typeset math
 * @example
 * ```ts
 * quizHtml(loadQuiz(lesson), "Lesson 02 quiz").startsWith('<div class="bitbound-quiz">'); // true
 * ```
 */
export function quizHtml(quiz: Quiz, title: string, text: (source: string) => string = richText): string {
  const items = quiz.questions.map((q) => {
    let body = `<p>${text(q.prompt)}</p>`;
    let answer: string;
    if (q.type === "multiple-choice") {
      body += `<ol type="A">${q.choices.map((c) => `<li>${text(c)}</li>`).join("")}</ol>`;
      answer = `<p><strong>${LETTERS[q.answer] ?? q.answer + 1}.</strong> ${text(q.choices[q.answer] ?? "")}</p>`;
    } else {
      const unit = q.unit ? ` ${text(q.unit)}` : "";
      body += `<p><em>Answer with a number${q.unit ? ` (in ${text(q.unit)})` : ""}.</em></p>`;
      const plainUnit = q.unit ? ` ${q.unit}` : ""; // escaped once below, with the rest of the tolerance
      const tol = (q.tolerance ?? 0) > 0 ? ` (± ${q.tolerance}${plainUnit})` : (q.relativeTolerance ?? 0) > 0 ? ` (± ${Number(((q.relativeTolerance as number) * 100).toPrecision(12))} %)` : "";
      answer = `<p><strong>${escapeHtml(String(q.answer))}${unit}</strong>${escapeHtml(tol)}</p>`;
    }
    return (
      `<li class="bitbound-question" data-id="${escapeHtml(q.id)}">${body}` +
      `<details><summary>Answer</summary>${answer}<p>${text(q.explanation)}</p></details></li>`
    );
  });
  return `<div class="bitbound-quiz"><h3>${text(title)}</h3><p><em>Answer each question first, then open "Answer".</em></p><ol>${items.join("")}</ol></div>`;
}

/**
 * The HTML of a lesson's flashcards: one `<details class="bitbound-card">` per card, its front as the
 * visible summary and its back inside, hidden until opened.
 *
 * @param cards - validated flashcards (`loadFlashcards`)
 * @param title - the heading, e.g. "Lesson 02 flashcards"
 * @param text - turns one piece of course text into safe HTML (default as {@link quizHtml})
 * @example
 * ```ts
 * flashcardsHtml(loadFlashcards(lesson), "Lesson 02 flashcards"); // '<div class="bitbound-flashcards">…'
 * ```
 */
export function flashcardsHtml(cards: Flashcards, title: string, text: (source: string) => string = richText): string {
  const items = cards.cards.map(
    (c) => `<details class="bitbound-card"${cardId(c)}><summary>${text(c.front)}</summary><p>${text(c.back)}</p></details>`,
  );
  return `<div class="bitbound-flashcards"><h3>${text(title)}</h3><p><em>Recall the answer, then open the card.</em></p>${items.join("")}</div>`;
}

/**
 * Shows the lesson's quiz (`lessons/NN-slug/quiz.yaml`) in the notebook: each question with its choices,
 * the answer and explanation hidden in a `<details>` until opened. Finds the lessons folder as
 * `startLesson` does. Returns nothing, so it prints no value as a cell's last line.
 *
 * @param id - the two-digit lesson id, e.g. `"02"`
 * @param root - the project root (default: the folder this library lives in)
 * @throws RangeError for an id not in the course; CourseFileError when the quiz file is invalid
 * @example
 * ```ts
 * quiz("02"); flashcards("02");
 * ```
 */
export function quiz(id: string, root = projectRoot()): void {
  const lesson = findLesson(id, root);
  const q = loadQuiz(lesson, root);
  const title = `Lesson ${lesson.id} quiz: ${lesson.title}`;
  const text =
    `${title} (${q.questions.length} questions; open the notebook in JupyterLab to reveal the answers)` +
    q.questions
      .map((x, i) => `\n${i + 1}. ${x.prompt}` + (x.type === "multiple-choice" ? x.choices.map((c, k) => `\n   ${LETTERS[k]}. ${c}`).join("") : ""))
      .join("");
  display({ "text/html": quizHtml(q, title), "text/plain": text });
}

/**
 * Shows the lesson's flashcards (`lessons/NN-slug/flashcards.yaml`) in the notebook: each card's front,
 * its back hidden in a `<details>` until opened. Finds the lessons folder as `startLesson` does.
 * Returns nothing.
 *
 * @param id - the two-digit lesson id, e.g. `"02"`
 * @param root - the project root (default: the folder this library lives in)
 * @throws RangeError for an id not in the course; CourseFileError when the flashcards file is invalid
 * @example
 * ```ts
 * flashcards("02");
 * ```
 */
export function flashcards(id: string, root = projectRoot()): void {
  const lesson = findLesson(id, root);
  const cards = loadFlashcards(lesson, root);
  const title = `Lesson ${lesson.id} flashcards: ${lesson.title}`;
  const text = `${title} (${cards.cards.length} cards; open the notebook in JupyterLab to turn them over)` + cards.cards.map((c, i) => `\n${i + 1}. ${c.front}`).join("");
  display({ "text/html": flashcardsHtml(cards, title), "text/plain": text });
}
