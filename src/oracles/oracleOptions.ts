/**
 * Boundary checks shared by the oracles of this folder (not re-exported from the package): the
 * options object, the optimum θ, the noise level and the seeded source.
 *
 * @packageDocumentation
 */
import { Random } from "../numeric/random";
import { expectPoint } from "./quadraticOracle";
import { type NumericArray, describeValue, expectNumber, expectNumericArray } from "../validation";

/** Throws a TypeError unless `options` is an object. */
export function expectOracleOptions(options: unknown): asserts options is Record<string, unknown> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
}

/** A copy of θ as a Float64Array, after checking it has d ≥ 1 finite entries; `name` is the option's name. */
export function readOptimum(name: string, theta: unknown): Float64Array {
  expectNumericArray(name, theta);
  const copy = Float64Array.from(theta as NumericArray);
  if (copy.length < 1) throw new RangeError(`${name} must have at least one coordinate, got length 0`);
  for (let i = 0; i < copy.length; i++) {
    if (!Number.isFinite(copy[i])) throw new RangeError(`${name}[${i}] must be finite, got ${describeValue(copy[i])}`);
  }
  return copy;
}

/** Throws unless `value` is a finite number ≥ 0 (a standard deviation that may be 0). */
export function expectNonNegative(name: string, value: unknown): asserts value is number {
  expectNumber(name, value);
  if (!(value >= 0 && value < Infinity)) throw new RangeError(`${name} must be a finite number >= 0, got ${describeValue(value)}`);
}

/** Throws a TypeError unless `rng` is a {@link Random}. */
export function expectRandom(name: string, rng: unknown): asserts rng is Random {
  if (!(rng instanceof Random)) throw new TypeError(`${name} must be a Random (createRandom(seed)), got ${describeValue(rng)}`);
}

/** Throws unless ρ is a number with |ρ| < 1 (a stationary AR(1) coefficient). */
export function expectCorrelation(name: string, rho: unknown): asserts rho is number {
  expectNumber(name, rho);
  if (!(rho > -1 && rho < 1)) throw new RangeError(`${name} must be a number with |${name}| < 1 (stationary AR(1)), got ${describeValue(rho)}`);
}

/** (μ/2)‖x − θ‖², the suboptimality of x on f_θ (unchecked: x and θ of one length). */
export function halfSquaredDistance(mu: number, x: Float64Array, theta: Float64Array): number {
  let s = 0;
  for (let i = 0; i < theta.length; i++) s += (x[i] - theta[i]) ** 2;
  return (mu / 2) * s;
}

/** Checks a query x (a Float64Array of length d) and returns where its gradient goes: `out` (checked) or a fresh array. */
export function gradientTarget(x: unknown, out: unknown, d: number): Float64Array {
  expectPoint("x", x, d);
  const g = out === undefined ? new Float64Array(d) : out;
  expectPoint("out", g, d);
  return g;
}
