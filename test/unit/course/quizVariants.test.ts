import { describe, expect, it } from "vitest";
import { join } from "node:path";
import * as lib from "../../../src/index";
import { acceptsAnswer, keyValue, loadCourse, loadQuiz, numericParameterProblems, questionVersions, recomputeAnswer, type NumericQuestion } from "../../../src/course/index";
import { quizSchema } from "../../../src/course/schema";

const root = join(__dirname, "..", "..", "..");
const library = lib as unknown as Record<string, unknown>;

/** Every numeric question with parameters in the course's available lessons. */
function parameterized(): { lesson: string; q: NumericQuestion }[] {
  const out: { lesson: string; q: NumericQuestion }[] = [];
  for (const lesson of loadCourse(root).lessons.filter((l) => l.status === "available" && l.stage > 0)) {
    for (const q of loadQuiz(lesson, root).questions) if (q.type === "numeric" && q.parameters) out.push({ lesson: lesson.id, q });
  }
  return out;
}

describe("per-student versions of the course's numeric questions", () => {
  const all = parameterized();

  it("exist in every stage lesson, each with at least three variants", () => {
    expect(new Set(all.map((x) => x.lesson)).size).toBe(loadCourse(root).lessons.filter((l) => l.status === "available" && l.stage > 0).length);
    for (const { q } of all) expect(q.variants?.length ?? 0, q.id).toBeGreaterThanOrEqual(3);
  });

  it("give every version an answer from the key's formula that the library's route recomputes", () => {
    let versions = 0;
    for (const { lesson, q } of all) {
      expect(acceptsAnswer(q, keyValue(q, q.parameters!)), `${lesson}/${q.id}: key ${keyValue(q, q.parameters!)} against answer ${q.answer}`).toBe(true);
      for (const v of questionVersions(q)) {
        const recomputed = recomputeAnswer(q, library, v.parameters);
        expect(acceptsAnswer({ ...q, answer: v.answer }, recomputed), `${lesson}/${q.id}/${v.suffix || "v0"}: library ${recomputed}, key ${v.answer}`).toBe(true);
        versions++;
      }
    }
    expect(versions).toBeGreaterThanOrEqual(4 * all.length);
  });

  it("ask different questions: no two versions of a question share an answer, and the text shows the numbers", () => {
    for (const { lesson, q } of all) {
      const vs = questionVersions(q);
      expect(new Set(vs.map((v) => v.answer)).size, `${lesson}/${q.id}`).toBe(vs.length);
      expect(new Set(vs.map((v) => v.prompt)).size, `${lesson}/${q.id}`).toBe(vs.length);
      for (const v of vs) {
        expect(v.prompt, `${lesson}/${q.id}/${v.suffix}`).not.toMatch(/\{[A-Za-z_][A-Za-z0-9_]*\}/);
        expect(v.explanation, `${lesson}/${q.id}/${v.suffix}`).not.toMatch(/\{[A-Za-z_][A-Za-z0-9_]*\}/);
      }
      expect(numericParameterProblems(q), `${lesson}/${q.id}`).toEqual([]);
    }
  });
});

describe("quiz parameters", () => {
  const quiz = (extra: Record<string, unknown>) =>
    quizSchema.parse({
      lesson: "07",
      questions: [
        { id: "q", type: "numeric", prompt: "d = {d}, B = {bits}: T?", answer: 8192, compute: "d * d / bits", route: "r", explanation: "T = {answer}.", ...extra },
        ...Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, type: "multiple-choice", prompt: "p", choices: ["a", "b"], answer: 0, explanation: "e" })),
      ],
    }).questions[0] as NumericQuestion;

  it("fill the notebooks' version and keep the template for the variants", () => {
    const q = quiz({ parameters: { d: 512, bits: 32 }, key: "Math.pow(d, 2) / bits", variants: [{ d: 1024, bits: 32 }, { d: 100000, bits: 1 }] });
    expect(q.prompt).toBe("d = 512, B = 32: T?");
    expect(q.explanation).toBe("T = 8192.");
    expect(questionVersions(q).map((v) => [v.suffix, v.prompt, v.explanation, v.answer])).toEqual([
      ["", "d = 512, B = 32: T?", "T = 8192.", 8192],
      ["v1", "d = 1024, B = 32: T?", "T = 32,768.", 32768],
      ["v2", "d = 100,000, B = 1: T?", "T = 10,000,000,000.", 1e10],
    ]);
    expect(recomputeAnswer(q, {}, { d: 1024, bits: 32 })).toBe(32768);
  });

  it("name what is wrong: a missing key, a variant's names, a placeholder that is no parameter, a repeated version", () => {
    expect(numericParameterProblems(quiz({ parameters: { d: 512, bits: 32 } }))).toEqual(["key: a question with parameters needs the key's own formula over them"]);
    expect(numericParameterProblems(quiz({ parameters: { d: 512, bits: 32 }, key: "1", variants: [{ d: 1 }] }))).toEqual(["variants[0]: has d, needs bits, d"]);
    expect(numericParameterProblems(quiz({ parameters: { d: 512, bits: 32 }, key: "1", variants: [{ d: 512, bits: 32 }] }))).toEqual(["variants[0]: repeats the values of an earlier version"]);
    expect(numericParameterProblems(quiz({ parameters: { d: 512, bits: 32, n: 3 }, key: "1" }))).toEqual(["prompt: never shows the parameter {n}"]);
    expect(numericParameterProblems(quiz({ parameters: { d: 512 }, key: "1" }))).toEqual(["prompt: {bits} is not a parameter (d)"]);
    expect(numericParameterProblems(quiz({ key: "1", variants: [] }))).toEqual(["key: needs parameters", "variants: needs parameters"]);
  });

  it("refuse a key that is not a finite number, naming the question", () => {
    expect(() => keyValue({ id: "q", key: "d / 0" }, { d: 0 })).toThrow(/question q: key must give a finite number/);
    expect(() => keyValue({ id: "q", key: undefined }, { d: 1 })).toThrow(TypeError);
  });
});
