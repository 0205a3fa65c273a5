import { describe, expect, it } from "vitest";
import { vanTreesProof, vanTreesProofDiagram } from "../../../src/notebook/diagrams/vanTreesProofDiagram";
import { figureProblems } from "../../../src/notebook/show";
import { graphProblems, hasCycle, onRectBorder, overlappingPairs, reachableFrom } from "../../support/diagramChecks";

describe("vanTreesProof()", () => {
  const { nodes, edges } = vanTreesProof();

  it("has unique ids, edges between existing nodes, three inputs and one result", () => {
    expect(graphProblems(nodes, edges)).toEqual([]);
    expect(nodes.filter((n) => n.role === "input").map((n) => n.id).sort()).toEqual(["estimator", "model", "prior"]);
    expect(nodes.filter((n) => n.role === "result").map((n) => n.id)).toEqual(["bound"]);
  });

  it("is acyclic, every node reaches the bound, and the bound is reached only through the data and prior parts", () => {
    expect(hasCycle(edges)).toBe(false);
    for (const n of nodes) expect(reachableFrom(edges, n.id).has("bound"), n.id).toBe(true);
    expect(edges.filter((e) => e.to === "bound").map((e) => e.from).sort()).toEqual(["data", "priorPart"]);
  });

  it("names the three moves on its arrows: the vanishing boundary term, Cauchy–Schwarz, the cross term", () => {
    const reasons = edges.map((e) => e.reason).join(" | ");
    expect(reasons).toMatch(/boundary term/);
    expect(reasons).toMatch(/Cauchy–Schwarz/);
    expect(reasons).toMatch(/cross term 0/);
    expect(edges.find((e) => e.reason.includes("boundary"))!.from).toBe("prior");
  });
});

describe("vanTreesProofDiagram()", () => {
  const fig = vanTreesProofDiagram();
  const { nodes, edges } = vanTreesProof();
  type Arrow = { x: number; y: number; ax: number; ay: number; showarrow: boolean };
  const arrows = (fig.layout!.annotations as Arrow[]).filter((a) => a.showarrow);
  const boxes = fig.layout!.shapes as { x0: number; x1: number; y0: number; y1: number; line: { dash: string; width: number } }[];

  it("draws one box per node (inputs dotted, the result thick) and one arrow per edge", () => {
    expect(boxes).toHaveLength(nodes.length);
    nodes.forEach((n, i) => {
      if (n.role === "input") expect(boxes[i].line.dash).toBe("dot");
      if (n.role === "result") expect(boxes[i].line.width).toBe(3);
    });
    expect(arrows).toHaveLength(edges.length);
  });

  it("starts and ends every arrow on the border of its boxes, and no two boxes overlap", () => {
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    edges.forEach((e, k) => {
      expect(onRectBorder(arrows[k].ax, arrows[k].ay, boxes[index.get(e.from)!]), `tail of ${e.from} → ${e.to}`).toBe(true);
      expect(onRectBorder(arrows[k].x, arrows[k].y, boxes[index.get(e.to)!]), `head of ${e.from} → ${e.to}`).toBe(true);
    });
    expect(overlappingPairs(boxes).map(([i, j]) => `${nodes[i].id} and ${nodes[j].id}`)).toEqual([]);
  });

  it("passes the course's figure rules in strict mode", () => {
    expect(figureProblems(fig, "The chain of the proof, top to bottom.")).toEqual([]);
  });
});
