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

/** A lesson's flashcards, `lessons/NN-slug/flashcards.yaml`. */
export const flashcardsSchema = z
  .object({
    lesson: lessonId,
    cards: z
      .array(z.object({ front: nonEmpty, back: nonEmpty, tags: z.array(nonEmpty).optional() }).strict())
      .min(10, "a lesson needs at least 10 flashcards"),
  })
  .strict();

const multipleChoice = z
  .object({
    id: nonEmpty,
    type: z.literal("multiple-choice"),
    prompt: nonEmpty,
    choices: z.array(nonEmpty).min(2, "needs at least two choices"),
    answer: z.number().int().min(0),
    explanation: nonEmpty,
  })
  .strict();

const numeric = z
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
    explanation: nonEmpty,
  })
  .strict();

/** A lesson's quiz, `lessons/NN-slug/quiz.yaml`. */
export const quizSchema = z
  .object({
    lesson: lessonId,
    questions: z.array(z.discriminatedUnion("type", [multipleChoice, numeric])).min(6, "a quiz needs at least 6 questions"),
  })
  .strict();

export type Course = z.infer<typeof courseSchema>;
export type Lesson = z.infer<typeof lessonSchema>;
export type Flashcards = z.infer<typeof flashcardsSchema>;
export type Quiz = z.infer<typeof quizSchema>;
export type QuizQuestion = Quiz["questions"][number];
export type NumericQuestion = Extract<QuizQuestion, { type: "numeric" }>;
