import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadCourse } from "../../../src/course/files";
import { figureBundle, figureDescriptionBundle } from "../../../src/notebook/show";
import { sliderFigure } from "../../../src/notebook/figures";
import { buildSite, type BuildSiteResult } from "../../../src/site/buildSite";
import { readNotebook } from "../../../src/site/notebookFile";
import { foreignScripts, MALICIOUS, tempCourseWithMaliciousText } from "./tempCourse";

/**
 * The site built from a temporary copy of the course with hostile text planted in lesson 01 (a flashcard,
 * a quiz question, the guide, a figure title, a check's claim in the ledger) and synthetic executed
 * notebooks for lessons 01 and 02: one page (and one printable page) per available lesson, plotly.js
 * loaded once per page that has figures, every text escaped, no script but the site's own.
 */
let root = "";
let out = "";
let result: BuildSiteResult;
const launch = { repository: "https://github.com/o/bitbound", branch: "main", binderHub: "https://mybinder.org", jupyterHub: null };

function executedCopy(notebook: string, figureTitle: string): void {
  const nb = readNotebook(join(root, "notebooks", notebook));
  const fig = sliderFigure({
    title: figureTitle,
    x: { title: "x (units)" },
    y: { title: "y (units)" },
    sliderLabel: "step",
    steps: [1, 2, 3].map((k) => ({ label: `${k}`, series: [{ name: "s", x: [1, 2, 3], y: [k, k * k, k * k * k] }] })),
  });
  const code = nb.cells.find((c) => c.cell_type === "code")!;
  code.outputs = [
    { output_type: "stream", name: "stdout", text: `✓ ${MALICIOUS}: 1 (expected 1, exact; independent: brute force)\n` },
    { output_type: "display_data", data: figureBundle(fig, "Figure 1.1", "Caption.") as Record<string, unknown> },
    { output_type: "display_data", data: figureDescriptionBundle(fig, "Figure 1.1", "Caption.") as Record<string, unknown> },
  ];
  mkdirSync(join(root, "executed"), { recursive: true });
  writeFileSync(join(root, "executed", notebook), JSON.stringify(nb));
}

beforeAll(async () => {
  root = tempCourseWithMaliciousText();
  out = join(root, "build", "site");
  // one planned lesson in the copy, whatever the real course's state, so the home page's status labels are tested
  const manifest = join(root, "lessons", "course.yaml");
  const planned = readFileSync(manifest, "utf8").replace(/(id: "12"[\s\S]*?status: )available/, "$1planned");
  writeFileSync(manifest, planned);
  executedCopy("01-floating-point.ipynb", `</script><script>alert("figure")</script> title`);
  executedCopy("02-block-scaling.ipynb", "A plain title");
  const ledger = join(root, "ledger.jsonl");
  const record = (claim: string, kind: string, passed = true) => JSON.stringify({ lesson: "01", claim, kind, by: kind === "independent" ? "brute force" : null, rule: "exact", actual: "1", expected: "expected 1", passed });
  writeFileSync(ledger, [record(MALICIOUS, "independent"), record("a restated claim", "restatement"), record(MALICIOUS, "independent")].join("\n") + "\n");
  result = await buildSite({ root, out, executedDir: join(root, "executed"), ledger, launch, images: false });
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const page = (rel: string) => readFileSync(join(out, rel), "utf8");

describe("buildSite", () => {
  it("writes a page and a printable page per available lesson, the home, claims and whole-course pages", () => {
    const available = loadCourse(root).lessons.filter((l) => l.status === "available");
    const expected = ["index.html", "claims.html", "print.html", ...available.flatMap((l) => [`lessons/${l.id}-${l.slug}.html`, `lessons/${l.id}-${l.slug}-print.html`])];
    expect([...result.pages].sort()).toEqual(expected.sort());
    expect(readdirSync(join(out, "lessons")).sort()).toEqual(expected.filter((p) => p.startsWith("lessons/")).map((p) => p.slice(8)).sort());
    expect(result.lessons.filter((l) => l.executed).map((l) => l.id)).toEqual(["01", "02"]);
    expect(result.warnings.filter((w) => /no executed notebook/.test(w))).toHaveLength(available.length - 2);
    for (const asset of ["assets/plotly.min.js", "assets/site.js", "assets/site.css", "assets/katex/katex.min.css", ".nojekyll"]) expect(existsSync(join(out, asset)), asset).toBe(true);
  });

  it("loads plotly.js once on each page that has figures, and not at all on the others", () => {
    for (const rel of result.pages) {
      const html = page(rel);
      const loads = (html.match(/<script src="(\.\.\/)?assets\/plotly\.min\.js"><\/script>/g) ?? []).length;
      const figures = (html.match(/<figure class="plotly-figure"/g) ?? []).length;
      expect(loads, rel).toBe(figures > 0 ? 1 : 0);
      expect(html.match(/<script src="(\.\.\/)?assets\/site\.js"><\/script>/g), rel).toHaveLength(1);
    }
    expect((page("lessons/01-floating-point.html").match(/<figure class="plotly-figure"/g) ?? []).length).toBe(1);
    expect((page("index.html").match(/<figure class="plotly-figure"/g) ?? []).length).toBe(1); // the course map
    expect(page("claims.html")).not.toContain("plotly.min.js");
  });

  it("escapes every hostile text: no script runs but the site's own", () => {
    for (const rel of result.pages) {
      const html = page(rel);
      expect(foreignScripts(html), rel).toEqual([]);
      expect(html, rel).not.toMatch(/<img src=x|onerror="alert/);
    }
    const lesson = page("lessons/01-floating-point.html");
    expect(lesson).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"); // card, quiz, guide, check line
    expect(lesson).toContain('data-id="injected-card"');
    expect(lesson).toContain('data-id="injected-question"');
    expect(lesson).not.toContain('href="javascript:');
    // the figure's hostile title travels inside the JSON block, escaped, and parses back intact
    const json = /<script type="application\/json" class="plotly-json">([\s\S]*?)<\/script>/.exec(lesson)![1];
    expect(json).not.toMatch(/<\/script/i);
    expect(JSON.parse(json).layout.title.text).toBe(`</script><script>alert("figure")</script> title`);
    const claims = page("claims.html");
    expect(claims).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });

  it("renders exercises boxed and solutions collapsed", () => {
    const html = page("lessons/02-block-scaling.html");
    const exercises = (html.match(/<section class="exercise" id="try-02-\d+"/g) ?? []).length;
    const solutions = (html.match(/<details class="solution"><summary>Solution to Try it 2\.\d+ \(try it first\)<\/summary>/g) ?? []).length;
    expect(exercises).toBeGreaterThanOrEqual(3);
    expect(solutions).toBe(exercises);
    expect(html).not.toMatch(/<details class="solution" open/);
  });

  it("puts the interactive quiz (with its answer key) and the flashcards on each lesson page", () => {
    const html = page("lessons/02-block-scaling.html");
    expect(html).toMatch(/<section class="quiz-section" id="quiz-02"/);
    expect(html).toMatch(/<script type="application\/json" class="quiz-key">/);
    expect(html).toMatch(/<section class="flashcards-section" id="flashcards-02"/);
    expect(html).toMatch(/<details class="bitbound-card" data-id="/);
    expect(html).toMatch(/<span class="katex">/); // math typeset at build time
  });

  it("links every lesson page to Binder with the configured repository, and marks printable pages", () => {
    const html = page("lessons/02-block-scaling.html");
    expect(html).toContain('href="https://mybinder.org/v2/gh/o/bitbound/main?urlpath=lab%2Ftree%2Fnotebooks%2F02-block-scaling.ipynb"');
    expect(html).toContain('class="hub-launch" data-repository="https://github.com/o/bitbound"');
    expect(page("lessons/02-block-scaling-print.html")).toMatch(/<body class="printable">/);
    expect(page("lessons/02-block-scaling-print.html")).not.toContain("mybinder.org");
    expect(page("print.html")).toMatch(/<body class="printable">/);
  });

  it("lists each check on the claims page, identical records once, and the home page shows each lesson's status", () => {
    expect(result.claims).toBe(2);
    expect((page("claims.html").match(/<tr class="pass">/g) ?? []).length).toBe(2);
    const home = page("index.html");
    expect(home).toContain('<span class="status available">available</span>');
    expect(home).toContain('<span class="status unexecuted">');
    expect(home).toMatch(/<span class="status planned">planned<\/span>/);
  });

  it("names the version and its release date in every page's footer, from package.json and CHANGELOG.md", () => {
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    const heading = new RegExp(`^## ${version.replace(/\./g, "\\.")} · (\\d{4}-\\d{2}-\\d{2})`, "m").exec(readFileSync(join(root, "CHANGELOG.md"), "utf8"));
    expect(heading, "CHANGELOG.md has a heading for package.json's version").not.toBeNull();
    for (const rel of result.pages) {
      expect(page(rel), rel).toContain(`<span class="site-version">bitbound ${version} (${heading![1]})`);
    }
  });

  it("refuses to empty a folder it did not write", async () => {
    const foreign = join(root, "not-a-site");
    mkdirSync(foreign, { recursive: true });
    writeFileSync(join(foreign, "keep.txt"), "mine");
    await expect(buildSite({ root, out: foreign, executedDir: join(root, "executed"), launch, images: false })).rejects.toThrow(/not empty and was not written by this project/);
    expect(readFileSync(join(foreign, "keep.txt"), "utf8")).toBe("mine");
  });
});
