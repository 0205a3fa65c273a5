import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadCourse } from "../../../src/course/files";
import type { Lesson, QuizQuestion } from "../../../src/course/schema";
import { questionVersions } from "../../../src/course/quizVariants";
import { giftEscape, numericTolerance, quizGift } from "../../../src/exports/gift";
import { courseMaterial } from "../../../src/exports/exportCourse";

/**
 * The GIFT export read back by a reader written here after Moodle's own importer
 * (question/format/gift/format.php: escapedchar_pre, readquestion, commentparser, escapedchar_post):
 * comment lines dropped, `\\` and the escaped `\: \# \= \{ \} \~ \n` replaced by placeholders, the name
 * between `::`, the answers between the first `{` and the first `}`, choices split at `~` (with `=` marking
 * the right one), feedback after the first `#`. Hostile text round-trips exactly.
 */
const root = join(__dirname, "..", "..", "..");
const PLACE: [string, string][] = [["\\:", "\u0001"], ["\\#", "\u0002"], ["\\=", "\u0003"], ["\\{", "\u0004"], ["\\}", "\u0005"], ["\\~", "\u0006"], ["\\n", "\u0007"]];
const BACK: Record<string, string> = { "\u0001": ":", "\u0002": "#", "\u0003": "=", "\u0004": "{", "\u0005": "}", "\u0006": "~", "\u0007": "\n" };

function pre(text: string): string {
  let t = text.split("\\\\").join("\u0008");
  for (const [from, to] of PLACE) t = t.split(from).join(to);
  return t.split("\u0008").join("\\");
}
const post = (t: string) => t.replace(/[\u0001-\u0007]/g, (c) => BACK[c]).trim();

interface Read {
  name: string;
  text: string;
  choices: { text: string; right: boolean; feedback: string }[];
  numeric?: { answer: number; tolerance: number; feedback: string };
  comment: string;
}

function readGift(file: string): { categories: string[]; questions: Read[] } {
  const categories: string[] = [];
  const questions: Read[] = [];
  for (const block of file.split(/\n\s*\n/)) {
    const lines = block.split("\n");
    const comment = lines.filter((l) => l.trim().startsWith("//")).join("\n");
    const text = pre(lines.filter((l) => !l.trim().startsWith("//")).join("\n").trim());
    if (text === "") continue;
    if (text.startsWith("$CATEGORY:")) {
      categories.push(text.slice(10).trim());
      continue;
    }
    expect(text.startsWith("::")).toBe(true);
    const nameEnd = text.indexOf("::", 2);
    const name = post(text.slice(2, nameEnd));
    const rest = text.slice(nameEnd + 2);
    const a = rest.indexOf("{");
    const b = rest.indexOf("}");
    const answers = rest.slice(a + 1, b).trim();
    const q: Read = { name, text: post(rest.slice(0, a)), choices: [], comment };
    if (answers.startsWith("#")) {
      const [value, feedback = ""] = answers.slice(1).split(/#(.*)/s);
      const [answer, tolerance] = value.split(":").map(Number);
      q.numeric = { answer, tolerance, feedback: post(feedback) };
    } else {
      for (const part of answers.replace(/=/g, "~=").split("~").map((s) => s.trim()).filter((s) => s !== "")) {
        const right = part.startsWith("=");
        const [choice, feedback = ""] = (right ? part.slice(1) : part).split(/#(.*)/s);
        q.choices.push({ text: post(choice), right, feedback: post(feedback) });
      }
    }
    questions.push(q);
  }
  return { categories, questions };
}

const HOSTILE = "a ~tilde =equals #hash {brace} :colon \\backslash\nnew line ::double:: // not a comment $CATEGORY: x";

describe("GIFT export", () => {
  it("escapes the special characters ~ = # { } : and the backslash", () => {
    expect(giftEscape("~=#{}:\\")).toBe("\\~\\=\\#\\{\\}\\:\\\\");
    expect(giftEscape("a\nb")).toBe("a\\nb");
  });

  it("round-trips hostile text in prompts, choices, feedback and names through a Moodle-style reader", () => {
    const course = loadCourse(root);
    const lesson: Lesson = { ...course.lessons[1], id: "01" };
    const questions: QuizQuestion[] = [
      { id: "hostile-mc", type: "multiple-choice", prompt: HOSTILE, choices: [`right ${HOSTILE}`, `wrong ${HOSTILE}`, "plain"], answer: 0, explanation: `why ${HOSTILE}` },
      { id: "hostile-num", type: "numeric", prompt: HOSTILE, answer: -2.5, tolerance: 0.01, relativeTolerance: 0.1, compute: "-2.5", route: "r", explanation: HOSTILE, unit: "%" },
    ];
    const read = readGift(quizGift(course, [{ lesson, quiz: { lesson: "01", questions } }]));
    expect(read.categories).toEqual([`$course$/bitbound/01 ${lesson.title}`]);
    const [mc, num] = read.questions;
    expect(mc.name).toBe("01/hostile-mc");
    expect(mc.text).toBe(HOSTILE.trim());
    expect(mc.choices.map((c) => [c.text, c.right])).toEqual([[`right ${HOSTILE}`, true], [`wrong ${HOSTILE}`, false], ["plain", false]]);
    expect(mc.choices[0].feedback).toBe(`Right. why ${HOSTILE}`);
    expect(mc.choices[1].feedback).toBe(`Not this one. why ${HOSTILE}`);
    expect(mc.comment).toContain("[id:bitbound-01-hostile-mc]");
    expect(mc.comment).toContain("[tag:lesson-01]");
    expect(num.name).toBe("01/hostile-num");
    expect(num.text).toBe(`${HOSTILE} (answer in %)`);
    // tolerance 0.01 + 0.1·|−2.5| = 0.26
    expect(num.numeric).toEqual({ answer: -2.5, tolerance: 0.26, feedback: HOSTILE.trim() });
  });

  it("the course's quizzes: every question read back with its name, its one right choice or its answer and tolerance", () => {
    const { course, quizzes } = courseMaterial(root);
    const read = readGift(quizGift(course, quizzes));
    // a question with per-student versions is exported as a pool of its own, after the lesson's other questions
    type Expected = { name: string; prompt: string; question: QuizQuestion; answer: number | null };
    const all: Expected[] = [];
    const categories: string[] = [];
    for (const { lesson, quiz } of quizzes) {
      const lessonCategory = `$course$/bitbound/${lesson.id} ${lesson.title.replace(/\//g, "-")}`;
      categories.push(lessonCategory);
      const pools: Expected[] = [];
      for (const question of quiz.questions) {
        if (question.type === "numeric" && question.variants?.length) {
          categories.push(`${lessonCategory}/${question.id} (versions)`);
          for (const v of questionVersions(question)) pools.push({ name: `${lesson.id}/${question.id}/${v.suffix || "v0"}`, prompt: v.prompt, question, answer: v.answer });
        } else all.push({ name: `${lesson.id}/${question.id}`, prompt: question.prompt, question, answer: question.type === "numeric" ? question.answer : null });
      }
      all.push(...pools);
    }
    expect(read.questions.map((q) => q.name)).toEqual(all.map((x) => x.name));
    read.questions.forEach((r, i) => {
      const { question: q, prompt, answer } = all[i];
      expect(r.text).toBe(prompt + (q.type === "numeric" && q.unit ? ` (answer in ${q.unit})` : ""));
      if (q.type === "multiple-choice") {
        expect(r.choices.map((c) => c.text)).toEqual(q.choices);
        expect(r.choices.findIndex((c) => c.right)).toBe(q.answer);
        expect(r.choices.filter((c) => c.right).length).toBe(1);
      } else {
        expect(r.numeric?.answer).toBe(answer);
        expect(r.numeric?.tolerance).toBeCloseTo(numericTolerance({ ...q, answer: answer! }), 12);
      }
    });
    expect(read.categories).toEqual(categories);
    expect(all.filter((x) => x.name.endsWith("/v1")).length).toBeGreaterThanOrEqual(quizzes.length - 1);
  });
});
