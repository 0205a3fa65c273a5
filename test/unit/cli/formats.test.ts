import { describe, expect, it } from "vitest";
import { runCli } from "./io";

/**
 * `bitbound formats`: the limits checked against values worked out here from each format's definition
 * (sign, exponent and mantissa widths, bias, how the top binade is spent), and the block formats' bits per
 * element against w + 8/n (element width w, one 8-bit scale per block of n), 32 bits per tensor more for
 * NVFP4's FP32 value.
 */
describe("bitbound formats", () => {
  it("--json gives the scalar formats' limits from their definitions", async () => {
    const r = await runCli(["formats", "--json"]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.out) as { scalar: { name: string; bits: number; maxFinite: number; minSubnormal: number; epsilon: number }[]; block: { format: string; blockSize: number; bitsPerElement: number; bitsPerElementWithTensorScale: number }[] };
    const byName = new Map(json.scalar.map((f) => [f.name, f]));
    // [bits, exponent bits, mantissa bits, bias, largest finite from the definition]
    const definitions: Record<string, [number, number, number, number, number]> = {
      fp32: [32, 8, 23, 127, (2 - 2 ** -23) * 2 ** 127], // IEEE: top exponent field reserved
      fp16: [16, 5, 10, 15, (2 - 2 ** -10) * 2 ** 15],
      bf16: [16, 8, 7, 127, (2 - 2 ** -7) * 2 ** 127],
      e5m2: [8, 5, 2, 15, (2 - 2 ** -2) * 2 ** 15], // IEEE-like
      e4m3: [8, 4, 3, 7, (2 - 2 ** -2) * 2 ** 8], // only S.1111.111 is NaN: mantissa 110 in the top binade
      e3m2: [6, 3, 2, 3, (2 - 2 ** -2) * 2 ** 4], // no Inf or NaN: the whole top binade is finite
      e2m3: [6, 2, 3, 1, (2 - 2 ** -3) * 2 ** 2],
      e2m1: [4, 2, 1, 1, (2 - 2 ** -1) * 2 ** 2],
    };
    for (const [name, [bits, , m, bias, max]] of Object.entries(definitions)) {
      const f = byName.get(name)!;
      expect(f, name).toBeDefined();
      expect(f.bits, name).toBe(bits);
      expect(f.maxFinite, name).toBe(max);
      expect(f.minSubnormal, name).toBe(2 ** (1 - bias - m)); // exponent pinned at 1 − bias, mantissa 1/2^m
      expect(f.epsilon, name).toBe(2 ** -m);
    }
    expect(byName.get("int8")!.maxFinite).toBe(127);
  });

  it("--json measures each block format's bits per element on packed bytes: w + 8/n", async () => {
    const json = JSON.parse((await runCli(["formats", "--json"])).out) as { block: { format: string; element: string; blockSize: number; bitsPerElement: number; bitsPerElementWithTensorScale: number }[] };
    const width: Record<string, number> = { e5m2: 8, e4m3: 8, int8: 8, e3m2: 6, e2m3: 6, e2m1: 4 };
    expect(json.block).toHaveLength(7);
    for (const b of json.block) {
      const expected = width[b.element] + 8 / b.blockSize;
      expect(b.bitsPerElement, b.format).toBe(expected);
      if (b.format === "NVFP4") {
        expect(b.blockSize).toBe(16);
        expect(b.bitsPerElement).toBe(4.5);
        expect(b.bitsPerElementWithTensorScale).toBe(4.5 + 32 / 4096);
      } else {
        expect(b.blockSize).toBe(32);
        expect(b.bitsPerElementWithTensorScale).toBe(expected);
      }
    }
  });

  it("prints two tables by default", async () => {
    const r = await runCli(["formats"]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^format\s+kind\s+bits\s+largest finite/);
    expect(r.out).toMatch(/e4m3\s+float\s+8\s+448\s+2\^-9/);
    expect(r.out).toMatch(/NVFP4\s+e2m1.*16\s+4\.5\s+4\.50781/);
  });

  it("refuses an unknown option", async () => {
    const r = await runCli(["formats", "--csv"]);
    expect(r.status).toBe(2);
    expect(r.err).toBe("bitbound formats: unknown option --csv (see bitbound formats --help)");
  });
});
