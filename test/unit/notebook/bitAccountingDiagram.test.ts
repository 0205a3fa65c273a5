import { describe, expect, it } from "vitest";
import { bitAccountingDiagram, bitAccountingFlow } from "../../../src/notebook/index";
import { createRandom, randomSubsetStochastic } from "../../../src/index";
import { graphProblems, overlappingPairs, reachableFrom } from "../../support/diagramChecks";

/** The subset a fresh coin draws, by a partial Fisher–Yates shuffle written here from its definition. */
function subsetFromCoin(d: number, k: number, seed: number): number[] {
  const rng = createRandom(seed);
  const perm = Array.from({ length: d }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.integer(d - i);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return perm.slice(0, k);
}

describe("bitAccountingFlow and bitAccountingDiagram", () => {
  const round = { d: 64, bitsPerCoordinate: 2, subset: [5, 17, 40, 2], gridIndices: [1, 0, 3, 2] };
  const { nodes, edges } = bitAccountingFlow(round);

  it("has unique node ids, edges between existing nodes, and k payload fields of b bits", () => {
    expect(graphProblems(nodes, edges)).toEqual([]);
    const fields = nodes.filter((n) => n.role === "payload");
    expect(fields).toHaveLength(4);
    // LSB first: 1 → "10", 0 → "00", 3 → "11", 2 → "01"
    expect(fields.map((f) => f.label.split("<br>")[1])).toEqual(["10", "00", "11", "01"]);
    expect(fields.map((f) => f.label.split("<br>")[0])).toEqual(["s=5", "s=17", "s=40", "s=2"]);
  });

  it("lets the gradient reach the decoder only through the payload, and the coin without it", () => {
    const payload = nodes.filter((n) => n.role === "payload").map((n) => n.id);
    expect(reachableFrom(edges, "gradient").has("decoder")).toBe(true);
    expect(reachableFrom(edges, "gradient", payload).has("decoder")).toBe(false);
    expect(reachableFrom(edges, "coin", payload).has("decoder")).toBe(true);
    expect(reachableFrom(edges, "dither", payload).has("decoder")).toBe(false);
    expect(edges.some((e) => e.to === "coin" || e.to === "gradient" || e.to === "dither")).toBe(false);
  });

  it("draws a box per node, the channel line, an arrow per edge, and payload = k·b bits in the title", () => {
    const fig = bitAccountingDiagram(round);
    const layout = fig.layout as { title: { text: string }; shapes: { type: string; x0: number; x1: number; y0: number; y1: number }[]; annotations: { showarrow: boolean }[] };
    expect(layout.title.text).toContain("8 bits");
    expect(layout.shapes).toHaveLength(nodes.length + 1);
    expect(layout.annotations.filter((a) => a.showarrow)).toHaveLength(edges.length);
    const boxes = layout.shapes.filter((s) => s.type === "rect");
    expect(overlappingPairs(boxes).map(([i, j]) => `${nodes[i].id} and ${nodes[j].id}`)).toEqual([]);
    expect(fig.data).toHaveLength(1);
  });

  it("draws a real message: the subset a coin draws and the indices read from the compressor's bytes", () => {
    const d = 32, k = 8, b = 1;
    const message = randomSubsetStochastic({ k, bits: b, range: 2 }).encode(new Float64Array(d).fill(0.5), createRandom(9));
    const indices = Array.from({ length: k }, (_, t) => (message.bytes[t >> 3] >> (t & 7)) & 1);
    const flow = bitAccountingFlow({ d, bitsPerCoordinate: b, subset: subsetFromCoin(d, k, 9), gridIndices: indices });
    expect(flow.nodes.filter((n) => n.role === "payload")).toHaveLength(8);
    expect(overlappingPairs((bitAccountingDiagram({ d, bitsPerCoordinate: b, subset: subsetFromCoin(d, k, 9), gridIndices: indices }).layout!.shapes as { type: string; x0: number; x1: number; y0: number; y1: number }[]).filter((s) => s.type === "rect"))).toEqual([]);
  });

  it("writes the decoder's scale d/k as an integer or a fraction, never a long decimal", () => {
    const label = (k: number) => bitAccountingFlow({ d: 64, bitsPerCoordinate: 1, subset: Array.from({ length: k }, (_, i) => i), gridIndices: new Array(k).fill(0) }).nodes.find((n) => n.id === "decoder")!.label;
    expect(label(8)).toContain("= 8·q");
    expect(label(6)).toContain("= (64/6)·q");
  });

  it("refuses bad rounds, naming the field", () => {
    expect(() => bitAccountingFlow({ ...round, subset: [1, 1, 2, 3] })).toThrow(/subset/);
    expect(() => bitAccountingFlow({ ...round, subset: [64, 1, 2, 3] })).toThrow(/subset\[0\]/);
    expect(() => bitAccountingFlow({ ...round, gridIndices: [4, 0, 0, 0] })).toThrow(/gridIndices\[0\]/);
    expect(() => bitAccountingFlow({ ...round, gridIndices: [0, 0] })).toThrow(/gridIndices/);
    expect(() => bitAccountingFlow({ ...round, subset: Array.from({ length: 9 }, (_, i) => i), gridIndices: new Array(9).fill(0) })).toThrow(/subset/);
    expect(() => bitAccountingFlow({ ...round, bitsPerCoordinate: 0 })).toThrow(/bitsPerCoordinate/);
  });
});
