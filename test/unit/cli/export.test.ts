import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCourse, loadFlashcards, loadQuiz } from "../../../src/course/files";
import { ankiHtml } from "../../../src/exports/ankiText";
import { ANKI_HEADER, cardGuid } from "../../../src/exports/ankiTsv";
import { exportCourse } from "../../../src/exports/exportCourse";
import { foreignScripts, MALICIOUS, projectRootForTests, tempCourseWithMaliciousText } from "../site/tempCourse";

/**
 * The exports, read back: the Anki files parsed with a CSV reader written here from RFC 4180 (tab as the
 * separator, fields in double quotes may hold tabs, line breaks and doubled quotes), the answer key
 * searched for every question. A copy of the course with hostile text shows that nothing escapes its field.
 */
function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === "\t") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length) rows.push([...row, field]);
  return rows;
}

const root = projectRootForTests;
let out = "";
let hostileRoot = "";
let hostileOut = "";
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "bitbound-exports-"));
  exportCourse(root, out);
  hostileRoot = tempCourseWithMaliciousText();
  hostileOut = join(hostileRoot, "build", "exports");
  exportCourse(hostileRoot, hostileOut);
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(hostileRoot, { recursive: true, force: true });
});

function notes(file: string): string[][] {
  const lines = parseTsv(readFileSync(file, "utf8"));
  expect(lines.slice(0, ANKI_HEADER.length).map((r) => r.join("\t"))).toEqual(ANKI_HEADER);
  return lines.slice(ANKI_HEADER.length);
}

describe("Anki export", () => {
  const course = loadCourse(root);
  const lessons = course.lessons.filter((l) => l.status === "available" && (() => { try { loadFlashcards(l, root); return true; } catch { return false; } })());

  it("has one note per card, GUID first (bitbound-NN-<card id>), five fields each, in the whole-course file", () => {
    const rows = notes(join(out, "anki", "bitbound-all.tsv"));
    const expected = lessons.flatMap((l) => loadFlashcards(l, root).cards.map((c) => cardGuid(l.id, c.id)));
    expect(rows.map((r) => r[0])).toEqual(expected);
    expect(new Set(expected).size).toBe(expected.length); // unique across the course
    for (const r of rows) expect(r).toHaveLength(5);
  });

  it("per lesson: the same notes, with the lesson's tags and deck", () => {
    for (const l of lessons) {
      const rows = notes(join(out, "anki", `bitbound-${l.id}-${l.slug}.tsv`));
      expect(rows.map((r) => r[0])).toEqual(loadFlashcards(l, root).cards.map((c) => `bitbound-${l.id}-${c.id}`));
      for (const r of rows) {
        expect(r[3].split(" ")).toEqual(expect.arrayContaining(["bitbound", `bitbound::lesson-${l.id}`]));
        expect(r[3]).toMatch(new RegExp(`bitbound::stage-${l.stage}\\b`));
        expect(r[4]).toBe(`bitbound::${l.id} ${l.title}`);
      }
    }
  });

  it("is the same file twice over (stable ids, stable order): re-importing updates notes, never duplicates them", () => {
    const again = mkdtempSync(join(tmpdir(), "bitbound-exports-"));
    exportCourse(root, again);
    expect(readFileSync(join(again, "anki", "bitbound-all.tsv"), "utf8")).toBe(readFileSync(join(out, "anki", "bitbound-all.tsv"), "utf8"));
    rmSync(again, { recursive: true, force: true });
  });

  it("converts each $…$ of a card to \\(…\\): as many as a plain regular expression finds in the YAML", () => {
    const rows = new Map(notes(join(out, "anki", "bitbound-all.tsv")).map((r) => [r[0], r]));
    let spans = 0;
    for (const l of lessons) {
      for (const c of loadFlashcards(l, root).cards) {
        const row = rows.get(cardGuid(l.id, c.id))!;
        const count = (s: string) => (s.replace(/\$\$[^$]+\$\$/g, "").match(/\$[^$\n]+\$/g) ?? []).length;
        expect((row[1].match(/\\\(/g) ?? []).length, `${c.id} front`).toBe(count(c.front));
        expect((row[2].match(/\\\(/g) ?? []).length, `${c.id} back`).toBe(count(c.back));
        expect(row[1] + row[2], c.id).not.toMatch(/(^|[^\\])\$[^$]+\$/); // no dollar math left
        spans += count(c.front) + count(c.back);
      }
    }
    expect(spans).toBeGreaterThan(20); // the course's cards do use math
  });

  it("ankiHtml: math in Anki's delimiters, TeX and text HTML-escaped, code kept", () => {
    expect(ankiHtml("E4M3 tops out at $1.75\\cdot 2^8$, see `formatInfo`")).toBe("E4M3 tops out at \\(1.75\\cdot 2^8\\), see <code>formatInfo</code>");
    expect(ankiHtml("$a<b$ and $$x^2$$")).toBe("\\(a&lt;b\\) and \\[x^2\\]");
    expect(ankiHtml("<b>bold?</b>\nnext")).toBe("&lt;b&gt;bold?&lt;/b&gt; next");
  });

  it("hostile card text stays inside its field, escaped", () => {
    const rows = notes(join(hostileOut, "anki", "bitbound-01-floating-point.tsv"));
    const row = rows.find((r) => r[0] === "bitbound-01-injected-card")!;
    expect(row).toHaveLength(5);
    expect(row[1]).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(row[1]).toContain("\\(a&lt;b\\)");
    expect(row[1] + row[2]).not.toMatch(/<script|<img|onerror="/);
    expect(row[2]).toContain("\\[x^2\\]");
    expect(row[2]).toContain("<code>code &lt;b&gt;</code>");
    // the tab inside the text is kept inside the quoted field
    expect(row[1]).toContain("\t");
  });
});

describe("quiz answer key", () => {
  it("holds every question of every available lesson with its answer opened", () => {
    const html = readFileSync(join(out, "quiz-answer-key.html"), "utf8");
    const course = loadCourse(root);
    let total = 0;
    for (const l of course.lessons.filter((x) => x.status === "available")) {
      let quiz;
      try {
        quiz = loadQuiz(l, root);
      } catch {
        continue; // a lesson without a quiz (the welcome)
      }
      for (const q of quiz.questions) expect(html, `${l.id} ${q.id}`).toContain(`data-id="${q.id}"`);
      total += quiz.questions.length;
    }
    expect((html.match(/class="bitbound-question"/g) ?? []).length).toBe(total);
    expect(html).not.toMatch(/<details>/); // every answer open for printing
    expect((html.match(/<details open>/g) ?? []).length).toBe(total);
    const anyMath = course.lessons.some((l) => l.status === "available" && (() => { try { return JSON.stringify(loadQuiz(l, root)).includes("$"); } catch { return false; } })());
    if (anyMath) expect(html).toMatch(/<math/); // math as MathML: the file stands alone
    expect(html).not.toContain("katex-error");
    expect(foreignScripts(html)).toEqual([]);
  });

  it("escapes hostile quiz text", () => {
    const html = readFileSync(join(hostileOut, "quiz-answer-key.html"), "utf8");
    expect(html).toContain('data-id="injected-question"');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).not.toMatch(/<script|<img|onerror="/i);
    expect(MALICIOUS).toContain("<script>");
  });
});
