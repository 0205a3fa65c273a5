import { describeValue } from "../validation";
import { OKABE_ITO, seriesStyle } from "./palette";
import type { Figure, Trace } from "./show";

/** An axis of a course figure: its title (with units) and whether it is logarithmic. */
export interface AxisSpec {
  /** e.g. `"rounds T"`, `"relative error |fl(x) − x|/|x|"`; put units in brackets where there are any */
  title: string;
  /** logarithmic axis (for scaling laws) */
  log?: boolean;
  /** explicit range, in data units (for a log axis: the data values, converted here to Plotly's log10 range) */
  range?: [number, number];
}

/** One line or set of markers in a {@link lineFigure} or a step of a {@link sliderFigure}. */
export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** `"lines"` (default), `"markers"`, or `"lines+markers"` */
  mode?: "lines" | "markers" | "lines+markers";
  /**
   * The dash pattern, overriding the series' own from the fixed cycle: a Plotly dash name (`"dash"`,
   * `"dot"`, …), or `true` for `"dash"` (predictions and bounds drawn beside measurements).
   */
  dash?: boolean | string;
  /** The marker symbol, overriding the series' own (a Plotly symbol name such as `"square"`). */
  symbol?: string;
  /** The colour, overriding the series' own Okabe–Ito colour (avoid: the palette is colour-blind safe). */
  color?: string;
  /** error bars (± this much) on y, e.g. a confidence half-width */
  yError?: ArrayLike<number>;
  /** a stepped line (`"hv"`), for piecewise-constant functions such as rounding maps */
  shape?: "linear" | "hv" | "vh" | "hvh";
  /** per-point hover text */
  text?: string[];
}

/**
 * Builds the most common course figure: several series against shared x and y axes, with titled axes
 * and optional log scales. Series i gets colour i of the Okabe–Ito palette, dash pattern i and marker
 * symbol i of fixed cycles ({@link seriesStyle}), so series differ by more than colour and the same
 * position looks the same in every figure; a series can override each (`color`, `dash`, `symbol`).
 * Returns a plain Plotly figure that `show` displays; anything more specific can be added to it.
 *
 * @throws TypeError when a series' x or y is not an array of numbers; RangeError when their lengths differ
 * @example
 * ```ts
 * show(lineFigure({
 *   title: "Mean squared error of SGD against rounds",
 *   x: { title: "rounds T", log: true },
 *   y: { title: "E‖x_T − θ‖²", log: true },
 *   series: [{ name: "simulated", x: T, y: mse, mode: "markers" }, { name: "σ²d/T", x: T, y: bound }],
 * }), { caption: "Both fall with slope −1 on log axes." });
 * ```
 */
export function lineFigure(spec: { title: string; x: AxisSpec; y: AxisSpec; series: Series[]; height?: number }): Figure {
  if (!Array.isArray(spec?.series)) throw new TypeError(`spec.series must be an array of series, got ${describeValue(spec?.series)}`);
  return {
    data: spec.series.map((s, i) => seriesTrace(s, i, `spec.series[${i}]`)),
    layout: {
      title: { text: spec.title },
      xaxis: axis(spec.x),
      yaxis: axis(spec.y),
      colorway: [...OKABE_ITO],
      height: spec.height ?? 450,
      legend: { orientation: "h", y: -0.2 },
      margin: { l: 70, r: 20, t: 60, b: 90 },
    },
  };
}

/** One step of a {@link sliderFigure}: its label and the series drawn at that step. */
export interface SliderStep {
  /** shown on the slider (or the dropdown), e.g. `"4 bits"` */
  label: string;
  /** the same number of series at every step, with the same names, in the same order */
  series: Series[];
}

/** The description of a {@link sliderFigure}. */
export interface SliderFigureSpec {
  title: string;
  x: AxisSpec;
  y: AxisSpec;
  /** at least two steps, each with precomputed series */
  steps: SliderStep[];
  /** what the slider sets, e.g. `"bits per element"`; shown as "bits per element: 4 bits" */
  sliderLabel: string;
  /** `"slider"` (default) or `"dropdown"` (a menu of the steps, for a few named choices) */
  control?: "slider" | "dropdown";
  /** the step shown first (default 0) */
  active?: number;
  height?: number;
}

/**
 * Builds an explorable figure: a {@link lineFigure} whose series change with a slider (Plotly
 * `layout.sliders`) or a dropdown (`layout.updatemenus`). Every step's data is precomputed and stored in
 * the figure: moving the slider calls Plotly's `"update"` method with that step's x, y (and error bars,
 * hover text), so it works in JupyterLab and in any Plotly renderer, with no kernel round trip.
 *
 * Unless a range is given, each axis is fixed to the range of all steps' data (log axes: the positive
 * values), so what moves is the data, not the axes. Series keep their style across steps.
 *
 * @throws TypeError/RangeError naming the field when there are fewer than two steps, a label is empty or
 *   repeated, the steps' series differ in number or names, or a series' x and y lengths differ
 * @example
 * ```ts
 * show(sliderFigure({
 *   title: "Quantization error against the input",
 *   x: { title: "input x" }, y: { title: "error Q(x) − x" },
 *   sliderLabel: "mantissa bits",
 *   steps: [1, 2, 3].map((m) => ({ label: `${m}`, series: [{ name: "error", x: xs, y: xs.map((v) => roundTo(v, m) - v) }] })),
 * }), { caption: "Each extra mantissa bit halves the error's range." });
 * ```
 */
export function sliderFigure(spec: SliderFigureSpec): Figure {
  if (typeof spec !== "object" || spec === null) throw new TypeError(`spec must be an object, got ${describeValue(spec)}`);
  const { steps } = spec;
  if (!Array.isArray(steps) || steps.length < 2) throw new RangeError(`spec.steps must be an array of at least two steps, got ${describeValue(steps)}`);
  if (typeof spec.sliderLabel !== "string" || spec.sliderLabel.trim() === "") {
    throw new TypeError(`spec.sliderLabel must be a non-empty string, got ${describeValue(spec.sliderLabel)}`);
  }
  const control = spec.control ?? "slider";
  if (control !== "slider" && control !== "dropdown") throw new RangeError(`spec.control must be "slider" or "dropdown", got ${describeValue(control)}`);
  const active = spec.active ?? 0;
  if (!Number.isInteger(active) || active < 0 || active >= steps.length) {
    throw new RangeError(`spec.active must be an integer from 0 to ${steps.length - 1}, got ${describeValue(active)}`);
  }
  const labels = new Set<string>();
  const traces = steps.map((step, k) => {
    const at = `spec.steps[${k}]`;
    if (typeof step?.label !== "string" || step.label.trim() === "") throw new TypeError(`${at}.label must be a non-empty string, got ${describeValue(step?.label)}`);
    if (labels.has(step.label)) throw new RangeError(`${at}.label "${step.label}" is used by an earlier step; labels must differ`);
    labels.add(step.label);
    if (!Array.isArray(step.series) || step.series.length === 0) throw new TypeError(`${at}.series must be a non-empty array of series, got ${describeValue(step.series)}`);
    const names = step.series.map((s) => s?.name);
    const first = steps[0].series.map((s) => s?.name);
    if (k > 0 && (names.length !== first.length || names.some((n, i) => n !== first[i]))) {
      throw new RangeError(`${at}.series must have the same series names as spec.steps[0] (${first.join(", ")}), got ${names.join(", ")}`);
    }
    return step.series.map((s, i) => seriesTrace(s, i, `${at}.series[${i}]`));
  });
  const entries = steps.map((step, k) => {
    const update: Record<string, unknown[]> = { x: traces[k].map((t) => t.x), y: traces[k].map((t) => t.y) };
    if (traces.some((ts) => ts.some((t) => t.error_y))) update.error_y = traces[k].map((t) => t.error_y ?? { visible: false });
    if (traces.some((ts) => ts.some((t) => t.text))) update.text = traces[k].map((t) => t.text ?? []);
    return { label: step.label, method: "update", args: [update, {}] };
  });
  const all = traces.flat();
  const layout: Record<string, unknown> = {
    title: { text: spec.title },
    xaxis: { ...axis(spec.x), ...(spec.x.range ? {} : fixedRange(all.map((t) => t.x as number[]), spec.x.log === true)) },
    yaxis: { ...axis(spec.y), ...(spec.y.range ? {} : fixedRange(all.map((t) => t.y as number[]), spec.y.log === true)) },
    colorway: [...OKABE_ITO],
    height: spec.height ?? 520,
    legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
  };
  if (control === "slider") {
    layout.sliders = [{ active, currentvalue: { prefix: `${spec.sliderLabel}: `, visible: true }, pad: { t: 60 }, steps: entries }];
    layout.margin = { l: 70, r: 20, t: 90, b: 120 };
  } else {
    layout.updatemenus = [{ type: "dropdown", active, direction: "down", x: 0, xanchor: "left", y: 1.12, yanchor: "bottom", name: spec.sliderLabel, buttons: entries }];
    layout.annotations = [{ text: `${spec.sliderLabel}:`, x: 0, xref: "paper", xanchor: "right", y: 1.12, yref: "paper", yanchor: "bottom", showarrow: false }];
    layout.margin = { l: 150, r: 20, t: 110, b: 70 };
  }
  return { data: traces[active], layout };
}

/** A series as a Plotly scatter trace with style i (colour, dash, marker symbol) unless overridden. */
function seriesTrace(s: Series, i: number, at: string): Trace {
  if (typeof s !== "object" || s === null) throw new TypeError(`${at} must be a series { name, x, y }, got ${describeValue(s)}`);
  const x = numbers(`${at}.x`, s.x);
  const y = numbers(`${at}.y`, s.y);
  if (x.length !== y.length) throw new RangeError(`${at}.x has ${x.length} values but ${at}.y has ${y.length}; they must match`);
  const style = seriesStyle(i);
  const dash = s.dash === true ? "dash" : typeof s.dash === "string" ? s.dash : style.dash;
  const color = s.color ?? style.color;
  return {
    type: "scatter",
    name: s.name,
    mode: s.mode ?? "lines",
    x,
    y,
    ...(s.text ? { text: s.text } : {}),
    line: { color, dash, ...(s.shape ? { shape: s.shape } : {}) },
    marker: { color, symbol: s.symbol ?? style.symbol, size: 8 },
    ...(s.yError ? { error_y: { type: "data", array: numbers(`${at}.yError`, s.yError), visible: true } } : {}),
  };
}

function numbers(name: string, v: ArrayLike<number>): number[] {
  if (v === null || typeof v !== "object" || typeof v.length !== "number") throw new TypeError(`${name} must be an array of numbers, got ${describeValue(v)}`);
  const out = Array.from(v);
  out.forEach((e, i) => {
    if (typeof e !== "number") throw new TypeError(`${name}[${i}] must be a number, got ${describeValue(e)}`);
  });
  return out;
}

/** A fixed axis range covering every finite value (positive values on a log axis), padded by 5 %. */
function fixedRange(arrays: number[][], log: boolean): Record<string, unknown> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (const v of a) {
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      const w = log ? Math.log10(v) : v;
      if (w < lo) lo = w;
      if (w > hi) hi = w;
    }
  }
  if (!(lo <= hi)) return {};
  const pad = hi > lo ? 0.05 * (hi - lo) : log ? 0.1 : Math.abs(lo) * 0.05 || 1;
  return { range: [lo - pad, hi + pad], autorange: false };
}

function axis(a: AxisSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { title: { text: a.title }, type: a.log ? "log" : "linear" };
  if (a.range) out.range = a.log ? [Math.log10(a.range[0]), Math.log10(a.range[1])] : a.range;
  if (a.log) out.exponentformat = "power";
  return out;
}
