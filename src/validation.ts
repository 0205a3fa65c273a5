/**
 * Argument validation at the public boundary of the library.
 *
 * Every public function checks its parameters once, here, and throws an error whose message names
 * the parameter, shows the bad value and says what is allowed. Inner loops trust their inputs.
 * A NaN *value* in data flows through as NaN; a bad *parameter* throws.
 *
 * @packageDocumentation
 */

/** Renders a value for an error message: strings quoted, arrays and objects abbreviated. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "function") return "a function";
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "object") return `an object (${value.constructor?.name ?? "Object"})`;
  return String(value);
}

/**
 * Throws a `TypeError` unless `value` is a number (NaN and ±Infinity are numbers here; range checks
 * come separately).
 *
 * @example
 * ```ts
 * expectNumber("sigma", 1); // ok
 * expectNumber("sigma", "1"); // TypeError: sigma must be a number, got "1"
 * ```
 */
export function expectNumber(name: string, value: unknown): asserts value is number {
  if (typeof value !== "number") {
    throw new TypeError(`${name} must be a number, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a finite number. */
export function expectFinite(name: string, value: unknown): asserts value is number {
  expectNumber(name, value);
  if (!Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a finite number strictly greater than zero. */
export function expectPositive(name: string, value: unknown): asserts value is number {
  expectNumber(name, value);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${describeValue(value)}`);
  }
}

/** A bound of {@link expectInteger} for a message; the safe-integer limits say what they are. */
function describeBound(bound: number): string {
  if (bound === Number.MAX_SAFE_INTEGER) return `${bound} (2^53 − 1)`;
  if (bound === Number.MIN_SAFE_INTEGER) return `${bound} (−(2^53 − 1))`;
  return String(bound);
}

/**
 * Throws unless `value` is an integer in `[min, max]` (inclusive; by default the safe integers,
 * |n| ≤ 2^53 − 1). The message states the range; an integer beyond the safe range (2^60, say) is
 * told the exact limits rather than "must be an integer".
 *
 * @example
 * ```ts
 * expectInteger("k", 3, 1); // ok
 * expectInteger("k", 0, 1); // RangeError: k must be an integer >= 1, got 0
 * expectInteger("k", 2 ** 60, 1); // RangeError: k must be an integer from 1 to 9007199254740991 (2^53 − 1), got 1152921504606846976
 * ```
 */
export function expectInteger(
  name: string,
  value: unknown,
  min = Number.MIN_SAFE_INTEGER,
  max = Number.MAX_SAFE_INTEGER,
): asserts value is number {
  expectNumber(name, value);
  if (!Number.isInteger(value) || value < min || value > max) {
    const beyondSafe = Number.isInteger(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER;
    const range =
      max === Number.MAX_SAFE_INTEGER && !beyondSafe
        ? min === Number.MIN_SAFE_INTEGER
          ? "an integer"
          : `an integer >= ${min}`
        : `an integer from ${describeBound(min)} to ${describeBound(max)}`;
    throw new RangeError(`${name} must be ${range}, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a finite number in `[min, max]` (inclusive). */
export function expectInRange(name: string, value: unknown, min: number, max: number): asserts value is number {
  expectNumber(name, value);
  if (!(value >= min && value <= max)) {
    throw new RangeError(`${name} must be a number from ${min} to ${max}, got ${describeValue(value)}`);
  }
}

/** Throws a `TypeError` unless `value` is a function. */
// eslint-disable-next-line @typescript-eslint/ban-types
export function expectFunction(name: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== "function") {
    throw new TypeError(`${name} must be a function, got ${describeValue(value)}`);
  }
}

/** Throws a `RangeError` unless `value` is one of `allowed`. */
export function expectOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): asserts value is T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((a) => JSON.stringify(a)).join(", ");
    const err = `${name} must be one of ${list}, got ${describeValue(value)}`;
    throw typeof value === "string" ? new RangeError(err) : new TypeError(err);
  }
}

/** A numeric array the library accepts as input. */
export type NumericArray = Float64Array | Float32Array | readonly number[];

/** Throws a `TypeError` unless `value` is a `Float64Array`, a `Float32Array` or an array of numbers. */
export function expectNumericArray(name: string, value: unknown): asserts value is NumericArray {
  if (value instanceof Float64Array || value instanceof Float32Array) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== "number") {
        throw new TypeError(`${name}[${i}] must be a number, got ${describeValue(value[i])}`);
      }
    }
    return;
  }
  throw new TypeError(`${name} must be a Float64Array, a Float32Array or an array of numbers, got ${describeValue(value)}`);
}
