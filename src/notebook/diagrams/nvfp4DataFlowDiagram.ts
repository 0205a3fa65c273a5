/**
 * NVFP4's two-level scaling as a data flow: from the tensor to its FP32 tensor scale, each block's E4M3
 * scale and the E2M1 elements, and back.
 *
 * @packageDocumentation
 */
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { arrowAnnotation, arrowBetween, boxShape, boxTextTrace, diagramFigure, diagramNote } from "./boxesAndArrows";

/** A box of the data-flow diagram: a computed quantity or a stored field. */
export interface DataFlowNode {
  readonly id: string;
  /** The label drawn in the box (Plotly text: `<br>`, `<sub>`, `<sup>` allowed). */
  readonly label: string;
  /** Which level of the scaling it belongs to. */
  readonly level: "tensor" | "block" | "element" | "decode";
  /** Bits stored per tensor, block or element; 0 for a quantity that is computed and not stored. */
  readonly storedBits: number;
  /** Centre of the box, in the diagram's coordinates (x to the right, y up). */
  readonly x: number;
  readonly y: number;
  /** Half the box's width, in diagram units. */
  readonly halfWidth: number;
}

/** An arrow of the data-flow diagram: the value of `from` is used to compute `to`. */
export interface DataFlowEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * The nodes and edges of NVFP4's quantization (TransformerEngine reference quantizer, 1×16 blocks;
 * math.md §6.5): tensor amax A → encode scale s_enc = 448·6/A (its inverse stored in FP32, 32 bits per
 * tensor); block amax a_b → block scale S_b = E4M3(a_b·s_enc/6) (8 bits per block of 16); element
 * v_i → q_i = E2M1(clamp(v_i·e_b, ±6)) with the block's encode factor e_b = s_enc/S_b (4 bits); decode v̂_i = q_i·S_b/s_enc from the stored
 * fields alone. Stored bits: 4 per element + 8 per 16 elements + 32 per tensor = 4.5 + 32/d per element.
 *
 * Source: NVIDIA, "Pretraining Large Language Models with NVFP4", arXiv:2509.25149; the reference
 * quantizer `quantization_ref_nvfp4.py` of NVIDIA TransformerEngine.
 *
 * @example
 * ```ts
 * nvfp4DataFlow().nodes.filter((n) => n.storedBits > 0).map((n) => n.storedBits); // [32, 8, 4]
 * ```
 */
export function nvfp4DataFlow(): { nodes: DataFlowNode[]; edges: DataFlowEdge[] } {
  const nodes: DataFlowNode[] = [
    { id: "x", label: "tensor x<br>(d values)", level: "tensor", storedBits: 0, x: 0.8, y: 3, halfWidth: 0.8 },
    { id: "A", label: "tensor amax<br>A = max |x<sub>i</sub>|", level: "tensor", storedBits: 0, x: 3.0, y: 5, halfWidth: 1.1 },
    { id: "senc", label: "encode scale<br>s<sub>enc</sub> = 448·6 / A", level: "tensor", storedBits: 0, x: 5.9, y: 5, halfWidth: 1.5 },
    { id: "tensorScale", label: "FP32 tensor scale 1/s<sub>enc</sub><br>32 bits per tensor", level: "tensor", storedBits: 32, x: 9.0, y: 5, halfWidth: 1.25 },
    { id: "ab", label: "block amax<br>a<sub>b</sub> = max |v<sub>i</sub>|", level: "block", storedBits: 0, x: 3.0, y: 3, halfWidth: 1.1 },
    { id: "Sb", label: "S<sub>b</sub> = E4M3(a<sub>b</sub>·s<sub>enc</sub>/6), at most 448<br>factor e<sub>b</sub> = s<sub>enc</sub>/S<sub>b</sub>", level: "block", storedBits: 0, x: 5.9, y: 3, halfWidth: 1.5 },
    { id: "blockScale", label: "E4M3 block scale S<sub>b</sub><br>8 bits per block", level: "block", storedBits: 8, x: 9.0, y: 3, halfWidth: 1.25 },
    { id: "v", label: "element v<sub>i</sub><br>of the block", level: "element", storedBits: 0, x: 3.0, y: 1, halfWidth: 1.1 },
    { id: "q", label: "q<sub>i</sub> = E2M1(clamp(v<sub>i</sub>·e<sub>b</sub>, ±6))<br>(nearest, ties to even)", level: "element", storedBits: 0, x: 5.9, y: 1, halfWidth: 1.5 },
    { id: "elements", label: "E2M1 element q<sub>i</sub><br>4 bits each", level: "element", storedBits: 4, x: 9.0, y: 1, halfWidth: 1.25 },
    { id: "decode", label: "decode from<br>the stored bits:<br>v̂<sub>i</sub> = q<sub>i</sub>·S<sub>b</sub> / s<sub>enc</sub>", level: "decode", storedBits: 0, x: 11.65, y: 3, halfWidth: 0.95 },
  ];
  const edges: DataFlowEdge[] = [
    { from: "x", to: "A" }, { from: "x", to: "ab" }, { from: "x", to: "v" },
    { from: "A", to: "senc" }, { from: "senc", to: "tensorScale" },
    { from: "ab", to: "Sb" }, { from: "senc", to: "Sb" }, { from: "Sb", to: "blockScale" },
    { from: "v", to: "q" }, { from: "Sb", to: "q" }, { from: "q", to: "elements" },
    { from: "tensorScale", to: "decode" }, { from: "blockScale", to: "decode" }, { from: "elements", to: "decode" },
  ];
  return { nodes, edges };
}

/** Box fill per level (Okabe–Ito): tensor reddish purple, block orange, element sky blue, decode grey. */
const LEVEL_FILL: Readonly<Record<DataFlowNode["level"], string>> = {
  tensor: OKABE_ITO[3],
  block: OKABE_ITO[4],
  element: OKABE_ITO[5],
  decode: "#DDDDDD",
};
/** Half the height of a box, in diagram units. */
const HALF_H = 0.62;

/**
 * Draws {@link nvfp4DataFlow} as a Plotly figure for `show`: one row per level of the scaling (tensor,
 * block of 16, element), computed quantities in the middle column, the stored fields (with their bits)
 * on the right with thick solid borders, computed-only boxes with dotted borders, and arrows for every
 * use of a value. Border style and labels carry the distinction, so colour is never the only cue.
 *
 * @example
 * ```ts
 * show(nvfp4DataFlowDiagram(), { caption: "NVFP4 stores three kinds of field: 32 bits per tensor, 8 per block, 4 per element." });
 * ```
 */
export function nvfp4DataFlowDiagram(): Figure {
  const { nodes, edges } = nvfp4DataFlow();
  const boxes = new Map(nodes.map((n) => [n.id, { ...n, halfHeight: HALF_H }]));
  const shapes = [...boxes.values()].map((n) => boxShape(n, {
    fill: LEVEL_FILL[n.level], opacity: n.storedBits > 0 ? 1 : 0.55,
    border: { width: n.storedBits > 0 ? 3 : 1.25, dash: n.storedBits > 0 || n.level === "decode" ? "solid" : "dot" },
  }));
  const annotations = edges.map((e) => arrowAnnotation(arrowBetween(boxes.get(e.from)!, boxes.get(e.to)!)));
  const rowLabels: [number, string][] = [[5, "once per tensor"], [3, "once per block of 16 elements"], [1, "once per element"]];
  for (const [y, text] of rowLabels) {
    annotations.push({ x: 7.75, y: y + HALF_H, xref: "x", yref: "y", xanchor: "left", yanchor: "bottom", showarrow: false, text: `<i>${text}</i>`, font: { size: 11 } });
  }
  annotations.push(diagramNote(0, 0.05, "thick solid border: stored (bits shown); dotted border: computed, not stored. Stored per element: 4 + 8/16 + 32/d bits."));
  const hover = nodes.map((n) => `${n.label.replace(/<br>/g, " ")} (${n.storedBits > 0 ? `stored: ${n.storedBits} bits` : "computed"})`);
  return diagramFigure({
    title: "NVFP4's two-level scaling as a data flow: FP32 tensor scale, E4M3 block scales, E2M1 elements",
    xTitle: "data flow, left to right (no units)", yTitle: "level of the scaling (no units)", xRange: [-0.2, 12.8], yRange: [-0.2, 6.0],
    data: [boxTextTrace("NVFP4 data flow", nodes, hover, 12)], shapes, annotations, height: 520,
  });
}
