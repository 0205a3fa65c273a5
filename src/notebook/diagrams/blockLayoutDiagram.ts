/**
 * The memory layout of one block of a block-scaled format, drawn to scale as the OCP MX specification
 * draws it: the shared scale first, then the block's elements, each as wide as its bits.
 *
 * @packageDocumentation
 */
import { expectOneOf } from "../../validation";
import { blockFormats, blockFormatLabels } from "../../formats/blockFormat";
import type { BlockFormat } from "../../formats/blockFormat";
import { formatInfo } from "../../formats/traits";
import type { FormatName } from "../../formats/traits";
import { OKABE_ITO } from "../palette";
import type { Figure, Trace } from "../show";
import { boxShape } from "./boxesAndArrows";

/** One field of a block's layout: a scale or an element, with its encoding and width. */
export interface LayoutField {
  /** `"X"` for the MX scale, `"S"` for the NVFP4 block scale, `"P1"` … for the elements. */
  readonly name: string;
  readonly role: "scale" | "element";
  /** The field's number format, e.g. `"e8m0"`, `"e4m3"`, `"e2m1"`, `"int8"`. */
  readonly encoding: FormatName;
  /** Width in bits (the format's storage width, sign included). */
  readonly bits: number;
  /** First bit of the field, counted from the start of the block. */
  readonly offset: number;
}

/** The layout of one block of a {@link BlockFormat}, as {@link blockLayout} returns it. */
export interface BlockLayout {
  readonly format: BlockFormat;
  /** Elements per block: 32 for MX (OCP MX v1.0), 16 for NVFP4. */
  readonly blockSize: number;
  /** The scale, then the elements P1 … Pn, in storage order. */
  readonly fields: readonly LayoutField[];
  /** Bits of one block: the sum of the fields' widths. */
  readonly blockBits: number;
  /** Fields stored once per tensor, not per block: NVFP4's FP32 tensor scale; none for MX. */
  readonly perTensor: readonly LayoutField[];
}

/**
 * Scale and element encodings and block size of each block format. Sources: OCP Microscaling Formats
 * (MX) v1.0 (E8M0 scale, k = 32; elements E4M3/E5M2, E3M2/E2M3, E2M1, INT8); NVIDIA NVFP4 (E2M1 in
 * blocks of 16, an E4M3 block scale, an FP32 tensor scale; arXiv:2509.25149).
 */
const LAYOUT_TRAITS: Readonly<Record<BlockFormat, { scale: FormatName; element: FormatName; blockSize: number; tensorScale?: FormatName }>> = {
  "mxfp8-e4m3": { scale: "e8m0", element: "e4m3", blockSize: 32 },
  "mxfp8-e5m2": { scale: "e8m0", element: "e5m2", blockSize: 32 },
  mxint8: { scale: "e8m0", element: "int8", blockSize: 32 },
  "mxfp6-e2m3": { scale: "e8m0", element: "e2m3", blockSize: 32 },
  "mxfp6-e3m2": { scale: "e8m0", element: "e3m2", blockSize: 32 },
  mxfp4: { scale: "e8m0", element: "e2m1", blockSize: 32 },
  nvfp4: { scale: "e4m3", element: "e2m1", blockSize: 16, tensorScale: "fp32" },
};

/**
 * The fields of one block of `format` in storage order, with their widths in bits: the shared scale
 * (8 bits: E8M0 for MX, E4M3 for NVFP4), then n elements of w bits each, so one block takes
 * 8 + n·w bits (MXFP8 264, MXFP6 200, MXFP4 136, NVFP4 72) and an element costs w + 8/n bits.
 * NVFP4 adds one FP32 tensor scale per tensor (`perTensor`).
 *
 * This is the layout of the specifications (scale, then elements); a packed byte stream may order
 * or pad its bytes differently (see the library's packers where present).
 *
 * Source: OCP Microscaling Formats (MX) v1.0; NVIDIA NVFP4 (arXiv:2509.25149).
 *
 * @throws RangeError for an unknown `format`
 * @example
 * ```ts
 * blockLayout("mxfp4").blockBits; // 136 = 8 + 32·4
 * blockLayout("nvfp4").perTensor[0].bits; // 32
 * ```
 */
export function blockLayout(format: BlockFormat): BlockLayout {
  expectOneOf("format", format, blockFormats);
  const t = LAYOUT_TRAITS[format];
  const scaleBits = formatInfo(t.scale).bits;
  const elementBits = formatInfo(t.element).bits;
  const fields: LayoutField[] = [{ name: format === "nvfp4" ? "S" : "X", role: "scale", encoding: t.scale, bits: scaleBits, offset: 0 }];
  for (let i = 0; i < t.blockSize; i++) {
    fields.push({ name: `P${i + 1}`, role: "element", encoding: t.element, bits: elementBits, offset: scaleBits + i * elementBits });
  }
  const perTensor: LayoutField[] = t.tensorScale ? [{ name: "1/s_enc", role: "scale", encoding: t.tensorScale, bits: formatInfo(t.tensorScale).bits, offset: 0 }] : [];
  return { format, blockSize: t.blockSize, fields, blockBits: scaleBits + t.blockSize * elementBits, perTensor };
}

/** Fill colours (Okabe–Ito): scales orange, elements sky blue, the per-tensor scale reddish purple. */
const SCALE_FILL = OKABE_ITO[4];
const ELEMENT_FILL = OKABE_ITO[5];
const TENSOR_FILL = OKABE_ITO[3];

/**
 * Draws one block of each of `formats` to scale, one row per format, as a Plotly figure for `show`:
 * x is the bit offset within the block, each field a box as wide as its bits (the scale first, then
 * the elements P1 … Pn), labelled with its name; hovering a box gives its encoding and bit range. The
 * scale boxes are shaded apart from the elements and also labelled, so colour is never the only cue.
 * NVFP4's FP32 tensor scale, stored once per tensor, is drawn beside its row with a dotted border.
 *
 * @param formats - the block formats to draw, top to bottom (default: MXFP8 (E4M3), MXFP6 (E2M3),
 *   MXFP4, NVFP4); each at most once
 * @throws RangeError for an unknown or repeated format, or an empty list
 * @example
 * ```ts
 * show(blockLayoutDiagram(["mxfp4", "nvfp4"]), { caption: "One block of each format, drawn to scale." });
 * ```
 */
export function blockLayoutDiagram(formats: readonly BlockFormat[] = ["mxfp8-e4m3", "mxfp6-e2m3", "mxfp4", "nvfp4"]): Figure {
  if (!Array.isArray(formats) || formats.length === 0) {
    throw new RangeError(`formats must be a non-empty array of block formats (${blockFormats.join(", ")}), got ${String(formats)}`);
  }
  formats.forEach((f, i) => {
    expectOneOf(`formats[${i}]`, f, blockFormats);
    if (formats.indexOf(f) !== i) throw new RangeError(`formats[${i}] repeats "${f}"; draw each format once`);
  });
  const layouts = formats.map(blockLayout);
  const widest = Math.max(...layouts.map((l) => l.blockBits + (l.perTensor.length ? 12 + l.perTensor[0].bits : 0)));
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const data: Trace[] = [];
  const halfHeight = 0.32;
  // about 830 px of plot width at the course's 1000 px: label size follows an element box's width in pixels
  const pxPerBit = 830 / (widest + 8);
  layouts.forEach((layout, row) => {
    const y = -row; // first format on top
    const x: number[] = [];
    const text: string[] = [];
    const sizes: number[] = [];
    const hover: string[] = [];
    const w = layout.fields[1].bits;
    const elementPx = w * pxPerBit;
    const elementFont = Math.max(7, Math.min(12, Math.floor(elementPx / 2.4)));
    layout.fields.forEach((field, k) => {
      const isScale = field.role === "scale";
      shapes.push(boxShape(
        { x: field.offset + field.bits / 2, y, halfWidth: field.bits / 2, halfHeight },
        { fill: isScale ? SCALE_FILL : ELEMENT_FILL, border: { width: isScale ? 2 : 0.75 } },
      ));
      x.push(field.offset + field.bits / 2);
      // narrow boxes: label P1, P2, every eighth and the last, so the labels never overrun their boxes
      const labelled = isScale || elementPx >= 22 || k <= 2 || k % 8 === 0 || k === layout.blockSize;
      text.push(labelled ? field.name : "");
      sizes.push(isScale ? 13 : elementFont);
      hover.push(`${field.name}: ${field.encoding.toUpperCase()}, ${field.bits} bits (bits ${field.offset}–${field.offset + field.bits - 1})`);
    });
    const n = layout.blockSize;
    const scaleBits = layout.fields[0].bits;
    annotations.push({
      x: 0, y: y + halfHeight, xref: "x", yref: "y", xanchor: "left", yanchor: "bottom", showarrow: false,
      text: `scale ${scaleBits} bits + ${n} elements × ${w} bits = ${layout.blockBits} bits per block: ${scaleBits / n + w} bits per element` +
        (layout.perTensor.length ? `, plus ${layout.perTensor[0].bits} bits per tensor` : ""),
      font: { size: 11 },
    });
    for (const t of layout.perTensor) {
      const x0 = layout.blockBits + 12;
      shapes.push(boxShape({ x: x0 + t.bits / 2, y, halfWidth: t.bits / 2, halfHeight }, { fill: TENSOR_FILL, border: { width: 2, dash: "dot" } }));
      x.push(x0 + t.bits / 2);
      text.push(`${t.encoding.toUpperCase()} ${t.name}<br>(once per tensor)`);
      sizes.push(10);
      hover.push(`${t.name}: ${t.encoding.toUpperCase()} tensor scale, ${t.bits} bits, stored once per tensor`);
    }
    data.push({
      type: "scatter", mode: "text", name: `${blockFormatLabels[layout.format]} block`, x, y: x.map(() => y),
      text, hovertext: hover, hoverinfo: "text", textfont: { size: sizes }, showlegend: false,
    });
  });
  return {
    data,
    layout: {
      title: { text: "Memory layout of one block, drawn to scale: the shared scale, then the elements" },
      xaxis: { title: { text: "bit offset within the block (bits)" }, range: [-4, widest + 4], zeroline: false, showgrid: false, dtick: 8 },
      yaxis: {
        title: { text: "block format", standoff: 12 }, automargin: true, range: [-(layouts.length - 1) - 0.8, 0.8], zeroline: false, showgrid: false,
        tickvals: layouts.map((_, i) => -i), ticktext: layouts.map((l) => blockFormatLabels[l.format]),
      },
      shapes,
      annotations,
      height: 140 + 110 * layouts.length,
      margin: { l: 130, r: 20, t: 60, b: 60 },
    },
  };
}
