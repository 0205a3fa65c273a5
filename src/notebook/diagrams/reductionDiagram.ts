/**
 * Paper A's reduction as a data flow: one round of the B-bit oracle, from the unknown optimum θ through
 * the noisy gradient, the encoder and the B-bit message to the optimizer, with the public coin.
 *
 * @packageDocumentation
 */
import { OKABE_ITO } from "../palette";
import type { Figure, Trace } from "../show";

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
const ROLE_STYLE: Readonly<Record<ReductionNode["role"], { fill: string; dash: string; width: number }>> = {
  unknown: { fill: "#FFFFFF", dash: "dash", width: 2 },
  nature: { fill: "#EEEEEE", dash: "dot", width: 1.25 },
  sender: { fill: OKABE_ITO[5], dash: "solid", width: 1.25 },
  channel: { fill: OKABE_ITO[4], dash: "solid", width: 3.5 },
  coin: { fill: OKABE_ITO[3], dash: "dashdot", width: 2 },
  receiver: { fill: OKABE_ITO[2], dash: "solid", width: 1.25 },
};
const HALF_H = 0.6;

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
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const shapes: Record<string, unknown>[] = nodes.map((n) => {
    const style = ROLE_STYLE[n.role];
    return {
      type: "rect", x0: n.x - n.halfWidth, x1: n.x + n.halfWidth, y0: n.y - HALF_H, y1: n.y + HALF_H, layer: "below",
      fillcolor: style.fill, opacity: 0.85, line: { color: "#000000", width: style.width, dash: style.dash },
    };
  });
  // The channel: the boundary between what the encoder side sees and what the optimizer receives.
  shapes.push({ type: "line", x0: 11.45, x1: 11.45, y0: -1.9, y1: 4.1, layer: "below", line: { color: "#555555", width: 1.5, dash: "longdash" } });
  const annotations: Record<string, unknown>[] = edges.map((e) => {
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    const [tail, head] = [edgePoint(a, b), edgePoint(b, a)];
    return {
      x: head[0], y: head[1], ax: tail[0], ay: tail[1], xref: "x", yref: "y", axref: "x", ayref: "y",
      text: "", showarrow: true, arrowhead: 2, arrowsize: 1.2, arrowwidth: 1.5, arrowcolor: "#333333",
    };
  });
  for (const e of edges) {
    if (e.label === undefined) continue;
    const a = byId.get(e.from)!;
    const b = byId.get(e.to)!;
    annotations.push({
      x: (edgePoint(a, b)[0] + edgePoint(b, a)[0]) / 2, y: (edgePoint(a, b)[1] + edgePoint(b, a)[1]) / 2 + 0.3,
      xref: "x", yref: "y", showarrow: false, text: `<i>${e.label}</i>`, font: { size: 11 }, bgcolor: "#FFFFFF",
    });
  }
  annotations.push(
    { x: 4.0, y: 6.1, xref: "x", yref: "y", showarrow: false, font: { size: 12 }, text: "<b>encoder side</b>: sees the gradient" },
    { x: 14.3, y: 6.1, xref: "x", yref: "y", xanchor: "right", showarrow: false, font: { size: 12 }, text: "<b>optimizer side</b>: messages and coin only" },
    {
      x: 0, y: -1.85, xref: "x", yref: "y", xanchor: "left", showarrow: false, font: { size: 11 },
      text: "thick border: the B bits that cross the channel (dashed vertical line); dash-dot: the public coin; dashed: θ, unknown to both sides.",
    },
  );
  const data: Trace[] = [
    {
      type: "scatter", mode: "text", name: "the reduction's data flow", x: nodes.map((n) => n.x), y: nodes.map((n) => n.y),
      text: nodes.map((n) => n.label), hovertext: nodes.map((n) => `${n.label.replace(/<br>/g, " ")} (${n.role})`),
      hoverinfo: "text", textfont: { size: 12, color: "#000000" }, showlegend: false,
    },
  ];
  return {
    data,
    layout: {
      title: { text: "One round of the B-bit oracle: θ reaches the optimizer only through B-bit messages" },
      xaxis: { title: { text: "data flow, left to right (no units)" }, visible: false, range: [-0.2, 14.6] },
      yaxis: { title: { text: "role in the protocol (no units)" }, visible: false, range: [-2.1, 6.5] },
      shapes,
      annotations,
      height: 480,
      margin: { l: 10, r: 10, t: 60, b: 10 },
    },
  };
}

/** Where the segment from a's centre towards b's centre leaves a's box. */
function edgePoint(a: ReductionNode, b: ReductionNode): [number, number] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.min(dx === 0 ? Infinity : a.halfWidth / Math.abs(dx), dy === 0 ? Infinity : HALF_H / Math.abs(dy));
  return [a.x + t * dx, a.y + t * dy];
}
