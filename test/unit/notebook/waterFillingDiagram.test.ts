import { describe, expect, it } from "vitest";
import { waterFillingDiagram } from "../../../src/notebook/diagrams/waterFillingDiagram";
import { figureProblems } from "../../../src/notebook/show";

describe("waterFillingDiagram()", () => {
  // [4, 2, 1, 0.5, 0.25] at D = 2.5: by hand, λ = (2.5 − 0.5 − 0.25)/3 = 0.5833…; the two quietest bars are under water
  const variances = [4, 2, 1, 0.5, 0.25];
  const fig = waterFillingDiagram(variances, 2.5);
  const [under, removed] = fig.data as { y: number[]; text: string[] }[];
  const level = 1.75 / 3;

  it("stacks D_i under the water and σ_i² − D_i above it, bars summing to the variances", () => {
    expect(under.y.map((v) => +v.toFixed(12))).toEqual([level, level, level, 0.5, 0.25].map((v) => +v.toFixed(12)));
    variances.forEach((v, i) => expect(under.y[i] + removed.y[i]).toBeCloseTo(v, 12));
    expect(under.y.reduce((s, v) => s + v, 0)).toBeCloseTo(2.5, 12);
  });

  it("draws the water level as one dashed line at λ and writes each bar's bits, 0 under the water", () => {
    const shapes = fig.layout!.shapes as { y0: number; y1: number; line: { dash: string } }[];
    expect(shapes).toHaveLength(1);
    expect(shapes[0].y0).toBeCloseTo(level, 12);
    expect(shapes[0].line.dash).toBe("dash");
    expect(removed.text[0]).toBe(`${(0.5 * Math.log2(4 / level)).toFixed(2)} bits`);
    expect(removed.text.slice(3)).toEqual(["0.00 bits", "0.00 bits"]);
  });

  it("passes the course's strict figure rules with a caption, and refuses mismatched labels", () => {
    expect(figureProblems(fig, "The level is flat.")).toEqual([]);
    expect(() => waterFillingDiagram(variances, 2.5, { labels: ["a"] })).toThrow(/labels/);
    expect(() => waterFillingDiagram(variances, 0)).toThrow(/D/);
  });
});
