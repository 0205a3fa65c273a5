/**
 * The bit accounting of one round of random subset plus stochastic rounding (lesson 8): which draws
 * are public and free, which are private and free, and which bits cross the channel.
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger } from "../../validation";
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { arrowAnnotation, arrowBetween, arrowLabel, boxShape, boxTextTrace, diagramFigure, diagramNote } from "./boxesAndArrows";

/** One round's message, as the diagram draws it. */
export interface BitAccountingRound {
  /** d, the dimension (integer ≥ 1). */
  d: number;
  /** b, bits per sent coordinate (integer from 1 to 32). */
  bitsPerCoordinate: number;
  /** The public subset s_0 … s_{k−1} in draw order (k from 1 to 8 distinct integers in [0, d)). */
  subset: readonly number[];
  /** The grid index j_t sent for s_t (k integers in [0, 2^b)), as read from the message. */
  gridIndices: readonly number[];
}

/** A box of the bit-accounting diagram. */
export interface BitAccountingNode {
  readonly id: string;
  readonly label: string;
  /**
   * "public": drawn from the shared coin by both sides, costs 0 bits; "private": the encoder's own
   * draws, never sent, 0 bits; "sender": computed by the encoder; "payload": the bits that cross the
   * channel (the only ones counted); "receiver": computed by the decoder.
   */
  readonly role: "public" | "private" | "sender" | "payload" | "receiver";
  readonly x: number;
  readonly y: number;
  readonly halfWidth: number;
}

/** An arrow: `from` is used to compute `to`. */
export interface BitAccountingEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

/** The bits of the payload field for s_t: j_t written least significant bit first (the `BitWriter` order). */
function fieldBits(j: number, b: number): string {
  let s = "";
  for (let i = 0; i < b; i++) s += Math.floor(j / 2 ** i) % 2 === 1 ? "1" : "0";
  return s;
}

function expectRound(round: BitAccountingRound): void {
  if (typeof round !== "object" || round === null) throw new TypeError(`round must be an object, got ${describeValue(round)}`);
  const { d, bitsPerCoordinate: b, subset, gridIndices } = round;
  expectInteger("d", d, 1);
  expectInteger("bitsPerCoordinate", b, 1, 32);
  if (!Array.isArray(subset) || subset.length < 1 || subset.length > 8 || subset.length > d) {
    throw new RangeError(`subset must list k = 1 … min(8, d) coordinates, got ${describeValue(subset)}`);
  }
  subset.forEach((s, t) => expectInteger(`subset[${t}]`, s, 0, d - 1));
  if (new Set(subset).size !== subset.length) throw new RangeError(`subset must hold distinct coordinates, got ${describeValue(subset)}`);
  if (!Array.isArray(gridIndices) || gridIndices.length !== subset.length) {
    throw new RangeError(`gridIndices must hold one index per subset entry (k = ${subset.length}), got ${describeValue(gridIndices)}`);
  }
  gridIndices.forEach((j, t) => expectInteger(`gridIndices[${t}]`, j, 0, 2 ** b - 1));
}

/**
 * The nodes and edges of one round of `randomSubsetStochastic` (math.md §5.4, §5.7): the public coin U
 * gives the subset S (k draws `rng.integer(d − t)`, repeated by the decoder: 0 bits); the encoder
 * rounds each g_{s_t}, clipped to [−M, M], stochastically with a private dither u_t (0 bits: the
 * decoder never needs it); the payload is the k grid indices, b bits each, **B = k·b bits**; the decoder
 * reads them and places (d/k)·q_t at s_t. Only the payload crosses the channel.
 *
 * @throws RangeError naming `d`, `bitsPerCoordinate`, `subset` or `gridIndices` (see {@link BitAccountingRound}).
 * @example
 * ```ts
 * bitAccountingFlow({ d: 64, bitsPerCoordinate: 1, subset: [5, 17], gridIndices: [1, 0] }).nodes.filter((n) => n.role === "payload").length; // 2
 * ```
 */
export function bitAccountingFlow(round: BitAccountingRound): { nodes: BitAccountingNode[]; edges: BitAccountingEdge[] } {
  expectRound(round);
  const { d, bitsPerCoordinate: b, subset, gridIndices } = round;
  const k = subset.length;
  const fieldHalf = 0.55;
  const payloadStart = 8.0;
  const nodes: BitAccountingNode[] = [
    { id: "coin", label: "public coin U<br>(shared seed)", role: "public", x: 1.3, y: 4.2, halfWidth: 1.2 },
    { id: "subset", label: `subset S = {${subset.join(", ")}} of d = ${d}<br>k = ${k} public draws: 0 bits`, role: "public", x: 5.6, y: 4.2, halfWidth: 2.2 },
    { id: "gradient", label: "gradient g ∈ ℝ<sup>d</sup><br>from the oracle", role: "sender", x: 1.3, y: 1.6, halfWidth: 1.2 },
    { id: "dither", label: "private dithers u<sub>t</sub><br>encoder only: 0 bits", role: "private", x: 1.3, y: -0.9, halfWidth: 1.2 },
    { id: "encoder", label: `encoder: j<sub>t</sub> = SR<sub>${b}</sub>(clip(g<sub>s<sub>t</sub></sub>), u<sub>t</sub>)<br>grid of 2<sup>b</sup> = ${2 ** b} points on [−M, M]`, role: "sender", x: 5.0, y: 1.6, halfWidth: 1.9 },
    ...subset.map((s, t) => ({
      id: `field${t}`,
      label: `s=${s}<br>${fieldBits(gridIndices[t], b)}`,
      role: "payload" as const,
      x: payloadStart + fieldHalf + t * (2 * fieldHalf + 0.08),
      y: 1.6,
      halfWidth: fieldHalf,
    })),
    { id: "decoder", label: `decoder: ĝ<sub>s<sub>t</sub></sub> = (d/k)·q(j<sub>t</sub>)<br>= ${d % k === 0 ? `${d / k}` : `(${d}/${k})`}·q(j<sub>t</sub>), 0 elsewhere`, role: "receiver", x: 12.4, y: 4.2, halfWidth: 2.0 },
  ];
  const edges: BitAccountingEdge[] = [
    { from: "coin", to: "subset" },
    { from: "subset", to: "encoder" },
    { from: "gradient", to: "encoder" },
    { from: "dither", to: "encoder" },
    { from: "encoder", to: "field0", label: `${k}·${b} = ${k * b} bits` },
    ...subset.map((_, t) => ({ from: `field${t}`, to: "decoder" })),
    { from: "subset", to: "decoder", label: "re-drawn from U" },
  ];
  return { nodes, edges };
}

const ROLE_STYLE: Readonly<Record<BitAccountingNode["role"], { fill: string; dash: string; width: number }>> = {
  public: { fill: OKABE_ITO[3], dash: "dashdot", width: 2 },
  private: { fill: "#EEEEEE", dash: "dot", width: 1.5 },
  sender: { fill: OKABE_ITO[5], dash: "solid", width: 1.25 },
  payload: { fill: OKABE_ITO[4], dash: "solid", width: 3.5 },
  receiver: { fill: OKABE_ITO[2], dash: "solid", width: 1.25 },
};
const HALF_H = 0.62;

/**
 * Draws {@link bitAccountingFlow} for one real round: the public row on top (coin and subset, known to
 * both sides), the encoder side below left (gradient, private dithers, stochastic rounding), the payload
 * as k fields of b bits with thick borders (each field shows its coordinate s_t and its bits, least
 * significant first), and the decoder on the right. A dashed vertical line marks the channel: only the
 * payload crosses it; the subset reaches the decoder by re-drawing it from the coin.
 *
 * Source: math.md §5.4 and §5.7 (the exact bit accounting template: public-coin indices and dithers are
 * free); lesson 8.
 *
 * @throws RangeError as {@link bitAccountingFlow}.
 * @example
 * ```ts
 * show(bitAccountingDiagram({ d: 64, bitsPerCoordinate: 1, subset: [5, 17, 40, 2], gridIndices: [1, 0, 0, 1] }), { caption: "…" });
 * ```
 */
export function bitAccountingDiagram(round: BitAccountingRound): Figure {
  const { nodes, edges } = bitAccountingFlow(round);
  const k = round.subset.length;
  const b = round.bitsPerCoordinate;
  const boxes = new Map(nodes.map((n) => [n.id, { ...n, halfHeight: HALF_H }]));
  const shapes = [...boxes.values()].map((n) => {
    const style = ROLE_STYLE[n.role];
    return boxShape(n, { fill: style.fill, opacity: 0.85, border: { width: style.width, dash: style.dash } });
  });
  const last = boxes.get(`field${k - 1}`)!;
  const channelX = 7.55;
  shapes.push({ type: "line", x0: channelX, x1: channelX, y0: -1.8, y1: 2.9, layer: "below", line: { color: "#555555", width: 1.5, dash: "longdash" } });
  const arrows = edges.map((e) => arrowBetween(boxes.get(e.from)!, boxes.get(e.to)!));
  const annotations = arrows.map(arrowAnnotation);
  edges.forEach((e, i) => {
    if (e.label !== undefined) annotations.push(arrowLabel(arrows[i], e.label, { place: "above", gap: 0.25, size: 11, background: "#FFFFFF" }));
  });
  const payloadLeft = boxes.get("field0")!.x - boxes.get("field0")!.halfWidth;
  const payloadRight = last.x + last.halfWidth;
  annotations.push(
    { x: (payloadLeft + payloadRight) / 2, y: 0.65, xref: "x", yref: "y", showarrow: false, font: { size: 12 }, text: `<b>payload: B = k·b = ${k}·${b} = ${k * b} bits</b>` },
    { x: 5.0, y: 0.45, xref: "x", yref: "y", showarrow: false, font: { size: 12 }, text: "<b>encoder side</b>: sees g" },
    { x: (payloadLeft + payloadRight) / 2, y: 0.15, xref: "x", yref: "y", showarrow: false, font: { size: 12 }, text: "<b>decoder side</b> (right of the dashed line): payload and coin only" },
    diagramNote(0, -2.1, "thick border: the only bits counted (the payload, B = k·b); dash-dot: public draws from the shared coin, 0 bits;"),
    diagramNote(0, -2.55, "dotted: the encoder's private dithers, never sent, 0 bits. Payload fields show s_t and its grid index j_t, least significant bit first."),
  );
  return diagramFigure({
    title: `Bit accounting of one round: k = ${k} public coordinates × b = ${b} bits = ${k * b} bits on the channel`,
    xTitle: "data flow, left to right (no units)",
    yTitle: "public row (top), encoder and payload (bottom) (no units)",
    xRange: [-0.2, Math.max(14.6, payloadRight + 0.3)],
    yRange: [-2.8, 5.1],
    data: [boxTextTrace("bit accounting of one round", nodes, nodes.map((n) => `${n.label.replace(/<br>/g, " ").replace(/<[^>]+>/g, "")} (${n.role})`), 11)],
    shapes,
    annotations,
    height: 470,
  });
}
