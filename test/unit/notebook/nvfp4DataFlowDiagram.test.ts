import { describe, expect, it } from "vitest";
import { nvfp4DataFlow, nvfp4DataFlowDiagram } from "../../../src/notebook/diagrams/nvfp4DataFlowDiagram";
import { nvfp4Quantize } from "../../../src/formats/nvfp4";
import { figureProblems } from "../../../src/notebook/show";

describe("nvfp4DataFlow()", () => {
  const { nodes, edges } = nvfp4DataFlow();
  const byId = new Map(nodes.map((n) => [n.id, n]));

  it("has unique node ids and edges between existing nodes", () => {
    expect(byId.size).toBe(nodes.length);
    for (const e of edges) {
      expect(byId.has(e.from), e.from).toBe(true);
      expect(byId.has(e.to), e.to).toBe(true);
    }
  });

  it("decodes from the stored fields alone: every input of the decode box is stored", () => {
    const inputs = edges.filter((e) => e.to === "decode").map((e) => byId.get(e.from)!);
    expect(inputs.map((n) => n.level).sort()).toEqual(["block", "element", "tensor"]);
    for (const n of inputs) expect(n.storedBits).toBeGreaterThan(0);
  });

  it("is acyclic and every node reaches the decode box", () => {
    const reaches = (id: string, seen = new Set<string>()): boolean => {
      if (id === "decode") return true;
      expect(seen.has(id), `cycle through ${id}`).toBe(false);
      seen.add(id);
      return edges.filter((e) => e.from === id).some((e) => reaches(e.to, new Set(seen)));
    };
    for (const n of nodes) expect(reaches(n.id), n.id).toBe(true);
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
    const onBorder = (px: number, py: number, b: (typeof boxes)[number]) => {
      const inside = px >= b.x0 - 1e-9 && px <= b.x1 + 1e-9 && py >= b.y0 - 1e-9 && py <= b.y1 + 1e-9;
      const edge = Math.min(Math.abs(px - b.x0), Math.abs(px - b.x1), Math.abs(py - b.y0), Math.abs(py - b.y1));
      return inside && edge < 1e-9;
    };
    edges.forEach((e, k) => {
      const from = boxes[nodes.findIndex((n) => n.id === e.from)];
      const to = boxes[nodes.findIndex((n) => n.id === e.to)];
      expect(onBorder(arrows[k].ax, arrows[k].ay, from), `${e.from} → ${e.to} tail`).toBe(true);
      expect(onBorder(arrows[k].x, arrows[k].y, to), `${e.from} → ${e.to} head`).toBe(true);
    });
  });

  it("does not overlap two boxes", () => {
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${nodes[i].id} and ${nodes[j].id}`).toBe(false);
      }
    }
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
