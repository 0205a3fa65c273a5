import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";

/** The project root of this checkout. */
export const projectRootForTests = join(__dirname, "..", "..", "..");

/** Text meant to break out of HTML, a TSV field and a JSON script element, if anything forgot to escape it. */
export const MALICIOUS = `<script>alert("x")</script><img src=x onerror="alert(1)"> </script> a "quoted"\tfield`;

/**
 * A temporary copy of the course (lessons/, notebooks/, package.json) with hostile text planted in lesson
 * 01: a flashcard, a quiz question and its explanation, and a line of the guide. The copy is thrown away by
 * the OS's temp cleaning; tests write only inside it.
 */
export function tempCourseWithMaliciousText(): string {
  const root = mkdtempSync(join(tmpdir(), "bitbound-course-"));
  for (const dir of ["lessons", "notebooks"]) cpSync(join(projectRootForTests, dir), join(root, dir), { recursive: true });
  for (const file of ["package.json", "CHANGELOG.md"]) cpSync(join(projectRootForTests, file), join(root, file));
  const folder = join(root, "lessons", "01-floating-point");
  const cards = parse(readFileSync(join(folder, "flashcards.yaml"), "utf8"));
  cards.cards.push({ id: "injected-card", front: `${MALICIOUS} front with math $a<b$`, back: `${MALICIOUS}\nsecond line, $$x^2$$ and \`code <b>\`` });
  writeFileSync(join(folder, "flashcards.yaml"), stringify(cards));
  const quiz = parse(readFileSync(join(folder, "quiz.yaml"), "utf8"));
  quiz.questions.push({ id: "injected-question", type: "multiple-choice", prompt: `${MALICIOUS} prompt`, choices: [`${MALICIOUS} choice`, "plain choice"], answer: 1, explanation: `${MALICIOUS} explanation` });
  writeFileSync(join(folder, "quiz.yaml"), stringify(quiz));
  writeFileSync(join(folder, "guide.md"), `${readFileSync(join(folder, "guide.md"), "utf8")}\n\n${MALICIOUS} in the guide\n\n[a link](javascript:alert(1))\n`);
  return root;
}

/** Every `<script …>` start tag of a page that is not the site's own: a src under assets/ or a JSON data block. */
export function foreignScripts(html: string): string[] {
  return (html.match(/<script\b[^>]*>/gi) ?? []).filter((tag) => !/^<script src="(\.\.\/)?assets\/(plotly\.min|site)\.js">$/.test(tag) && !/^<script type="application\/json" class="[a-z-]+">$/.test(tag));
}
