import { describe, expect, it } from "vitest";
import { deckHtml } from "../../../src/slides/deckHtml";
import { slideTypes, TEXT_PER_SLIDE } from "../../../src/slides/slideTypes";
import { createMarkdown } from "../../../src/site/markdown";
import type { Notebook, NotebookCell } from "../../../src/site/notebookFile";

/**
 * Slide metadata from a lesson's structure (src/slides/slideTypes.ts) and the deck built from it
 * (src/slides/deckHtml.ts), on small notebooks whose expected slides are written out by hand.
 */
const md = (source: string, metadata: NotebookCell["metadata"] = {}): NotebookCell => ({ cell_type: "markdown", source, metadata });
const figure = { output_type: "display_data", data: { "application/vnd.plotly.v1+json": { data: [{ x: [1, 2], y: [3, 4] }], layout: { title: { text: "T" } } }, "text/plain": "Figure" } };
const caption = { output_type: "display_data", data: { "text/html": '<div class="bitbound-figure-text"><p>Caption 1.1</p></div>', "text/plain": "Caption 1.1" } };
const checkLine = { output_type: "stream", name: "stdout", text: "✓ a claim: 1 (expected 1, exact; independent: brute force)\n" };
const code = (source: string, outputs: NotebookCell["outputs"] = [], metadata: NotebookCell["metadata"] = {}): NotebookCell => ({ cell_type: "code", source, outputs, metadata });

describe("slideTypes", () => {
  it("headings start slides and subslides, figures get a subslide, code and solutions are skipped", () => {
    const nb: Notebook = {
      cells: [
        md("# Lesson 1\n\nObjectives."),
        code("import { check } from \"bitbound\";", [checkLine]),
        md("## 1. A section"),
        md("Some text."),
        code("show(fig)", [checkLine, figure, caption]),
        md("More text after the figure."),
        md("### A detail"),
        md("**Try it 1.1.** Do this.", { tags: ["exercise"] }),
        code("// solution", [checkLine], { tags: ["solution"] }),
        code("check(…)", [checkLine], { tags: ["slide"] }),
      ],
    };
    expect(slideTypes(nb)).toEqual(["slide", "skip", "slide", "-", "subslide", "subslide", "subslide", "subslide", "skip", "-"]);
  });

  it("a cell's own slideshow metadata wins, and the first cell shown starts a slide", () => {
    const nb: Notebook = {
      cells: [
        code("setup()", [checkLine]),
        md("Intro without a heading."),
        md("## Hidden section", { slideshow: { slide_type: "skip" } }),
        md("Say this aloud.", { slideshow: { slide_type: "notes" } }),
        code("show(fig)", [figure], { slideshow: { slide_type: "fragment" } }),
        md("# Not a new slide here", { slideshow: { slide_type: "-" } }),
      ],
    };
    expect(slideTypes(nb)).toEqual(["skip", "slide", "skip", "notes", "fragment", "-"]);
  });

  it(`text past ${TEXT_PER_SLIDE} characters on one slide moves on to a subslide`, () => {
    const para = "x".repeat(500); // 4 + 500 + 500 fit on one slide, a third paragraph does not
    expect(slideTypes({ cells: [md("## S"), md(para), md(para), md(para), md(para)] })).toEqual(["slide", "-", "-", "subslide", "-"]);
  });
});

describe("deckHtml", () => {
  it("nests vertical slides in horizontal ones, shows figures without their code or check lines, and marked code whole", () => {
    const nb: Notebook = {
      cells: [md("# Lesson 1"), code("show(lineFigure(…))", [checkLine, figure, caption]), md("## Next"), code("const marked = 1;", [checkLine], { tags: ["slide"] }), md("Notes.", { slideshow: { slide_type: "notes" } })],
    };
    const deck = deckHtml(nb, slideTypes(nb), { title: "Lesson 1", lessonId: "01", where: "test.ipynb", md: createMarkdown() });
    expect(deck.slides).toBe(3);
    expect(deck.figures).toBe(1);
    const slides = /<div class="slides">([\s\S]*)<\/div><\/div>/.exec(deck.html)![1];
    // two horizontal slides: [title, figure] and [next with the marked code]
    expect((slides.match(/<section><section>/g) ?? []).length).toBe(2);
    expect((slides.match(/<section>/g) ?? []).length).toBe(5);
    expect(slides).not.toContain("show(lineFigure");
    expect(slides).toContain("Caption 1.1");
    expect(slides).toContain("const marked = 1;");
    expect((slides.match(/check-pass/g) ?? []).length).toBe(1); // only the marked cell's check line
    expect(slides).toContain('<aside class="notes"><p>Notes.</p>');
    expect(slides).toContain('id="fig-01-fig1"');
  });

  it("refuses slide types that do not match the cells", () => {
    expect(() => deckHtml({ cells: [md("# A")] }, [], { title: "t", lessonId: "01", where: "x.ipynb", md: createMarkdown() })).toThrow(/types: 0 slide types for 1 cells/);
  });
});
