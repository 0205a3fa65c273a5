import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ARROW_INK, DIAGRAM_INK, arrowAnnotation, arrowBetween, arrowLabel, boxEdgePoint, boxShape, boxTextTrace, diagramFigure, diagramNote,
} from "../../../src/notebook/diagrams/boxesAndArrows";
import type { Box } from "../../../src/notebook/diagrams/boxesAndArrows";
import { OKABE_ITO } from "../../../src/notebook/palette";
import { figureProblems } from "../../../src/notebook/show";
import { onRectBorder, overlappingPairs } from "../../support/diagramChecks";

/** The rectangle of a box from its definition (centre ± half sizes), independent of boxShape. */
const rectOf = (b: Box) => ({ x0: b.x - b.halfWidth, x1: b.x + b.halfWidth, y0: b.y - b.halfHeight, y1: b.y + b.halfHeight });
/** |(p − c) × (q − c)|: zero when p, q and c are collinear. */
const cross = (c: readonly number[], p: readonly number[], q: readonly number[]) => Math.abs((p[0] - c[0]) * (q[1] - c[1]) - (p[1] - c[1]) * (q[0] - c[0]));

const coordinate = fc.double({ min: -20, max: 20, noNaN: true });
const half = fc.double({ min: 0.05, max: 5, noNaN: true });
const box = fc.record({ x: coordinate, y: coordinate, halfWidth: half, halfHeight: half });

describe("boxShape(box, style)", () => {
  it("spans centre ± half sizes, below the text by default, with black ink and the given border", () => {
    const shape = boxShape({ x: 1, y: -2, halfWidth: 1.5, halfHeight: 0.25 }, { fill: OKABE_ITO[5], border: { dash: "dot", width: 1.5 }, opacity: 0.7 });
    expect(shape).toEqual({
      type: "rect", x0: -0.5, x1: 2.5, y0: -2.25, y1: -1.75, layer: "below", fillcolor: "#56B4E9", opacity: 0.7,
      line: { color: "#000000", dash: "dot", width: 1.5 },
    });
    expect(DIAGRAM_INK).toBe(OKABE_ITO[6]);
  });

  it("leaves opacity and dash to Plotly's defaults when not given, and honours layer", () => {
    const shape = boxShape({ x: 0, y: 0, halfWidth: 1, halfHeight: 1 }, { fill: "rgba(0,0,0,0)", border: { width: 3 }, layer: "above" });
    expect(shape).not.toHaveProperty("opacity");
    expect(shape.line).toEqual({ color: "#000000", width: 3 });
    expect(shape.layer).toBe("above");
  });
});

describe("boxEdgePoint(box, towards)", () => {
  it("meets the side the direction crosses first: worked cases by hand", () => {
    const b = { x: 0, y: 0, halfWidth: 2, halfHeight: 0.5 };
    expect(boxEdgePoint(b, { x: 4, y: 2 })).toEqual([1, 0.5]); // slope 1/2: the top edge y = 0.5 at x = 1
    expect(boxEdgePoint(b, { x: 8, y: 1 })).toEqual([2, 0.25]); // slope 1/8: the right edge x = 2 at y = 0.25
    expect(boxEdgePoint(b, { x: -5, y: 0 })).toEqual([-2, 0]); // straight left
    expect(boxEdgePoint(b, { x: 0, y: -3 })).toEqual([0, -0.5]); // straight down
    expect(boxEdgePoint(b, { x: 6, y: 1.5 })).toEqual([2, 0.5]); // through the corner
    expect(boxEdgePoint(b, { x: 0, y: 0 })).toEqual([0, 0]); // no direction: the centre
  });

  it("lies on the box's border, on the segment from the centre to the target (3000 random boxes and targets)", () => {
    fc.assert(
      fc.property(box, coordinate, coordinate, (b, tx, ty) => {
        const r = rectOf(b);
        fc.pre(tx < r.x0 - 1e-6 || tx > r.x1 + 1e-6 || ty < r.y0 - 1e-6 || ty > r.y1 + 1e-6); // the target outside the box
        const p = boxEdgePoint(b, { x: tx, y: ty });
        const scale = Math.max(1, Math.abs(b.x), Math.abs(b.y), Math.abs(tx), Math.abs(ty));
        expect(onRectBorder(p[0], p[1], r, 1e-12 * scale * 8)).toBe(true);
        expect(cross([b.x, b.y], p, [tx, ty])).toBeLessThanOrEqual(1e-12 * scale * scale * 8);
        // between the centre and the target: the same direction, not farther
        expect((p[0] - b.x) * (tx - b.x) + (p[1] - b.y) * (ty - b.y)).toBeGreaterThanOrEqual(0);
        expect(Math.hypot(p[0] - b.x, p[1] - b.y)).toBeLessThanOrEqual(Math.hypot(tx - b.x, ty - b.y) * (1 + 1e-12));
      }),
      { seed: 42, numRuns: 3000 },
    );
  });
});

describe("arrowBetween(from, to) and arrowAnnotation(arrow)", () => {
  it("starts on the first box's border and ends on the second's, along the line of centres, for disjoint boxes", () => {
    fc.assert(
      fc.property(box, box, (a, b) => {
        fc.pre(overlappingPairs([rectOf(a), rectOf(b)]).length === 0 && Math.hypot(a.x - b.x, a.y - b.y) > 1e-3);
        const { tail, head } = arrowBetween(a, b);
        const scale = Math.max(1, Math.abs(a.x), Math.abs(a.y), Math.abs(b.x), Math.abs(b.y));
        expect(onRectBorder(tail[0], tail[1], rectOf(a), 1e-12 * scale * 8)).toBe(true);
        expect(onRectBorder(head[0], head[1], rectOf(b), 1e-12 * scale * 8)).toBe(true);
        expect(cross([a.x, a.y], tail, [b.x, b.y])).toBeLessThanOrEqual(1e-12 * scale * scale * 8);
        expect(cross([a.x, a.y], head, [b.x, b.y])).toBeLessThanOrEqual(1e-12 * scale * scale * 8);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("joins a box's bottom edge to the top edge of the box below it", () => {
    const upper = { x: 0, y: 0, halfWidth: 2.6, halfHeight: 0.3 };
    const lower = { x: 0, y: -1, halfWidth: 2.6, halfHeight: 0.3 };
    const arrow = arrowBetween(upper, lower);
    expect(arrow.tail).toEqual([0, -0.3]);
    expect(arrow.head[0]).toBe(0);
    expect(arrow.head[1]).toBeCloseTo(-0.7, 15);
    expect(arrowAnnotation(arrow)).toMatchObject({
      x: 0, y: arrow.head[1], ax: 0, ay: -0.3, xref: "x", yref: "y", axref: "x", ayref: "y", showarrow: true, text: "", arrowcolor: ARROW_INK,
    });
  });
});

describe("arrowLabel(arrow, text, options)", () => {
  const arrow = { tail: [1, 4] as const, head: [3, 0] as const }; // midpoint (2, 2)

  it("centres an 'above' label on the midpoint's x, gap above it (no xanchor: Plotly centres data-referenced text)", () => {
    const label = arrowLabel(arrow, "query", { place: "above", gap: 0.3, size: 11, background: "#FFFFFF" });
    expect(label).toEqual({ x: 2, y: 2.3, xref: "x", yref: "y", showarrow: false, text: "<i>query</i>", font: { size: 11 }, bgcolor: "#FFFFFF" });
  });

  it("starts a 'right' label gap to the right of the midpoint and ends a 'left' label gap to its left", () => {
    expect(arrowLabel(arrow, "why", { place: "right", gap: 0.12 })).toMatchObject({ x: 2.12, y: 2, xanchor: "left", font: { size: 12 } });
    expect(arrowLabel(arrow, "why", { place: "left", gap: 0.12 })).toMatchObject({ x: 1.88, y: 2, xanchor: "right" });
    expect(arrowLabel(arrow, "why", { place: "left", gap: 0.12 })).not.toHaveProperty("bgcolor");
  });
});

describe("diagramFigure(spec)", () => {
  const a = { x: 0, y: 1, halfWidth: 1.2, halfHeight: 0.3, label: "input" };
  const b = { x: 3, y: 0, halfWidth: 1.2, halfHeight: 0.3, label: "output" };
  const arrow = arrowBetween(a, b);
  const spec = {
    title: "Two boxes and an arrow", xTitle: "(no units)", yTitle: "(no units)", xRange: [-1.5, 4.5] as const, yRange: [-1, 1.6] as const,
    data: [boxTextTrace("two boxes", [a, b], ["the input", "the output"], 12)],
    shapes: [boxShape(a, { fill: OKABE_ITO[5], border: { dash: "dot", width: 1.5 } }), boxShape(b, { fill: OKABE_ITO[4], border: { width: 3 } })],
    annotations: [arrowAnnotation(arrow), arrowLabel(arrow, "computes", { place: "right", gap: 0.12 }), diagramNote(-1.4, -0.8, "dotted: input; thick: output.")],
    height: 300,
  };
  const fig = diagramFigure(spec);

  it("meets the course's strict figure rules with a caption, and not without one", () => {
    expect(figureProblems(fig, "An input box feeds an output box.")).toEqual([]);
    expect(figureProblems(fig)).toHaveLength(1);
  });

  it("hides both axes but titles them, and keeps the given ranges, shapes and annotations", () => {
    const layout = fig.layout as Record<string, unknown>;
    expect(layout.xaxis).toEqual({ title: { text: "(no units)" }, visible: false, range: [-1.5, 4.5] });
    expect(layout.yaxis).toEqual({ title: { text: "(no units)" }, visible: false, range: [-1, 1.6] });
    expect(layout.shapes).toBe(spec.shapes);
    expect(layout.annotations).toBe(spec.annotations);
    expect(layout.height).toBe(300);
  });

  it("writes every label at its box's centre in black, with the hover text given", () => {
    const trace = fig.data[0];
    expect(trace).toMatchObject({ mode: "text", x: [0, 3], y: [1, 0], text: ["input", "output"], hovertext: ["the input", "the output"], showlegend: false });
    expect(trace.textfont).toEqual({ size: 12, color: DIAGRAM_INK });
    const shapes = spec.shapes as unknown as { x0: number; x1: number; y0: number; y1: number }[];
    shapes.forEach((s, i) => {
      // centred: as far from the left edge as from the right, from the bottom as from the top (to round-off, < 1e-15 here)
      expect(Math.abs(((trace.x as number[])[i] - s.x0) - (s.x1 - (trace.x as number[])[i]))).toBeLessThan(1e-15);
      expect(Math.abs(((trace.y as number[])[i] - s.y0) - (s.y1 - (trace.y as number[])[i]))).toBeLessThan(1e-15);
    });
  });

  it("anchors a note by its left end", () => {
    expect(diagramNote(-1.4, -0.8, "n")).toEqual({ x: -1.4, y: -0.8, xref: "x", yref: "y", xanchor: "left", showarrow: false, font: { size: 11 }, text: "n" });
  });
});
