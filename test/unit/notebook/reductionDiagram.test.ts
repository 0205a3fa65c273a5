import { describe, expect, it } from "vitest";
import { reductionDiagram, reductionFlow } from "../../../src/notebook/index";

describe("reductionFlow and reductionDiagram", () => {
  const { nodes, edges } = reductionFlow();
  const ids = new Set(nodes.map((n) => n.id));

  it("has unique node ids and edges between existing nodes", () => {
    expect(ids.size).toBe(nodes.length);
    for (const e of edges) {
      expect(ids.has(e.from), e.from).toBe(true);
      expect(ids.has(e.to), e.to).toBe(true);
    }
  });

  /** Nodes reachable from `start` along the edges, never entering `blocked`. */
  const reachable = (start: string, blocked: string[]): Set<string> => {
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const e of edges) {
        if (e.from === v && !blocked.includes(e.to) && !seen.has(e.to)) {
          seen.add(e.to);
          stack.push(e.to);
        }
      }
    }
    return seen;
  };

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

  it("keeps boxes from overlapping", () => {
    const H = 0.6;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        const overlapX = Math.abs(a.x - b.x) < a.halfWidth + b.halfWidth;
        const overlapY = Math.abs(a.y - b.y) < 2 * H;
        expect(overlapX && overlapY, `${a.id} and ${b.id}`).toBe(false);
      }
    }
  });
});
