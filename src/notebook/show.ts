import { describeValue } from "../validation";
import { display, type MimeBundle } from "./display";
import { currentLessonId } from "./lessonContext";
import { escapeHtml } from "./html";
import { OKABE_ITO } from "./palette";
import { strictFromEnvironment } from "./strict";

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
  /**
   * What the reader should see in the figure; shown under it as "Figure L.N. caption". Required in strict
   * mode, where it must not name colours (series are told apart by dash and marker too).
   */
  caption?: string;
}

/** The MIME type of Plotly's JSON figure format, rendered by the JupyterLab Plotly extension. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Trace types drawn on cartesian x/y axes, whose axes must carry titles in strict mode. */
const CARTESIAN = new Set(["scatter", "scattergl", "bar", "histogram", "histogram2d", "box", "violin", "heatmap", "contour", "waterfall"]);

/**
 * Colour words a strict-mode caption must not use (a reader who cannot tell the colours apart cannot
 * follow "the red line"): refer to a series by its name, dash pattern or marker instead. Matched as whole
 * words, case-insensitively, with "-ish"/"-dish" forms. "black" and "white" are allowed ("white noise",
 * "black box").
 */
export const COLOUR_WORDS: readonly string[] = Object.freeze([
  "red", "green", "blue", "orange", "purple", "yellow", "pink", "brown", "grey", "gray", "cyan", "magenta", "violet",
  "vermillion", "vermilion", "teal", "maroon", "navy", "olive", "turquoise", "amber", "lime", "indigo", "gold", "bluish",
]);
const COLOUR_RE = new RegExp(`\\b(${COLOUR_WORDS.join("|")})(d?ish)?\\b`, "i");

let figureCounter = 0;
let strictOverride: boolean | null = null;

/** Restarts figure numbering (called by `startLesson`). */
export function resetFigureNumbering(): void {
  figureCounter = 0;
}

/**
 * Switches the course's figure rules on (`true`) or off (`false`) for `show` in this process, or with
 * `null` goes back to the environment (`BITBOUND_STRICT=1` means on). See {@link figureProblems}.
 *
 * @example
 * ```ts
 * setFigureStrictness(true); // show now refuses a figure without a title, axis titles or caption
 * ```
 */
export function setFigureStrictness(strict: boolean | null): void {
  if (strict !== null && typeof strict !== "boolean") throw new TypeError(`strict must be true, false or null, got ${describeValue(strict)}`);
  strictOverride = strict;
}

/**
 * Whether `show` enforces the course's figure rules now (see {@link setFigureStrictness}).
 *
 * @example
 * ```ts
 * figureStrictness(); // false in a learner's notebook, true under BITBOUND_STRICT=1
 * ```
 */
export function figureStrictness(): boolean {
  return strictOverride ?? strictFromEnvironment();
}

/**
 * Displays a Plotly figure in the notebook, with its caption and a text description under it.
 *
 * Two outputs are displayed:
 * 1. the chart: Plotly's JSON (`application/vnd.plotly.v1+json`), rendered interactively by JupyterLab's
 *    Plotly extension, with a one-line HTML and plain-text fallback for viewers without it;
 * 2. under it, as HTML (so it shows whichever renderer draws the chart): "Figure L.N. caption", and a
 *    collapsed `<details>` "Text description" with the title, the axes, one row per trace (name, type,
 *    dash and marker, point count, x and y ranges) and any slider or dropdown steps.
 *
 * By default any valid Plotly figure is accepted (a learner's quick plot just works). In strict mode
 * (`BITBOUND_STRICT=1`, set by the course's notebook runner, or {@link setFigureStrictness}) the figure
 * must follow the course's rules, listed by {@link figureProblems}; a RangeError lists every problem.
 * The default colorway is the Okabe–Ito palette ({@link OKABE_ITO}). Typed arrays become plain arrays.
 *
 * Returns nothing, so that `show(...)` as a cell's last line adds no printed value under the chart;
 * {@link figureBundle} and {@link figureDescriptionBundle} build the two outputs without displaying them.
 * @example
 * ```ts
 * show(lineFigure({
 *   title: "Error against rounds",
 *   x: { title: "rounds T", log: true }, y: { title: "mean squared error", log: true },
 *   series: [{ name: "simulated", x: T, y: mse, mode: "markers" }, { name: "σ²d/T", x: T, y: bound }],
 * }), { caption: "The error falls as 1/T: a slope of −1 on log axes." });
 * ```
 */
export function show(figure: Figure, options: ShowOptions = {}): void {
  if (typeof options !== "object" || options === null) throw new TypeError(`options must be an object { caption }, got ${describeValue(options)}`);
  const fig = validateFigure(figure);
  if (options.caption !== undefined && (typeof options.caption !== "string" || options.caption.trim() === "")) {
    throw new TypeError(`options.caption must be a non-empty string, got ${describeValue(options.caption)}`);
  }
  if (figureStrictness()) {
    const problems = figureProblems(fig, options.caption);
    if (problems.length) throw new RangeError(`the figure breaks the course's figure rules (strict mode): ${problems.join("; ")}`);
  }
  figureCounter += 1;
  const lesson = currentLessonId();
  const label = lesson === null ? `Figure ${figureCounter}` : `Figure ${Number(lesson)}.${figureCounter}`;
  display(figureBundle(fig, label, options.caption));
  display(figureDescriptionBundle(fig, label, options.caption));
}

/**
 * The course's figure rules, as a list of problems (empty when the figure follows them). `show` checks
 * them in strict mode:
 * - a title (`layout.title`);
 * - a title on every visible cartesian axis a trace uses (units belong in the axis title);
 * - a caption that names no colour ({@link COLOUR_WORDS});
 * - when the figure has two or more line or marker traces, each one differs from the others by dash
 *   pattern or marker symbol, not by colour alone (a lines-only trace by `line.dash`, a markers-only one
 *   by `marker.symbol`; {@link lineFigure} assigns both);
 * - every slider step and dropdown button has a label.
 *
 * @param figure - a Plotly figure
 * @param caption - the caption `show` would display (missing is a problem)
 * @example
 * ```ts
 * figureProblems({ data: [{ x: [1], y: [1] }] }, "A point.");
 * // ["figure.layout.title must be set", "figure.layout.xaxis.title must be set (with units): …", …]
 * ```
 */
export function figureProblems(figure: Figure, caption?: string): string[] {
  const fig = validateFigure(figure);
  const layout = fig.layout;
  const problems: string[] = [];
  const untitled = new Set<string>();
  if (!titleText(layout.title)) problems.push("figure.layout.title must be set: every course figure has a title");
  fig.data.forEach((trace, i) => {
    const type = trace.type ?? "scatter";
    if (!CARTESIAN.has(type)) return;
    for (const axis of ["x", "y"] as const) {
      const ref = typeof trace[`${axis}axis`] === "string" ? (trace[`${axis}axis`] as string) : axis; // "x", "x2", …
      const key = `${axis}axis${ref.slice(1)}`;
      const spec = layout[key] as { title?: unknown; visible?: unknown } | undefined;
      if (spec?.visible === false) continue;
      if ((!spec || !titleText(spec.title)) && !untitled.has(key)) {
        untitled.add(key);
        problems.push(`figure.layout.${key}.title must be set (with units): trace ${i} (${trace.name ?? type}) is drawn on it`);
      }
    }
  });
  if (caption === undefined || typeof caption !== "string" || caption.trim() === "") {
    problems.push("options.caption must be given: every course figure has a caption saying what to see");
  } else {
    const colour = COLOUR_RE.exec(caption);
    if (colour) problems.push(`options.caption names a colour ("${colour[0]}"): refer to series by name, dash or marker instead`);
  }
  const styled = fig.data
    .map((t, i) => ({ t, i, key: styleKey(t) }))
    .filter((s): s is { t: Trace; i: number; key: string } => s.key !== null);
  if (styled.length >= 2) {
    const first = new Map<string, number>();
    for (const s of styled) {
      const j = first.get(s.key);
      if (j === undefined) first.set(s.key, s.i);
      else {
        problems.push(
          `figure.data[${s.i}] (${traceName(fig.data[s.i], s.i)}) looks like figure.data[${j}] (${traceName(fig.data[j], j)}) except for colour: ` +
            "give them different line.dash or marker.symbol (lineFigure does)",
        );
      }
    }
  }
  for (const [kind, list] of [["sliders", layout.sliders], ["updatemenus", layout.updatemenus]] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((control: unknown, c) => {
      const entries = (control as { steps?: unknown; buttons?: unknown })?.[kind === "sliders" ? "steps" : "buttons"];
      if (!Array.isArray(entries) || entries.length === 0) {
        problems.push(`figure.layout.${kind}[${c}] must have ${kind === "sliders" ? "steps" : "buttons"}`);
        return;
      }
      entries.forEach((e: unknown, k) => {
        const label = (e as { label?: unknown })?.label;
        if (typeof label !== "string" || label.trim() === "") problems.push(`figure.layout.${kind}[${c}].${kind === "sliders" ? "steps" : "buttons"}[${k}].label must be set`);
      });
    });
  }
  return problems;
}

/**
 * Builds the chart output `show` displays first, without displaying it: Plotly's JSON (Okabe–Ito as the
 * default colorway, typed arrays converted, non-finite numbers as null) with a one-line HTML and
 * plain-text fallback.
 *
 * @param label - e.g. "Figure 1.2"
 * @param caption - the caption, repeated in the plain-text fallback
 * @example
 * ```ts
 * const b = figureBundle(lineFigure({ title: "t", x: { title: "x" }, y: { title: "y" }, series }), "Figure 1.2");
 * b["application/vnd.plotly.v1+json"]; // { data, layout, config }
 * ```
 */
export function figureBundle(figure: Figure, label = "Figure", caption?: string): MimeBundle {
  const plain = plainFigure(figure);
  const title = titleText(plain.layout.title);
  const head = title ? `${label}: ${title}` : label;
  return {
    [PLOTLY_MIME]: { data: plain.data, layout: plain.layout, config: plain.config ?? { responsive: true } },
    "text/html": `<p><em>${escapeHtml(head)} (an interactive Plotly chart: open the notebook in JupyterLab to see it drawn; its text description follows).</em></p>`,
    "text/plain": `${head} (Plotly chart, ${plain.data.length} trace${plain.data.length === 1 ? "" : "s"})${caption ? `\n${caption}` : ""}`,
  };
}

/**
 * Builds the output `show` displays under the chart, without displaying it: as HTML, "Figure L.N." with
 * the caption, then a collapsed `<details>` "Text description" (title, axis titles, one row per trace with
 * its name, type, dash and marker, point count and x and y ranges, and the steps of any slider or
 * dropdown); as plain text, the same lines. All text is HTML-escaped.
 *
 * @example
 * ```ts
 * figureDescriptionBundle(figure, "Figure 2.3", "MXINT8 leads by about 11 dB.")["text/html"];
 * // '<div class="bitbound-figure-text"><p><strong>Figure 2.3.</strong> MXINT8 leads …</p><details>…'
 * ```
 */
export function figureDescriptionBundle(figure: Figure, label = "Figure", caption?: string): MimeBundle {
  const plain = plainFigure(figure);
  const layout = plain.layout;
  const title = titleText(layout.title) ?? "(untitled)";
  const rows = plain.data.map((t, i) => traceSummary(t, i));
  const axes = ["xaxis", "yaxis"].map((k) => `${k[0]}: ${titleText((layout[k] as { title?: unknown } | undefined)?.title) ?? "(untitled)"}`).join("; ");
  const controls = controlSummaries(layout);
  const html =
    `<div class="bitbound-figure-text"><p><strong>${escapeHtml(label)}.</strong> ${escapeHtml(caption ?? title)}</p>` +
    `<details><summary>Text description of ${escapeHtml(label)}</summary>` +
    `<p>${escapeHtml(title)}. Axes: ${escapeHtml(axes)}.</p>` +
    `<table><thead><tr><th>trace</th><th>type</th><th>style</th><th>points</th><th>x range</th><th>y range</th></tr></thead><tbody>` +
    rows.map((r) => `<tr><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.type)}</td><td>${escapeHtml(r.style)}</td><td>${r.points}</td><td>${escapeHtml(r.xRange)}</td><td>${escapeHtml(r.yRange)}</td></tr>`).join("") +
    `</tbody></table>` +
    controls.map((c) => `<p>${escapeHtml(c)}</p>`).join("") +
    `</details></div>`;
  const text =
    `${label}. ${caption ?? title}\nText description: ${title}. Axes: ${axes}.` +
    rows.map((r) => `\n  - ${r.name} (${r.type}${r.style ? `, ${r.style}` : ""}): ${r.points} points, x ${r.xRange}, y ${r.yRange}`).join("") +
    controls.map((c) => `\n${c}`).join("");
  return { "text/html": html, "text/plain": text };
}

/** A figure as plain JSON with a layout object and the Okabe–Ito colorway unless one is set. */
function plainFigure(figure: Figure): { data: Trace[]; layout: Record<string, unknown>; config?: Record<string, unknown> } {
  const fig = validateFigure(figure);
  const plain = toPlainJson(fig) as { data: Trace[]; layout: Record<string, unknown>; config?: Record<string, unknown> };
  if (plain.layout.colorway === undefined) plain.layout.colorway = [...OKABE_ITO];
  return plain;
}

/** Structural validation only (any valid Plotly figure passes): an object with a data array of trace objects. */
function validateFigure(figure: unknown): Figure & { layout: Record<string, unknown> } {
  if (typeof figure !== "object" || figure === null) {
    throw new TypeError(`figure must be an object { data, layout }, got ${describeValue(figure)}`);
  }
  const f = figure as Figure;
  if (!Array.isArray(f.data)) {
    throw new TypeError(`figure.data must be an array of traces, got ${describeValue(f.data)}`);
  }
  const layout = f.layout ?? {};
  if (typeof layout !== "object" || layout === null || Array.isArray(layout)) throw new TypeError(`figure.layout must be an object, got ${describeValue(layout)}`);
  f.data.forEach((trace, i) => {
    if (typeof trace !== "object" || trace === null || Array.isArray(trace)) throw new TypeError(`figure.data[${i}] must be a trace object, got ${describeValue(trace)}`);
  });
  return { ...f, layout };
}

/** Whether a trace draws lines and/or markers, following Plotly's default mode. */
function drawnParts(t: Trace): { lines: boolean; markers: boolean } | null {
  const type = t.type ?? "scatter";
  if ((type !== "scatter" && type !== "scattergl") || t.visible === false) return null;
  const points = Math.max(Array.isArray(t.x) || ArrayBuffer.isView(t.x) ? (t.x as ArrayLike<unknown>).length : 0, Array.isArray(t.y) || ArrayBuffer.isView(t.y) ? (t.y as ArrayLike<unknown>).length : 0);
  const mode = typeof t.mode === "string" ? t.mode : points < 20 ? "lines+markers" : "lines";
  const parts = { lines: mode.includes("lines"), markers: mode.includes("markers") };
  return parts.lines || parts.markers ? parts : null;
}

/** What tells a line/marker trace apart other than colour: its dash (if it draws lines) and symbol (if markers). */
function styleKey(t: Trace): string | null {
  const parts = drawnParts(t);
  if (!parts) return null;
  const line = (t.line ?? {}) as { dash?: unknown };
  const marker = (t.marker ?? {}) as { symbol?: unknown };
  return JSON.stringify([parts.lines ? line.dash ?? "solid" : null, parts.markers ? marker.symbol ?? "circle" : null]);
}

function traceName(t: Trace, i: number): string {
  return typeof t.name === "string" && t.name !== "" ? `"${t.name}"` : `trace ${i}`;
}

/** One sentence per slider or dropdown: its label and the labels of its steps. */
function controlSummaries(layout: Record<string, unknown>): string[] {
  const out: string[] = [];
  const describe = (kind: string, list: unknown, field: "steps" | "buttons") => {
    if (!Array.isArray(list)) return;
    for (const c of list as { [k: string]: unknown }[]) {
      const entries = Array.isArray(c?.[field]) ? (c[field] as { label?: unknown }[]) : [];
      const name = typeof (c?.currentvalue as { prefix?: unknown } | undefined)?.prefix === "string" ? ((c.currentvalue as { prefix: string }).prefix.replace(/[:\s]+$/, "")) : typeof c?.name === "string" ? (c.name as string) : "";
      out.push(`${kind}${name ? ` "${name}"` : ""}: ${entries.length} ${field === "steps" ? "steps" : "choices"} (${entries.map((e) => String(e?.label ?? "?")).join(", ")}); each redraws the traces with precomputed data.`);
    }
  };
  describe("Slider", layout.sliders, "steps");
  describe("Dropdown", layout.updatemenus, "buttons");
  return out;
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

function traceSummary(t: Trace, i: number): { name: string; type: string; style: string; points: number; xRange: string; yRange: string } {
  const xs = Array.isArray(t.x) ? (t.x as unknown[]) : [];
  const ys = Array.isArray(t.y) ? (t.y as unknown[]) : [];
  const parts = drawnParts(t);
  const style = parts
    ? [parts.lines ? `${String((t.line as { dash?: unknown } | undefined)?.dash ?? "solid")} line` : "", parts.markers ? `${String((t.marker as { symbol?: unknown } | undefined)?.symbol ?? "circle")} markers` : ""].filter(Boolean).join(", ")
    : "";
  return {
    name: typeof t.name === "string" ? t.name : `trace ${i + 1}`,
    type: t.type ?? "scatter",
    style,
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
