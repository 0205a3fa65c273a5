import { describe, expect, it } from "vitest";
import { argumentChainDiagram } from "../../../src/notebook/diagrams/argumentChainDiagram";
import type { ArgumentChainSpec } from "../../../src/notebook/diagrams/argumentChainDiagram";
import { figureProblems } from "../../../src/notebook/show";

const spec: ArgumentChainSpec = {
  title: "From the score to the cap",
  steps: [
    { label: "score S = (X − θ)/σ²", status: "standard" },
    { label: "tr I<sub>Y</sub> = Σ p(y)‖E[S | y]‖²", status: "standard" },
    { label: "‖E[S | y]‖² ≤ 2 ln(1/p(y))/σ²", status: "ours" },
    { label: "T rounds: O(TB/σ²)", status: "paper" },
  ],
  reasons: ["scatter of conditional means", "Donsker–Varadhan", "chain rule"],
};

describe("argumentChainDiagram(spec)", () => {
  const fig = argumentChainDiagram(spec);
  type Arrow = { x: number; y: number; ax: number; ay: number; showarrow: boolean; text: string };
  const annotations = fig.layout!.annotations as Arrow[];
  const arrows = annotations.filter((a) => a.showarrow);
  const boxes = fig.layout!.shapes as { x0: number; x1: number; y0: number; y1: number; line: { dash: string; width: number } }[];

  it("draws one box per step, top to bottom, and one arrow per reason from a box's bottom edge to the next box's top edge", () => {
    expect(boxes).toHaveLength(spec.steps.length);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].y1).toBeLessThan(boxes[i - 1].y0);
    expect(arrows).toHaveLength(spec.reasons.length);
    arrows.forEach((a, i) => {
      expect(a.ay).toBeCloseTo(boxes[i].y0, 12);
      expect(a.y).toBeCloseTo(boxes[i + 1].y1, 12);
      expect(a.x).toBeGreaterThan(boxes[i].x0);
      expect(a.x).toBeLessThan(boxes[i].x1);
    });
  });

  it("writes every reason beside its arrow, between the two boxes", () => {
    spec.reasons.forEach((r, i) => {
      const label = annotations.find((a) => !a.showarrow && a.text.includes(r))!;
      expect(label, r).toBeDefined();
      expect(label.y).toBeLessThan(boxes[i].y0);
      expect(label.y).toBeGreaterThan(boxes[i + 1].y1);
    });
  });

  it("tells the statuses apart by border dash and in words, not by colour alone", () => {
    const dashes = boxes.map((b) => b.line.dash);
    expect(dashes).toEqual(["solid", "solid", "dash", "dot"]);
    const tags = annotations.filter((a) => !a.showarrow && /^\[/.test(a.text)).map((a) => a.text);
    expect(tags).toEqual(["[standard]", "[standard]", "[our derivation]", "[paper states the order]"]);
  });

  it("labels every box with its statement and meets the course's strict figure rules", () => {
    expect(fig.data[0].text).toEqual(spec.steps.map((s) => s.label));
    expect(figureProblems(fig, "The argument in four steps.")).toEqual([]);
    expect(JSON.stringify([fig.data, fig.layout!.annotations])).not.toMatch(/\b(red|green|blue|orange|purple|yellow|pink)\b/i);
  });

  it("refuses fewer than two steps, a wrong number of reasons, an empty label and an unknown status, naming the field", () => {
    expect(() => argumentChainDiagram({ ...spec, steps: [spec.steps[0]], reasons: [] })).toThrow(/spec.steps/);
    expect(() => argumentChainDiagram({ ...spec, reasons: ["one"] })).toThrow(/spec.reasons must hold steps.length − 1 = 3/);
    expect(() => argumentChainDiagram({ ...spec, steps: [...spec.steps.slice(0, 3), { label: " ", status: "ours" }] })).toThrow(/spec.steps\[3\].label/);
    expect(() => argumentChainDiagram({ ...spec, steps: [...spec.steps.slice(0, 3), { label: "x", status: "maybe" as never }] })).toThrow(/spec.steps\[3\].status/);
    expect(() => argumentChainDiagram(null as never)).toThrow(TypeError);
  });
});
