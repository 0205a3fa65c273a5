import { describe, expect, it } from "vitest";
import { trackingLoopDiagram, trackingLoopFlow } from "../../../src/notebook/diagrams/trackingLoopDiagram";
import { figureProblems } from "../../../src/notebook/show";
import { graphProblems, hasCycle, overlappingPairs, reachableFrom } from "../../support/diagramChecks";

describe("trackingLoopFlow and trackingLoopDiagram", () => {
  const { nodes, edges } = trackingLoopFlow();

  it("has unique node ids and edges between existing nodes", () => {
    expect(graphProblems(nodes, edges)).toEqual([]);
  });

  it("reaches the estimate from θ only through the B-bit message, and closes a loop back to the oracle", () => {
    expect(reachableFrom(edges, "theta").has("output")).toBe(true);
    expect(reachableFrom(edges, "theta", ["message"]).has("output")).toBe(false);
    expect(nodes.filter((n) => n.role === "channel").map((n) => n.id)).toEqual(["message"]);
    expect(hasCycle(edges)).toBe(true);
    expect(reachableFrom(edges, "decoder").has("oracle")).toBe(true);
  });

  it("feeds the coin to both sides and nothing into θ or the coin", () => {
    expect(edges.filter((e) => e.from === "coin").map((e) => e.to).sort()).toEqual(["decoder", "encoder"]);
    expect(edges.some((e) => e.to === "coin" || e.to === "theta")).toBe(false);
  });

  it("draws one box per node plus the channel line, an arrow per edge, without overlaps, and passes the strict rules", () => {
    const fig = trackingLoopDiagram();
    const layout = fig.layout as { shapes: { type: string; x0: number; x1: number; y0: number; y1: number }[]; annotations: { showarrow: boolean }[] };
    const rects = layout.shapes.filter((s) => s.type === "rect");
    expect(rects).toHaveLength(nodes.length);
    expect(layout.annotations.filter((a) => a.showarrow)).toHaveLength(edges.length);
    expect(overlappingPairs(rects)).toEqual([]);
    expect(figureProblems(fig, "The loop closes through the shared prediction.")).toEqual([]);
  });
});
