/**
 * Colours, dash patterns and marker symbols for course figures, chosen so that every series can be told
 * apart without colour vision: the Okabe–Ito palette (distinguishable under the common colour-vision
 * deficiencies), plus a dash pattern and a marker symbol per series.
 *
 * Source: M. Okabe and K. Ito, "Color Universal Design (CUD): how to make figures and presentations that
 * are friendly to colorblind people" (2002), https://jfly.uni-koeln.de/color/.
 *
 * @packageDocumentation
 */

/**
 * The Okabe–Ito palette as Plotly's colorway, in the order series receive it: blue, vermillion, bluish
 * green, reddish purple, orange, sky blue, black, yellow (yellow last: it is faint on white).
 * `show` uses it as the default `layout.colorway`; `lineFigure` gives series i the colour `OKABE_ITO[i % 8]`.
 *
 * @example
 * ```ts
 * OKABE_ITO[0]; // "#0072B2" (blue)
 * ```
 */
export const OKABE_ITO: readonly string[] = Object.freeze(["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]);

/** Plotly dash patterns in the order series receive them (series i gets `DASH_CYCLE[i % 6]`). */
export const DASH_CYCLE: readonly string[] = Object.freeze(["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]);

/** Plotly marker symbols in the order series receive them (series i gets `MARKER_CYCLE[i % 8]`). */
export const MARKER_CYCLE: readonly string[] = Object.freeze(["circle", "square", "diamond", "triangle-up", "x", "cross", "triangle-down", "star"]);

/** The style of one series: a colour, a dash pattern and a marker symbol. */
export interface SeriesStyle {
  color: string;
  dash: string;
  symbol: string;
}

/**
 * The style of series `i` (0-based): colour i, dash i and marker symbol i of the fixed cycles, so the
 * same series position looks the same in every figure. Any two of the first 24 series differ in dash or
 * symbol, and any two of the first 6 differ in dash alone.
 *
 * @param i - the series index, an integer ≥ 0
 * @throws RangeError when `i` is not an integer ≥ 0
 * @example
 * ```ts
 * seriesStyle(1); // { color: "#D55E00", dash: "dash", symbol: "square" }
 * ```
 */
export function seriesStyle(i: number): SeriesStyle {
  if (!Number.isInteger(i) || i < 0) throw new RangeError(`i must be an integer ≥ 0, got ${String(i)}`);
  return { color: OKABE_ITO[i % OKABE_ITO.length], dash: DASH_CYCLE[i % DASH_CYCLE.length], symbol: MARKER_CYCLE[i % MARKER_CYCLE.length] };
}
