import { expect } from "vitest";

/**
 * Asserts that `actual` has exactly the fields of `expected`, each equal bit for bit: numbers and
 * typed-array entries by Object.is (so NaN equals NaN and −0 differs from +0), strings by ===.
 * A field added to `expected`'s type later makes this fail until the round trip carries it.
 */
export function expectSameFields(actual: object, expected: object, label: string): void {
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort(), `${label}: field names`).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) {
    const x = a[key];
    const y = e[key];
    if (ArrayBuffer.isView(y)) {
      const xs = x as unknown as ArrayLike<number>;
      const ys = y as unknown as ArrayLike<number>;
      expect(x?.constructor, `${label}: ${key} type`).toBe(y.constructor);
      expect(xs.length, `${label}: ${key}.length`).toBe(ys.length);
      for (let i = 0; i < ys.length; i++) {
        if (!Object.is(xs[i], ys[i])) throw new Error(`${label}: ${key}[${i}] is ${xs[i]}, expected ${ys[i]}`);
      }
    } else if (!Object.is(x, y)) {
      throw new Error(`${label}: ${key} is ${String(x)}, expected ${String(y)}`);
    }
  }
}
