import { afterEach, describe, expect, it } from "vitest";
import { setDisplaySink, type MimeBundle } from "../../../src/notebook/display";
import { show, figureBundle, PLOTLY_MIME, resetFigureNumbering } from "../../../src/notebook/show";
import { showTable } from "../../../src/notebook/table";
import { lineFigure } from "../../../src/notebook/figures";
import { escapeHtml } from "../../../src/notebook/html";
import { setCurrentLessonId } from "../../../src/notebook/lessonContext";

const good = () => ({
  data: [{ type: "scatter", name: "σ²d/T", x: new Float64Array([1, 10, 100]), y: [1, 0.1, 0.01] }],
  layout: { title: { text: "Error against rounds" }, xaxis: { title: { text: "rounds T" } }, yaxis: { title: "MSE" } },
});

afterEach(() => {
  setDisplaySink(null);
  setCurrentLessonId(null);
  resetFigureNumbering();
});

describe("show(figure, options)", () => {
  it("displays one bundle with the Plotly JSON, an HTML fallback and a text fallback", () => {
    const sent: MimeBundle[] = [];
    setDisplaySink((b) => sent.push(b));
    show(good());
    expect(sent).toHaveLength(1);
    const b = sent[0];
    expect(Object.keys(b).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    const fig = b[PLOTLY_MIME] as { data: { x: unknown }[]; layout: unknown };
    expect(fig.data[0].x).toEqual([1, 10, 100]); // typed array converted to JSON array
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig); // plain JSON
    expect(b["text/plain"]).toContain("Error against rounds");
    expect(b["text/plain"]).toContain("σ²d/T (scatter): 3 points, x 1 to 100, y 0.01 to 1");
    expect(b["text/html"]).toContain("<table>");
  });

  it("numbers figures per lesson and shows the caption under the chart", () => {
    const sent: MimeBundle[] = [];
    setDisplaySink((b) => sent.push(b));
    setCurrentLessonId("03");
    resetFigureNumbering();
    show(good(), { caption: "A slope of −1." });
    show(good(), { caption: "Again." });
    expect(sent).toHaveLength(4);
    expect(sent[1]["text/markdown"]).toBe("**Figure 3.1.** A slope of −1.");
    expect(sent[3]["text/markdown"]).toBe("**Figure 3.2.** Again.");
  });

  it("writes non-finite numbers as null so the JSON stays valid", () => {
    const b = figureBundle({ ...good(), data: [{ type: "scatter", x: [1, 2], y: [NaN, Infinity] }] });
    expect((b[PLOTLY_MIME] as { data: { y: unknown }[] }).data[0].y).toEqual([null, null]);
  });

  it("refuses a figure without a title or with an untitled axis, naming the field", () => {
    const noTitle = { ...good(), layout: { ...good().layout, title: "" } };
    expect(() => show(noTitle)).toThrow(/figure.layout.title/);
    const noY = { ...good(), layout: { title: "t", xaxis: { title: "x" } } };
    expect(() => show(noY)).toThrow(/figure.layout.yaxis.title/);
    const second = { data: [{ type: "bar", x: [1], y: [1], yaxis: "y2" }], layout: { title: "t", xaxis: { title: "x" }, yaxis: { title: "y" } } };
    expect(() => show(second)).toThrow(/figure.layout.yaxis2.title/);
    expect(() => show({ data: [] })).toThrow(/figure.data/);
    expect(() => show(null as never)).toThrow(TypeError);
    expect(() => show(good(), { caption: 3 as never })).toThrow(/options.caption/);
  });

  it("does not require axis titles for traces without cartesian axes", () => {
    setDisplaySink(() => {});
    expect(() => show({ data: [{ type: "pie", values: [1, 2] }], layout: { title: "shares" } })).not.toThrow();
  });
});

describe("lineFigure", () => {
  it("builds titled log axes whose range is given in data units", () => {
    const f = lineFigure({ title: "t", x: { title: "T", log: true, range: [1, 1000] }, y: { title: "y" }, series: [{ name: "a", x: [1, 2], y: [3, 4], dash: true }] });
    expect(f.layout!.xaxis).toMatchObject({ type: "log", range: [0, 3], title: { text: "T" } });
    expect(f.data[0]).toMatchObject({ name: "a", mode: "lines", line: { dash: "dash" } });
    expect(() => figureBundle(f)).not.toThrow();
  });
});

describe("showTable and escapeHtml", () => {
  it("escapes every HTML-special character", () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  });

  it("renders rows as an escaped HTML table and an aligned text table", () => {
    const sent: MimeBundle[] = [];
    setDisplaySink((b) => sent.push(b));
    showTable([{ format: "e4m3", max: 448 }, { format: "<b>", max: 1e-9 }], { caption: "limits" });
    expect(sent[0]["text/html"]).toContain("<td>&lt;b&gt;</td>");
    expect(sent[0]["text/plain"]).toBe("format  max\n------  ---------\ne4m3    448\n<b>     1.0000e-9\nlimits");
    expect(() => showTable([])).toThrow(/rows/);
  });
});
