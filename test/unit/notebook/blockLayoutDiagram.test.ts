import { describe, expect, it } from "vitest";
import { blockLayout, blockLayoutDiagram } from "../../../src/notebook/diagrams/blockLayoutDiagram";
import { blockFormats } from "../../../src/formats/blockFormat";
import type { BlockFormat } from "../../../src/formats/blockFormat";
import { figureProblems } from "../../../src/notebook/show";

/**
 * Block size, scale bits and element bits of each format, written from the specifications (OCP MX v1.0
 * Table 1: k = 32, an 8-bit E8M0 scale, 8/8/8/6/6/4-bit elements; NVFP4: 16 E2M1 elements and an 8-bit
 * E4M3 scale, arXiv:2509.25149), not read from the library.
 */
const SPEC: Record<BlockFormat, [n: number, scaleBits: number, elementBits: number]> = {
  "mxfp8-e4m3": [32, 8, 8],
  "mxfp8-e5m2": [32, 8, 8],
  mxint8: [32, 8, 8],
  "mxfp6-e2m3": [32, 8, 6],
  "mxfp6-e3m2": [32, 8, 6],
  mxfp4: [32, 8, 4],
  nvfp4: [16, 8, 4],
};
/** Bits per element the specifications state (MX v1.0: 8.25, 6.25, 4.25; NVFP4 4.5 plus its tensor scale). */
const STATED_BITS_PER_ELEMENT: Record<BlockFormat, number> = {
  "mxfp8-e4m3": 8.25, "mxfp8-e5m2": 8.25, mxint8: 8.25, "mxfp6-e2m3": 6.25, "mxfp6-e3m2": 6.25, mxfp4: 4.25, nvfp4: 4.5,
};

type Shape = { x0: number; x1: number; y0: number; y1: number; line?: { dash?: string } };

describe("blockLayout(format)", () => {
  it.each(blockFormats.map((f) => [f] as const))("%s: the scale first, then n elements, bits matching the specification", (format) => {
    const [n, scaleBits, elementBits] = SPEC[format];
    const layout = blockLayout(format);
    expect(layout.blockSize).toBe(n);
    expect(layout.fields).toHaveLength(n + 1);
    expect(layout.fields[0]).toMatchObject({ role: "scale", bits: scaleBits, offset: 0 });
    for (let i = 1; i <= n; i++) expect(layout.fields[i]).toMatchObject({ role: "element", name: `P${i}`, bits: elementBits });
    // fields are contiguous: each starts where the previous ends, and the widths add up to the block
    for (let i = 1; i <= n; i++) expect(layout.fields[i].offset).toBe(layout.fields[i - 1].offset + layout.fields[i - 1].bits);
    expect(layout.blockBits).toBe(scaleBits + n * elementBits);
    expect(layout.blockBits / n).toBe(STATED_BITS_PER_ELEMENT[format]);
  });

  it("gives NVFP4 (only) a 32-bit FP32 tensor scale stored once per tensor", () => {
    expect(blockLayout("nvfp4").perTensor).toEqual([expect.objectContaining({ encoding: "fp32", bits: 32 })]);
    for (const f of blockFormats.filter((g) => g !== "nvfp4")) expect(blockLayout(f).perTensor).toEqual([]);
  });

  it("uses the scale and element encodings of the specifications", () => {
    expect(blockLayout("mxfp4").fields[0].encoding).toBe("e8m0");
    expect(blockLayout("mxfp4").fields[1].encoding).toBe("e2m1");
    expect(blockLayout("nvfp4").fields[0].encoding).toBe("e4m3");
    expect(blockLayout("mxint8").fields[1].encoding).toBe("int8");
  });

  it("refuses an unknown format, naming the parameter", () => {
    expect(() => blockLayout("mxfp5" as BlockFormat)).toThrow(/format/);
  });
});

describe("blockLayoutDiagram(formats)", () => {
  const formats: BlockFormat[] = ["mxfp8-e4m3", "mxfp6-e2m3", "mxfp4", "nvfp4"];
  const fig = blockLayoutDiagram(formats);
  const shapes = fig.layout!.shapes as Shape[];

  it("draws each row to scale: its boxes tile [0, 8 + n·w) bits without gaps", () => {
    formats.forEach((format, row) => {
      const [n, scaleBits, elementBits] = SPEC[format];
      const rowBoxes = shapes.filter((s) => (s.y0 + s.y1) / 2 === -row && s.line?.dash !== "dot").sort((a, b) => a.x0 - b.x0);
      expect(rowBoxes).toHaveLength(n + 1);
      expect(rowBoxes[0].x0).toBe(0);
      for (let i = 1; i < rowBoxes.length; i++) expect(rowBoxes[i].x0).toBe(rowBoxes[i - 1].x1);
      expect(rowBoxes.reduce((s, b) => s + (b.x1 - b.x0), 0)).toBe(scaleBits + n * elementBits);
    });
  });

  it("draws NVFP4's tensor scale apart from the block, 32 bits wide with a dotted border", () => {
    const dotted = shapes.filter((s) => s.line?.dash === "dot");
    expect(dotted).toHaveLength(1);
    expect(dotted[0].x1 - dotted[0].x0).toBe(32);
    expect(dotted[0].x0).toBeGreaterThan(72);
  });

  it("has a title, titled axes, one labelled trace per row and no colour names in its text", () => {
    const layout = fig.layout as Record<string, { text?: string; title?: { text?: string } }>;
    expect(layout.title.text).toMatch(/layout/i);
    expect(layout.xaxis.title?.text).toMatch(/\(bits\)/);
    expect(layout.yaxis.title?.text).toBeTruthy();
    expect(fig.data).toHaveLength(formats.length);
    const words = JSON.stringify([fig.data.map((t) => t.text), fig.layout!.annotations]);
    expect(words).not.toMatch(/\b(red|green|blue|orange|purple|yellow|pink)\b/i);
  });

  it("meets the course's strict figure rules", () => {
    expect(figureProblems(fig, "One block of each format, drawn to scale.")).toEqual([]);
  });

  it("refuses an empty list, an unknown format and a repeated one", () => {
    expect(() => blockLayoutDiagram([])).toThrow(RangeError);
    expect(() => blockLayoutDiagram(["mxfp4", "fp4" as BlockFormat])).toThrow(/formats\[1\]/);
    expect(() => blockLayoutDiagram(["mxfp4", "mxfp4"])).toThrow(/formats\[1\]/);
  });
});
