/**
 * Reading the mean θ of a d-dimensional Gaussian model from a number or an array (internal to src/info).
 *
 * @packageDocumentation
 */
import { expectFinite, expectNumericArray } from "../validation";
import type { NumericArray } from "../validation";

/**
 * θ as a Float64Array of length d: a number fills every coordinate, an array must have length d.
 * Throws a RangeError naming `name` (or `name[i]`) for a wrong length or a non-finite coordinate,
 * a TypeError for a non-numeric value.
 */
export function readMeanVector(name: string, value: number | NumericArray, d: number): Float64Array {
  const theta = new Float64Array(d);
  if (typeof value === "number") {
    expectFinite(name, value);
    return theta.fill(value);
  }
  expectNumericArray(name, value);
  if (value.length !== d) throw new RangeError(`${name} must have length d = ${d}, got length ${value.length}`);
  for (let i = 0; i < d; i++) {
    expectFinite(`${name}[${i}]`, value[i]);
    theta[i] = value[i];
  }
  return theta;
}
