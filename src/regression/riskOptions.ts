/**
 * The checks shared by the risk formulas of this folder (`perDirectionRisk`, `gaussianSgdRisk`, `zouBound`):
 * one place for the messages that name each parameter.
 *
 * @packageDocumentation
 */
import { describeValue, expectFinite, expectInteger, expectNumericArray, expectPositive } from "../validation";
import type { NumericArray } from "../validation";
import { expectSpectrum } from "./spectrum";

/** The fields every risk formula takes (vectors in H's eigenbasis). */
export interface RiskSetting {
  /** λ_1 ≥ … ≥ λ_d > 0, the eigenvalues of H. */
  lambdas: NumericArray;
  /** w*. */
  wStarEigen: NumericArray;
  /** w_0 (default 0). */
  w0Eigen?: NumericArray;
  /** σ² ≥ 0, the label-noise variance. */
  noiseVariance: number;
  /** γ > 0, the step size. */
  stepSize: number;
  /** N, the number of examples (one pass). */
  samples: number;
  /** b, the batch size (default 1; a divisor of N): n = N/b steps. */
  batchSize?: number;
}

/** A vector of length d, or a RangeError naming it. */
export function expectEigenVector(name: string, v: unknown, d: number): asserts v is NumericArray {
  expectNumericArray(name, v);
  if (v.length !== d) throw new RangeError(`${name}.length must equal lambdas.length = ${d}, got ${v.length}`);
}

/** A finite number ≥ 0, or a RangeError naming it. */
export function expectNonNegative(name: string, value: unknown): asserts value is number {
  expectFinite(name, value);
  if (value < 0) throw new RangeError(`${name} must be >= 0, got ${value}`);
}

/**
 * Checks the shared fields of `options` and returns d, b and n = N/b.
 *
 * @throws TypeError when `options` is not an object; RangeError naming `lambdas`, `wStarEigen`,
 *   `w0Eigen`, `noiseVariance`, `stepSize`, `samples` or `batchSize` (an integer ≥ 1 dividing samples).
 * @example
 * ```ts
 * expectRiskSetting({ lambdas: [1, 0.5], wStarEigen: [1, 1], noiseVariance: 0.1, stepSize: 0.1, samples: 10 }); // { d: 2, b: 1, n: 10 }
 * ```
 */
export function expectRiskSetting(options: RiskSetting): { d: number; b: number; n: number } {
  if (options === null || typeof options !== "object") throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  expectSpectrum("lambdas", options.lambdas);
  const d = options.lambdas.length;
  expectEigenVector("wStarEigen", options.wStarEigen, d);
  if (options.w0Eigen !== undefined) expectEigenVector("w0Eigen", options.w0Eigen, d);
  expectNonNegative("noiseVariance", options.noiseVariance);
  expectPositive("stepSize", options.stepSize);
  expectInteger("samples", options.samples, 1);
  const b = options.batchSize ?? 1;
  expectInteger("batchSize", b, 1);
  if (options.samples % b !== 0) throw new RangeError(`batchSize must divide samples = ${options.samples}, got ${b}`);
  return { d, b, n: options.samples / b };
}
