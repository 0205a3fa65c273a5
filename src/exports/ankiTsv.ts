import type { Course, Flashcards, Lesson } from "../course/schema";
import { ankiHtml } from "./ankiText";

/**
 * Flashcards as a file Anki imports (File → Import, Anki 2.1.55 or later reads the header lines):
 * tab-separated, one note per line, columns
 *
 *   1. the note's GUID, `bitbound-NN-<card id>`: stable, so importing an updated file updates the notes
 *      already imported instead of adding copies;
 *   2. front and 3. back (HTML; math in Anki's `\(…\)` delimiters);
 *   4. tags: `bitbound`, `bitbound::lesson-NN`, `bitbound::stage-S`, and the card's own tags;
 *   5. the deck, `bitbound::NN <lesson title>`.
 *
 * Fields holding a tab, a line break or a double quote are quoted (double quotes doubled), as Anki's
 * CSV reader expects.
 *
 * @packageDocumentation
 */

/** One lesson's flashcards with what the export needs to know about the lesson. */
export interface LessonCards {
  lesson: Lesson;
  cards: Flashcards;
}

/** The header lines that tell Anki how to read the file. */
export const ANKI_HEADER = ["#separator:tab", "#html:true", "#notetype:Basic", "#guid column:1", "#tags column:4", "#deck column:5"];

/** A field as Anki's CSV reader wants it. */
export function tsvField(value: string): string {
  return /[\t\n\r"]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A tag without spaces (Anki separates tags by spaces). */
function tag(text: string): string {
  return text.trim().replace(/\s+/g, "_");
}

/** The stable GUID of a card: `bitbound-<lesson id>-<card id>`. */
export function cardGuid(lessonId: string, cardId: string): string {
  return `bitbound-${lessonId}-${cardId}`;
}

/**
 * The Anki file of some lessons' flashcards (the whole course, or one lesson).
 *
 * @example
 * ```ts
 * ankiTsv(course, [{ lesson, cards: loadFlashcards(lesson) }]).split("\n")[6];
 * // "bitbound-01-e4m3-max\tWhat is E4M3's largest finite value?\t\\(448 = 1.75\\cdot 2^8\\)\tbitbound bitbound::lesson-01 bitbound::stage-1\tbitbound::01 Floating point from FP32 to FP4"
 * ```
 */
export function ankiTsv(course: Course, lessons: readonly LessonCards[]): string {
  const lines = [...ANKI_HEADER];
  for (const { lesson, cards } of lessons) {
    const deck = `bitbound::${lesson.id} ${lesson.title.replace(/::/g, ":")}`;
    const stage = course.stages.find((s) => s.id === lesson.stage);
    for (const card of cards.cards) {
      const tags = ["bitbound", `bitbound::lesson-${lesson.id}`, `bitbound::stage-${lesson.stage}${stage ? `-${stage.level}` : ""}`, ...(card.tags ?? []).map(tag)];
      lines.push([cardGuid(lesson.id, card.id), ankiHtml(card.front), ankiHtml(card.back), tags.join(" "), deck].map(tsvField).join("\t"));
    }
  }
  return `${lines.join("\n")}\n`;
}
