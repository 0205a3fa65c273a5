import { describe, expect, it } from "vitest";
import { brentRoot } from "../../../src/numeric/index";

/**
 * brentRoot's bookkeeping, counted from outside: how many times it calls f (two calls for the ends, then
 * one per iteration), what it returns when an end is already a root, and the messages of its refusals,
 * each naming the parameter or option (src/validation.ts conventions).
 */
describe("brentRoot's evaluations, early returns and refusals", () => {
  it("returns an end whose value is exactly 0 after evaluating only the two ends", () => {
    let calls = 0;
    expect(brentRoot((x) => (calls++, x - 1), 1, 3)).toBe(1);
    expect(calls).toBe(2);
    calls = 0;
    expect(brentRoot((x) => (calls++, x - 3), 1, 3)).toBe(3);
    expect(calls).toBe(2);
  });
  it("calls f twice and then once per iteration: maxIterations = 2 costs 4 calls, then throws with the bracket", () => {
    let calls = 0;
    const f = (x: number) => (calls++, x * x * x - 2);
    expect(() => brentRoot(f, 0, 2, { maxIterations: 2 })).toThrow(/did not converge in 2 iterations \(last bracket \[/);
    expect(calls).toBe(4);
  });
  it("refuses a NaN value at an end, naming which end, and a NaN met on the way, naming the abscissa", () => {
    expect(() => brentRoot((x) => (x === 0 ? Number.NaN : x - 0.5), 0, 1)).toThrow(/f returned NaN at lo$/);
    expect(() => brentRoot((x) => (x === 1 ? Number.NaN : x - 0.5), 0, 1)).toThrow(/f returned NaN at hi$/);
    // f is finite at both ends and NaN everywhere inside: the first inner point is refused
    expect(() => brentRoot((x) => (x > 0 && x < 1 ? Number.NaN : x - 0.25), 0, 1)).toThrow(/f returned NaN at x = 0\.\d+/);
  });
  it("names the parameter or option it refuses", () => {
    expect(() => brentRoot(42 as unknown as (x: number) => number, 0, 1)).toThrow(/^f must be a function/);
    expect(() => brentRoot(Math.sin, Number.NaN, 1)).toThrow(/^lo must be a finite number/);
    expect(() => brentRoot(Math.sin, -1, 1, { tolerance: 0 })).toThrow(/^options\.tolerance/);
    expect(() => brentRoot(Math.sin, -1, 1, { maxIterations: -1 })).toThrow(/^options\.maxIterations/);
  });
});
