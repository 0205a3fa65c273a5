import { describe, expect, it } from "vitest";
import { figureBundle, figureDescriptionBundle } from "../../../src/notebook/show";
import { sliderFigure } from "../../../src/notebook/figures";
import { jsonScript } from "../../../src/site/jsonScript";
import { createMarkdown } from "../../../src/site/markdown";
import { assertNoScript, outputsHtml, type OutputContext } from "../../../src/site/outputHtml";
import { plotlyFigureHtml, type PlotlyFigure } from "../../../src/site/plotlyFigure";

function context(): OutputContext & { placed: { figure: PlotlyFigure; summary: string }[] } {
  const placed: { figure: PlotlyFigure; summary: string }[] = [];
  return { md: createMarkdown(), where: "test cell", lessonId: "04", placed, figure: (figure, summary) => (placed.push({ figure, summary }), `<figure data-n="${placed.length}"></figure>`) };
}

/** The JSON inside the first `<script type="application/json">` of some HTML, as a browser would read it. */
function embedded(html: string): unknown {
  const m = /<script type="application\/json" class="[^"]+">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]);
}

describe("jsonScript", () => {
  it("cannot be closed or broken out of by any string in the data, and parses back to the same value", () => {
    const data = { title: '</script><script>alert("x")</script>', amp: "a & b <!-- c -->", sep: "\u2028\u2029", nested: [1, null, "é"] };
    const html = jsonScript(data, "plotly-json");
    expect(html.match(/<\/script>/g)).toHaveLength(1); // only its own end tag
    expect(html).not.toMatch(/<!--|<script>alert/);
    expect(embedded(html)).toEqual(data);
  });
});

describe("plotlyFigureHtml", () => {
  it("embeds the figure whole, with the summary as the accessible name and the image's alternative text", () => {
    const figure = { data: [{ x: [1, 2], y: [3, 4] }], layout: { title: { text: "<b>t</b>" } } };
    const html = plotlyFigureHtml({ id: "04-fig1", figure, summary: 'Figure 4.1: "errors" < 1', image: "../figures/04-fig1.png" });
    expect(embedded(html)).toEqual(figure);
    expect(html).toContain('aria-label="Figure 4.1: &quot;errors&quot; &lt; 1"');
    expect(html).toContain('<img class="plotly-fallback" src="../figures/04-fig1.png" alt="Figure 4.1: &quot;errors&quot; &lt; 1">');
  });
});

describe("outputsHtml", () => {
  it("marks check lines and merges consecutive stream outputs", () => {
    const html = outputsHtml(
      [
        { output_type: "stream", name: "stdout", text: ["✓ a claim: 1 (expected 1, exact)\n"] },
        { output_type: "stream", name: "stdout", text: "plain <line>\n" },
      ],
      context(),
    );
    expect(html).toBe('<pre class="stream stdout"><span class="check-pass">✓ a claim: 1 (expected 1, exact)</span>\nplain &lt;line&gt;</pre>');
  });

  it("hands a Plotly output to the figure renderer with show's text description as its summary, and drops the JupyterLab-only HTML", () => {
    const fig = sliderFigure({
      title: "Error against T",
      x: { title: "x (units)" },
      y: { title: "y (units)" },
      sliderLabel: "rounds T",
      steps: [1, 2].map((t) => ({ label: `${t}`, series: [{ name: "error", x: [1, 2], y: [t, 2 * t] }] })),
    });
    const ctx = context();
    const html = outputsHtml(
      [
        { output_type: "display_data", data: figureBundle(fig, "Figure 4.2", "The error halves.") as Record<string, unknown> },
        { output_type: "display_data", data: figureDescriptionBundle(fig, "Figure 4.2", "The error halves.") as Record<string, unknown> },
      ],
      ctx,
    );
    expect(ctx.placed).toHaveLength(1);
    expect((ctx.placed[0].figure.layout as { sliders: unknown[] }).sliders).toHaveLength(1); // the slider survives
    expect(ctx.placed[0].summary).toContain("Figure 4.2: Error against T");
    expect(ctx.placed[0].summary).toContain("Text description: Error against T");
    expect(html).not.toContain("open the notebook in JupyterLab");
    expect(html).toContain('class="bitbound-figure-text"'); // caption and collapsed description stay
  });

  it("replaces the notebook's quiz and flashcards with links to the page's interactive ones", () => {
    const html = outputsHtml(
      [
        { output_type: "display_data", data: { "text/html": '<div class="bitbound-quiz"><h3>Q</h3></div>', "text/plain": "quiz" } },
        { output_type: "display_data", data: { "text/html": '<div class="bitbound-flashcards"><h3>F</h3></div>', "text/plain": "cards" } },
      ],
      context(),
    );
    expect(html).toBe('<p class="study-pointer">This lesson\'s quiz and flashcards are interactive on this page: <a href="#quiz-04">quiz</a>, <a href="#flashcards-04">flashcards</a>.</p>');
  });

  it("escapes text outputs and errors", () => {
    const html = outputsHtml(
      [
        { output_type: "execute_result", data: { "text/plain": "<b>42</b>" } },
        { output_type: "error", ename: "RangeError", evalue: "d must be <1>", traceback: ["\u001b[31mat <anonymous>\u001b[0m"] },
      ],
      context(),
    );
    expect(html).toBe('<pre class="output-text">&lt;b&gt;42&lt;/b&gt;</pre><pre class="stream stderr">RangeError: d must be &lt;1&gt;\nat &lt;anonymous&gt;</pre>');
  });
});

describe("assertNoScript", () => {
  it("passes the library's escaped HTML and refuses anything that could run script", () => {
    expect(() => assertNoScript("<table><tr><td>1 &lt; 2 onerror=x</td></tr></table>", "cell 1")).not.toThrow();
    for (const bad of ["<script>x</script>", '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>', "<iframe src=x>", '<svg onload="x">', "<base href=x>"]) {
      expect(() => assertNoScript(bad, "cell 1"), bad).toThrow(/^cell 1: an HTML output carries script/);
    }
  });
});
