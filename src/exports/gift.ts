import type { Course, NumericQuestion, QuizQuestion } from "../course/schema";
import { questionVersions } from "../course/quizVariants";
import type { LessonQuiz } from "./quizAnswerKey";

/**
 * The course's quizzes in Moodle's GIFT format (`build/exports/quiz.gift`; Moodle: Question bank →
 * Import → GIFT). One `$CATEGORY` per lesson (`bitbound/NN Title`), each question titled
 * `::NN/question-id::` and preceded by the comment `// [id:bitbound-NN-question-id] [tag:…]` that
 * Moodle's GIFT import reads as the question's id number and tags (lesson, stage). Multiple choice:
 * `=right#feedback ~wrong#feedback`, each choice's feedback being the question's explanation (quiz.yaml
 * has one explanation per question, which discusses the choices). Numeric: `{#answer:tolerance}`, the
 * tolerance being quiz.yaml's absolute tolerance plus its relative tolerance times |answer|.
 *
 * Per-student numbers: a numeric question with `variants` in quiz.yaml (see `questionVersions`) is exported
 * as a category of its own, `bitbound/NN Title/question-id (versions)`, holding every version of the question
 * (`::NN/question-id/v0::` the notebooks' one, `/v1`, `/v2`, … the variants, each with its answer from the
 * key's formula), and not in the lesson's category. In a Moodle quiz, "Add → a random question" from that category gives each student
 * one version. (GIFT has no calculated questions; Moodle's calculated type would need its own formula
 * syntax, and drawing from a pool of computed versions keeps every answer checked by the course tests.)
 *
 * Source: Moodle documentation, "GIFT format" (docs.moodle.org/en/GIFT_format).
 *
 * @packageDocumentation
 */

/**
 * Escapes text for GIFT: the special characters `~ = # { } :` and the backslash get a backslash, a line
 * break becomes `\n`.
 *
 * @example
 * ```ts
 * giftEscape("a = {b}: ~c #d"); // "a \\= \\{b\\}\\: \\~c \\#d"
 * ```
 */
export function giftEscape(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

/** The accepted half-width of a numeric answer: absolute tolerance plus relative tolerance times |answer|. */
export function numericTolerance(q: Pick<NumericQuestion, "answer" | "tolerance" | "relativeTolerance">): number {
  // 6 significant digits: 3e-7, not 2.9999999999999997e-7
  return Number(((q.tolerance ?? 0) + (q.relativeTolerance ?? 0) * Math.abs(q.answer)).toPrecision(6));
}

function giftQuestion(lessonId: string, q: QuizQuestion, tags: string[], suffix = ""): string {
  const id = suffix ? `${q.id}/${suffix}` : q.id;
  const head = `// [id:bitbound-${lessonId}-${id.replace("/", "-")}] ${tags.map((t) => `[tag:${t}]`).join(" ")}\n::${giftEscape(`${lessonId}/${id}`)}::`;
  if (q.type === "multiple-choice") {
    const choices = q.choices.map((c, i) => `  ${i === q.answer ? "=" : "~"}${giftEscape(c)}#${giftEscape(`${i === q.answer ? "Right." : "Not this one."} ${q.explanation}`)}`);
    return `${head}${giftEscape(q.prompt)} {\n${choices.join("\n")}\n}`;
  }
  const unit = q.unit ? ` (answer in ${q.unit})` : "";
  return `${head}${giftEscape(q.prompt + unit)} {#${q.answer}:${numericTolerance(q)}#${giftEscape(q.explanation)}}`;
}

/**
 * The GIFT file of every lesson's quiz.
 *
 * @param course - the course manifest (stage names for the tags)
 * @param quizzes - the lessons' quizzes, in order
 * @example
 * ```ts
 * quizGift(material.course, material.quizzes).split("\n").find((l) => l.startsWith("::")); // "::00/…::…"
 * ```
 */
export function quizGift(course: Course, quizzes: readonly LessonQuiz[]): string {
  const parts = [
    "// bitbound quizzes in Moodle GIFT format: Question bank > Import > GIFT. One category per lesson.",
    "// A question with per-student numbers has a category of its own, \"<lesson>/<question id> (versions)\": add it to a quiz as a random question from that category.",
    "",
  ];
  for (const { lesson, quiz } of quizzes) {
    const stage = course.stages.find((s) => s.id === lesson.stage);
    const tags = [`lesson-${lesson.id}`, `stage-${lesson.stage}`, ...(stage ? [stage.level] : [])];
    const category = `$course$/bitbound/${lesson.id} ${lesson.title.replace(/\//g, "-")}`;
    parts.push(`$CATEGORY: ${category}`, "");
    const pooled: string[] = [];
    for (const q of quiz.questions) {
      if (q.type === "numeric" && q.variants?.length) {
        pooled.push(`$CATEGORY: ${category}/${q.id} (versions)`, "");
        for (const v of questionVersions(q)) {
          pooled.push(giftQuestion(lesson.id, { ...q, prompt: v.prompt, explanation: v.explanation, answer: v.answer }, [...tags, "versions"], v.suffix || "v0"), "");
        }
      } else parts.push(giftQuestion(lesson.id, q, tags), "");
    }
    parts.push(...pooled);
  }
  return parts.join("\n");
}
