/**
 * The chain of an argument as a diagram: one box per step, top to bottom, each arrow labelled with the
 * reason that takes one step to the next, and each box's border saying where the step comes from.
 *
 * @packageDocumentation
 */
import { describeValue } from "../../validation";
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";
import { arrowAnnotation, arrowBetween, arrowLabel, boxShape, boxTextTrace, diagramFigure, diagramNote } from "./boxesAndArrows";

/** Where a step of an argument comes from (drawn as the box's border and a tag in the box). */
export type StepStatus = "standard" | "ours" | "paper";

/** One step of an {@link argumentChainDiagram}. */
export interface ArgumentStep {
  /** The statement in the box (Plotly text: `<br>`, `<sub>`, `<sup>` allowed). */
  label: string;
  /** standard (textbook), ours (derived in the course), paper (a paper states it, at the order it states). */
  status: StepStatus;
}

/** The description of an {@link argumentChainDiagram}. */
export interface ArgumentChainSpec {
  title: string;
  /** At least two steps, in the order of the argument. */
  steps: ArgumentStep[];
  /** steps.length − 1 reasons: reasons[i] takes steps[i] to steps[i + 1]. */
  reasons: string[];
  height?: number;
}

/** Border per status: the dash pattern and the width carry the distinction, never colour alone. */
const BORDER: Readonly<Record<StepStatus, { dash: string; width: number }>> = {
  standard: { dash: "solid", width: 1.5 },
  ours: { dash: "dash", width: 3 },
  paper: { dash: "dot", width: 3 },
};
const TAG: Readonly<Record<StepStatus, string>> = { standard: "standard", ours: "our derivation", paper: "paper states the order" };
const FILL: Readonly<Record<StepStatus, string>> = { standard: OKABE_ITO[5], ours: OKABE_ITO[4], paper: OKABE_ITO[3] };

/** Box geometry in diagram units: boxes centred at x = 0, one unit of height per step. */
const BOX_HALF_WIDTH = 2.6;
const BOX_HALF_HEIGHT = 0.3;

/**
 * Draws a chain of reasoning as a Plotly figure for `show`: step i is a box at height −i (the first at
 * the top), an arrow joins each box to the next, and the reason for that step is written beside its
 * arrow. A box's border says where its statement comes from: solid and thin for a standard result,
 * dashed and thick for a step derived in this course, dotted and thick for a statement a paper makes
 * (at the order it makes it); the tag written in the box says the same in words.
 *
 * @throws TypeError or RangeError naming the field when there are fewer than two steps, a label or a
 *   reason is empty, a status is unknown, or the number of reasons is not steps.length − 1.
 * @example
 * ```ts
 * show(argumentChainDiagram({
 *   title: "From the score to the cap",
 *   steps: [{ label: "score S = (X − θ)/σ²", status: "standard" }, { label: "tr I ≤ 2 ln 2·B/σ²", status: "ours" }],
 *   reasons: ["Donsker–Varadhan"],
 * }), { caption: "Two steps." });
 * ```
 */
export function argumentChainDiagram(spec: ArgumentChainSpec): Figure {
  if (spec === null || typeof spec !== "object") throw new TypeError(`spec must be an object, got ${describeValue(spec)}`);
  const { steps, reasons } = spec;
  if (typeof spec.title !== "string" || spec.title.trim() === "") throw new TypeError(`spec.title must be a non-empty string, got ${describeValue(spec.title)}`);
  if (!Array.isArray(steps) || steps.length < 2) throw new RangeError(`spec.steps must be an array of at least two steps, got ${describeValue(steps)}`);
  if (!Array.isArray(reasons) || reasons.length !== steps.length - 1) {
    throw new RangeError(`spec.reasons must hold steps.length − 1 = ${steps.length - 1} reasons, got ${describeValue(reasons)}`);
  }
  steps.forEach((s, i) => {
    if (typeof s?.label !== "string" || s.label.trim() === "") throw new TypeError(`spec.steps[${i}].label must be a non-empty string, got ${describeValue(s?.label)}`);
    if (!(s.status in BORDER)) throw new RangeError(`spec.steps[${i}].status must be "standard", "ours" or "paper", got ${describeValue(s.status)}`);
  });
  reasons.forEach((r, i) => {
    if (typeof r !== "string" || r.trim() === "") throw new TypeError(`spec.reasons[${i}] must be a non-empty string, got ${describeValue(r)}`);
  });
  const boxes = steps.map((s, i) => ({ x: 0, y: -i, halfWidth: BOX_HALF_WIDTH, halfHeight: BOX_HALF_HEIGHT, label: s.label }));
  const shapes = steps.map((s, i) => boxShape(boxes[i], { fill: FILL[s.status], opacity: 0.6, border: BORDER[s.status] }));
  const annotations: Record<string, unknown>[] = [];
  reasons.forEach((r, i) => {
    const arrow = arrowBetween(boxes[i], boxes[i + 1]);
    annotations.push(arrowAnnotation(arrow), arrowLabel(arrow, r, { place: "right", gap: 0.12 }));
  });
  steps.forEach((s, i) => {
    annotations.push({ x: BOX_HALF_WIDTH - 0.05, y: -i + BOX_HALF_HEIGHT - 0.04, xref: "x", yref: "y", xanchor: "right", yanchor: "top", showarrow: false, text: `[${TAG[s.status]}]`, font: { size: 10 } });
  });
  annotations.push(diagramNote(-BOX_HALF_WIDTH, -steps.length + 0.45, "border: thin solid = standard result; thick dashed = our derivation; thick dotted = a paper states it (at its order)"));
  const hover = steps.map((s, i) => `step ${i + 1} (${TAG[s.status]}): ${s.label.replace(/<br>/g, " ")}`);
  return diagramFigure({
    title: spec.title, xTitle: "(no units)", yTitle: "step of the argument, top to bottom (no units)",
    xRange: [-BOX_HALF_WIDTH - 0.1, BOX_HALF_WIDTH + 0.1], yRange: [-steps.length + 0.3, 0.5],
    data: [boxTextTrace(spec.title, boxes, hover, 13)], shapes, annotations, height: spec.height ?? 110 * steps.length + 80,
  });
}
