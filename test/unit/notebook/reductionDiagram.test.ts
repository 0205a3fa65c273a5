import { describe, expect, it } from "vitest";
import { reductionDiagram, reductionFlow } from "../../../src/notebook/index";
import { graphProblems, overlappingPairs, reachableFrom } from "../../support/diagramChecks";

describe("reductionFlow and reductionDiagram", () => {
  const { nodes, edges } = reductionFlow();

  it("has unique node ids and edges between existing nodes", () => {
    expect(graphProblems(nodes, edges)).toEqual([]);
  });

  const reachable = (start: string, blocked: string[]): Set<string> => reachableFrom(edges, start, blocked);

  it("connects θ to the output, and only through the B-bit message (the structure of the argument)", () => {
    expect(reachable("theta", []).has("output")).toBe(true);
    expect(reachable("theta", ["message"]).has("output")).toBe(false);
    expect(nodes.filter((n) => n.role === "channel").map((n) => n.id)).toEqual(["message"]);
  });

  it("feeds the public coin to both sides and lets nothing flow into it", () => {
    expect(edges.filter((e) => e.from === "coin").map((e) => e.to).sort()).toEqual(["encoder", "optimizer"]);
    expect(edges.some((e) => e.to === "coin" || e.to === "theta" || e.to === "noise")).toBe(false);
  });

  it("draws one box per node plus the channel line, an arrow per edge, a title and a one-trace text layer", () => {
    const fig = reductionDiagram();
    const layout = fig.layout as { title: { text: string }; shapes: unknown[]; annotations: { showarrow: boolean }[] };
    expect(layout.title.text).toMatch(/B-bit/);
    expect(layout.shapes).toHaveLength(nodes.length + 1);
    expect(layout.annotations.filter((a) => a.showarrow)).toHaveLength(edges.length);
    expect(fig.data).toHaveLength(1);
  });

  it("keeps the drawn boxes from overlapping", () => {
    const boxes = (reductionDiagram().layout!.shapes as { type: string; x0: number; x1: number; y0: number; y1: number }[]).filter((s) => s.type === "rect");
    expect(boxes).toHaveLength(nodes.length);
    expect(overlappingPairs(boxes).map(([i, j]) => `${nodes[i].id} and ${nodes[j].id}`)).toEqual([]);
  });
});
