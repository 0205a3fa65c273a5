import { afterEach, describe, expect, it } from "vitest";
import { setDisplaySink, type MimeBundle } from "../../../src/notebook/display";
import {
  COLOUR_WORDS,
  figureBundle,
  figureDescriptionBundle,
  figureProblems,
  figureStrictness,
  PLOTLY_MIME,
  resetFigureNumbering,
  setFigureStrictness,
  show,
  type Figure,
} from "../../../src/notebook/show";
import { showTable } from "../../../src/notebook/table";
import { lineFigure, sliderFigure } from "../../../src/notebook/figures";
import { DASH_CYCLE, MARKER_CYCLE, OKABE_ITO, seriesStyle } from "../../../src/notebook/palette";
import { escapeHtml } from "../../../src/notebook/html";
import { setCurrentLessonId } from "../../../src/notebook/lessonContext";

const good = (): Figure => ({
  data: [{ type: "scatter", name: "σ²d/T", x: new Float64Array([1, 10, 100]), y: [1, 0.1, 0.01] }],
  layout: { title: { text: "Error against rounds" }, xaxis: { title: { text: "rounds T" } }, yaxis: { title: "MSE" } },
});

function capture(): MimeBundle[] {
  const sent: MimeBundle[] = [];
  setDisplaySink((b) => sent.push(b));
  return sent;
}

afterEach(() => {
  setDisplaySink(null);
  setCurrentLessonId(null);
  resetFigureNumbering();
  setFigureStrictness(null);
  delete process.env.BITBOUND_STRICT;
});

describe("show(figure, options)", () => {
  it("displays the chart (Plotly JSON with fallbacks), then the caption and a collapsed text description as HTML", () => {
    const sent = capture();
    show(good(), { caption: "A slope of −1 <on log axes>." });
    expect(sent).toHaveLength(2);
    const [chart, text] = sent;
    expect(Object.keys(chart).sort()).toEqual([PLOTLY_MIME, "text/html", "text/plain"].sort());
    const fig = chart[PLOTLY_MIME] as { data: { x: unknown }[]; layout: { colorway: string[] } };
    expect(fig.data[0].x).toEqual([1, 10, 100]); // typed array converted to JSON array
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig); // plain JSON
    expect(fig.layout.colorway).toEqual([...OKABE_ITO]); // the default colorway
    // the description is its own HTML output, so it shows under the chart whatever renders the chart
    expect(Object.keys(text).sort()).toEqual(["text/html", "text/plain"]);
    const html = text["text/html"] as string;
    expect(html).toMatch(/^<div class="bitbound-figure-text"><p><strong>Figure 1\.<\/strong> A slope of −1 &lt;on log axes&gt;\.<\/p><details><summary>Text description of Figure 1<\/summary>/);
    expect(html).toContain("<td>σ²d/T</td><td>scatter</td><td>solid line, circle markers</td><td>3</td><td>1 to 100</td><td>0.01 to 1</td>");
    expect(html).toContain("Axes: x: rounds T; y: MSE.");
    expect(html.indexOf("<details>")).toBeLessThan(html.indexOf("<table>"));
    expect(html.endsWith("</details></div>")).toBe(true);
    expect(text["text/plain"]).toContain("σ²d/T (scatter, solid line, circle markers): 3 points, x 1 to 100, y 0.01 to 1");
  });

  it("numbers figures per lesson", () => {
    const sent = capture();
    setCurrentLessonId("03");
    resetFigureNumbering();
    show(good(), { caption: "One." });
    show(good(), { caption: "Two." });
    expect(sent[1]["text/html"]).toContain("<strong>Figure 3.1.</strong> One.");
    expect(sent[3]["text/html"]).toContain("<strong>Figure 3.2.</strong> Two.");
    expect(sent[2]["text/plain"]).toMatch(/^Figure 3\.2: Error against rounds/);
  });

  it("keeps a colorway the figure sets, and writes non-finite numbers as null", () => {
    const b = figureBundle({ data: [{ type: "scatter", x: [1, 2], y: [NaN, Infinity] }], layout: { colorway: ["#111111"] } });
    const fig = b[PLOTLY_MIME] as { data: { y: unknown }[]; layout: { colorway: string[] } };
    expect(fig.data[0].y).toEqual([null, null]);
    expect(fig.layout.colorway).toEqual(["#111111"]);
  });

  it("is lenient by default: a learner's quick plot without titles or caption is shown", () => {
    const sent = capture();
    expect(figureStrictness()).toBe(false);
    show({ data: [{ x: [1, 2, 3], y: [1, 4, 9] }, { x: [1, 2, 3], y: [1, 2, 3] }] });
    show({ data: [] });
    expect(sent).toHaveLength(4);
    expect(sent[1]["text/html"]).toContain("<strong>Figure 1.</strong> (untitled)");
  });

  it("refuses what is not a Plotly figure, naming the field", () => {
    expect(() => show({ data: "x" } as never)).toThrow(/figure\.data/);
    expect(() => show({ data: [3] } as never)).toThrow(/figure\.data\[0\]/);
    expect(() => show({ data: [], layout: [] } as never)).toThrow(/figure\.layout/);
    expect(() => show(null as never)).toThrow(TypeError);
    expect(() => show(good(), { caption: 3 as never })).toThrow(/options\.caption/);
    expect(() => show(good(), { caption: " " })).toThrow(/options\.caption/);
  });
});

describe("strict mode: the course's figure rules", () => {
  it("is switched on by BITBOUND_STRICT=1 or setFigureStrictness(true), and off again", () => {
    capture();
    const quick = { data: [{ x: [1], y: [1] }] };
    process.env.BITBOUND_STRICT = "1";
    expect(figureStrictness()).toBe(true);
    expect(() => show(quick)).toThrow(/strict mode/);
    setFigureStrictness(false);
    expect(() => show(quick)).not.toThrow();
    delete process.env.BITBOUND_STRICT;
    setFigureStrictness(true);
    expect(() => show(quick)).toThrow(/figure\.layout\.title/);
    setFigureStrictness(null);
    expect(() => show(quick)).not.toThrow();
    expect(() => setFigureStrictness("yes" as never)).toThrow(/strict must be true, false or null/);
  });

  it("accepts a course figure: title, titled axes, a caption without colour names, distinguishable series", () => {
    capture();
    setFigureStrictness(true);
    const f = lineFigure({ title: "t", x: { title: "x (bits)" }, y: { title: "y (dB)" }, series: [0, 1, 2].map((i) => ({ name: `s${i}`, x: [1, 2], y: [i, i] })) });
    expect(figureProblems(f, "Three series.")).toEqual([]);
    expect(() => show(f, { caption: "Three series." })).not.toThrow();
  });

  it("lists each problem: title, axis titles, caption, colour names", () => {
    const noTitles = { data: [{ type: "bar", x: [1], y: [1], yaxis: "y2" }], layout: { title: "" } };
    expect(figureProblems(noTitles)).toEqual([
      "figure.layout.title must be set: every course figure has a title",
      "figure.layout.xaxis.title must be set (with units): trace 0 (bar) is drawn on it",
      "figure.layout.yaxis2.title must be set (with units): trace 0 (bar) is drawn on it",
      "options.caption must be given: every course figure has a caption saying what to see",
    ]);
    const f = good();
    expect(figureProblems(f, "The dashed line is the bound.")).toEqual([]);
    for (const caption of ["The red line is the bound.", "Blue: measured.", "the greenish band", "the reddish points", "the bluish curve", "GREY markers"]) {
      expect(figureProblems(f, caption), caption).toEqual([expect.stringMatching(/^options\.caption names a colour/)]);
    }
    for (const caption of ["White noise and a black box.", "Reduced error", "Bored readers", "Golden ratio", "The predicted curve"]) {
      expect(figureProblems(f, caption), caption).toEqual([]);
    }
    expect(COLOUR_WORDS).toContain("vermillion");
  });

  it("needs no axis title on a hidden axis, nor for traces without cartesian axes", () => {
    const hidden = { data: [{ type: "scatter", mode: "text", x: [1], y: [1], text: ["a"] }], layout: { title: "diagram", xaxis: { title: "bit" }, yaxis: { visible: false } } };
    expect(figureProblems(hidden, "A diagram.")).toEqual([]);
    expect(figureProblems({ data: [{ type: "pie", values: [1, 2] }], layout: { title: "shares" } }, "Shares.")).toEqual([]);
  });

  it("refuses two line or marker traces told apart by colour only", () => {
    const axes = { title: "t", xaxis: { title: "x" }, yaxis: { title: "y" } };
    const line = (name: string, extra: Record<string, unknown> = {}) => ({ type: "scatter", mode: "lines", name, x: [1, 2], y: [1, 2], ...extra });
    const colourOnly = { data: [line("a", { line: { color: "#000" } }), line("b", { line: { color: "#fff" } })], layout: axes };
    expect(figureProblems(colourOnly, "c")).toEqual([expect.stringMatching(/^figure\.data\[1\] \("b"\) looks like figure\.data\[0\] \("a"\) except for colour/)]);
    expect(figureProblems({ data: [line("a"), line("b", { line: { dash: "dot" } })], layout: axes }, "c")).toEqual([]);
    // markers are told apart by symbol; a lines trace and a markers trace differ anyway
    const markers = (name: string, symbol?: string) => ({ type: "scatter", mode: "markers", name, x: [1], y: [1], ...(symbol ? { marker: { symbol } } : {}) });
    expect(figureProblems({ data: [markers("a"), markers("b")], layout: axes }, "c")).toHaveLength(1);
    expect(figureProblems({ data: [markers("a"), markers("b", "square")], layout: axes }, "c")).toEqual([]);
    expect(figureProblems({ data: [markers("a"), line("b")], layout: axes }, "c")).toEqual([]);
    // a marker symbol does not help a lines-only trace; Plotly's default mode counts (lines+markers below 20 points)
    expect(figureProblems({ data: [line("a", { marker: { symbol: "x" } }), line("b")], layout: axes }, "c")).toHaveLength(1);
    const dflt = (name: string, n: number, symbol: string) => ({ type: "scatter", name, x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => i), marker: { symbol } });
    expect(figureProblems({ data: [dflt("a", 5, "circle"), dflt("b", 5, "square")], layout: axes }, "c")).toEqual([]);
    expect(figureProblems({ data: [dflt("a", 25, "circle"), dflt("b", 25, "square")], layout: axes }, "c")).toHaveLength(1);
    // hidden traces and text traces do not count
    expect(figureProblems({ data: [line("a"), line("b", { visible: false })], layout: axes }, "c")).toEqual([]);
  });
});

describe("palette and lineFigure", () => {
  it("OKABE_ITO is the eight Okabe–Ito colours; series i gets colour i, dash i and symbol i of fixed cycles", () => {
    expect([...OKABE_ITO].sort()).toEqual(["#000000", "#0072B2", "#009E73", "#56B4E9", "#CC79A7", "#D55E00", "#E69F00", "#F0E442"]);
    expect(seriesStyle(0)).toEqual({ color: "#0072B2", dash: "solid", symbol: "circle" });
    expect(seriesStyle(1)).toEqual({ color: "#D55E00", dash: "dash", symbol: "square" });
    expect(seriesStyle(8)).toEqual({ color: OKABE_ITO[0], dash: DASH_CYCLE[2], symbol: MARKER_CYCLE[0] });
    // any two of the first 24 series differ in dash or symbol; the first 6 in dash alone
    const keys = Array.from({ length: 24 }, (_, i) => `${seriesStyle(i).dash}|${seriesStyle(i).symbol}`);
    expect(new Set(keys).size).toBe(24);
    expect(new Set(Array.from({ length: 6 }, (_, i) => seriesStyle(i).dash)).size).toBe(6);
    expect(() => seriesStyle(-1)).toThrow(RangeError);
    expect(() => seriesStyle(1.5)).toThrow(/i must be an integer/);
  });

  it("builds titled log axes whose range is given in data units, and styles each series", () => {
    const f = lineFigure({
      title: "t",
      x: { title: "T", log: true, range: [1, 1000] },
      y: { title: "y" },
      series: [
        { name: "a", x: [1, 2], y: [3, 4] },
        { name: "b", x: [1, 2], y: [3, 4], mode: "markers" },
        { name: "c", x: [1, 2], y: [3, 4], dash: true, symbol: "star", color: "#000000" },
      ],
    });
    expect(f.layout!.xaxis).toMatchObject({ type: "log", range: [0, 3], title: { text: "T" } });
    expect(f.layout!.colorway).toEqual([...OKABE_ITO]);
    expect(f.data.map((t) => [t.mode, (t.line as { dash: string }).dash, (t.marker as { symbol: string }).symbol, (t.line as { color: string }).color])).toEqual([
      ["lines", "solid", "circle", OKABE_ITO[0]],
      ["markers", "dash", "square", OKABE_ITO[1]],
      ["lines", "dash", "star", "#000000"],
    ]);
    expect(() => lineFigure({ title: "t", x: { title: "x" }, y: { title: "y" }, series: [{ name: "a", x: [1, 2], y: [1] }] })).toThrow(/spec\.series\[0\]\.x has 2 values but spec\.series\[0\]\.y has 1/);
    expect(() => lineFigure({ title: "t", x: { title: "x" }, y: { title: "y" }, series: [{ name: "a", x: [1, "2"] as never, y: [1, 2] }] })).toThrow(/spec\.series\[0\]\.x\[1\]/);
  });
});

describe("sliderFigure", () => {
  const steps = [1, 2, 3].map((m) => ({
    label: `${m} bits`,
    series: [
      { name: "error", x: [0, 1, 2], y: [0, 1 / m, 2 / m] },
      { name: "bound", x: [0, 1, 2], y: [m, m, m], yError: [0.1 * m, 0.1 * m, 0.1 * m] },
    ],
  }));
  const spec = { title: "Error against input", x: { title: "x" }, y: { title: "error" }, sliderLabel: "mantissa bits", steps };

  it("stores every step's data in a labelled slider step with method update", () => {
    const f = sliderFigure(spec);
    const slider = (f.layout!.sliders as { active: number; currentvalue: { prefix: string }; steps: { label: string; method: string; args: [Record<string, unknown[]>, object] }[] }[])[0];
    expect(slider.active).toBe(0);
    expect(slider.currentvalue.prefix).toBe("mantissa bits: ");
    expect(slider.steps.map((s) => s.label)).toEqual(["1 bits", "2 bits", "3 bits"]);
    slider.steps.forEach((s, k) => {
      expect(s.method).toBe("update");
      expect(s.args[0].x).toEqual([[0, 1, 2], [0, 1, 2]]);
      expect(s.args[0].y).toEqual([steps[k].series[0].y, steps[k].series[1].y]);
      expect(s.args[0].error_y).toEqual([{ visible: false }, { type: "data", array: steps[k].series[1].yError, visible: true }]);
    });
    // the traces drawn first are step 0's, styled like lineFigure's series
    expect(f.data.map((t) => [t.name, t.y, (t.line as { dash: string }).dash])).toEqual([
      ["error", [0, 1, 2], "solid"],
      ["bound", [1, 1, 1], "dash"],
    ]);
    // fixed axes over all steps: y from 0 to 3, padded by 5 %
    expect(f.layout!.yaxis).toMatchObject({ autorange: false, title: { text: "error" } });
    const yr = (f.layout!.yaxis as { range: number[] }).range;
    expect(yr[0]).toBeCloseTo(-0.15, 12);
    expect(yr[1]).toBeCloseTo(3.15, 12);
    expect(figureProblems(f, "Each bit halves the error.")).toEqual([]);
  });

  it("starts at the active step, and fixes a log axis over positive values", () => {
    const f = sliderFigure({ ...spec, active: 2, y: { title: "error", log: true } });
    expect(f.data[0].y).toEqual(steps[2].series[0].y);
    const r = (f.layout!.yaxis as { range: number[] }).range;
    // positive y values run from 1/3 to 3: log10 from −0.477 to 0.477, padded by 5 % of the span
    expect(r[0]).toBeCloseTo(Math.log10(1 / 3) - 0.05 * 2 * Math.log10(3), 12);
    expect(r[1]).toBeCloseTo(Math.log10(3) + 0.05 * 2 * Math.log10(3), 12);
  });

  it("offers a dropdown with the same precomputed steps", () => {
    const f = sliderFigure({ ...spec, control: "dropdown" });
    expect(f.layout!.sliders).toBeUndefined();
    const menu = (f.layout!.updatemenus as { type: string; buttons: { label: string; method: string; args: [Record<string, unknown[]>] }[] }[])[0];
    expect(menu.type).toBe("dropdown");
    expect(menu.buttons.map((b) => b.label)).toEqual(["1 bits", "2 bits", "3 bits"]);
    expect(menu.buttons[1].args[0].y).toEqual([steps[1].series[0].y, steps[1].series[1].y]);
  });

  it("describes the steps in the text description", () => {
    const d = figureDescriptionBundle(sliderFigure(spec), "Figure 4.1", "c");
    expect(d["text/plain"]).toContain('Slider "mantissa bits": 3 steps (1 bits, 2 bits, 3 bits)');
    expect(figureDescriptionBundle(sliderFigure({ ...spec, control: "dropdown" }))["text/html"]).toContain("Dropdown &quot;mantissa bits&quot;: 3 choices");
  });

  it("refuses unusable steps, naming the field", () => {
    expect(() => sliderFigure({ ...spec, steps: steps.slice(0, 1) })).toThrow(/spec\.steps must be an array of at least two steps/);
    expect(() => sliderFigure({ ...spec, steps: [steps[0], { ...steps[1], label: "1 bits" }] })).toThrow(/spec\.steps\[1\]\.label "1 bits" is used by an earlier step/);
    expect(() => sliderFigure({ ...spec, steps: [steps[0], { ...steps[1], label: "" }] })).toThrow(/spec\.steps\[1\]\.label/);
    expect(() => sliderFigure({ ...spec, steps: [steps[0], { label: "x", series: [steps[1].series[1], steps[1].series[0]] }] })).toThrow(/spec\.steps\[1\]\.series must have the same series names/);
    expect(() => sliderFigure({ ...spec, steps: [steps[0], { label: "x", series: [steps[1].series[0]] }] })).toThrow(/same series names/);
    expect(() => sliderFigure({ ...spec, sliderLabel: "" })).toThrow(/spec\.sliderLabel/);
    expect(() => sliderFigure({ ...spec, active: 3 })).toThrow(/spec\.active must be an integer from 0 to 2/);
    expect(() => sliderFigure({ ...spec, control: "knob" as never })).toThrow(/spec\.control/);
  });

  it("strict mode flags an unlabelled step of a hand-made slider", () => {
    const f = sliderFigure(spec);
    (f.layout!.sliders as { steps: { label: string }[] }[])[0].steps[1].label = "";
    expect(figureProblems(f, "c")).toEqual(["figure.layout.sliders[0].steps[1].label must be set"]);
  });
});

describe("showTable and escapeHtml", () => {
  it("escapes every HTML-special character", () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
  });

  it("renders rows as an escaped HTML table and an aligned text table", () => {
    const sent = capture();
    showTable([{ format: "e4m3", max: 448 }, { format: "<b>", max: 1e-9 }], { caption: "limits" });
    expect(sent[0]["text/html"]).toContain("<td>&lt;b&gt;</td>");
    expect(sent[0]["text/plain"]).toBe("format  max\n------  ---------\ne4m3    448\n<b>     1.0000e-9\nlimits");
    expect(() => showTable([])).toThrow(/rows/);
  });
});
