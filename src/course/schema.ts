import { z } from "zod";

/**
 * Schemas of the course files in `lessons/`: the manifest `course.yaml`, each lesson's
 * `flashcards.yaml` and `quiz.yaml`. `validateCourse` (in `validateCourse.ts`) applies them and the
 * cross-file rules (ids, prerequisites, files that must exist) and reports every problem with its
 * file and field.
 *
 * @packageDocumentation
 */

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");
const lessonId = z.string().regex(/^\d\d$/, 'must be a two-digit lesson id such as "01"');

/** One lesson of the manifest. */
export const lessonSchema = z
  .object({
    id: lessonId,
    slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be lower-case words joined by hyphens"),
    title: nonEmpty,
    stage: z.number().int().min(0),
    status: z.enum(["available", "planned"]),
    prerequisites: z.array(lessonId),
    objectives: z.array(nonEmpty).min(1, "must list at least one learning objective"),
    notebook: z.string().regex(/^\d\d-[a-z0-9-]+\.ipynb$/, "must be a file name NN-slug.ipynb"),
    guide: z.string().regex(/^\d\d-[a-z0-9-]+\/guide\.md$/, "must be NN-slug/guide.md"),
  })
  .strict();

/** The course manifest, `lessons/course.yaml`. */
export const courseSchema = z
  .object({
    title: nonEmpty,
    summary: nonEmpty,
    papers: z.array(z.object({ id: z.string().regex(/^arXiv:\d{4}\.\d{4,5}$/, "must be an arXiv id such as arXiv:2606.00703"), short: nonEmpty, authors: nonEmpty, title: nonEmpty }).strict()),
    stages: z.array(z.object({ id: z.number().int().min(0), title: nonEmpty, level: z.enum(["orientation", "beginner", "intermediate", "advanced"]) }).strict()).min(1),
    lessons: z.array(lessonSchema).min(1),
  })
  .strict();

/** A stable card id: lower-case words joined by hyphens, e.g. `e4m3-max`. */
export const CARD_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** One flashcard: a stable `id` (unique in its lesson), a front (the question) and a back (the answer). */
export const flashcardSchema = z
  .object({
    id: z.string().regex(CARD_ID_PATTERN, 'must be lower-case words joined by hyphens, such as "e4m3-max"'),
    front: nonEmpty,
    back: nonEmpty,
    tags: z.array(nonEmpty).optional(),
  })
  .strict();

/**
 * A lesson's flashcards, `lessons/NN-slug/flashcards.yaml`: at least 10 cards, each with an id unique in
 * the lesson (review tools key a learner's progress on it, so it never changes once published).
 */
export const flashcardsSchema = z
  .object({
    lesson: lessonId,
    cards: z
      .array(flashcardSchema)
      .min(10, "a lesson needs at least 10 flashcards")
      .superRefine((cards, ctx) => {
        const seen = new Map<string, number>();
        cards.forEach((c, i) => {
          const j = seen.get(c.id);
          if (j !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, "id"], message: `"${c.id}" is already the id of cards[${j}]; ids are unique in a lesson` });
          else seen.set(c.id, i);
        });
      }),
  })
  .strict();

/** A multiple-choice question: exactly one of its choices (index `answer`, from 0) is defensible. */
export const multipleChoiceSchema = z
  .object({
    id: nonEmpty,
    type: z.literal("multiple-choice"),
    prompt: nonEmpty,
    choices: z.array(nonEmpty).min(2, "needs at least two choices"),
    answer: z.number().int().min(0),
    explanation: nonEmpty,
  })
  .strict();

/**
 * A numeric question. `compute` recomputes the answer by ANOTHER ROUTE than the key's formula (a
 * simulation, a brute force, the library's implementation when the key came from a formula, or the
 * reverse), and `route` says which in a few words, e.g. `"brute force over all E4M3 codes"`.
 */
export const numericSchema = z
  .object({
    id: nonEmpty,
    type: z.literal("numeric"),
    prompt: nonEmpty,
    answer: z.number(),
    /** absolute tolerance accepted for a learner's answer and for the recomputation */
    tolerance: z.number().min(0).optional(),
    /** relative tolerance, added to the absolute one */
    relativeTolerance: z.number().min(0).optional(),
    unit: z.string().optional(),
    /** a JavaScript expression over the library's exports that recomputes the answer (run by the tests) */
    compute: nonEmpty,
    /** the independent route `compute` takes, in a few words (required) */
    route: nonEmpty,
    explanation: nonEmpty,
    /**
     * A question with numbers: the values of its parameters in the version the notebooks show. `prompt` and
     * `explanation` name them as `{name}` (and the answer as `{answer}`), and `compute` uses them as variables.
     */
    parameters: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an identifier"), z.number().finite()).optional(),
    /** the key's own formula over the parameters and `Math` only (required with `parameters`) */
    key: nonEmpty.optional(),
    /** other values of the same parameters: per-student versions of the question in the LMS exports */
    variants: z.array(z.record(z.string(), z.number().finite())).optional(),
  })
  .strict();

/** A lesson's quiz, `lessons/NN-slug/quiz.yaml`, as written. */
export const quizFileSchema = z
  .object({
    lesson: lessonId,
    questions: z.array(z.discriminatedUnion("type", [multipleChoiceSchema, numericSchema])).min(6, "a quiz needs at least 6 questions"),
  })
  .strict();

/** The prompt and explanation of a question with parameters as written, with their `{name}` placeholders. */
export interface QuestionTemplate {
  prompt: string;
  explanation: string;
}

/** A `{name}` placeholder in a question's prompt or explanation: the name is an identifier (global: use with replace or matchAll). */
export const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces each `{name}` whose name is a key of `values` by the value, written for people (see {@link formatParameter}). */
export function fillTemplate(text: string, values: Record<string, number>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? formatParameter(values[name]) : whole));
}

/**
 * A parameter's value as a question shows it: up to 7 significant digits, thousands separated by commas
 * from 10,000 up (`12800`, `295,464`, `0.02`, `7213.475`).
 */
export function formatParameter(x: number): string {
  const v = Number(x.toPrecision(7));
  return Math.abs(v) >= 10_000 ? v.toLocaleString("en-US", { maximumFractionDigits: 20 }) : String(v);
}

/**
 * A lesson's quiz as the course uses it: `quiz.yaml` validated, and each question with parameters shown
 * in its own version (`{name}` and `{answer}` filled in), its template kept in `template` for the exports'
 * per-student variants.
 */
export const quizSchema = quizFileSchema.transform((quiz) => ({
  ...quiz,
  questions: quiz.questions.map((q): typeof q & { template?: QuestionTemplate } => {
    if (q.type !== "numeric" || !q.parameters) return q;
    const values = { ...q.parameters, answer: q.answer };
    const template: QuestionTemplate = { prompt: q.prompt, explanation: q.explanation };
    return { ...q, prompt: fillTemplate(q.prompt, values), explanation: fillTemplate(q.explanation, values), template };
  }),
}));

export type Course = z.infer<typeof courseSchema>;
export type Lesson = z.infer<typeof lessonSchema>;
export type Flashcards = z.infer<typeof flashcardsSchema>;
export type Quiz = z.output<typeof quizSchema>;
export type QuizQuestion = Quiz["questions"][number];
export type NumericQuestion = Extract<QuizQuestion, { type: "numeric" }>;
