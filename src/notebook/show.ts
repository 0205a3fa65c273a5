import { describeValue } from "../validation";
import { display, type MimeBundle } from "./display";
import { currentLessonId } from "./lessonContext";
import { escapeHtml } from "./html";

/** A Plotly trace as plain JSON (typed arrays are accepted and converted). */
export type Trace = { type?: string; name?: string; x?: unknown; y?: unknown; [key: string]: unknown };

/** A Plotly figure as plain JSON: `{ data, layout, config }`. */
export interface Figure {
  data: Trace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Options of {@link show}. */
export interface ShowOptions {
  /** What the reader should see in the figure; shown under it as "Figure L.N — caption". */
  caption?: string;
}

/** The MIME type of Plotly's JSON figure format, rendered by the JupyterLab Plotly extension. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Trace types drawn on cartesian x/y axes, whose axes must carry titles. */
const CARTESIAN = new Set(["scatter", "scattergl", "bar", "histogram", "histogram2d", "box", "violin", "heatmap", "contour", "waterfall"]);

let figureCounter = 0;

/** Restarts figure numbering (called by `startLesson`). */
export function resetFigureNumbering(): void {
  figureCounter = 0;
}

/**
 * Displays a Plotly figure in the notebook.
 *
 * The output is one MIME bundle: Plotly's JSON (`application/vnd.plotly.v1+json`), rendered interactively
 * by JupyterLab's Plotly extension; an HTML summary (title, caption, one row per trace with its point count
 * and ranges) for viewers without that extension; and a plain-text summary. The caption, if given, is
 * shown under the chart as "Figure L.N — caption".
 *
 * The figure is checked against the course's figure rules before it is shown: a title, and a title on every
 * cartesian axis a trace uses (units belong in the axis title). Typed arrays are converted to plain arrays.
 *
 * Returns nothing, so that `show(...)` as a cell's last line adds no printed value under the chart;
 * {@link figureBundle} builds the same bundle without displaying it.
 * @example
 * ```ts
 * show({
 *   data: [{ type: "scatter", x: [1, 2, 4], y: [1, 0.5, 0.25], name: "σ²d/T" }],
 *   layout: { title: { text: "Error against rounds" }, xaxis: { title: { text: "rounds T" }, type: "log" },
 *             yaxis: { title: { text: "mean squared error" }, type: "log" } },
 * }, { caption: "The error falls as 1/T: a slope of −1 on log axes." });
 * ```
 */
export function show(figure: Figure, options: ShowOptions = {}): void {
  const fig = validateFigure(figure);
  if (options.caption !== undefined && (typeof options.caption !== "string" || options.caption.trim() === "")) {
    throw new TypeError(`options.caption must be a non-empty string, got ${describeValue(options.caption)}`);
  }
  figureCounter += 1;
  const lesson = currentLessonId();
  const label = lesson === null ? `Figure ${figureCounter}` : `Figure ${Number(lesson)}.${figureCounter}`;
  const bundle = figureBundle(fig, label, options.caption);
  display(bundle);
  if (options.caption !== undefined) {
    display({ "text/markdown": `**${label}.** ${options.caption}`, "text/plain": `${label}. ${options.caption}` });
  }
}

/**
 * Builds the MIME bundle `show` displays, without displaying it.
 *
 * @param label - e.g. "Figure 1.2"
 */
export function figureBundle(figure: Figure, label = "Figure", caption?: string): MimeBundle {
  const fig = validateFigure(figure);
  const plain = toPlainJson(fig) as { data: Trace[]; layout: Record<string, unknown>; config?: unknown };
  const title = titleText(plain.layout.title) ?? "";
  const rows = plain.data.map((t, i) => traceSummary(t, i));
  const html =
    `<figure class="bitbound-figure"><figcaption><strong>${escapeHtml(label)}: ${escapeHtml(title)}</strong>` +
    (caption ? ` ${escapeHtml(caption)}` : "") +
    `</figcaption><p><em>Interactive Plotly chart; open the notebook in JupyterLab (with the Plotly renderer) to see it drawn.</em></p>` +
    `<table><thead><tr><th>trace</th><th>type</th><th>points</th><th>x range</th><th>y range</th></tr></thead><tbody>` +
    rows.map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.type)}</td><td>${r.points}</td><td>${escapeHtml(r.xRange)}</td><td>${escapeHtml(r.yRange)}</td></tr>`).join("") +
    `</tbody></table></figure>`;
  const text =
    `${label}: ${title} (Plotly chart, ${rows.length} trace${rows.length === 1 ? "" : "s"})` +
    rows.map((r) => `\n  - ${r.name} (${r.type}): ${r.points} points, x ${r.xRange}, y ${r.yRange}`).join("") +
    (caption ? `\n${caption}` : "");
  return {
    [PLOTLY_MIME]: { data: plain.data, layout: plain.layout, config: plain.config ?? { responsive: true } },
    "text/html": html,
    "text/plain": text,
  };
}

function validateFigure(figure: unknown): Figure & { layout: Record<string, unknown> } {
  if (typeof figure !== "object" || figure === null) {
    throw new TypeError(`figure must be an object { data, layout }, got ${describeValue(figure)}`);
  }
  const f = figure as Figure;
  if (!Array.isArray(f.data) || f.data.length === 0) {
    throw new TypeError(`figure.data must be a non-empty array of traces, got ${describeValue(f.data)}`);
  }
  const layout = f.layout ?? {};
  if (typeof layout !== "object" || layout === null) throw new TypeError(`figure.layout must be an object, got ${describeValue(layout)}`);
  if (!titleText(layout.title)) {
    throw new RangeError("figure.layout.title must be set: every course figure has a title");
  }
  f.data.forEach((trace, i) => {
    if (typeof trace !== "object" || trace === null) throw new TypeError(`figure.data[${i}] must be a trace object, got ${describeValue(trace)}`);
    const type = trace.type ?? "scatter";
    if (!CARTESIAN.has(type)) return;
    for (const axis of ["x", "y"] as const) {
      const ref = (trace[`${axis}axis`] as string | undefined) ?? axis; // "x", "x2", …
      const key = `${axis}axis${ref.slice(1)}`;
      const spec = layout[key] as { title?: unknown } | undefined;
      if (!spec || !titleText(spec.title)) {
        throw new RangeError(`figure.layout.${key}.title must be set (with units): trace ${i} (${trace.name ?? type}) is drawn on it`);
      }
    }
  });
  return { ...f, layout };
}

function titleText(title: unknown): string | null {
  if (typeof title === "string") return title.trim() === "" ? null : title;
  if (title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") {
    const t = (title as { text: string }).text;
    return t.trim() === "" ? null : t;
  }
  return null;
}

/** Deep-copies a value into plain JSON: typed arrays become arrays, non-finite numbers become null. */
function toPlainJson(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  }
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlainJson(v);
    return out;
  }
  return value;
}

function traceSummary(t: Trace, i: number): { name: string; type: string; points: number; xRange: string; yRange: string } {
  const xs = Array.isArray(t.x) ? (t.x as unknown[]) : [];
  const ys = Array.isArray(t.y) ? (t.y as unknown[]) : [];
  return {
    name: typeof t.name === "string" ? t.name : `trace ${i + 1}`,
    type: t.type ?? "scatter",
    points: Math.max(xs.length, ys.length),
    xRange: range(xs),
    yRange: range(ys),
  };
}

function range(values: unknown[]): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v === "number" && Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (lo > hi) return values.length ? "categorical" : "—";
  const f = (x: number): string => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6) || x === 0 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
  return `${f(lo)} to ${f(hi)}`;
}
