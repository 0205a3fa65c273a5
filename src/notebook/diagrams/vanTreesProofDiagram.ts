/**
 * The proof of the van Trees inequality as a diagram: integration by parts, Cauchy–Schwarz, and the
 * split of the total Fisher information into a data part and a prior part (lesson 6).
 *
 * @packageDocumentation
 */
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { arrowAnnotation, arrowBetween, arrowLabel, boxShape, boxTextTrace, diagramFigure, diagramNote } from "./boxesAndArrows";

/** A box of the proof diagram. */
export interface ProofNode {
  readonly id: string;
  /** The statement in the box (Plotly text: `<br>`, `<sub>`, `<sup>` allowed). */
  readonly label: string;
  /** `step`: a line of the proof; `input`: an assumption it uses; `result`: the inequality proved. */
  readonly role: "input" | "step" | "result";
  readonly x: number;
  readonly y: number;
  readonly halfWidth: number;
}

/** An arrow of the proof diagram, labelled with the reason for the step (empty for "feeds into"). */
export interface ProofEdge {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/**
 * The nodes and edges of the van Trees proof with C = I_d, as lesson 6 derives it: the joint density
 * f(x, θ) = p(x | θ)·π(θ); integration by parts in θ (the boundary term vanishes because π is 0 at the
 * ends of its support) gives E⟨θ̂ − θ, S⟩ = d with S = ∇_θ log f; Cauchy–Schwarz gives
 * d² ≤ E‖θ̂ − θ‖²·E‖S‖²; the data score has conditional mean 0, so the cross term drops and
 * E‖S‖² = E_π[tr I(θ)] + J(π); hence E‖θ̂ − θ‖² ≥ d²/(E_π tr I + J).
 *
 * Source: the standard proof (R. D. Gill, B. Y. Levit, Bernoulli 1(1/2):59–79, 1995; H. L. van Trees,
 * "Detection, Estimation, and Modulation Theory", Part I, 1968), the form arXiv:2606.00703 uses.
 *
 * @example
 * ```ts
 * vanTreesProof().nodes.filter((n) => n.role === "input").length; // 3
 * ```
 */
export function vanTreesProof(): { nodes: ProofNode[]; edges: ProofEdge[] } {
  const nodes: ProofNode[] = [
    { id: "estimator", label: "any estimator θ̂(X)<br>(biased or not)", role: "input", x: 1.6, y: 6, halfWidth: 1.45 },
    { id: "prior", label: "prior π: π = 0 at the ends<br>of its support, J(π) < ∞", role: "input", x: 5.0, y: 6, halfWidth: 1.65 },
    { id: "model", label: "model p(x | θ), score with<br>E[∇ log p | θ] = 0, Fisher I(θ)", role: "input", x: 8.6, y: 6, halfWidth: 1.75 },
    { id: "ibp", label: "Σ<sub>i</sub> ∫∫ ∂<sub>θ<sub>i</sub></sub>[(θ̂<sub>i</sub> − θ<sub>i</sub>) f] dθ dx = 0  ⟹  E⟨θ̂ − θ, S⟩ = d", role: "step", x: 5.0, y: 4.2, halfWidth: 3.2 },
    { id: "cs", label: "d² ≤ E‖θ̂ − θ‖² · E‖S‖²", role: "step", x: 5.0, y: 2.6, halfWidth: 2.2 },
    { id: "data", label: "data part<br>E<sub>π</sub>[tr I(θ)]", role: "step", x: 2.7, y: 1.0, halfWidth: 1.35 },
    { id: "priorPart", label: "prior part<br>J(π) = ∫‖∇π‖²/π", role: "step", x: 7.3, y: 1.0, halfWidth: 1.35 },
    { id: "bound", label: "E‖θ̂ − θ‖² ≥ d² / (E<sub>π</sub>[tr I(θ)] + J(π))", role: "result", x: 5.0, y: -0.6, halfWidth: 3.0 },
  ];
  const edges: ProofEdge[] = [
    { from: "estimator", to: "ibp", reason: "" },
    { from: "prior", to: "ibp", reason: "boundary term [(θ̂ − θ) f] = 0" },
    { from: "model", to: "ibp", reason: "" },
    { from: "ibp", to: "cs", reason: "Cauchy–Schwarz" },
    { from: "cs", to: "data", reason: "E‖S‖² splits:" },
    { from: "cs", to: "priorPart", reason: "cross term 0" },
    { from: "data", to: "bound", reason: "" },
    { from: "priorPart", to: "bound", reason: "" },
  ];
  return { nodes, edges };
}

/** Fill per role (Okabe–Ito); the border style repeats the distinction. */
const ROLE_FILL: Readonly<Record<ProofNode["role"], string>> = { input: OKABE_ITO[5], step: "#EEEEEE", result: OKABE_ITO[4] };
const ROLE_BORDER: Readonly<Record<ProofNode["role"], { dash: string; width: number }>> = {
  input: { dash: "dot", width: 1.5 },
  step: { dash: "solid", width: 1.25 },
  result: { dash: "solid", width: 3 },
};
const HALF_H = 0.45;

/**
 * Draws {@link vanTreesProof} as a Plotly figure for `show`: the three ingredients on top (dotted
 * borders), the two steps of the proof in the middle, the split of E‖S‖² into its data and prior parts,
 * and the inequality at the bottom (thick border). Each arrow carries the reason for its step in words,
 * so colour is never the only cue.
 *
 * @example
 * ```ts
 * show(vanTreesProofDiagram(), { caption: "Integration by parts, then Cauchy–Schwarz, then the split of the Fisher term." });
 * ```
 */
export function vanTreesProofDiagram(): Figure {
  const { nodes, edges } = vanTreesProof();
  const boxes = new Map(nodes.map((n) => [n.id, { ...n, halfHeight: HALF_H }]));
  const shapes = [...boxes.values()].map((n) => boxShape(n, { fill: ROLE_FILL[n.role], opacity: 0.7, border: ROLE_BORDER[n.role] }));
  const annotations: Record<string, unknown>[] = [];
  for (const e of edges) {
    const [a, b] = [boxes.get(e.from)!, boxes.get(e.to)!];
    const arrow = arrowBetween(a, b);
    annotations.push(arrowAnnotation(arrow));
    if (e.reason !== "") annotations.push(arrowLabel(arrow, e.reason, { place: b.x < a.x ? "left" : "right", gap: 0.12 }));
  }
  annotations.push(diagramNote(0.1, -1.55, "dotted border: what the proof assumes; thin solid: a step; thick solid: the result. f(x, θ) = p(x | θ)·π(θ), S = ∇<sub>θ</sub> log f."));
  const hover = nodes.map((n) => `${n.role}: ${n.label.replace(/<br>/g, " ").replace(/<\/?su[bp]>/g, "")}`);
  return diagramFigure({
    title: "The van Trees inequality in three moves: integration by parts, Cauchy–Schwarz, data + prior",
    xTitle: "(no units)", yTitle: "order of the argument, top to bottom (no units)", xRange: [0, 10.5], yRange: [-1.8, 6.7],
    data: [boxTextTrace("van Trees proof", nodes, hover, 12)], shapes, annotations, height: 560,
  });
}
