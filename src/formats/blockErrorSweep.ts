/**
 * The quantization error of each block format on one data set, optionally behind a blockwise random
 * Hadamard rotation: the numbers behind lesson 2's comparison of MXFP8, MXFP6, MXFP4 and NVFP4.
 *
 * @packageDocumentation
 */
import { describeValue, expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";
import { blockRandomizedHadamard, inverseBlockRandomizedHadamard } from "../numeric/blockHadamard";
import type { SignArray } from "../numeric/hadamard";
import { sqnrDb } from "../numeric/sqnr";
import { blockFormatLabels, blockFormats, blockQuantize } from "./blockFormat";
import type { BlockFormat } from "./blockFormat";

/** One row of {@link blockErrorSweep}: a format's error on the data. */
export interface BlockErrorRow {
  readonly format: BlockFormat;
  /** e.g. "MXFP4 (E2M1)" */
  readonly label: string;
  /** Nominal bits per element, scale included (8.25, 6.25, 4.25, 4.5). */
  readonly bitsPerElement: number;
  /** 10·log10(Σ x_i² / Σ (x_i − x̂_i)²), in dB; +Infinity for an exact reconstruction. */
  readonly sqnrDb: number;
  /** (1/N)·Σ (x_i − x̂_i)². */
  readonly meanSquaredError: number;
  /** max_i |x_i − x̂_i|. */
  readonly maxAbsError: number;
  /** Fraction of the nonzero inputs reconstructed as exactly 0 (flushed to zero); 0 if all inputs are 0. */
  readonly flushedFraction: number;
}

/** Options of {@link blockErrorSweep}. */
export interface BlockErrorSweepOptions {
  /** The formats to measure, in this order; default {@link blockFormats}. */
  formats?: readonly BlockFormat[];
  /**
   * Elements per scaling block for every format, overriding each format's own (32 for MX, 16 for
   * NVFP4); `blockSize` = data length gives a single scale for the whole tensor.
   */
  blockSize?: number;
  /**
   * Rotate before quantizing and rotate back after: x̂ = Rᵀ·Q(R·x), with R the blockwise randomized
   * Hadamard rotation of {@link blockRandomizedHadamard}. `signs` (±1, one per element, public
   * randomness) defines D; `size` is the rotation's block length, by default the scaling block size
   * (each format's own, 32 for MX and 16 for NVFP4, unless `blockSize` is given). The data length
   * must be a multiple of every size used.
   */
  rotation?: { signs: SignArray; size?: number };
}

/**
 * Quantizes `data` to each block format (with its defaults: round to nearest even, saturation, blocks
 * of 32 with an E8M0 scale for MX, blocks of 16 with E4M3 and FP32 scales for NVFP4) and measures the
 * reconstruction error in the original coordinates:
 *
 *     SQNR = 10·log10( Σ x_i² / Σ (x_i − x̂_i)² )  dB.
 *
 * With `rotation`, x̂ = Rᵀ·Q(R·x). Because R is orthogonal, Σ (x_i − x̂_i)² = Σ ((Rx)_i − Q(Rx)_i)²
 * (up to rounding) and Σ x_i² = Σ (Rx)_i²: the rotation changes the SQNR only through what the
 * quantizer does to the rotated data.
 *
 * Domain: `data` a non-empty numeric array (NaN values flow through as NaN errors); with `rotation`,
 * a length that each rotation size divides.
 *
 * Source: the SQNR definition of `sqnr.ts`; the formats of `mx.ts` and `nvfp4.ts`; derived in lesson 2.
 *
 * @throws TypeError for non-numeric `data` or malformed options; RangeError for an empty `data`, an
 * unknown format, or a rotation size that is not a power of two dividing the length.
 * @example
 * ```ts
 * const x = createRandom(1).fillNormal(new Float64Array(4096));
 * blockErrorSweep(x, { formats: ["mxfp4", "nvfp4"] }).map((r) => r.sqnrDb); // ≈ [18.6, 20.5]
 * ```
 */
export function blockErrorSweep(data: NumericArray, options?: BlockErrorSweepOptions): BlockErrorRow[] {
  expectNumericArray("data", data);
  if (data.length === 0) throw new RangeError("data must not be empty, got length 0");
  if (options !== undefined && (options === null || typeof options !== "object")) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const formats: readonly BlockFormat[] = options?.formats ?? blockFormats;
  if (!Array.isArray(formats as unknown)) throw new TypeError(`options.formats must be an array of format names, got ${describeValue(formats)}`);
  const rotation = options?.rotation;
  if (rotation !== undefined && (rotation === null || typeof rotation !== "object")) {
    throw new TypeError(`options.rotation must be an object { signs, size? }, got ${describeValue(rotation)}`);
  }
  const quantizeOptions = options?.blockSize === undefined ? undefined : { blockSize: options.blockSize };
  const x = Float64Array.from(data);
  const rows: BlockErrorRow[] = [];
  for (const format of formats) {
    let reconstructed: Float64Array;
    let bitsPerElement: number;
    if (rotation === undefined) {
      const r = blockQuantize(format, x, quantizeOptions);
      reconstructed = r.values;
      bitsPerElement = r.bitsPerElement;
    } else {
      const probe = blockQuantize(format, x.subarray(0, 1), quantizeOptions); // block size and bit count, validated
      const size = rotation.size ?? probe.blockSize;
      const y = blockRandomizedHadamard(x, size, rotation.signs);
      const r = blockQuantize(format, y, quantizeOptions);
      reconstructed = inverseBlockRandomizedHadamard(r.values, size, rotation.signs);
      bitsPerElement = probe.bitsPerElement;
    }
    rows.push({ format, label: blockFormatLabels[format], bitsPerElement, ...errorStatistics(x, reconstructed) });
  }
  return rows;
}

function errorStatistics(x: Float64Array, xHat: Float64Array): { sqnrDb: number; meanSquaredError: number; maxAbsError: number; flushedFraction: number } {
  let squared = 0;
  let maxAbs = 0;
  let sawNaN = false;
  let nonzero = 0;
  let flushed = 0;
  for (let i = 0; i < x.length; i++) {
    const e = x[i] - xHat[i];
    squared += e * e;
    const a = Math.abs(e);
    if (a > maxAbs) maxAbs = a;
    else if (a !== a) sawNaN = true;
    if (x[i] !== 0) {
      nonzero += 1;
      if (xHat[i] === 0) flushed += 1;
    }
  }
  return {
    sqnrDb: sqnrDb(x, xHat),
    meanSquaredError: squared / x.length,
    maxAbsError: sawNaN ? NaN : maxAbs,
    flushedFraction: nonzero === 0 ? 0 : flushed / nonzero,
  };
}
