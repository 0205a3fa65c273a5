import { describe, expect, it } from "vitest";
import { quantizedAdamDiagram, quantizedAdamFlow } from "../../../src/notebook/diagrams/quantizedAdamDiagram";

describe("quantizedAdamDiagram", () => {
  it("has one quantizer per stored component of Adam (G, M, V, W), each feeding the matching store", () => {
    const { nodes, edges } = quantizedAdamFlow();
    expect(nodes.filter((n) => n.role === "quantizer").map((n) => n.id).sort()).toEqual(["QG", "QM", "QV", "QW"]);
    for (const [q, store] of [["QM", "mstore"], ["QV", "vstore"], ["QW", "wstore"]]) expect(edges.some(([a, b]) => a === q && b === store)).toBe(true);
    // the update reads the stored moments, not the unquantized ones
    expect(edges.filter(([, b]) => b === "ratio").map(([a]) => a).sort()).toEqual(["mstore", "vstore"]);
  });
  it("draws one shape per box, one arrow per edge, and titled axes", () => {
    const fig = quantizedAdamDiagram();
    const { nodes, edges } = quantizedAdamFlow();
    const layout = fig.layout as { shapes: unknown[]; annotations: { showarrow?: boolean }[]; title: { text: string }; xaxis: { title: { text: string } } };
    expect(layout.shapes.length).toBe(nodes.length);
    expect(layout.annotations.filter((a) => a.showarrow === true).length).toBe(edges.length);
    expect(layout.title.text).toMatch(/quantized Adam/);
    expect(layout.xaxis.title.text.length).toBeGreaterThan(0);
  });
});
