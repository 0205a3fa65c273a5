/**
 * Boxes and arrows: the primitives the course's diagrams are drawn with. A diagram is a Plotly figure
 * whose boxes are `layout.shapes` (rectangles), whose arrows and notes are `layout.annotations`, and
 * whose box labels are one text trace (so `show` can print a text description of it), on blank axes.
 *
 * For lesson authors: build a new diagram from these primitives rather than writing shapes and
 * annotations by hand. Place boxes in diagram units (x to the right, y up), draw each with
 * {@link boxShape}, join them with {@link arrowBetween} + {@link arrowAnnotation} (the arrow leaves and
 * enters at the boxes' edges), name a step with {@link arrowLabel}, put the labels in
 * {@link boxTextTrace}, explain the border convention in a {@link diagramNote}, and return
 * {@link diagramFigure}. Tell roles apart by border dash and width and by words, never by fill colour
 * alone; take fills from `OKABE_ITO` (src/notebook/palette.ts). For a chain of reasoning (one box per
 * step, top to bottom, each arrow labelled with its reason) call `argumentChainDiagram` instead.
 * Examples: nvfp4DataFlowDiagram.ts, reductionDiagram.ts, vanTreesProofDiagram.ts.
 *
 * @packageDocumentation
 */
import type { Figure, Trace } from "../show";

/** Ink of box borders and box text: black, the Okabe–Ito palette's neutral (`OKABE_ITO[6]`). */
export const DIAGRAM_INK = "#000000";
/** Ink of arrows: a dark grey, so arrows read as connectors and not as box borders. */
export const ARROW_INK = "#333333";

/** A box in diagram units: its centre (x to the right, y up) and half its width and height. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly halfWidth: number;
  readonly halfHeight: number;
}

/** A box's border: Plotly's dash name ("solid", "dash", "dot", "dashdot", "longdash"; omitted = solid) and width in px. */
export interface BorderStyle {
  readonly dash?: string;
  readonly width: number;
}

/** How {@link boxShape} fills and outlines a box. */
export interface BoxStyle {
  /** Fill colour (`#RRGGBB` or `rgba(...)`), usually an Okabe–Ito colour. */
  readonly fill: string;
  readonly border: BorderStyle;
  /** Opacity of the whole shape in [0, 1]; omitted = opaque (Plotly's default). */
  readonly opacity?: number;
  /** "below" (default): under the text trace; "above": over it (for outlines drawn over other boxes). */
  readonly layer?: "below" | "above";
}

/** An arrow in diagram units: from `tail` to `head`, both [x, y]. */
export interface Arrow {
  readonly tail: readonly [number, number];
  readonly head: readonly [number, number];
}

/**
 * The Plotly rectangle shape of `box`: x from x − halfWidth to x + halfWidth, y from y − halfHeight to
 * y + halfHeight, in the axes' data units, with the fill, border (ink {@link DIAGRAM_INK}) and layer of
 * `style`. Inputs are trusted (an internal builder for diagram modules, not validated).
 *
 * @example
 * ```ts
 * boxShape({ x: 1, y: 0, halfWidth: 1, halfHeight: 0.5 }, { fill: OKABE_ITO[5], border: { dash: "dot", width: 1.5 } });
 * // { type: "rect", x0: 0, x1: 2, y0: -0.5, y1: 0.5, layer: "below", fillcolor: "#56B4E9", line: { color: "#000000", dash: "dot", width: 1.5 } }
 * ```
 */
export function boxShape(box: Box, style: BoxStyle): Record<string, unknown> {
  return {
    type: "rect", x0: box.x - box.halfWidth, x1: box.x + box.halfWidth, y0: box.y - box.halfHeight, y1: box.y + box.halfHeight,
    layer: style.layer ?? "below", fillcolor: style.fill, ...(style.opacity === undefined ? {} : { opacity: style.opacity }),
    line: { color: DIAGRAM_INK, ...style.border },
  };
}

/**
 * Where the segment from the centre of `box` towards the point `towards` leaves the box:
 * c + t·(p − c) with t = min(halfWidth/|Δx|, halfHeight/|Δy|) (a zero Δ imposes no limit). The point
 * lies on the box's border whenever `towards` lies outside the box; when `towards` is the centre
 * itself, the centre is returned.
 *
 * @example
 * ```ts
 * boxEdgePoint({ x: 0, y: 0, halfWidth: 2, halfHeight: 0.5 }, { x: 4, y: 2 }); // [1, 0.5]: the top edge
 * ```
 */
export function boxEdgePoint(box: Box, towards: { readonly x: number; readonly y: number }): [number, number] {
  const dx = towards.x - box.x;
  const dy = towards.y - box.y;
  const t = Math.min(dx === 0 ? Infinity : box.halfWidth / Math.abs(dx), dy === 0 ? Infinity : box.halfHeight / Math.abs(dy));
  return t === Infinity ? [box.x, box.y] : [box.x + t * dx, box.y + t * dy];
}

/**
 * The arrow from box `from` to box `to` along the line joining their centres, clipped to their borders:
 * the tail where that line leaves `from`, the head where it enters `to` (see {@link boxEdgePoint}).
 * For boxes that do not overlap, the arrow lies in the gap between them.
 *
 * @example
 * ```ts
 * arrowBetween({ x: 0, y: 0, halfWidth: 1, halfHeight: 0.3 }, { x: 0, y: -1, halfWidth: 1, halfHeight: 0.3 });
 * // { tail: [0, -0.3], head: [0, -0.7] }
 * ```
 */
export function arrowBetween(from: Box, to: Box): Arrow {
  return { tail: boxEdgePoint(from, to), head: boxEdgePoint(to, from) };
}

/**
 * The Plotly annotation that draws `arrow` in data units (no text; head style 2, width 1.5 px, ink
 * {@link ARROW_INK}).
 *
 * @example
 * ```ts
 * arrowAnnotation({ tail: [0, 0], head: [1, 0] }); // { x: 1, y: 0, ax: 0, ay: 0, xref: "x", …, showarrow: true, … }
 * ```
 */
export function arrowAnnotation(arrow: Arrow): Record<string, unknown> {
  return {
    x: arrow.head[0], y: arrow.head[1], ax: arrow.tail[0], ay: arrow.tail[1], xref: "x", yref: "y", axref: "x", ayref: "y",
    text: "", showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.5, arrowcolor: ARROW_INK,
  };
}

/** Where {@link arrowLabel} puts a label relative to its arrow's midpoint, and how. */
export interface ArrowLabelOptions {
  /** "right": starts `gap` to the right of the midpoint; "left": ends `gap` to its left; "above": centred `gap` above it. */
  readonly place: "right" | "left" | "above";
  /** Distance from the midpoint in diagram units (≥ 0). */
  readonly gap: number;
  /** Font size in px; default 12. */
  readonly size?: number;
  /** Background colour behind the text (e.g. "#FFFFFF" where the label sits over an arrow); default none. */
  readonly background?: string;
}

/**
 * A label for `arrow`, in italics, beside the arrow's midpoint m = (tail + head)/2: at m + (gap, 0)
 * anchored on its left, at m − (gap, 0) anchored on its right, or at m + (0, gap) centred, as
 * `options.place` says.
 *
 * @example
 * ```ts
 * arrowLabel({ tail: [0, 0], head: [0, -1] }, "Cauchy–Schwarz", { place: "right", gap: 0.12 });
 * // { x: 0.12, y: -0.5, xref: "x", yref: "y", xanchor: "left", showarrow: false, text: "<i>Cauchy–Schwarz</i>", font: { size: 12 } }
 * ```
 */
export function arrowLabel(arrow: Arrow, text: string, options: ArrowLabelOptions): Record<string, unknown> {
  const mx = (arrow.tail[0] + arrow.head[0]) / 2;
  const my = (arrow.tail[1] + arrow.head[1]) / 2;
  const { place, gap } = options;
  const at = place === "above" ? { x: mx, y: my + gap } : { x: place === "right" ? mx + gap : mx - gap, y: my, xanchor: place === "right" ? "left" : "right" };
  return {
    x: at.x, y: at.y, xref: "x", yref: "y", ...("xanchor" in at ? { xanchor: at.xanchor } : {}), showarrow: false,
    text: `<i>${text}</i>`, font: { size: options.size ?? 12 }, ...(options.background === undefined ? {} : { bgcolor: options.background }),
  };
}

/**
 * A note in plain text (size 11), its left end at (x, y) in diagram units: the legend of a diagram's
 * border convention, written in words so that no cue rests on colour.
 *
 * @example
 * ```ts
 * diagramNote(0, -1.5, "dotted border: an assumption; thick solid: the result.");
 * ```
 */
export function diagramNote(x: number, y: number, text: string): Record<string, unknown> {
  return { x, y, xref: "x", yref: "y", xanchor: "left", showarrow: false, font: { size: 11 }, text };
}

/** A box's label for {@link boxTextTrace}: drawn at the box centre (x, y). */
export interface LabelledPoint {
  readonly x: number;
  readonly y: number;
  /** Plotly text: `<br>`, `<sub>`, `<sup>`, `<i>`, `<b>` allowed. */
  readonly label: string;
}

/**
 * The one trace of a diagram: every box's label as text at the box centre (ink {@link DIAGRAM_INK},
 * size `size`), with `hovertext[i]` shown on hover, no legend entry. It names the figure's content for
 * the text description `show` prints under the chart.
 *
 * @param name - the trace name, e.g. "NVFP4 data flow"
 * @param points - one per box, in the order of the boxes
 * @param hovertext - one string per point
 * @example
 * ```ts
 * boxTextTrace("proof", [{ x: 0, y: 0, label: "d² ≤ E‖θ̂ − θ‖²·E‖S‖²" }], ["step: Cauchy–Schwarz"], 12);
 * ```
 */
export function boxTextTrace(name: string, points: readonly LabelledPoint[], hovertext: readonly string[], size: number): Trace {
  return {
    type: "scatter", mode: "text", name, x: points.map((p) => p.x), y: points.map((p) => p.y),
    text: points.map((p) => p.label), hovertext: [...hovertext], hoverinfo: "text", textfont: { size, color: DIAGRAM_INK }, showlegend: false,
  };
}

/** What {@link diagramFigure} assembles. */
export interface DiagramFigureSpec {
  readonly title: string;
  /** Axis titles: hidden on a blank diagram, but the course's figure rules ask for them (e.g. "data flow, left to right (no units)"). */
  readonly xTitle: string;
  readonly yTitle: string;
  /** The visible part of the plane, in diagram units. */
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  readonly data: Trace[];
  readonly shapes: Record<string, unknown>[];
  readonly annotations: Record<string, unknown>[];
  /** Height in px. */
  readonly height: number;
}

/**
 * A diagram as a Plotly figure on blank axes: the title, both axes hidden (`visible: false`) but titled
 * (the strict figure rules of `show` then hold with the caption alone), the given ranges, shapes,
 * annotations and height, and narrow margins (10 px; 60 px on top for the title).
 *
 * @example
 * ```ts
 * const a = { x: 0, y: 0, halfWidth: 1, halfHeight: 0.3, label: "A" };
 * show(diagramFigure({
 *   title: "One box", xTitle: "(no units)", yTitle: "(no units)", xRange: [-1.2, 1.2], yRange: [-0.5, 0.5],
 *   data: [boxTextTrace("one box", [a], ["A"], 12)], shapes: [boxShape(a, { fill: OKABE_ITO[5], border: { width: 1 } })],
 *   annotations: [], height: 200,
 * }), { caption: "A box." });
 * ```
 */
export function diagramFigure(spec: DiagramFigureSpec): Figure {
  return {
    data: spec.data,
    layout: {
      title: { text: spec.title },
      xaxis: { title: { text: spec.xTitle }, visible: false, range: [...spec.xRange] },
      yaxis: { title: { text: spec.yTitle }, visible: false, range: [...spec.yRange] },
      shapes: spec.shapes,
      annotations: spec.annotations,
      height: spec.height,
      margin: { l: 10, r: 10, t: 60, b: 10 },
    },
  };
}
