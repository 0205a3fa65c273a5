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

/** One line or set of markers in a {@link lineFigure}. */
export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** `"lines"` (default), `"markers"`, or `"lines+markers"` */
  mode?: "lines" | "markers" | "lines+markers";
  /** dashed line, for predictions and bounds drawn beside measurements */
  dash?: boolean;
  /** error bars (± this much) on y, e.g. a confidence half-width */
  yError?: ArrayLike<number>;
  /** a stepped line (`"hv"`), for piecewise-constant functions such as rounding maps */
  shape?: "linear" | "hv" | "vh" | "hvh";
  /** per-point hover text */
  text?: string[];
}

/**
 * Builds the most common course figure: several series against shared x and y axes, with titled axes
 * and optional log scales. Returns a plain Plotly figure that `show` displays; anything more specific
 * can be added to the returned object.
 *
 * @example
 * ```ts
 * show(lineFigure({
 *   title: "Mean squared error of SGD against rounds",
 *   x: { title: "rounds T", log: true },
 *   y: { title: "E‖x_T − θ‖²", log: true },
 *   series: [{ name: "simulated", x: T, y: mse, mode: "markers" }, { name: "σ²d/T", x: T, y: bound, dash: true }],
 * }), { caption: "Both fall with slope −1 on log axes." });
 * ```
 */
export function lineFigure(spec: { title: string; x: AxisSpec; y: AxisSpec; series: Series[]; height?: number }): Figure {
  const data: Trace[] = spec.series.map((s) => ({
    type: "scatter",
    name: s.name,
    mode: s.mode ?? "lines",
    x: Array.from(s.x),
    y: Array.from(s.y),
    ...(s.text ? { text: s.text } : {}),
    line: { ...(s.dash ? { dash: "dash" } : {}), ...(s.shape ? { shape: s.shape } : {}) },
    ...(s.yError ? { error_y: { type: "data", array: Array.from(s.yError), visible: true } } : {}),
  }));
  return {
    data,
    layout: {
      title: { text: spec.title },
      xaxis: axis(spec.x),
      yaxis: axis(spec.y),
      height: spec.height ?? 450,
      legend: { orientation: "h", y: -0.2 },
      margin: { l: 70, r: 20, t: 60, b: 90 },
    },
  };
}

function axis(a: AxisSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { title: { text: a.title }, type: a.log ? "log" : "linear" };
  if (a.range) out.range = a.log ? [Math.log10(a.range[0]), Math.log10(a.range[1])] : a.range;
  if (a.log) out.exponentformat = "power";
  return out;
}
