/**
 * The randomized Hadamard rotation applied block by block: the rotation that tames outliers inside
 * each scaling block of a block format (lesson 2).
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger } from "../validation";
import { fwht } from "./hadamard";
import type { SignArray } from "./hadamard";

function expectArguments(
  xName: string,
  x: unknown,
  blockSize: unknown,
  signs: unknown,
  out: unknown,
): asserts x is Float64Array {
  if (!(x instanceof Float64Array)) throw new TypeError(`${xName} must be a Float64Array, got ${describeValue(x)}`);
  expectInteger("blockSize", blockSize, 1, 2 ** 30);
  if ((blockSize & (blockSize - 1)) !== 0) {
    throw new RangeError(`blockSize must be a power of two, got ${blockSize}`);
  }
  if (x.length % blockSize !== 0) {
    throw new RangeError(`${xName}.length must be a multiple of blockSize ${blockSize}, got ${x.length}`);
  }
  if (!(signs instanceof Float64Array || signs instanceof Float32Array || signs instanceof Int8Array)) {
    throw new TypeError(`signs must be a Float64Array, Float32Array or Int8Array of ±1, got ${describeValue(signs)}`);
  }
  if (signs.length !== x.length) {
    throw new RangeError(`signs.length must equal ${xName}.length ${x.length}, got ${signs.length}`);
  }
  for (let i = 0; i < signs.length; i++) {
    if (signs[i] !== 1 && signs[i] !== -1) throw new RangeError(`signs[${i}] must be +1 or -1, got ${describeValue(signs[i])}`);
  }
  if (out !== undefined) {
    if (!(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array, got ${describeValue(out)}`);
    if (out.length !== x.length) throw new RangeError(`out.length must be ${x.length}, got ${out.length}`);
  }
}

/**
 * Rotates each block of `blockSize` consecutive entries by its own randomized Hadamard rotation:
 * for block b (entries bn … bn + n − 1, n = blockSize),
 *
 *     y_b = (1/√n)·H_n·D_b·x_b,   D_b = diag(signs_b),
 *
 * with H_n the Sylvester–Hadamard matrix. Each block's rotation is orthogonal, so the whole map is
 * orthogonal: ‖y‖ = ‖x‖ (Parseval) and ‖y_b‖ = ‖x_b‖ block by block. A single large entry x_j of a
 * block becomes n entries of magnitude |x_j|/√n (plus the rotated rest of the block): its energy is
 * spread evenly, which is what lowers the block's amax and so its scale.
 *
 * Domain: `x` a Float64Array whose length is a multiple of `blockSize`, a power of two;
 * `signs` ±1 of the same length (public randomness: `createRandom(seed).fillSigns(new Float64Array(N))`);
 * `out` (same length) may be `x` itself, allocated when absent.
 *
 * Source: the rotation of Suresh, Yu, Kumar, McMahan (ICML 2017, arXiv:1611.00429) applied per block;
 * NVIDIA's NVFP4 training recipe applies random Hadamard transforms to bound block outliers
 * (arXiv:2509.25149, abstract). Derived in lesson 2.
 *
 * @throws TypeError / RangeError naming `x`, `blockSize`, `signs` or `out`.
 * @example
 * ```ts
 * const signs = new Float64Array([1, 1, 1, 1, 1, -1, 1, 1]);
 * blockRandomizedHadamard(new Float64Array([2, 0, 0, 0, 0, 4, 0, 0]), 4, signs);
 * // [1, 1, 1, 1, -2, 2, -2, 2]
 * ```
 */
export function blockRandomizedHadamard(x: Float64Array, blockSize: number, signs: SignArray, out?: Float64Array): Float64Array {
  expectArguments("x", x, blockSize, signs, out);
  const y = out ?? new Float64Array(x.length);
  const scale = 1 / Math.sqrt(blockSize);
  for (let i = 0; i < x.length; i++) y[i] = signs[i] * x[i];
  for (let start = 0; start < x.length; start += blockSize) fwht(y.subarray(start, start + blockSize));
  for (let i = 0; i < y.length; i++) y[i] *= scale;
  return y;
}

/**
 * The inverse of {@link blockRandomizedHadamard}: x_b = D_b·H_n·y_b/√n for every block (H_n is
 * symmetric and D_b² = I). The round trip is exact in real arithmetic and accurate to a few units of
 * 2^−53·‖x‖·log2(n) in doubles.
 *
 * Domain and arguments as in {@link blockRandomizedHadamard}; `out` may be `y` itself.
 *
 * Source: as {@link blockRandomizedHadamard}.
 *
 * @throws TypeError / RangeError naming `y`, `blockSize`, `signs` or `out`.
 * @example
 * ```ts
 * const signs = new Float64Array([1, -1, 1, 1]);
 * const y = blockRandomizedHadamard(new Float64Array([1, 2, 3, 4]), 2, signs);
 * inverseBlockRandomizedHadamard(y, 2, signs); // [1, 2, 3, 4] up to rounding
 * ```
 */
export function inverseBlockRandomizedHadamard(y: Float64Array, blockSize: number, signs: SignArray, out?: Float64Array): Float64Array {
  expectArguments("y", y, blockSize, signs, out);
  const x = out ?? new Float64Array(y.length);
  if (x !== y) x.set(y);
  for (let start = 0; start < x.length; start += blockSize) fwht(x.subarray(start, start + blockSize));
  const scale = 1 / Math.sqrt(blockSize);
  for (let i = 0; i < x.length; i++) x[i] *= signs[i] * scale;
  return x;
}
