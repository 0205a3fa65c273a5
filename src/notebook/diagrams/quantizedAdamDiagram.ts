/**
 * One step of quantized Adam as a data flow (lesson 12, paper C arXiv:2510.21314; the placement of the
 * quantizers is our reconstruction, math.md §8.2): where each Q sits.
 *
 * @packageDocumentation
 */
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { arrowAnnotation, arrowBetween, arrowLabel, boxShape, boxTextTrace, diagramFigure, diagramNote } from "./boxesAndArrows";

/** A node of {@link quantizedAdamFlow}: `stored` values pass through a quantizer; `binary64` ones are formed at full precision. */
export interface QuantizedAdamNode {
  readonly id: string;
  readonly label: string;
  readonly role: "stored" | "binary64" | "quantizer";
  readonly x: number;
  readonly y: number;
  readonly halfWidth: number;
}

/**
 * The boxes and arrows of one quantized Adam step:
 * g̃ = Q_G(g); m_t = Q_M(β1 m + (1 − β1) g̃); v_t = Q_V(β2 v + (1 − β2) g̃²); w_t = Q_W(w − η m̂/(√v̂ + ε)).
 * Four quantizers, one per stored component; the bias-corrected ratio is formed in binary64 and never stored.
 *
 * @example
 * ```ts
 * quantizedAdamFlow().nodes.filter((n) => n.role === "quantizer").length; // 4
 * ```
 */
export function quantizedAdamFlow(): { nodes: QuantizedAdamNode[]; edges: [string, string, string?][] } {
  const nodes: QuantizedAdamNode[] = [
    { id: "grad", label: "gradient ∇f(w<sub>t−1</sub>)", role: "binary64", x: 1.4, y: 3, halfWidth: 1.2 },
    { id: "QG", label: "Q<sub>G</sub>", role: "quantizer", x: 3.6, y: 3, halfWidth: 0.45 },
    { id: "m", label: "β1·m + (1 − β1)·g̃", role: "binary64", x: 6.2, y: 4.4, halfWidth: 1.3 },
    { id: "v", label: "β2·v + (1 − β2)·g̃²", role: "binary64", x: 6.2, y: 1.6, halfWidth: 1.3 },
    { id: "QM", label: "Q<sub>M</sub>", role: "quantizer", x: 8.5, y: 4.4, halfWidth: 0.45 },
    { id: "QV", label: "Q<sub>V</sub>", role: "quantizer", x: 8.5, y: 1.6, halfWidth: 0.45 },
    { id: "mstore", label: "stored m<sub>t</sub>", role: "stored", x: 10.3, y: 4.4, halfWidth: 0.9 },
    { id: "vstore", label: "stored v<sub>t</sub>", role: "stored", x: 10.3, y: 1.6, halfWidth: 0.9 },
    { id: "ratio", label: "w − η·m̂/(√v̂ + ε)<br>(bias-corrected, binary64)", role: "binary64", x: 12.9, y: 3, halfWidth: 1.45 },
    { id: "QW", label: "Q<sub>W</sub>", role: "quantizer", x: 15.1, y: 3, halfWidth: 0.45 },
    { id: "wstore", label: "stored w<sub>t</sub>", role: "stored", x: 16.7, y: 3, halfWidth: 0.85 },
  ];
  const edges: [string, string, string?][] = [
    ["grad", "QG"], ["QG", "m", "g̃"], ["QG", "v", "g̃²"], ["m", "QM"], ["v", "QV"], ["QM", "mstore"], ["QV", "vstore"],
    ["mstore", "ratio"], ["vstore", "ratio"], ["ratio", "QW"], ["QW", "wstore"],
  ];
  return { nodes, edges };
}

const STYLE = {
  stored: { fill: OKABE_ITO[2], dash: "solid", width: 3 },
  binary64: { fill: "#FFFFFF", dash: "dot", width: 1.25 },
  quantizer: { fill: OKABE_ITO[1], dash: "solid", width: 1.5 },
} as const;

/**
 * Draws {@link quantizedAdamFlow} for `show`: left to right, the gradient, Q_G, the two moment updates
 * (formed in binary64, dotted borders), Q_M and Q_V, the stored moments (thick borders), the update
 * (binary64), Q_W and the stored weights.
 *
 * @example
 * ```ts
 * show(quantizedAdamDiagram(), { caption: "Four quantizers, one per stored component." });
 * ```
 */
export function quantizedAdamDiagram(): Figure {
  const { nodes, edges } = quantizedAdamFlow();
  const boxes = new Map(nodes.map((n) => [n.id, { ...n, halfHeight: n.role === "quantizer" ? 0.4 : 0.55 }]));
  const shapes = [...boxes.values()].map((n) => {
    const s = STYLE[n.role];
    return boxShape(n, { fill: s.fill, opacity: 0.85, border: { width: s.width, dash: s.dash } });
  });
  const arrows = edges.map(([a, b]) => arrowBetween(boxes.get(a)!, boxes.get(b)!));
  const annotations = arrows.map(arrowAnnotation);
  edges.forEach(([, , label], k) => {
    if (label !== undefined) annotations.push(arrowLabel(arrows[k], label, { place: "above", gap: 0.25, size: 11, background: "#FFFFFF" }));
  });
  annotations.push(diagramNote(0.2, 0.3, "Q boxes: the four quantizers (m mantissa bits each); thick border: what is stored between steps; dotted border: formed in binary64 and discarded."));
  return diagramFigure({
    title: "One step of quantized Adam: a quantizer on each stored component",
    xTitle: "data flow, left to right (no units)", yTitle: "component (no units)", xRange: [0, 17.8], yRange: [-0.1, 5.4],
    data: [boxTextTrace("quantized Adam step", nodes, nodes.map((n) => `${n.label.replace(/<br>/g, " ").replace(/<\/?sub>/g, "")} (${n.role})`), 12)],
    shapes, annotations, height: 360,
  });
}
