/**
 * The Walsh–Hadamard transform and the randomized Hadamard rotation (1/√n)·H·D.
 *
 * H_n is the Sylvester–Hadamard matrix: H_1 = [1], H_{2n} = [[H_n, H_n], [H_n, −H_n]]. It is symmetric
 * and H_n·H_n = n·I, so (1/√n)·H_n is orthogonal and its own inverse. With D = diag(signs) a random
 * ±1 diagonal, (1/√n)·H·D is a random orthogonal rotation that spreads a vector's energy evenly over
 * the coordinates: the rotation used before quantizing in lesson 2 (taming outliers) and in the
 * compressor of Suresh, Yu, Kumar and McMahan (ICML 2017, arXiv:1611.00429), see
 * `src/quantizers/hadamardStochastic.ts`.
 *
 * @packageDocumentation
 */
import { describeValue, expectInteger } from "../validation";

/** The sign vectors accepted as D: entries must be exactly +1 or −1 (`Random.fillSigns` makes them). */
export type SignArray = Float64Array | Float32Array | Int8Array;

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}

// Largest length we accept: the bit tricks above use 32-bit integers, and typed arrays of 2^30
// doubles (8 GiB) are beyond any use in the course.
const MAX_LENGTH = 2 ** 30;

/**
 * The smallest power of two that is ≥ `n`.
 *
 * Domain: an integer `n` from 1 to 2^30. `nextPowerOfTwo(1) = 1`, `nextPowerOfTwo(5) = 8`,
 * `nextPowerOfTwo(8) = 8`. Used to zero-pad a d-dimensional vector before a Hadamard rotation.
 *
 * @throws RangeError when `n` is not an integer in [1, 2^30].
 * @example
 * ```ts
 * nextPowerOfTwo(1000); // 1024
 * ```
 */
export function nextPowerOfTwo(n: number): number {
  expectInteger("n", n, 1, MAX_LENGTH);
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function expectPowerOfTwoLength(name: string, value: unknown): asserts value is Float64Array {
  if (!(value instanceof Float64Array)) {
    throw new TypeError(`${name} must be a Float64Array, got ${describeValue(value)}`);
  }
  if (!isPowerOfTwo(value.length) || value.length > MAX_LENGTH) {
    throw new RangeError(`${name}.length must be a power of two from 1 to 2^30, got ${value.length}`);
  }
}

function expectSigns(name: string, value: unknown, n: number): asserts value is SignArray {
  if (!(value instanceof Float64Array || value instanceof Float32Array || value instanceof Int8Array)) {
    throw new TypeError(`${name} must be a Float64Array, Float32Array or Int8Array of ±1, got ${describeValue(value)}`);
  }
  if (value.length !== n) {
    throw new RangeError(`${name}.length must equal the vector length ${n}, got ${value.length}`);
  }
  for (let i = 0; i < n; i++) {
    if (value[i] !== 1 && value[i] !== -1) {
      throw new RangeError(`${name}[${i}] must be +1 or -1, got ${describeValue(value[i])}`);
    }
  }
}

function expectOut(name: string, value: unknown, n: number): asserts value is Float64Array {
  if (!(value instanceof Float64Array)) {
    throw new TypeError(`${name} must be a Float64Array, got ${describeValue(value)}`);
  }
  if (value.length !== n) {
    throw new RangeError(`${name}.length must be ${n}, got ${value.length}`);
  }
}

// The butterflies; `n = x.length` must be a power of two.
function fwhtUnchecked(x: Float64Array): Float64Array {
  const n = x.length;
  for (let h = 1; h < n; h *= 2) {
    for (let i = 0; i < n; i += 2 * h) {
      for (let j = i; j < i + h; j++) {
        const a = x[j];
        const b = x[j + h];
        x[j] = a + b;
        x[j + h] = a - b;
      }
    }
  }
  return x;
}

/**
 * The fast Walsh–Hadamard transform, unnormalized and in place: x ← H_n·x, with H_n the Sylvester
 * Hadamard matrix of order n = x.length (entries ±1, H_n·H_n = n·I, so applying it twice multiplies
 * by n). n·log2(n) additions; returns `x` itself.
 *
 * Domain: a `Float64Array` whose length is a power of two (1 is allowed: H_1 = [1]). NaN and ±∞
 * entries propagate as in the matrix product.
 *
 * Source: the butterfly recursion H_{2n} = [[H_n, H_n], [H_n, −H_n]] (Sylvester 1867); standard.
 *
 * @throws TypeError when `x` is not a Float64Array; RangeError naming `x.length` when it is not a power of two.
 * @example
 * ```ts
 * fwht(new Float64Array([1, 0, 0, 0])); // [1, 1, 1, 1]
 * fwht(new Float64Array([1, 2, 3, 4])); // [10, -2, -4, 0]
 * ```
 */
export function fwht(x: Float64Array): Float64Array {
  expectPowerOfTwoLength("x", x);
  return fwhtUnchecked(x);
}

// y = (1/√n)·H·D·x without checks; `out` may be `x`.
function randomizedHadamardUnchecked(x: Float64Array, signs: SignArray, out: Float64Array): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = signs[i] * x[i];
  fwhtUnchecked(out);
  const scale = 1 / Math.sqrt(n);
  for (let i = 0; i < n; i++) out[i] *= scale;
  return out;
}

// x = D·H·y/√n without checks; `out` may be `y`.
function inverseRandomizedHadamardUnchecked(y: Float64Array, signs: SignArray, out: Float64Array): Float64Array {
  const n = y.length;
  if (out !== y) out.set(y);
  fwhtUnchecked(out);
  const scale = 1 / Math.sqrt(n);
  for (let i = 0; i < n; i++) out[i] *= signs[i] * scale;
  return out;
}

/**
 * The randomized Hadamard rotation y = (1/√n)·H·D·x, with D = diag(signs).
 *
 * R = (1/√n)·H·D is orthogonal (RᵀR = D·H·H·D/n = I), so ‖y‖ = ‖x‖ up to rounding; when the signs
 * are independent uniform ±1, every coordinate y_j = (1/√n)·Σ_i H_ji·s_i·x_i is a Rademacher sum
 * with mean 0 and variance ‖x‖²/n, which is what makes the rotated vector "flat" (no outliers).
 *
 * Domain: `x` a Float64Array of power-of-two length n, `signs` of the same length with entries ±1
 * (draw them with `createRandom(seed).fillSigns(new Float64Array(n))`; in a compression protocol
 * they come from the public coin and cost no bits). Pad shorter vectors with zeros to
 * `nextPowerOfTwo(d)` first. `out` (length n) may be `x` itself; it is allocated when absent.
 *
 * Source: the structured rotation of Suresh, Yu, Kumar, McMahan, "Distributed Mean Estimation with
 * Limited Communication", ICML 2017 (arXiv:1611.00429); also the rotation used in lesson 2.
 *
 * @throws TypeError / RangeError naming `x`, `signs` or `out` when a length or an entry is wrong.
 * @example
 * ```ts
 * const signs = createRandom(1).fillSigns(new Float64Array(4));
 * const y = randomizedHadamard(new Float64Array([3, 0, 0, 0]), signs); // every |y_j| = 1.5
 * inverseRandomizedHadamard(y, signs); // [3, 0, 0, 0] up to rounding
 * ```
 */
export function randomizedHadamard(x: Float64Array, signs: SignArray, out?: Float64Array): Float64Array {
  expectPowerOfTwoLength("x", x);
  const n = x.length;
  expectSigns("signs", signs, n);
  if (out === undefined) out = new Float64Array(n);
  else expectOut("out", out, n);
  return randomizedHadamardUnchecked(x, signs, out);
}

/**
 * The inverse rotation x = Rᵀ·y = D·H·y/√n of {@link randomizedHadamard} (H is symmetric and
 * D² = I, so this undoes (1/√n)·H·D exactly in real arithmetic; in doubles the round trip is
 * accurate to a few units of 2^−53·‖x‖·log2(n)).
 *
 * Domain and arguments as in {@link randomizedHadamard}; `out` may be `y` itself.
 *
 * Source: as {@link randomizedHadamard} (arXiv:1611.00429).
 *
 * @throws TypeError / RangeError naming `y`, `signs` or `out`.
 * @example
 * ```ts
 * const signs = new Float64Array([1, -1]);
 * inverseRandomizedHadamard(randomizedHadamard(new Float64Array([1, 2]), signs), signs); // [1, 2]
 * ```
 */
export function inverseRandomizedHadamard(y: Float64Array, signs: SignArray, out?: Float64Array): Float64Array {
  expectPowerOfTwoLength("y", y);
  const n = y.length;
  expectSigns("signs", signs, n);
  if (out === undefined) out = new Float64Array(n);
  else expectOut("out", out, n);
  return inverseRandomizedHadamardUnchecked(y, signs, out);
}
