import { describe, expect, it } from "vitest";
import { quantize, quantizeArray } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";

/**
 * quantizeArray's stochastic loops (the array kernel's FP32 and FP64 loops, and the scalar loop of
 * e8m0 and the integers) call `random` once per element, in index order: element i gets draw i, and no
 * draw is taken past the end. The reference is quantize, one call per element with draw i; the count
 * is the number of calls the source saw.
 */
describe("quantizeArray with stochastic rounding: one draw per element, in order", () => {
  const names: FormatName[] = ["e4m3", "e2m1", "fp16", "bf16", "e8m0", "int8"];
  const xs = [1.1, -2.3, 0.37, 5.5, -0.013, 3.3, 1e-3, 7.77, -1.9];
  for (const name of names) {
    it(name, () => {
      const draws = xs.map((_, i) => (i * 0.37 + 0.05) % 1);
      const want = xs.map((x, i) => quantize(name, x, { rounding: "stochastic", random: () => draws[i] }));
      const inputs: [string, ArrayLike<number>, Float32Array | Float64Array | undefined][] = [
        ["number[]", xs, undefined],
        ["Float64Array", Float64Array.from(xs), undefined],
        ["Float32Array → Float32Array", Float32Array.from(xs), new Float32Array(xs.length)],
      ];
      for (const [what, input, out] of inputs) {
        let calls = 0;
        const random = () => draws[calls++];
        const got = quantizeArray(name, input as Float64Array, { rounding: "stochastic", random, out });
        expect(calls, `${name} ${what}`).toBe(xs.length);
        const wanted = Array.from(input, (x, i) => quantize(name, x, { rounding: "stochastic", random: () => draws[i] }));
        expect(Array.from(got), `${name} ${what}`).toEqual(out ? wanted.map(Math.fround) : wanted);
      }
      // the draws matter: draw 0 everywhere differs from the per-element draws on these inputs
      expect(want).not.toEqual(xs.map((x) => quantize(name, x, { rounding: "stochastic", random: () => 0 })));
    });
  }
});
