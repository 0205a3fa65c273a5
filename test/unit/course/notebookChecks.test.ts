import { afterAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { countNotebookChecks, findCheckCalls, loadCourse } from "../../../src/course/index";

const root = join(__dirname, "..", "..", "..");
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe("findCheckCalls", () => {
  it("finds calls of check with their literal claim and kind, skipping comments, strings, methods and other names", () => {
    const src = [
      '// check("in a comment", { kind: "independent" })',
      "/* check('in a block comment', {}) */",
      'const s = "check( inside a string";',
      'check("max", { actual: m, expected: 448, kind: "restatement" });',
      'check(`bits ${f(")")}`, { actual: g(1, [2]), expected: { a: 3 }.a, kind: \'independent\', by: "brute force" });',
      'x.check("a method", {}); checkLedger(); rechecks("no");',
      "check(\"it's\", { actual: 1, expected: 1 });",
      'check("kind inside a string", { actual: 1, expected: 1, kind: "independent", by: "kind: \'restatement\'" });',
      "check ( 'spaced' , { kind : \"independent\", by: 'x' } )",
    ].join("\n");
    const calls = findCheckCalls(src);
    expect(calls.map((c) => [c.claim, c.kind])).toEqual([
      ["max", "restatement"],
      [null, "independent"],
      ["it's", null],
      ["kind inside a string", "independent"],
      ["spaced", "independent"],
    ]);
    // the spans cover exactly each call
    expect(src.slice(calls[0].start, calls[0].end)).toBe('check("max", { actual: m, expected: 448, kind: "restatement" })');
    expect(src.slice(calls[1].start, calls[1].end).endsWith('by: "brute force" })')).toBe(true);
  });

  it("treats a claim built from parts as not literal, and refuses a non-string source", () => {
    expect(findCheckCalls('check("a" + "b", { actual: 1, expected: 1 })')[0].claim).toBeNull();
    expect(findCheckCalls("check(label, spec)")[0]).toMatchObject({ claim: null, kind: null });
    expect(findCheckCalls("check(unfinished, {")).toEqual([]);
    expect(() => findCheckCalls(3 as never)).toThrow(/source must be a string/);
  });
});

describe("countNotebookChecks", () => {
  it("counts each available lesson's checks by kind, a repeated literal claim once", () => {
    const dir = mkdtempSync(join(tmpdir(), "bitbound-checks-"));
    temporary.push(dir);
    cpSync(join(root, "lessons", "course.yaml"), join(dir, "lessons", "course.yaml"));
    mkdirSync(join(dir, "notebooks"));
    const available = loadCourse(root).lessons.filter((l) => l.status === "available");
    const cell = (source: string | string[], cell_type = "code") => ({ cell_type, source, metadata: {} });
    available.forEach((lesson, i) => {
      const cells = [
        cell("# Objectives\n`check(\"not code\")`", "markdown"),
        cell(['check("a", { actual: 1, expected: 1, kind: "independent", by: "x" });\n', 'check("b", { actual: 1, expected: 1, kind: "restatement" });']),
        cell('check("a", { actual: 1, expected: 1, kind: "independent", by: "x" }); // the same claim again'),
        cell(Array.from({ length: i }, (_, k) => `check(\`loop ${"${k}"}\`, { actual: ${k}, expected: ${k} });`).join("\n")),
      ];
      writeFileSync(join(dir, "notebooks", lesson.notebook), JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    });
    const counts = countNotebookChecks(dir);
    expect(counts).toEqual(available.map((l, i) => ({ lesson: l.id, notebook: l.notebook, independent: 1, restatement: 1, unclassified: i })));
  });

  it("counts the real notebooks: one entry per available lesson", () => {
    const counts = countNotebookChecks(root);
    const available = loadCourse(root).lessons.filter((l) => l.status === "available");
    expect(counts.map((c) => c.lesson)).toEqual(available.map((l) => l.id));
    for (const c of counts) expect(c.independent + c.restatement + c.unclassified).toBeGreaterThanOrEqual(3);
  });
});
