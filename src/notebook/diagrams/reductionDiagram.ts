/**
 * Paper A's reduction as a data flow: one round of the B-bit oracle, from the unknown optimum θ through
 * the noisy gradient, the encoder and the B-bit message to the optimizer, with the public coin.
 *
 * @packageDocumentation
 */
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { arrowAnnotation, arrowBetween, arrowLabel, boxShape, boxTextTrace, diagramFigure, diagramNote } from "./boxesAndArrows";

/** A box of the reduction diagram. */
export interface ReductionNode {
  readonly id: string;
  /** The label drawn in the box (Plotly text: `<br>`, `<sub>`, `<sup>` allowed). */
  readonly label: string;
  /**
   * "unknown": θ, which nobody sees; "nature": the oracle's noise; "sender": what the encoder side
   * computes; "channel": the B-bit message, the only thing that crosses; "coin": the public randomness,
   * known to both sides; "receiver": what the optimizer side computes.
   */
  readonly role: "unknown" | "nature" | "sender" | "channel" | "coin" | "receiver";
  /** Centre of the box (x to the right, y up) and half its width, in diagram units. */
  readonly x: number;
  readonly y: number;
  readonly halfWidth: number;
}

/** An arrow of the reduction diagram: `from` is used to compute `to`; `label` is drawn at its middle. */
export interface ReductionEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

/**
 * The nodes and edges of one round t of paper A's B-bit oracle on f_θ(x) = (μ/2)‖x − θ‖²
 * (arXiv:2606.00703; math.md §1.1–1.2). The optimizer's query x_t is a function of the past messages
 * M_1 … M_{t−1} and the public coin U; the oracle answers G(x_t) = μ(x_t − θ) + σZ_t; the encoder, which
 * knows x_t too, may as well use the sample X_t = x_t − G(x_t)/μ = θ − (σ/μ)Z_t (the reduction: this
 * sample does not depend on the query); it sends M_t ∈ {0, 1}^B; the optimizer updates from M_t and U.
 * Every path from θ to the output x̂ passes through the messages: that is the structure the lower bounds
 * of lessons 5 to 7 exploit.
 *
 * @example
 * ```ts
 * reductionFlow().nodes.find((n) => n.role === "channel")!.label; // "message M<sub>t</sub><br>B bits"
 * ```
 */
export function reductionFlow(): { nodes: ReductionNode[]; edges: ReductionEdge[] } {
  const nodes: ReductionNode[] = [
    { id: "theta", label: "unknown optimum θ", role: "unknown", x: 1.2, y: 4, halfWidth: 1.1 },
    { id: "noise", label: "noise Z<sub>t</sub> ~ N(0, I<sub>d</sub>)<br>fresh each round", role: "nature", x: 1.2, y: 2, halfWidth: 1.1 },
    { id: "oracle", label: "oracle<br>G(x<sub>t</sub>) = μ(x<sub>t</sub> − θ) + σZ<sub>t</sub>", role: "sender", x: 4.0, y: 3, halfWidth: 1.35 },
    { id: "sample", label: "sample X<sub>t</sub> = x<sub>t</sub> − G(x<sub>t</sub>)/μ<br>= θ − (σ/μ)Z<sub>t</sub>", role: "sender", x: 7.0, y: 3, halfWidth: 1.35 },
    { id: "encoder", label: "encoder<br>M<sub>t</sub> = enc<sub>t</sub>(X<sub>t</sub>, M<sub>1..t−1</sub>, U)", role: "sender", x: 7.0, y: 1, halfWidth: 1.35 },
    { id: "message", label: "message M<sub>t</sub><br>B bits", role: "channel", x: 10.0, y: 1, halfWidth: 0.95 },
    { id: "coin", label: "public coin U<br>(shared, free)", role: "coin", x: 10.0, y: -1, halfWidth: 0.95 },
    { id: "optimizer", label: "optimizer<br>state from M<sub>1..t</sub>, U", role: "receiver", x: 13.0, y: 1, halfWidth: 1.2 },
    { id: "query", label: "next query x<sub>t+1</sub> = a function of M<sub>1..t</sub>, U<br>(known to both sides)", role: "receiver", x: 9.6, y: 5, halfWidth: 1.9 },
    { id: "output", label: "output x̂ after T rounds<br>= an estimate of θ", role: "receiver", x: 13.0, y: -1, halfWidth: 1.35 },
  ];
  const edges: ReductionEdge[] = [
    { from: "theta", to: "oracle" },
    { from: "noise", to: "oracle" },
    { from: "oracle", to: "sample" },
    { from: "sample", to: "encoder" },
    { from: "encoder", to: "message" },
    { from: "message", to: "optimizer" },
    { from: "coin", to: "encoder" },
    { from: "coin", to: "optimizer" },
    { from: "optimizer", to: "query" },
    { from: "optimizer", to: "output" },
    { from: "query", to: "oracle", label: "query x<sub>t</sub>" },
    { from: "query", to: "sample", label: "known to the encoder" },
  ];
  return { nodes, edges };
}

/** Box style per role: an Okabe–Ito fill and a border dash, so the role is never told by colour alone. */
export const ROLE_STYLE: Readonly<Record<ReductionNode["role"], { fill: string; dash: string; width: number }>> = {
  unknown: { fill: "#FFFFFF", dash: "dash", width: 2 },
  nature: { fill: "#EEEEEE", dash: "dot", width: 1.25 },
  sender: { fill: OKABE_ITO[5], dash: "solid", width: 1.25 },
  channel: { fill: OKABE_ITO[4], dash: "solid", width: 3.5 },
  coin: { fill: OKABE_ITO[3], dash: "dashdot", width: 2 },
  receiver: { fill: OKABE_ITO[2], dash: "solid", width: 1.25 },
};
const HALF_H = 0.6;

/** What {@link roleFlowDiagram} draws: a flow of role-styled boxes with a vertical channel line. */
export interface RoleFlowSpec {
  readonly nodes: readonly ReductionNode[];
  readonly edges: readonly ReductionEdge[];
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
  /** The dashed vertical line that marks the channel: its x and vertical extent. */
  readonly channel: { readonly x: number; readonly y0: number; readonly y1: number };
  /** Extra annotations (side headings, the border legend), drawn after the arrow labels. */
  readonly notes: readonly Record<string, unknown>[];
  /** Name of the text trace (the figure's text description). */
  readonly traceName: string;
  /** Gap of the edge labels above their arrows, in diagram units. */
  readonly labelGap: number;
  readonly height: number;
}

/**
 * Draws a data flow whose boxes are styled by role ({@link ROLE_STYLE}, half-height 0.6): one box per
 * node, an arrow per edge (labelled above its midpoint when the edge has a label), the channel as a
 * long-dashed vertical line, and the given notes. Shared by `reductionDiagram` and lesson 10's
 * `trackingLoopDiagram`.
 *
 * @example
 * ```ts
 * const { nodes, edges } = reductionFlow();
 * roleFlowDiagram({ nodes, edges, title: "…", xTitle: "…", yTitle: "…", xRange: [0, 15], yRange: [-2, 7],
 *   channel: { x: 11.45, y0: -1.9, y1: 4.1 }, notes: [], traceName: "flow", labelGap: 0.3, height: 480 });
 * ```
 */
export function roleFlowDiagram(spec: RoleFlowSpec): Figure {
  const { nodes, edges } = spec;
  const boxes = new Map(nodes.map((n) => [n.id, { ...n, halfHeight: HALF_H }]));
  const shapes = [...boxes.values()].map((n) => {
    const style = ROLE_STYLE[n.role];
    return boxShape(n, { fill: style.fill, opacity: 0.85, border: { width: style.width, dash: style.dash } });
  });
  shapes.push({ type: "line", x0: spec.channel.x, x1: spec.channel.x, y0: spec.channel.y0, y1: spec.channel.y1, layer: "below", line: { color: "#555555", width: 1.5, dash: "longdash" } });
  const arrows = edges.map((e) => arrowBetween(boxes.get(e.from)!, boxes.get(e.to)!));
  const annotations = arrows.map(arrowAnnotation);
  edges.forEach((e, k) => {
    if (e.label !== undefined) annotations.push(arrowLabel(arrows[k], e.label, { place: "above", gap: spec.labelGap, size: 11, background: "#FFFFFF" }));
  });
  annotations.push(...spec.notes);
  return diagramFigure({
    title: spec.title, xTitle: spec.xTitle, yTitle: spec.yTitle, xRange: spec.xRange, yRange: spec.yRange,
    data: [boxTextTrace(spec.traceName, nodes, nodes.map((n) => `${n.label.replace(/<br>/g, " ")} (${n.role})`), 12)],
    shapes, annotations, height: spec.height,
  });
}

/**
 * Draws {@link reductionFlow} as a Plotly figure for `show`: the sender's side (oracle, sample,
 * encoder) on the left, the receiver's side (optimizer, query, output) on the right, the B-bit message
 * between them in the only box with a thick border, the public coin below with a dash-dot border, θ with
 * a dashed border (unknown to everybody), the noise dotted. A vertical line marks the channel: only
 * the message and the coin cross it, and the coin is independent of θ.
 *
 * @example
 * ```ts
 * show(reductionDiagram(), { caption: "Only the B-bit messages connect θ to the optimizer's output." });
 * ```
 */
export function reductionDiagram(): Figure {
  const { nodes, edges } = reductionFlow();
  return roleFlowDiagram({
    nodes, edges,
    title: "One round of the B-bit oracle: θ reaches the optimizer only through B-bit messages",
    xTitle: "data flow, left to right (no units)", yTitle: "role in the protocol (no units)", xRange: [-0.2, 14.6], yRange: [-2.1, 6.5],
    // The channel: the boundary between what the encoder side sees and what the optimizer receives.
    channel: { x: 11.45, y0: -1.9, y1: 4.1 },
    notes: [
      { x: 4.0, y: 6.1, xref: "x", yref: "y", showarrow: false, font: { size: 12 }, text: "<b>encoder side</b>: sees the gradient" },
      { x: 14.3, y: 6.1, xref: "x", yref: "y", xanchor: "right", showarrow: false, font: { size: 12 }, text: "<b>optimizer side</b>: messages and coin only" },
      diagramNote(0, -1.85, "thick border: the B bits that cross the channel (dashed vertical line); dash-dot: the public coin; dashed: θ, unknown to both sides."),
    ],
    traceName: "the reduction's data flow", labelGap: 0.3, height: 480,
  });
}
