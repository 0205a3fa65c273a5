import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { flashcards, loadCourse, loadQuiz, quiz, quizHtml } from "../../../src/course/index";
import { setDisplaySink, type MimeBundle } from "../../../src/notebook/display";

const root = join(__dirname, "..", "..", "..");
const temporary: string[] = [];
afterEach(() => setDisplaySink(null));
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function capture(): MimeBundle[] {
  const sent: MimeBundle[] = [];
  setDisplaySink((b) => sent.push(b));
  return sent;
}

/** A copy of the course manifest with lesson 01's quiz and flashcards replaced by hostile text. */
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "bitbound-study-"));
  temporary.push(dir);
  cpSync(join(root, "lessons"), join(dir, "lessons"), { recursive: true });
  const folder = join(dir, "lessons", "01-floating-point");
  const mc = (i: number) =>
    `  - id: q${i}\n    type: multiple-choice\n    prompt: "Q${i} <script>alert('x')</script> & \`code\`?"\n    choices: ["wrong <b>", "RIGHT-${i} & co", "other"]\n    answer: 1\n    explanation: "EXPLAIN-${i} because 1 < 2"\n`;
  const num = `  - id: n1\n    type: numeric\n    prompt: "How many? <i>"\n    answer: 42.5\n    tolerance: 0.5\n    unit: "%"\n    route: "brute force"\n    compute: "42.5"\n    explanation: "EXPLAIN-N"\n`;
  writeFileSync(join(folder, "quiz.yaml"), `lesson: "01"\nquestions:\n${[1, 2, 3, 4, 5].map(mc).join("")}${num}`);
  const card = (i: number) => `  - id: card-${i}\n    front: "FRONT-${i} <img src=x onerror=alert(1)>"\n    back: "BACK-${i} \\"quoted\\" & $2^{-4}$"\n`;
  writeFileSync(join(folder, "flashcards.yaml"), `lesson: "01"\ncards:\n${Array.from({ length: 10 }, (_, i) => card(i + 1)).join("")}`);
  return dir;
}

describe("quiz(id)", () => {
  it("displays one HTML block per question, escaped, with answer and explanation hidden in <details>, and returns nothing", () => {
    const dir = scratch();
    const sent = capture();
    expect(quiz("01", dir)).toBeUndefined();
    expect(sent).toHaveLength(1);
    const html = sent[0]["text/html"] as string;
    expect(html).not.toMatch(/<script|<b>|<i>/);
    expect(html).toContain("Q1 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; <code>code</code>?");
    const blocks = html.split('<li class="bitbound-question"').slice(1);
    expect(blocks).toHaveLength(6);
    blocks.slice(0, 5).forEach((b, i) => {
      const details = b.indexOf("<details><summary>Answer</summary>");
      expect(details).toBeGreaterThan(0);
      // the prompt and choices come before <details>; the keyed answer and explanation only inside it
      expect(b.slice(0, details)).toContain(`<li>RIGHT-${i + 1} &amp; co</li>`);
      expect(b.slice(0, details)).not.toContain("EXPLAIN");
      expect(b.slice(details)).toContain(`<strong>B.</strong> RIGHT-${i + 1} &amp; co`);
      expect(b.slice(details)).toContain(`EXPLAIN-${i + 1} because 1 &lt; 2`);
      expect(b.indexOf("</details>")).toBeGreaterThan(b.indexOf(`EXPLAIN-${i + 1}`));
    });
    const numeric = blocks[5];
    const d = numeric.indexOf("<details>");
    expect(numeric.slice(0, d)).toContain("How many? &lt;i&gt;");
    expect(numeric.slice(0, d)).not.toContain("42.5");
    expect(numeric.slice(d)).toContain("<strong>42.5 %</strong> (± 0.5 %)");
    // plain text: the questions, never the answers
    const text = sent[0]["text/plain"] as string;
    expect(text).toContain("1. Q1");
    expect(text).not.toMatch(/EXPLAIN|42\.5/);
  });

  it("refuses an unknown lesson id, naming it", () => {
    expect(() => quiz("99")).toThrow(/id must be a lesson id from lessons\/course\.yaml .* got "99"/);
    expect(() => flashcards(2 as never)).toThrow(TypeError);
  });

  it("renders every question of each real lesson's quiz", () => {
    for (const lesson of loadCourse(root).lessons.filter((l) => l.status === "available" && l.stage > 0)) {
      const q = loadQuiz(lesson, root);
      const html = quizHtml(q, "t");
      expect(html.split('<li class="bitbound-question"').length - 1).toBe(q.questions.length);
      expect(html.split("<details><summary>Answer</summary>").length - 1).toBe(q.questions.length);
    }
  });
});

describe("flashcards(id)", () => {
  it("displays one <details> per card: the escaped front visible as its summary, the back inside", () => {
    const dir = scratch();
    const sent = capture();
    expect(flashcards("01", dir)).toBeUndefined();
    const html = sent[0]["text/html"] as string;
    expect(html).not.toContain("<img");
    const cards = html.split('<details class="bitbound-card"').slice(1);
    expect(cards).toHaveLength(10);
    cards.forEach((c, i) => {
      expect(c).toMatch(new RegExp(`^ data-id="card-${i + 1}"><summary>FRONT-${i + 1} &lt;img src=x onerror=alert\\(1\\)&gt;</summary><p>BACK-${i + 1} &quot;quoted&quot; &amp; \\$2\\^\\{-4\\}\\$</p></details>`));
    });
    expect(sent[0]["text/plain"]).not.toContain("BACK");
  });
});
