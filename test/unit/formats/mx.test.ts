import { describe, expect, it } from "vitest";
import { encode, formatInfo, mxElements, mxQuantize, representableValues } from "../../../src/formats/index";
import type { MxElement, RoundingMode } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";
import { overlapLayouts, overlappingViews } from "./overlap";

/**
 * Reference MX quantizer written from the spec (OCP MX v1.0 §6.3 as implemented in microxcaling;
 * math.md §6.4): amax, shared exponent floor(log2 amax) − emax by search, clamp to [−127, 127], and a
 * brute-force saturating element rounding over the element's value table (ties to the even code;
 * stochastic: away from zero iff u < (|y| − ℓ)/(h − ℓ)). The tables and codes come from
 * `representableValues` and `encode`, checked code by code against the format definition in
 * codes.test.ts.
 */
const EMAX: Record<MxElement, number> = { e5m2: 15, e4m3: 8, e3m2: 4, e2m3: 2, e2m1: 2, int8: 0 };

function floorLog2(a: number): number {
  let e = Math.floor(Math.log2(a));
  while (2 ** e > a) e--;
  while (2 ** (e + 1) <= a) e++;
  return e;
}

interface Grid {
  magnitudes: number[];
  codes: number[];
}
const gridCache = new Map<MxElement, Grid>();
function grid(element: MxElement): Grid {
  let g = gridCache.get(element);
  if (g === undefined) {
    const magnitudes =
      element === "int8"
        ? Array.from({ length: 128 }, (_, k) => k / 64) // MXINT8: k·2^−6, k = 0 … 127
        : Array.from(representableValues(element)).filter((v) => v >= 0);
    const codes = element === "int8" ? magnitudes.map((_, k) => k) : magnitudes.map((v) => encode(element, v));
    g = { magnitudes, codes };
    gridCache.set(element, g);
  }
  return g;
}

/** Saturating rounding of y onto the element grid; returns [value, code]. */
function roundElement(element: MxElement, y: number, rounding: RoundingMode, u: number): [number, number] {
  const g = grid(element);
  const negative = y < 0 || Object.is(y, -0);
  const a = Math.min(Math.abs(y), g.magnitudes[g.magnitudes.length - 1]);
  let i = 0;
  while (i + 1 < g.magnitudes.length && g.magnitudes[i + 1] <= a) i++;
  let j = g.magnitudes[i] === a ? i : i + 1;
  if (j !== i) {
    const low = g.magnitudes[i];
    const high = g.magnitudes[j];
    if (rounding === "toward-zero") j = i;
    else if (rounding === "stochastic") j = u < (a - low) / (high - low) ? j : i;
    else if (a - low < high - a) j = i;
    else if (a - low === high - a && g.codes[i] % 2 === 0) j = i;
  }
  // integers have no −0: MXINT8 gives +0 to negative values that round to 0
  const value = negative && !(element === "int8" && g.magnitudes[j] === 0) ? -g.magnitudes[j] : g.magnitudes[j];
  const signCode = element === "int8" ? 0 : 2 ** (formatInfo(element).bits - 1);
  let code = g.codes[j];
  if (element === "int8") code = negative && code !== 0 ? 256 - code : code;
  else if (negative) code += signCode;
  return [value, code];
}

function referenceMx(values: ArrayLike<number>, element: MxElement, blockSize: number, rounding: RoundingMode, draws?: Float64Array) {
  const n = values.length;
  const blocks = Math.ceil(n / blockSize);
  const scaleCodes: number[] = [];
  const out: number[] = [];
  const codes: number[] = [];
  for (let b = 0; b < blocks; b++) {
    const block = Array.from({ length: Math.min(blockSize, n - b * blockSize) }, (_, k) => values[b * blockSize + k]);
    const amax = Math.max(...block.map(Math.abs));
    let s = amax === 0 ? -127 : Number.isFinite(amax) ? floorLog2(amax) - EMAX[element] : Infinity;
    if (s < -127) s = -127;
    if (!(s <= 127) || block.some((v) => !Number.isFinite(v))) {
      scaleCodes.push(255);
      block.forEach(() => {
        out.push(NaN);
        codes.push(0);
      });
      continue;
    }
    scaleCodes.push(s + 127);
    block.forEach((v, k) => {
      const [p, code] = roundElement(element, v / 2 ** s, rounding, draws ? draws[b * blockSize + k] : 0);
      out.push(p * 2 ** s);
      codes.push(code);
    });
  }
  return { scaleCodes, values: out, codes };
}

function sequence(draws: Float64Array): () => number {
  let i = 0;
  return () => draws[i++];
}

describe("mxQuantize(values, element, options)", () => {
  it("reproduces the MX test vectors of math.md §9", () => {
    const a = mxQuantize([0.1, -0.7, 3.3, 12.0], "e2m1");
    expect(Array.from(a.scaleCodes)).toEqual([128]); // shared exponent 1: floor(log2 12) − 2
    expect(Array.from(a.scales)).toEqual([2]);
    expect(Array.from(a.values)).toEqual([0, -1, 3, 12]); // P = [0, −0.5, 1.5, 6]
    expect(Array.from(a.elementCodes)).toEqual([0b0000, 0b1001, 0b0011, 0b0111]);
    const b = mxQuantize([7.9, 1.0, -2.2, 0.3], "e2m1");
    expect(Array.from(b.scales)).toEqual([1]);
    expect(Array.from(b.values)).toEqual([6, 1, -2, 0.5]); // 7.9 clipped to 6
    const both = mxQuantize([0.1, -0.7, 3.3, 12.0, 7.9, 1.0, -2.2, 0.3], "e2m1", { blockSize: 4 });
    expect(Array.from(both.scaleCodes)).toEqual([128, 127]);
    expect(Array.from(both.values)).toEqual([0, -1, 3, 12, 6, 1, -2, 0.5]);
    const c = mxQuantize([1000, 3, -0.01, 0.5], "e4m3");
    expect(Array.from(c.scales)).toEqual([2]); // floor(log2 1000) − 8 = 1
    expect(Array.from(c.values)).toEqual([896, 3, -0.01171875, 0.5]); // P = [448 (from 500), 1.5, −0.005859375, 0.25]
    const d = mxQuantize([1.99, -0.5, 0.01, -1.999], "int8");
    expect(Array.from(d.scales)).toEqual([1]);
    expect(Array.from(d.values)).toEqual([127 / 64, -0.5, 1 / 64, -127 / 64]); // −128 is left unused
    expect(Array.from(d.elementCodes)).toEqual([127, 0xe0, 1, 0x81]);
  });

  it("agrees with the reference quantizer on random data, every element, three roundings, ragged blocks", () => {
    const rng = createRandom(21);
    for (const element of mxElements) {
      for (const blockSize of [32, 7]) {
        for (const rounding of ["nearest-even", "toward-zero", "stochastic"] as RoundingMode[]) {
          const n = 500;
          const x = new Float64Array(n);
          for (let i = 0; i < n; i++) x[i] = rng.normal() * 2 ** (Math.floor(i / blockSize) % 40 - 20) * (i % 11 === 0 ? 50 : 1);
          const draws = rng.fillUniform(new Float64Array(n));
          const want = referenceMx(x, element, blockSize, rounding, draws);
          for (const input of [x, Float32Array.from(x), Array.from(x)]) {
            const xs = input instanceof Float32Array ? Float64Array.from(input) : x;
            const wantHere = input instanceof Float32Array ? referenceMx(xs, element, blockSize, rounding, draws) : want;
            const r = mxQuantize(input, element, { blockSize, rounding, random: sequence(draws) });
            expect(Array.from(r.scaleCodes)).toEqual(wantHere.scaleCodes);
            expect(Array.from(r.elementCodes)).toEqual(wantHere.codes);
            for (let i = 0; i < n; i++) {
              if (!Object.is(r.values[i], wantHere.values[i])) {
                expect({ element, blockSize, rounding, i, x: xs[i], got: r.values[i] }).toEqual({
                  element,
                  blockSize,
                  rounding,
                  i,
                  x: xs[i],
                  got: wantHere.values[i],
                });
              }
            }
          }
        }
      }
    }
  });

  it("gives element i draw i, also after blocks holding NaN or ±Inf (one draw per element, n in all)", () => {
    const rng = createRandom(28);
    const blockSize = 8;
    const n = 6 * blockSize + 5; // blocks: finite, NaN, finite, +Inf, −Inf and NaN, finite, ragged
    const x = Float64Array.from({ length: n }, () => rng.normal());
    x[blockSize + 3] = NaN;
    x[3 * blockSize] = Infinity;
    x[4 * blockSize + 1] = -Infinity;
    x[4 * blockSize + 7] = NaN;
    const draws = rng.fillUniform(new Float64Array(n));
    for (const element of ["e2m1", "e4m3", "int8"] as MxElement[]) {
      // the reference indexes the draws by element: draws[i] for element i, whatever came before
      const want = referenceMx(x, element, blockSize, "stochastic", draws);
      expect(want.scaleCodes.filter((c) => c === 255)).toHaveLength(3);
      for (const input of [x, Float32Array.from(x), Array.from(x)]) {
        let calls = 0;
        const random = () => draws[calls++];
        const r = mxQuantize(input, element, { blockSize, rounding: "stochastic", random });
        expect(calls).toBe(n);
        expect(Array.from(r.scaleCodes)).toEqual(want.scaleCodes);
        expect(Array.from(r.elementCodes)).toEqual(want.codes);
        expect(Array.from(r.values)).toEqual(want.values);
      }
    }
  });

  it("codes a NaN/Inf block's elements 0 also right after a block of FP32 values near 2^−124 (the per-value path)", () => {
    // blocks of 4: tiny (amax 2^−124: too low for the bit table), NaN, tiny, +Inf, finite
    const x32 = Float32Array.from([2 ** -124, -(2 ** -127), 3 * 2 ** -130, 0, NaN, 1, 2, 3, 2 ** -125, 2 ** -131, 0, 0, Infinity, 4, 5, 6, 1, 2, 3, 4]);
    for (const element of mxElements.filter((e) => e !== "int8")) {
      for (const rounding of ["nearest-even", "toward-zero"] as RoundingMode[]) {
        const want = referenceMx(Float64Array.from(x32), element, 4, rounding);
        const r = mxQuantize(x32, element, { blockSize: 4, rounding });
        expect(Array.from(r.scaleCodes)).toEqual(want.scaleCodes);
        expect(Array.from(r.elementCodes), `${element} ${rounding}`).toEqual(want.codes);
        expect(Array.from(r.values)).toEqual(want.values);
      }
    }
  });

  it("puts each block's largest element in the element's top binade [2^emax, 2^(emax+1)) before saturation", () => {
    const rng = createRandom(22);
    for (const element of mxElements) {
      for (let trial = 0; trial < 200; trial++) {
        const scale = 2 ** (rng.integer(200) - 100);
        const block = Array.from({ length: 32 }, () => rng.normal() * scale);
        const r = mxQuantize(block, element);
        const amax = Math.max(...block.map(Math.abs));
        const ratio = amax / r.scales[0];
        expect(ratio).toBeGreaterThanOrEqual(2 ** EMAX[element]);
        expect(ratio).toBeLessThan(2 ** (EMAX[element] + 1));
      }
    }
  });

  it("stores element bits + 8/k bits per element (8.25, 6.25, 4.25) and counts a ragged block's own scale", () => {
    const expected: Record<MxElement, [number, number]> = {
      e5m2: [8, 8.25],
      e4m3: [8, 8.25],
      int8: [8, 8.25],
      e3m2: [6, 6.25],
      e2m3: [6, 6.25],
      e2m1: [4, 4.25],
    };
    const x = createRandom(23).fillNormal(new Float64Array(100)); // 3 full blocks of 32 and one of 4
    for (const element of mxElements) {
      const [w, perElement] = expected[element];
      const r = mxQuantize(x, element);
      expect(r.bitsPerElement).toBe(perElement);
      expect(r.totalBits).toBe(100 * w + 8 * 4);
      expect(r.scaleCodes).toHaveLength(4);
      expect(r.blockSize).toBe(32);
      expect(r.element).toBe(element);
      // the ragged last block is quantized on its own
      const last = mxQuantize(x.subarray(96), element);
      expect(r.scaleCodes[3]).toBe(last.scaleCodes[0]);
      expect(Array.from(r.values.subarray(96))).toEqual(Array.from(last.values));
    }
    expect(mxQuantize(x, "e2m1", { blockSize: 16 }).bitsPerElement).toBe(4.5);
    expect(mxQuantize([], "e4m3").totalBits).toBe(0);
  });

  it("gives a zero block the least scale 2^−127 and zero elements", () => {
    const r = mxQuantize(new Float64Array(40), "e4m3");
    expect(Array.from(r.scaleCodes)).toEqual([0, 0]);
    expect(r.scales[0]).toBe(2 ** -127);
    expect(r.values.every((v) => v === 0)).toBe(true);
    expect(r.elementCodes.every((c) => c === 0)).toBe(true);
  });

  it("gives a block with NaN or ±Inf the NaN scale 0xFF, and NaN values, without touching other blocks", () => {
    const x = [1, 2, NaN, 3, 1, 2, 3, 4, -Infinity, 1, 0.5, 0.25];
    const r = mxQuantize(x, "e2m1", { blockSize: 4 });
    expect(Array.from(r.scaleCodes)).toEqual([255, 127, 255]); // middle block: amax 4 → shared exponent 0
    expect(r.scales[0]).toBeNaN();
    expect(Array.from(r.values.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    expect(Array.from(r.values.subarray(4, 8))).toEqual([1, 2, 3, 4]);
    expect(Array.from(r.values.subarray(8)).every(Number.isNaN)).toBe(true);
    // a shared exponent above 127 (only possible for FP64 data) is a NaN scale too
    expect(mxQuantize([1e300, 1], "e2m1").scaleCodes[0]).toBe(255);
    // FP32 subnormals: the shared exponent clamps at −127
    expect(mxQuantize(new Float32Array([1e-45, -2e-45]), "e4m3").scaleCodes[0]).toBe(0);
  });

  it("keeps the largest shared exponent 127 (scale code 254, X = 2^127) and gives 128 the NaN scale (FP64 data)", () => {
    // OCP MX v1.0 §5.4.1: E8M0 codes 0 … 254 are 2^(code − 127), 0xFF is NaN. amax = 2^(127 + emax) has
    // floor(log2 amax) − emax = 127, so P = 2^emax (a value of every element format) and x̂ = amax.
    for (const element of mxElements) {
      const top = 2 ** (127 + EMAX[element]);
      const r = mxQuantize([top, -top / 2, 0], element);
      expect(Array.from(r.scaleCodes), element).toEqual([254]);
      expect(r.scales[0]).toBe(2 ** 127);
      expect(Array.from(r.values), element).toEqual([top, -top / 2, 0]);
      const over = mxQuantize([2 * top, 1], element); // shared exponent 128: beyond E8M0
      expect(Array.from(over.scaleCodes), element).toEqual([255]);
      expect(Array.from(over.values).every(Number.isNaN)).toBe(true);
    }
  });

  it("names the options object and the block size in its refusals, with the bad value", () => {
    expect(() => mxQuantize([1], "e4m3", 5 as never)).toThrow(/^options must be an object, got 5$/);
    expect(() => mxQuantize([1], "e4m3", { blockSize: 0 })).toThrow(/^options\.blockSize must be an integer >= 1, got 0$/);
    expect(() => mxQuantize([1], "fp16" as never)).toThrow(/^element must be one of "e5m2", "e4m3", "e3m2", "e2m3", "e2m1", "int8", got "fp16"$/);
  });

  it("stochastic rounding of the elements is unbiased within 5 standard errors", () => {
    const rng = createRandom(24);
    const n = 20000;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = i % 32 === 0 ? 4 : 0.7; // amax 4 → X = 1; 0.7 lies between 0.5 and 1
    const r = mxQuantize(x, "e2m1", { rounding: "stochastic", random: rng.uniform });
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (i % 32 === 0) continue;
      expect([0.5, 1]).toContain(r.values[i]);
      sum += r.values[i];
      count++;
    }
    const p = 0.4;
    const se = 0.5 * Math.sqrt(p * (1 - p) / count);
    expect(Math.abs(sum / count - 0.7)).toBeLessThanOrEqual(5 * se);
  });

  it("writes the dequantized values into options.out when given (which may be the input itself)", () => {
    const x = createRandom(25).fillNormal(new Float64Array(70));
    const want = mxQuantize(x, "e4m3");
    const out = new Float64Array(70);
    const r = mxQuantize(x, "e4m3", { out });
    expect(r.values).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(want.values));
    const inPlace = Float64Array.from(x);
    expect(Array.from(mxQuantize(inPlace, "e4m3", { out: inPlace }).values)).toEqual(Array.from(want.values));
    expect(() => mxQuantize(x, "e4m3", { out: new Float64Array(3) })).toThrow(/^options.out must have the length of values \(70\)/);
    expect(() => mxQuantize(x, "e4m3", { out: new Float32Array(70) as unknown as Float64Array })).toThrow(TypeError);
  });

  it("gives the values of separate arrays when options.out overlaps the input, shifted either way", () => {
    const rng = createRandom(27);
    const n = 70; // two full blocks of 32 and a ragged one
    const data = Float64Array.from({ length: n }, () => rng.normal() * 2 ** (rng.integer(8) - 4));
    const draws = rng.fillUniform(new Float64Array(n));
    for (const element of ["e2m1", "e4m3", "int8"] as MxElement[]) {
      for (const rounding of ["nearest-even", "stochastic"] as RoundingMode[]) {
        for (const layout of overlapLayouts) {
          const { xs, out } = overlappingViews(data, layout);
          const want = referenceMx(Array.from(xs), element, 32, rounding, draws);
          const r = mxQuantize(xs, element, { out, rounding, random: sequence(draws) });
          expect(r.values).toBe(out);
          expect(Array.from(r.scaleCodes)).toEqual(want.scaleCodes);
          expect(Array.from(r.elementCodes)).toEqual(want.codes);
          expect(Array.from(out)).toEqual(want.values);
        }
      }
    }
  });

  it("quantizes FP32 subnormal inputs like FP64 inputs of the same values (the FP32 bit path normalizes them)", () => {
    const rng = createRandom(26);
    for (const element of mxElements) {
      for (const scale of [1e-45, 1e-40, 1e-38, 3e-37]) {
        const x32 = new Float32Array(96);
        for (let i = 0; i < x32.length; i++) x32[i] = rng.normal() * scale * (i % 7 === 0 ? 0 : 1);
        for (const rounding of ["nearest-even", "toward-zero", "stochastic"] as RoundingMode[]) {
          const draws = rng.fillUniform(new Float64Array(96));
          const a = mxQuantize(x32, element, { rounding, random: sequence(draws) });
          const b = mxQuantize(Float64Array.from(x32), element, { rounding, random: sequence(draws) });
          const want = referenceMx(x32, element, 32, rounding, draws);
          expect(Array.from(a.elementCodes)).toEqual(want.codes);
          expect(Array.from(a.values)).toEqual(Array.from(b.values));
          expect(Array.from(a.scaleCodes)).toEqual(want.scaleCodes);
        }
      }
    }
  });
});
