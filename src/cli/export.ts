import { join, relative } from "node:path";
import { projectRoot } from "../course/files";
import { exportCourse } from "../exports/exportCourse";
import { pathFlag } from "./args";
import { flagCommand } from "./command";

/**
 * `bitbound export` (`npm run export`): flashcards for Anki, the printable quiz answer key and the quizzes for
 * Moodle (GIFT) and Canvas (QTI 1.2), into `build/exports/`.
 *
 * @packageDocumentation
 */

const HELP = `Usage: bitbound export [--out DIR]

Writes the study files built from lessons/ (npm run export):
  anki/bitbound-all.tsv, anki/bitbound-NN-slug.tsv   flashcards for Anki (File > Import; one file for the
                                                     whole course, one per lesson). Each card has a stable
                                                     id, so importing an updated file updates your cards.
  quiz-answer-key.html                                every quiz with its answers, printable
  quiz.gift                                           the quizzes for Moodle (Question bank > Import > GIFT)
  quiz-qti.zip                                        the quizzes as a QTI 1.2 package (Canvas: Import > QTI .zip)

Options:
  --out DIR    the exports folder (default build/exports; emptied first)
  -h, --help   show this help`;

export const exportCommand = flagCommand({
  name: "export",
  summary: "write the Anki flashcards, the quiz answer key and the GIFT and QTI quizzes into build/exports (npm run export)",
  help: HELP,
  flags: { out: { type: "string" } },
  async body(values, io) {
    const out = pathFlag(values.out, join(projectRoot(), "build", "exports"));
    const result = exportCourse(projectRoot(), out);
    const where = relative(process.cwd(), out) || ".";
    for (const f of result.files) io.out(join(where, f));
    io.out(`${result.cards} flashcards, ${result.questions} quiz questions`);
    return 0;
  },
});
