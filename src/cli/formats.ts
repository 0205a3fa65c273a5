import { blockFormatLabels } from "../formats/blockFormat";
import { mxElements, mxQuantize } from "../formats/mx";
import { nvfp4Quantize } from "../formats/nvfp4";
import { packMx } from "../formats/packMx";
import { packNvfp4 } from "../formats/packNvfp4";
import { formatInfo, formatNames } from "../formats/traits";
import { createRandom } from "../numeric/random";
import { flagCommand } from "./command";
import { formatNumber, textTable } from "./textTable";

/**
 * `bitbound formats`: the number formats of lessons 1–2 as a table: each scalar format's bits, largest
 * finite value, smallest subnormal and epsilon (from `formatInfo`), and each block format's bits per
 * element measured on a packed message (`packMx`, `packNvfp4`) of 4096 seeded normal values.
 *
 * @packageDocumentation
 */

const HELP = `Usage: bitbound formats [--json]

The number formats of lessons 1 and 2. Scalar formats: bits, largest finite value, smallest subnormal
(the least positive value), smallest normal, epsilon (the spacing at 1). Block formats: element and scale
formats, block size, and bits per element measured on the packed bytes of 4096 normal values.

Options:
  --json       print JSON instead of tables
  -h, --help   show this help`;

/** Elements packed to measure the block formats' bits per element: 128 MX blocks, 256 NVFP4 blocks. */
const SAMPLE = 4096;

/** One block format, measured. */
export interface BlockFormatRow {
  format: string;
  element: string;
  scale: string;
  blockSize: number;
  /** Packed bits divided by the elements, the per-tensor FP32 value of NVFP4 excluded (as NVFP4 is quoted). */
  bitsPerElement: number;
  /** Packed bits divided by the elements, everything included. */
  bitsPerElementWithTensorScale: number;
}

/** The rows of `bitbound formats`. */
export function formatTables(): { scalar: ReturnType<typeof formatInfo>[]; block: BlockFormatRow[] } {
  const values = createRandom(2026).fillNormal(new Float64Array(SAMPLE));
  const block: BlockFormatRow[] = mxElements.map((element) => {
    const packed = packMx(mxQuantize(values, element));
    const label = Object.entries(blockFormatLabels).find(([f, l]) => f !== "nvfp4" && l.toUpperCase().includes(element.toUpperCase()))?.[1] ?? `MX (${element})`;
    return { format: label, element, scale: "e8m0", blockSize: packed.blockSize, bitsPerElement: packed.bitsPerElement, bitsPerElementWithTensorScale: packed.bits / SAMPLE };
  });
  const nv = packNvfp4(nvfp4Quantize(values));
  block.push({ format: blockFormatLabels.nvfp4, element: "e2m1", scale: "e4m3 per block, fp32 per tensor", blockSize: nv.blockSize, bitsPerElement: nv.bitsPerElement, bitsPerElementWithTensorScale: nv.bits / SAMPLE });
  return { scalar: formatNames.map((n) => formatInfo(n)), block };
}

export const formatsCommand = flagCommand({
  name: "formats",
  summary: "the number formats: bits, largest finite, smallest subnormal, epsilon, block formats' bits per element",
  help: HELP,
  flags: { json: { type: "boolean" } },
  async body(values, io) {
    const tables = formatTables();
    if (values.json) {
      io.out(JSON.stringify(tables, null, 2));
      return 0;
    }
    const p2 = { powerOfTwo: true };
    textTable(
      ["format", "kind", "bits", "largest finite", "smallest subnormal", "smallest normal", "epsilon", "Inf", "NaN"],
      tables.scalar.map((f) => [
        f.name,
        f.kind,
        String(f.bits),
        formatNumber(f.maxFinite, p2),
        formatNumber(f.minSubnormal, p2),
        formatNumber(f.minNormal, p2),
        formatNumber(f.epsilon, p2),
        f.hasInf ? "yes" : "no",
        f.hasNaN ? "yes" : "no",
      ]),
      [false, false, true, true, true, true, true, false, false],
    ).forEach((l) => io.out(l));
    io.out("");
    io.out(`Block formats, bits per element measured on the packed bytes of ${SAMPLE} normal values:`);
    textTable(
      ["format", "element", "scale", "block", "bits/element", "with tensor scale"],
      tables.block.map((b) => [b.format, b.element, b.scale, String(b.blockSize), formatNumber(b.bitsPerElement), formatNumber(b.bitsPerElementWithTensorScale)]),
      [false, false, false, true, true, true],
    ).forEach((l) => io.out(l));
    return 0;
  },
});
