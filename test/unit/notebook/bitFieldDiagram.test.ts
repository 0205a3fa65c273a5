import { describe, expect, it } from "vitest";
import { bitFieldDiagram } from "../../../src/notebook/diagrams/bitFieldDiagram";
import { OKABE_ITO } from "../../../src/notebook/palette";
import { figureBundle, figureProblems } from "../../../src/notebook/show";
import { createRandom } from "../../../src/numeric/random";

type Shape = { x0: number; x1: number; fillcolor: string };
type Annotation = { text: string };
const bitsOf = (fig: ReturnType<typeof bitFieldDiagram>) => (fig.data[0].text as string[]).join("");
const annotationTexts = (fig: ReturnType<typeof bitFieldDiagram>) => (fig.layout!.annotations as Annotation[]).map((a) => a.text);

/** The FP32 bit pattern of x, read by the JavaScript engine (a Float32Array over a Uint32Array). */
function engineFp32Bits(x: number): string {
  const f = new Float32Array([x]);
  return new Uint32Array(f.buffer)[0].toString(2).padStart(32, "0");
}

describe("bitFieldDiagram(format, value)", () => {
  it("draws E4M3 3.25 as 0 1000 101 (the OCP E4M3 definition: 2^(8−7)·(1 + 5/8))", () => {
    const fig = bitFieldDiagram("e4m3", 3.25);
    expect(bitsOf(fig)).toBe("01000101");
    const texts = annotationTexts(fig);
    expect(texts.some((t) => t.startsWith("sign s = 0") && t.includes("positive"))).toBe(true);
    expect(texts.some((t) => t.startsWith("exponent e = 1000₂ = 8") && t.includes("2^(8−7) = 2^1"))).toBe(true);
    expect(texts.some((t) => t.startsWith("mantissa f = 101₂ = 5") && t.includes("1 + 5/8"))).toBe(true);
    expect(texts.some((t) => t.includes("0x45") && t.endsWith("= 3.25"))).toBe(true);
    expect((fig.layout!.title as { text: string }).text).toBe("e4m3 stores 3.25 as 0 1000 101");
  });

  it("rounds a value off the grid first and names both: −0.3 in E4M3 is 1 0101 010 = 0xAA = −0.3125", () => {
    // By hand: 0.3 lies in [2^-2, 2^-1), so e = −2 + 7 = 5; 0.3/0.25 = 1.2 = 1 + 1.6/8, nearest f = 2.
    const fig = bitFieldDiagram("e4m3", -0.3);
    expect(bitsOf(fig)).toBe("10101010");
    expect((fig.layout!.title as { text: string }).text).toBe("e4m3 stores −0.3 as 1 0101 010 (value −0.3125)");
    expect(annotationTexts(fig).some((t) => t.includes("0xAA") && t.endsWith("= −0.3125"))).toBe(true);
  });

  it("gives every E4M3 and E2M1 code the bits of its binary expansion (all codes but NaN)", () => {
    for (const [name, width] of [["e4m3", 8], ["e2m1", 4], ["e3m2", 6]] as const) {
      for (let c = 0; c < 2 ** width; c++) {
        if (name === "e4m3" && (c & 0x7f) === 0x7f) continue; // NaN: encode returns the canonical 0x7F
        // the value of code c from the definition, so the figure must encode it back to c
        const E = name === "e4m3" ? 4 : name === "e3m2" ? 3 : 2;
        const m = width - 1 - E;
        const bias = 2 ** (E - 1) - 1;
        const s = c >> (width - 1), e = (c >> m) & (2 ** E - 1), f = c & (2 ** m - 1);
        const v = (s ? -1 : 1) * (e === 0 ? 2 ** (1 - bias) * (f / 2 ** m) : 2 ** (e - bias) * (1 + f / 2 ** m));
        expect(bitsOf(bitFieldDiagram(name, v)), `${name} code ${c}`).toBe(c.toString(2).padStart(width, "0"));
      }
    }
  });

  it("agrees with the JavaScript engine's FP32 bit patterns on 2000 random FP32 values, subnormals included", () => {
    const rng = createRandom(5);
    for (let i = 0; i < 2000; i++) {
      const x = Math.fround((rng.uniform() < 0.5 ? -1 : 1) * (1 + rng.uniform()) * 2 ** (rng.integer(270) - 148));
      expect(bitsOf(bitFieldDiagram("fp32", x))).toBe(engineFp32Bits(x));
    }
  });

  it("reads subnormals, infinities and NaN codes from the definition", () => {
    const sub = annotationTexts(bitFieldDiagram("e4m3", 2 ** -9)); // least subnormal 0 0000 001
    expect(sub.some((t) => t.includes("subnormal") && t.includes("2^(1−7)"))).toBe(true);
    expect(sub.some((t) => t.includes("0 + 1/8"))).toBe(true);
    expect(bitsOf(bitFieldDiagram("fp16", Infinity))).toBe("0111110000000000");
    expect(annotationTexts(bitFieldDiagram("fp16", Infinity)).some((t) => t.includes("±∞"))).toBe(true);
    expect(annotationTexts(bitFieldDiagram("e4m3", NaN)).some((t) => t.includes("single NaN pattern"))).toBe(true);
    expect(bitsOf(bitFieldDiagram("e4m3", 500, { saturate: true }))).toBe("01111110"); // 448
  });

  it("colours the three fields from the Okabe–Ito palette and labels each field in words", () => {
    const fig = bitFieldDiagram("bf16", 1);
    const boxes = (fig.layout!.shapes as Shape[]).filter((s) => s.fillcolor !== "rgba(0,0,0,0)"); // one box per bit, then the field outlines
    expect(boxes).toHaveLength(16);
    const colourOf = (i: number) => boxes[i].fillcolor;
    expect(new Set([colourOf(0), colourOf(1), colourOf(9)]).size).toBe(3);
    expect(colourOf(1)).toBe(colourOf(8)); // all 8 exponent bits alike
    const rgb = (hex: string) => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)).join(",");
    for (const c of [colourOf(0), colourOf(1), colourOf(9)]) expect(OKABE_ITO.some((hex) => c.startsWith(`rgba(${rgb(hex)},`))).toBe(true);
    const texts = annotationTexts(fig);
    for (const word of ["sign", "exponent", "mantissa"]) expect(texts.some((t) => t.startsWith(word))).toBe(true);
  });

  it("meets the course's strict figure rules and names the code in its text fallback", () => {
    for (const [name, v] of [["fp16", 65504], ["e4m3", -0.3], ["fp32", 0.1], ["e2m1", 6]] as const) {
      expect(figureProblems(bitFieldDiagram(name, v), "A caption that says what to see.")).toEqual([]);
    }
    const bundle = figureBundle(bitFieldDiagram("fp16", 65504), "Figure 1.1", "FP16's largest finite value.");
    expect(bundle["text/plain"]).toContain("fp16 stores 65504 as 0 11110 1111111111");
  });

  it("refuses a format without the three fields and a value that is not a number", () => {
    expect(() => bitFieldDiagram("int8", 1)).toThrow(RangeError);
    expect(() => bitFieldDiagram("int8", 1)).toThrow(/format must be a float format .* got "int8"/);
    expect(() => bitFieldDiagram("e8m0", 1)).toThrow(/format/);
    expect(() => bitFieldDiagram("e4m3", "1" as unknown as number)).toThrow(TypeError);
    expect(() => bitFieldDiagram("e4m3", "1" as unknown as number)).toThrow(/value must be a number/);
    expect(() => bitFieldDiagram("e2m1", NaN)).toThrow(RangeError); // E2M1 has no NaN code
  });
});
