import { describe, expect, it } from "vitest";
import { quantizedSgdStepDiagram, quantizedSgdStepFlow } from "../../../src/notebook/diagrams/quantizedSgdStepDiagram";
import { figureProblems } from "../../../src/notebook/show";
import { graphProblems, hasCycle, overlappingPairs, reachableFrom } from "../../support/diagramChecks";

describe("quantizedSgdStepFlow and quantizedSgdStepDiagram", () => {
  const { nodes, edges } = quantizedSgdStepFlow();

  it("has unique node ids and edges between existing nodes", () => {
    expect(graphProblems(nodes, edges)).toEqual([]);
  });

  it("has the five quantizers of paper B's setting, each on the path from the example to the update", () => {
    const quantizers = nodes.filter((n) => n.role === "quantizer").map((n) => n.id).sort();
    expect(quantizers).toEqual(["qa", "qd", "qg", "ql", "qp"]);
    for (const q of quantizers) {
      expect(reachableFrom(edges, "x").has(q)).toBe(true);
      expect(reachableFrom(edges, q).has("qp")).toBe(true);
    }
  });

  it("reaches the update only through the gradient quantizer, and closes the loop through Q_P back to the prediction", () => {
    expect(reachableFrom(edges, "x", ["qg"]).has("step")).toBe(false);
    expect(hasCycle(edges)).toBe(true);
    expect(edges.some((e) => e.from === "qp" && e.to === "pred")).toBe(true);
  });

  it("draws one box per node and an arrow per edge, without overlaps, and passes the strict rules", () => {
    const fig = quantizedSgdStepDiagram();
    const layout = fig.layout as { shapes: { type: string; x0: number; x1: number; y0: number; y1: number }[]; annotations: { showarrow: boolean }[] };
    const rects = layout.shapes.filter((s) => s.type === "rect");
    expect(rects).toHaveLength(nodes.length);
    expect(layout.annotations.filter((a) => a.showarrow)).toHaveLength(edges.length);
    expect(overlappingPairs(rects)).toEqual([]);
    expect(figureProblems(fig, "Five places a quantizer can sit in one step.")).toEqual([]);
  });
});
