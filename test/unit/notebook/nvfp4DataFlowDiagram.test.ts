import { describe, expect, it } from "vitest";
import { nvfp4DataFlow, nvfp4DataFlowDiagram } from "../../../src/notebook/diagrams/nvfp4DataFlowDiagram";
import { nvfp4Quantize } from "../../../src/formats/nvfp4";
import { figureProblems } from "../../../src/notebook/show";
import { graphProblems, hasCycle, onRectBorder, overlappingPairs, reachableFrom } from "../../support/diagramChecks";

describe("nvfp4DataFlow()", () => {
  const { nodes, edges } = nvfp4DataFlow();
  const byId = new Map(nodes.map((n) => [n.id, n]));

  it("has unique node ids and edges between existing nodes", () => {
    expect(graphProblems(nodes, edges)).toEqual([]);
  });

  it("decodes from the stored fields alone: every input of the decode box is stored", () => {
    const inputs = edges.filter((e) => e.to === "decode").map((e) => byId.get(e.from)!);
    expect(inputs.map((n) => n.level).sort()).toEqual(["block", "element", "tensor"]);
    for (const n of inputs) expect(n.storedBits).toBeGreaterThan(0);
  });

  it("is acyclic and every node reaches the decode box", () => {
    expect(hasCycle(edges)).toBe(false);
    for (const n of nodes) expect(reachableFrom(edges, n.id).has("decode"), n.id).toBe(true);
  });

  it("stores 32 bits per tensor, 8 per block of 16 and 4 per element: the library's NVFP4 storage for any d", () => {
    const stored = (level: string) => nodes.filter((n) => n.level === level).reduce((s, n) => s + n.storedBits, 0);
    for (const d of [16, 4096, 4096 + 16]) {
      const fromDiagram = stored("tensor") + (d / 16) * stored("block") + d * stored("element");
      expect(fromDiagram).toBe(nvfp4Quantize(new Float64Array(d)).totalBits);
    }
  });
});

describe("nvfp4DataFlowDiagram()", () => {
  const fig = nvfp4DataFlowDiagram();
  const { nodes, edges } = nvfp4DataFlow();
  type Arrow = { x: number; y: number; ax: number; ay: number; showarrow: boolean; text: string };
  const arrows = (fig.layout!.annotations as Arrow[]).filter((a) => a.showarrow);
  const boxes = fig.layout!.shapes as { x0: number; x1: number; y0: number; y1: number; line: { dash: string; width: number } }[];

  it("draws one box per node, stored ones with a thick solid border, and one arrow per edge", () => {
    expect(boxes).toHaveLength(nodes.length);
    nodes.forEach((n, i) => {
      if (n.storedBits > 0) expect(boxes[i].line).toMatchObject({ dash: "solid", width: 3 });
      else if (n.level !== "decode") expect(boxes[i].line.dash).toBe("dot");
    });
    expect(arrows).toHaveLength(edges.length);
  });

  it("starts and ends every arrow on the border of its boxes", () => {
    edges.forEach((e, k) => {
      const from = boxes[nodes.findIndex((n) => n.id === e.from)];
      const to = boxes[nodes.findIndex((n) => n.id === e.to)];
      expect(onRectBorder(arrows[k].ax, arrows[k].ay, from), `${e.from} → ${e.to} tail`).toBe(true);
      expect(onRectBorder(arrows[k].x, arrows[k].y, to), `${e.from} → ${e.to} head`).toBe(true);
    });
  });

  it("does not overlap two boxes", () => {
    expect(overlappingPairs(boxes).map(([i, j]) => `${nodes[i].id} and ${nodes[j].id}`)).toEqual([]);
  });

  it("meets the course's strict figure rules", () => {
    expect(figureProblems(fig, "NVFP4 stores 32 bits per tensor, 8 per block and 4 per element.")).toEqual([]);
  });

  it("has a title, a text trace labelling every box, and no colour names", () => {
    expect((fig.layout!.title as { text: string }).text).toMatch(/NVFP4/);
    expect(fig.data[0].text).toHaveLength(nodes.length);
    expect(JSON.stringify([fig.data, fig.layout!.annotations])).not.toMatch(/\b(red|green|blue|orange|purple|yellow|pink)\b/i);
  });
});
