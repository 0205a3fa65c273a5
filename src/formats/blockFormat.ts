/**
 * The block-scaled formats by name: the concrete OCP MX v1.0 formats and NVIDIA's NVFP4 behind one
 * call, so a sweep can treat "MXFP4" and "NVFP4" alike.
 *
 * @packageDocumentation
 */
import { expectOneOf } from "../validation";
import type { NumericArray } from "../validation";
import { mxQuantize } from "./mx";
import type { MxElement } from "./mx";
import { nvfp4Quantize } from "./nvfp4";
import { expectOptions } from "./rounding";
import type { RoundingMode } from "./rounding";

/**
 * A block-scaled format: MXFP8 (E4M3 or E5M2 elements), MXFP6 (E3M2 or E2M3), MXFP4 (E2M1), MXINT8
 * (all with blocks of 32 and an E8M0 scale, OCP MX v1.0), or NVFP4 (E2M1, blocks of 16, an E4M3
 * block scale and an FP32 tensor scale).
 */
export type BlockFormat = "mxfp8-e4m3" | "mxfp8-e5m2" | "mxfp6-e3m2" | "mxfp6-e2m3" | "mxfp4" | "mxint8" | "nvfp4";

/**
 * Every {@link BlockFormat}, widest element first.
 *
 * @example
 * ```ts
 * blockFormats.includes("nvfp4"); // true
 * ```
 */
export const blockFormats: readonly BlockFormat[] = Object.freeze([
  "mxfp8-e4m3",
  "mxfp8-e5m2",
  "mxint8",
  "mxfp6-e2m3",
  "mxfp6-e3m2",
  "mxfp4",
  "nvfp4",
] as const);

/**
 * The name each format goes by in figures and tables ("MXFP8 (E4M3)", "NVFP4", …).
 *
 * @example
 * ```ts
 * blockFormatLabels.mxfp4; // "MXFP4 (E2M1)"
 * ```
 */
export const blockFormatLabels: Readonly<Record<BlockFormat, string>> = Object.freeze({
  "mxfp8-e4m3": "MXFP8 (E4M3)",
  "mxfp8-e5m2": "MXFP8 (E5M2)",
  mxint8: "MXINT8",
  "mxfp6-e2m3": "MXFP6 (E2M3)",
  "mxfp6-e3m2": "MXFP6 (E3M2)",
  mxfp4: "MXFP4 (E2M1)",
  nvfp4: "NVFP4",
});

const MX_ELEMENT: Readonly<Record<Exclude<BlockFormat, "nvfp4">, MxElement>> = {
  "mxfp8-e4m3": "e4m3",
  "mxfp8-e5m2": "e5m2",
  mxint8: "int8",
  "mxfp6-e2m3": "e2m3",
  "mxfp6-e3m2": "e3m2",
  mxfp4: "e2m1",
};

/** Options of {@link blockQuantize}. */
export interface BlockQuantizeOptions {
  /** Elements per block; default the format's own (32 for MX, 16 for NVFP4). */
  blockSize?: number;
  /** Element rounding; default `"nearest-even"`. */
  rounding?: RoundingMode;
  /** Uniform source on [0, 1), required for `"stochastic"`; a draw outside [0, 1) throws. */
  random?: () => number;
}

/** The result of {@link blockQuantize}: what a sweep needs from either family. */
export interface BlockQuantizeResult {
  readonly format: BlockFormat;
  readonly blockSize: number;
  /** The dequantized values. */
  readonly values: Float64Array;
  /**
   * Nominal storage per element, w + 8/n for element width w and block size n (the NVFP4 tensor
   * scale, 32 bits per tensor, is not included): 8.25, 6.25, 4.25 for MX with n = 32, 4.5 for NVFP4.
   */
  readonly bitsPerElement: number;
  /** Exact storage of this input, scales included (for NVFP4 also the 32-bit tensor scale). */
  readonly totalBits: number;
}

/**
 * Quantizes `values` to a block format and back, with the format's defaults (blocks of 32 and an E8M0
 * scale for MX, {@link mxQuantize}; blocks of 16, an E4M3 block scale and an FP32 tensor scale from the
 * data's amax for NVFP4, {@link nvfp4Quantize}).
 *
 * Source: OCP Microscaling Formats (MX) v1.0; NVIDIA NVFP4 (arXiv:2509.25149 and the TransformerEngine
 * reference quantizer); see `mx.ts` and `nvfp4.ts`.
 *
 * @throws RangeError for an unknown `format` and as {@link mxQuantize} / {@link nvfp4Quantize} for bad
 * values or options.
 * @example
 * ```ts
 * Array.from(blockQuantize("mxfp4", [0.1, -0.7, 3.3, 12.0]).values); // [0, -1, 3, 12]
 * blockQuantize("nvfp4", new Float64Array(64)).bitsPerElement; // 4.5
 * ```
 */
export function blockQuantize(format: BlockFormat, values: NumericArray, options?: BlockQuantizeOptions): BlockQuantizeResult {
  expectOneOf("format", format, blockFormats);
  const opts = expectOptions("options", options) as BlockQuantizeOptions;
  if (format === "nvfp4") {
    const r = nvfp4Quantize(values, opts);
    return { format, blockSize: r.blockSize, values: r.values, bitsPerElement: r.bitsPerElement, totalBits: r.totalBits };
  }
  const r = mxQuantize(values, MX_ELEMENT[format], opts);
  return { format, blockSize: r.blockSize, values: r.values, bitsPerElement: r.bitsPerElement, totalBits: r.totalBits };
}
