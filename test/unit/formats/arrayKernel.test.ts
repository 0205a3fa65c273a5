import { describe, expect, it } from "vitest";
import { formatInfo, quantize, quantizeArray, representableValues } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";

/**
 * The branch-free table loops against the scalar rounding (`quantize`, itself checked against a
 * brute-force search of the value table in rounding.test.ts), element by element, for every format the
 * kernel serves and every option: on ±0, ±Inf, NaN, every grid value, every midpoint and the doubles
 * just beside it, the overflow thresholds, binary32 and binary64 subnormals, and log-uniform values, as
 * Float64Array and Float32Array inputs into Float64Array and Float32Array outputs. These tests come
 * first in the file: quantizeArray caches a kernel per plan, so the first test to use a plan builds its tables.
 */
describe("the array kernel agrees with the scalar rounding, element by element", () => {
  const kernelFormats: FormatName[] = ["fp32", "fp16", "bf16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1"];
  const options: { rounding: "nearest-even" | "toward-zero" | "stochastic"; saturate: boolean; flushSubnormals: boolean }[] = [];
  for (const rounding of ["nearest-even", "toward-zero", "stochastic"] as const) {
    for (const saturate of [false, true]) for (const flushSubnormals of [false, true]) options.push({ rounding, saturate, flushSubnormals });
  }

  function inputs(name: FormatName): number[] {
    const info = formatInfo(name);
    const grid: number[] = [];
    if (info.bits <= 8) grid.push(...Array.from(representableValues(name)).filter((v) => v >= 0));
    else for (let e = info.emin - info.mantissaBits; e <= info.emax; e += 11) grid.push(2 ** e, 1.5 * 2 ** e, (2 - 2 ** -info.mantissaBits) * 2 ** e);
    grid.push(info.maxFinite, info.maxFinite + 2 ** (info.emax - info.mantissaBits), 2 ** (info.emax + 1), 2 ** (info.emax + 2));
    const xs = [0, Infinity, NaN, 5e-324, 1e-310, 1.401298464324817e-45, 1e-40, 1e-300, 1e300, 3.4028235677973366e38, 3.4e38];
    grid.sort((a, b) => a - b);
    for (let i = 0; i < grid.length; i++) {
      const mid = i + 1 < grid.length ? (grid[i] + grid[i + 1]) / 2 : 2 * grid[i];
      xs.push(grid[i], mid, mid * (1 + 2 ** -50), mid * (1 - 2 ** -50), mid * (1 + 2 ** -20), mid * (1 - 2 ** -20));
    }
    let seed = 12345;
    for (let i = 0; i < 150; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      xs.push(2 ** (info.emin - info.mantissaBits - 4 + (info.emax - info.emin + info.mantissaBits + 8) * (seed / 2147483648)));
    }
    return xs.flatMap((x) => [x, -x]);
  }

  for (const name of kernelFormats) {
    it(name, () => {
      const xs = inputs(name);
      const x64 = Float64Array.from(xs);
      const x32 = Float32Array.from(xs);
      const draws = xs.map((_, i) => ((i * 0.6180339887498949) % 1));
      for (const o of options) {
        const random = o.rounding === "stochastic" ? () => draws[k++] : undefined;
        let k = 0;
        for (const [input, out] of [
          [x64, undefined],
          [x64, new Float32Array(xs.length)],
          [x32, undefined],
          [x32, new Float32Array(xs.length)],
        ] as [Float32Array | Float64Array, Float32Array | undefined][]) {
          k = 0;
          const got = quantizeArray(name, input, { ...o, random, out });
          for (let i = 0; i < xs.length; i++) {
            const scalar = quantize(name, input[i], { ...o, random: () => draws[i] });
            const want = out ? Math.fround(scalar) : scalar;
            if (!Object.is(got[i], want)) {
              expect({ name, ...o, in32: input instanceof Float32Array, out32: !!out, x: input[i], got: got[i] }).toEqual({
                name, ...o, in32: input instanceof Float32Array, out32: !!out, x: input[i], got: want,
              });
            }
          }
        }
      }
    });
  }
});

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
