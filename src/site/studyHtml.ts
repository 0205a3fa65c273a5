import { flashcardsHtml, quizHtml } from "../course/studyDisplay";
import type { Flashcards, Lesson, Quiz } from "../course/schema";
import { jsonScript } from "./jsonScript";
import type { MarkdownRenderer } from "./markdown";

/**
 * A lesson's quiz and flashcards on its site page: the same HTML the notebook shows (`quizHtml`,
 * `flashcardsHtml`, with the course text rendered as markdown and its math typeset), which
 * `assets/site.js` turns into an interactive quiz (choices to pick or a number to type, a Check button,
 * feedback, the explanation opened, a running score) and cards that flip. The answer key the script
 * scores against is embedded as JSON next to the quiz: numbers and ids only, no course text.
 *
 * @packageDocumentation
 */

/** The anchors of a lesson's quiz and flashcards on its page (unique in the whole-course page too). */
export function studyAnchors(lessonId: string): { quiz: string; flashcards: string } {
  return { quiz: `quiz-${lessonId}`, flashcards: `flashcards-${lessonId}` };
}

/** What the page's script needs to score one question. */
export type QuizKeyEntry =
  | { type: "multiple-choice"; answer: number }
  | { type: "numeric"; answer: number; tolerance: number; relativeTolerance: number; unit: string };

/**
 * The answer key of a quiz, by question id.
 *
 * @example
 * ```ts
 * quizKey(loadQuiz(lesson))["e4m3-max"]; // { type: "numeric", answer: 448, tolerance: 0, relativeTolerance: 0, unit: "" }
 * ```
 */
export function quizKey(quiz: Quiz): Record<string, QuizKeyEntry> {
  const key: Record<string, QuizKeyEntry> = {};
  for (const q of quiz.questions) {
    key[q.id] =
      q.type === "multiple-choice"
        ? { type: q.type, answer: q.answer }
        : { type: q.type, answer: q.answer, tolerance: q.tolerance ?? 0, relativeTolerance: q.relativeTolerance ?? 0, unit: q.unit ?? "" };
  }
  return key;
}

/**
 * The quiz section of a lesson page.
 *
 * @example
 * ```ts
 * quizSectionHtml(lesson, loadQuiz(lesson), createMarkdown()); // '<section class="quiz-section" id="quiz-02" …'
 * ```
 */
export function quizSectionHtml(lesson: Lesson, quiz: Quiz, md: MarkdownRenderer): string {
  const title = `Lesson ${lesson.id} quiz: ${lesson.title}`;
  return (
    `<section class="quiz-section" id="${studyAnchors(lesson.id).quiz}" aria-labelledby="${studyAnchors(lesson.id).quiz}-h">` +
    `<h2 id="${studyAnchors(lesson.id).quiz}-h">Quiz</h2><p class="quiz-score" aria-live="polite"></p>` +
    quizHtml(quiz, title, md.inline) +
    jsonScript(quizKey(quiz), "quiz-key") +
    `</section>`
  );
}

/**
 * The flashcards section of a lesson page.
 *
 * @example
 * ```ts
 * flashcardsSectionHtml(lesson, loadFlashcards(lesson), createMarkdown()); // '<section class="flashcards-section" …'
 * ```
 */
export function flashcardsSectionHtml(lesson: Lesson, cards: Flashcards, md: MarkdownRenderer): string {
  const id = studyAnchors(lesson.id).flashcards;
  return (
    `<section class="flashcards-section" id="${id}" aria-labelledby="${id}-h">` +
    `<h2 id="${id}-h">Flashcards</h2><p class="hint">Recall the answer, then click a card (or press Enter or Space on it) to turn it over.</p>` +
    flashcardsHtml(cards, `Lesson ${lesson.id} flashcards: ${lesson.title}`, md.inline) +
    `</section>`
  );
}
