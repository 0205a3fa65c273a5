/**
 * Where the quantizers sit in one step of minibatch SGD for linear regression (lesson 11, paper B's
 * five components: data, labels, parameters, activations, gradients; arXiv:2510.18259), drawn with the
 * boxes-and-arrows primitives.
 *
 * @packageDocumentation
 */
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { arrowAnnotation, arrowBetween, arrowLabel, boxShape, boxTextTrace, diagramFigure, diagramNote } from "./boxesAndArrows";

/** A box of {@link quantizedSgdStepFlow}: exact arithmetic, a quantizer, or a random source. */
export interface SgdStepNode {
  readonly id: string;
  /** Plotly text (`<br>`, `<sub>` allowed). */
  readonly label: string;
  readonly role: "source" | "compute" | "quantizer";
  readonly x: number;
  readonly y: number;
  readonly halfWidth: number;
}

/** An arrow of {@link quantizedSgdStepFlow}, optionally labelled. */
export interface SgdStepEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

/**
 * The boxes and arrows of one SGD step, in the order `sgdRegression` applies them:
 * x̃ = Q_D(x), ỹ = Q_L(y), p = Q_A(⟨x̃, w_t⟩), g_j = x̃(p − ỹ), ḡ = (1/b) Σ_j Q_G(g_j) (per example; or
 * Q_G of the mean), w_{t+1} = Q_P(w_t − γḡ), and w_{t+1} feeds the next step's prediction (the loop).
 * Five nodes have role "quantizer": Q_D, Q_L, Q_A, Q_G, Q_P.
 *
 * @example
 * ```ts
 * quantizedSgdStepFlow().nodes.filter((n) => n.role === "quantizer").length; // 5
 * ```
 */
export function quantizedSgdStepFlow(): { nodes: SgdStepNode[]; edges: SgdStepEdge[] } {
  const h = 1.3;
  const nodes: SgdStepNode[] = [
    { id: "x", label: "example x ~ N(0, H)", role: "source", x: 1.4, y: 4.4, halfWidth: h },
    { id: "qd", label: "<b>Q<sub>D</sub></b> data<br>x̃ = Q<sub>D</sub>(x)", role: "quantizer", x: 4.4, y: 4.4, halfWidth: h },
    { id: "pred", label: "prediction<br>⟨x̃, w<sub>t</sub>⟩", role: "compute", x: 7.4, y: 4.4, halfWidth: h },
    { id: "qa", label: "<b>Q<sub>A</sub></b> activation<br>p = Q<sub>A</sub>(⟨x̃, w<sub>t</sub>⟩)", role: "quantizer", x: 10.4, y: 4.4, halfWidth: h },
    { id: "y", label: "label<br>y = ⟨w*, x⟩ + ξ", role: "source", x: 1.4, y: 2.2, halfWidth: h },
    { id: "ql", label: "<b>Q<sub>L</sub></b> label<br>ỹ = Q<sub>L</sub>(y)", role: "quantizer", x: 4.4, y: 2.2, halfWidth: h },
    { id: "grad", label: "example gradient<br>g<sub>j</sub> = x̃ (p − ỹ)", role: "compute", x: 10.4, y: 2.2, halfWidth: h },
    { id: "qg", label: "<b>Q<sub>G</sub></b> gradient<br>per example (or on ḡ)", role: "quantizer", x: 13.4, y: 2.2, halfWidth: h },
    { id: "mean", label: "batch mean<br>ḡ = (1/b) Σ<sub>j</sub> Q<sub>G</sub>(g<sub>j</sub>)", role: "compute", x: 13.4, y: 0, halfWidth: h },
    { id: "step", label: "step<br>w<sub>t</sub> − γ ḡ", role: "compute", x: 10.4, y: 0, halfWidth: h },
    { id: "qp", label: "<b>Q<sub>P</sub></b> parameters<br>w<sub>t+1</sub> = Q<sub>P</sub>(w<sub>t</sub> − γḡ)", role: "quantizer", x: 7.4, y: 0, halfWidth: h },
  ];
  const edges: SgdStepEdge[] = [
    { from: "x", to: "qd" },
    { from: "x", to: "y" },
    { from: "qd", to: "pred" },
    { from: "pred", to: "qa" },
    { from: "qa", to: "grad" },
    { from: "y", to: "ql" },
    { from: "ql", to: "grad" },
    { from: "qd", to: "grad", label: "x̃" },
    { from: "grad", to: "qg" },
    { from: "qg", to: "mean" },
    { from: "mean", to: "step" },
    { from: "step", to: "qp" },
    { from: "qp", to: "pred", label: "next step" },
  ];
  return { nodes, edges };
}

const STYLE: Readonly<Record<SgdStepNode["role"], { fill: string; dash: string; width: number }>> = {
  source: { fill: "#EEEEEE", dash: "dot", width: 1.25 },
  compute: { fill: OKABE_ITO[5], dash: "solid", width: 1.25 },
  quantizer: { fill: OKABE_ITO[4], dash: "dash", width: 3 },
};
const HALF_H = 0.55;

/**
 * Draws {@link quantizedSgdStepFlow} for `show`: the five quantizers in thick dashed boxes, exact
 * binary64 arithmetic in thin solid boxes, the random example and its label in dotted boxes, and the
 * loop closing from Q_P back to the next prediction.
 *
 * @example
 * ```ts
 * show(quantizedSgdStepDiagram(), { caption: "Five places a quantizer can sit in one SGD step." });
 * ```
 */
export function quantizedSgdStepDiagram(): Figure {
  const { nodes, edges } = quantizedSgdStepFlow();
  const boxes = new Map(nodes.map((n) => [n.id, { ...n, halfHeight: HALF_H }]));
  const shapes = [...boxes.values()].map((n) => {
    const style = STYLE[n.role];
    return boxShape(n, { fill: style.fill, opacity: 0.85, border: { width: style.width, dash: style.dash } });
  });
  const arrows = edges.map((e) => arrowBetween(boxes.get(e.from)!, boxes.get(e.to)!));
  const annotations = arrows.map(arrowAnnotation);
  edges.forEach((e, k) => {
    if (e.label !== undefined) annotations.push(arrowLabel(arrows[k], e.label, { place: "right", gap: 0.12, size: 11, background: "#FFFFFF" }));
  });
  annotations.push(
    diagramNote(0.1, -1.2, "thick dashed border: a quantizer (additive = integer-like grid of step Δ; multiplicative = float-like, error ∝ |value|);"),
    diagramNote(0.1, -1.65, "thin solid: exact binary64 arithmetic; dotted: the random example. One pass: every step draws b fresh examples."),
  );
  return diagramFigure({
    title: "One step of quantized minibatch SGD: five places a quantizer can sit",
    xTitle: "data flow, left to right (no units)", yTitle: "stage of the step (no units)", xRange: [0, 14.8], yRange: [-1.9, 5.2],
    data: [boxTextTrace("one quantized SGD step", nodes, nodes.map((n) => `${n.label.replace(/<br>/g, " ").replace(/<\/?[a-z]+>/g, "")} (${n.role})`), 11)],
    shapes, annotations, height: 440,
  });
}
