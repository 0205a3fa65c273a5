import { describe, expect, it } from "vitest";
import { encode, nvfp4Quantize, representableValues } from "../../../src/formats/index";
import type { RoundingMode } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";
import { overlapLayouts, overlappingViews } from "./overlap";

/**
 * Reference NVFP4 quantizer following the TransformerEngine reference step by step (math.md §6.5),
 * in FP32 arithmetic (Math.fround after every operation), with brute-force nearest-even rounding
 * onto the E4M3 and E2M1 value tables (ties to the even code) and the E2M1 thresholds of the
 * reference's cast_to_fp4x2 checked separately below.
 */
const f = Math.fround;
const FP32_MAX = 3.4028234663852886e38;

function nearestEven(name: "e4m3" | "e2m1", y: number, rounding: RoundingMode = "nearest-even", u = 0): [number, number] {
  const magnitudes = Array.from(representableValues(name)).filter((v) => v >= 0);
  const negative = y < 0 || Object.is(y, -0);
  const a = Math.min(Math.abs(y), magnitudes[magnitudes.length - 1]);
  let i = 0;
  while (i + 1 < magnitudes.length && magnitudes[i + 1] <= a) i++;
  let v = magnitudes[i];
  if (v !== a) {
    const high = magnitudes[i + 1];
    if (rounding === "stochastic") v = u < (a - v) / (high - v) ? high : v;
    else if (high - a < a - v || (high - a === a - v && encode(name, v) % 2 === 1)) v = high;
  }
  const value = negative ? -v : v;
  return [value, encode(name, value)];
}

/**
 * `floor`: the least wanted block scale before the E4M3 rounding (0, or 2^−6 for torchao's clamp);
 * `float32`: decode as FP32(q·FP32(s_dec_b·s_dec)) instead of q·s_dec_b/s_enc in binary64.
 */
function referenceNvfp4(
  x: ArrayLike<number>,
  blockSize: number,
  tensorAmax?: number,
  rounding: RoundingMode = "nearest-even",
  draws?: Float64Array,
  { floor = 0, float32 = false } = {},
) {
  const xs = Array.from(x, f);
  const A = tensorAmax !== undefined ? f(tensorAmax) : Math.max(0, ...xs.filter(Number.isFinite).map(Math.abs));
  let sEnc = A === 0 ? 1 : Math.min(f(f(448 * 6) / A), FP32_MAX);
  if (sEnc === 0) sEnc = 1;
  const sDec = f(1 / sEnc);
  const scales: number[] = [];
  const values: number[] = [];
  const codes: number[] = [];
  for (let start = 0; start < xs.length; start += blockSize) {
    const block = xs.slice(start, start + blockSize);
    if (block.some((v) => !Number.isFinite(v))) {
      scales.push(NaN);
      block.forEach(() => {
        values.push(NaN);
        codes.push(0);
      });
      continue;
    }
    const amax = Math.max(...block.map(Math.abs));
    const [sDecBlock] = nearestEven("e4m3", Math.min(Math.max(f(f(amax / 6) * sEnc), floor), 448));
    scales.push(sDecBlock);
    const e = sDecBlock === 0 ? 0 : Math.min(f(1 / f(sDecBlock * sDec)), FP32_MAX);
    block.forEach((v, k) => {
      const y = Math.max(-6, Math.min(6, f(v * e)));
      const [q, code] = nearestEven("e2m1", y, rounding, draws ? draws[start + k] : 0);
      values.push(float32 ? f(q * f(sDecBlock * sDec)) : (q * sDecBlock) / sEnc);
      codes.push(code);
    });
  }
  return { A, sDec, scales, values, codes };
}

/**
 * torchao's `nvfp4_quantize` with a per-tensor scale and its dequantization (`NVFP4Tensor.to_dtype`),
 * written from its source (torchao/prototype/mx_formats/nvfp4_tensor.py) in FP32 arithmetic:
 * p = FP32(A/2688); per block, w = clamp(FP32(FP32(a_b/6)/p), 2^−6, 448) cast to E4M3 (RNE);
 * t = FP32(p·s_b); y = clamp(FP32(x/t), −6, 6) cast to E2M1 (RNE); x̂ = FP32(q·t). A different route
 * from the library's (divisions by p and t instead of products with s_enc and e_b).
 */
function torchaoNvfp4(x: ArrayLike<number>, A: number) {
  const xs = Array.from(x, f);
  const p = f(f(A) / 2688);
  const codes: number[] = [];
  const values: number[] = [];
  const scales: number[] = [];
  for (let start = 0; start < xs.length; start += 16) {
    const block = xs.slice(start, start + 16);
    const amax = Math.max(...block.map(Math.abs));
    const [s] = nearestEven("e4m3", Math.min(Math.max(f(f(amax / 6) / p), 2 ** -6), 448));
    scales.push(s);
    const t = f(p * s);
    for (const v of block) {
      const [q, code] = nearestEven("e2m1", Math.max(-6, Math.min(6, f(v / t))));
      codes.push(code);
      values.push(f(q * t));
    }
  }
  return { p, codes, values, scales };
}

function sequence(draws: Float64Array): () => number {
  let i = 0;
  return () => draws[i++];
}

describe("nvfp4Quantize(values, options)", () => {
  it("reproduces the NVFP4 test vector of math.md §9 (tensor amax 10, block [2.5, 1, −0.3, 0.05])", () => {
    const r = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 });
    expect(r.tensorAmax).toBe(10);
    // s_enc = 448·6/10 = 268.8 in FP32; the decode scale is its FP32 reciprocal (relative error ≤ 2^−23)
    expect(Math.abs(r.tensorScale * 268.8 - 1)).toBeLessThan(2 ** -22);
    expect(Array.from(r.blockScales)).toEqual([112]); // E4M3(2.5/6·268.8 = 112)
    expect(Array.from(r.blockScaleCodes)).toEqual([0x6e]); // 112 = 1.75·2^6: 0.1101.110
    expect(Array.from(r.elementCodes)).toEqual([0x7, 0x4, 0x9, 0x0]); // q = [6, 2, −0.5, 0]
    // decoded q·112/268.8; FP32 rounding of s_enc leaves a relative error below 2^−22
    const expected = [2.5, 0.8333333333333334, -0.20833333333333334, 0];
    r.values.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(2 ** -22 * Math.abs(expected[i])));
  });

  it("rounds E2M1 with the thresholds of TransformerEngine's cast_to_fp4x2", () => {
    // |y| ≤ 0.25 → 0; (0.25, 0.75) → 0.5; [0.75, 1.25] → 1; (1.25, 1.75) → 1.5; [1.75, 2.5] → 2;
    // (2.5, 3.5) → 3; [3.5, 5] → 4; > 5 → 6. With tensor amax 6·448/448 = 6 and block amax 6, e_b = 1.
    const ys = [0.25, 0.26, 0.74, 0.75, 1.25, 1.26, 1.74, 1.75, 2.5, 2.51, 3.49, 3.5, 5, 5.01, 6];
    const want = [0, 0.5, 0.5, 1, 1, 1.5, 1.5, 2, 2, 3, 3, 4, 4, 6, 6];
    for (let i = 0; i < ys.length; i++) {
      const r = nvfp4Quantize([6, ys[i], -ys[i]], { tensorAmax: 6 });
      expect(r.blockScales[0]).toBe(448);
      expect(r.values[1]).toBeCloseTo(want[i], 6);
      expect(r.values[2]).toBeCloseTo(-want[i], 6);
    }
  });

  it("agrees with the reference on random data: codes and scales exactly, values exactly", () => {
    const rng = createRandom(31);
    for (const blockSize of [16, 5]) {
      for (const rounding of ["nearest-even", "stochastic"] as RoundingMode[]) {
        const n = 403;
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) x[i] = rng.normal() * 2 ** ((Math.floor(i / blockSize) % 24) - 12);
        const draws = rng.fillUniform(new Float64Array(n));
        for (const input of [x, Float32Array.from(x), Array.from(x)]) {
          for (const tensorAmax of [undefined, 3.5]) {
            const want = referenceNvfp4(input, blockSize, tensorAmax, rounding, draws);
            const r = nvfp4Quantize(input, { blockSize, tensorAmax, rounding, random: sequence(draws) });
            expect(r.tensorAmax).toBe(want.A);
            expect(r.tensorScale).toBe(want.sDec);
            expect(Array.from(r.blockScales)).toEqual(want.scales);
            expect(Array.from(r.elementCodes)).toEqual(want.codes);
            for (let i = 0; i < n; i++) {
              if (!Object.is(r.values[i], want.values[i])) expect({ i, got: r.values[i] }).toEqual({ i, got: want.values[i] });
            }
          }
        }
      }
    }
  });

  it("scaleFloor \"min-normal\" raises a block scale below 2^−6 to 2^−6 (worked example: 2.21 → 4.26 here, 0 there)", () => {
    // A = 11725517: s_enc = FP32(2688/A); the block [51.1, 2.21] wants the scale FP32(51.1/6)·s_enc ≈
    // 0.9996·2^−9, which rounds to the E4M3 subnormal 2^−9 (E4M3 subnormals are k·2^−9, k = 1 … 7)
    const A = 11725517;
    const sEnc = f(2688 / A);
    const sDec = f(1 / sEnc);
    const wanted = f(f(f(51.1) / 6) * sEnc);
    expect(wanted).toBeGreaterThan(2 ** -9 * 0.75); // nearer 2^−9 than 2^−10 or 1.5·2^−9 …
    expect(wanted).toBeLessThan(2 ** -9 * 1.25); // … so E4M3 gives 2^−9
    // subnormal floor (default): e_b = FP32(1/FP32(2^−9·s_dec)); y = FP32(x·e_b)
    const e9 = f(1 / f(2 ** -9 * sDec));
    expect(f(f(51.1) * e9)).toBeGreaterThan(5); // → 6 (E2M1 rounds (5, 6] to 6)
    expect(f(f(2.21) * e9)).toBeGreaterThan(0.25); // → 0.5 ((0.25, 0.75) rounds to 0.5)
    const sub = nvfp4Quantize([51.1, 2.21], { tensorAmax: A });
    expect(Array.from(sub.blockScales)).toEqual([2 ** -9]);
    expect(Array.from(sub.elementCodes)).toEqual([0x7, 0x1]); // q = 6, 0.5
    expect(Array.from(sub.values)).toEqual([(6 * 2 ** -9) / sEnc, (0.5 * 2 ** -9) / sEnc]);
    expect(sub.values[1]).toBeCloseTo(4.26, 2);
    // min-normal floor (torchao): scale 2^−6, e_b = FP32(1/FP32(2^−6·s_dec))
    const e6 = f(1 / f(2 ** -6 * sDec));
    expect(f(f(2.21) * e6)).toBeLessThanOrEqual(0.25); // → 0
    expect(f(f(51.1) * e6)).toBeLessThan(0.75); // → 0.5
    const floored = nvfp4Quantize([51.1, 2.21], { tensorAmax: A, scaleFloor: "min-normal" });
    expect(Array.from(floored.blockScales)).toEqual([2 ** -6]);
    expect(Array.from(floored.elementCodes)).toEqual([0x1, 0x0]); // q = 0.5, 0
    expect(Array.from(floored.values)).toEqual([(0.5 * 2 ** -6) / sEnc, 0]);
    expect(floored.values[0]).toBeCloseTo(34.08, 2);
    // a block of zeros gets the scale 2^−6 under the floor (torchao's clamp), 0 without it
    expect(nvfp4Quantize([0, 0], { tensorAmax: 1, scaleFloor: "min-normal" }).blockScales[0]).toBe(2 ** -6);
    expect(nvfp4Quantize([0, 0], { tensorAmax: 1 }).blockScales[0]).toBe(0);
  });

  it("dequantize \"float32\" returns the FP32 product FP32(q·FP32(s_dec_b·s_dec)) (math.md §9 vector)", () => {
    // s_enc = FP32(268.8), s_dec = FP32(1/s_enc), s_dec_b = 112, q = [6, 2, −0.5, 0]
    const sDec = f(1 / f(268.8));
    const t = f(112 * sDec);
    const r = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10, dequantize: "float32" });
    expect(Array.from(r.elementCodes)).toEqual([0x7, 0x4, 0x9, 0x0]);
    expect(Array.from(r.values)).toEqual([f(6 * t), f(2 * t), -f(0.5 * t), 0]);
    expect(r.values[0]).toBe(2.5); // here the FP32 product lands exactly on 2.5; binary64 gives 2.5000001…
    const wide = nvfp4Quantize([2.5, 1.0, -0.3, 0.05], { tensorAmax: 10 });
    expect(wide.values[0]).not.toBe(2.5);
    // every value is an FP32 number within one FP32 ulp of the binary64 quotient
    for (let i = 0; i < 4; i++) {
      expect(f(r.values[i])).toBe(r.values[i]);
      expect(Math.abs(r.values[i] - wide.values[i])).toBeLessThanOrEqual(2 ** -23 * Math.abs(wide.values[i]));
    }
  });

  it("agrees with the reference under every scaleFloor and dequantize, data over 40 binades", () => {
    const rng = createRandom(37);
    const n = 16 * 40 + 7;
    const x = Float64Array.from({ length: n }, (_, i) => rng.normal() * 2 ** (Math.floor(i / 16) - 24));
    const draws = rng.fillUniform(new Float64Array(n));
    for (const scaleFloor of ["subnormal", "min-normal"] as const) {
      for (const dequantize of ["float64", "float32"] as const) {
        for (const rounding of ["nearest-even", "stochastic"] as RoundingMode[]) {
          const options = { floor: scaleFloor === "min-normal" ? 2 ** -6 : 0, float32: dequantize === "float32" };
          const want = referenceNvfp4(x, 16, undefined, rounding, draws, options);
          const r = nvfp4Quantize(x, { scaleFloor, dequantize, rounding, random: sequence(draws) });
          expect(Array.from(r.blockScales)).toEqual(want.scales);
          expect(Array.from(r.elementCodes)).toEqual(want.codes);
          expect(Array.from(r.values)).toEqual(want.values);
        }
      }
    }
  });

  it("with both torchao conventions, agrees with torchao's algorithm (divisions by A/2688) on every code and value", () => {
    const rng = createRandom(38);
    const n = 16 * 60;
    // a tensor amax for which the two tensor scales, torchao's FP32(A/2688) and TE's FP32(1/FP32(2688/A)),
    // agree (they differ by one FP32 ulp for about a quarter of amaxes); blocks over 30 binades below
    // it, so that many wanted scales fall below 2^−6
    const A = 11725517;
    const x = Float64Array.from({ length: n }, (_, i) => rng.normal() * (A / 8) * 2 ** (-Math.floor(i / 16) % 30));
    const ref = torchaoNvfp4(x, A);
    const r = nvfp4Quantize(x, { tensorAmax: A, scaleFloor: "min-normal", dequantize: "float32" });
    expect(r.tensorScale).toBe(ref.p);
    expect(ref.p).not.toBe(2 ** Math.round(Math.log2(ref.p))); // not a power of two: the routes differ
    expect(ref.scales.filter((s) => s === 2 ** -6).length).toBeGreaterThan(10); // the floor is exercised
    expect(Array.from(r.blockScales)).toEqual(ref.scales);
    expect(Array.from(r.elementCodes)).toEqual(ref.codes);
    expect(Array.from(r.values)).toEqual(ref.values);
    // and the default conventions differ from torchao exactly where the floor or the product matters
    const plain = nvfp4Quantize(x, { tensorAmax: A });
    expect(Array.from(plain.elementCodes)).not.toEqual(ref.codes);
  });

  it("gives element i draw i, also after blocks holding NaN or ±Inf (one draw per element, n in all)", () => {
    const rng = createRandom(35);
    const n = 5 * 16 + 3; // blocks: finite, NaN, finite, ±Inf, finite, ragged
    const x = Float64Array.from({ length: n }, () => rng.normal());
    x[16 + 5] = NaN;
    x[3 * 16] = Infinity;
    x[3 * 16 + 9] = -Infinity;
    const draws = rng.fillUniform(new Float64Array(n));
    for (const rounding of ["stochastic", "nearest-even"] as RoundingMode[]) {
      // element codes of a NaN block are 0 in either rounding, also its first after a finite block
      const want = referenceNvfp4(x, 16, undefined, rounding, draws);
      expect(want.scales.filter(Number.isNaN)).toHaveLength(2);
      for (const input of [x, Float32Array.from(x)]) {
        let calls = 0;
        const r = nvfp4Quantize(input, { rounding, random: () => draws[calls++] });
        expect(calls).toBe(rounding === "stochastic" ? n : 0);
        expect(Array.from(r.elementCodes)).toEqual(want.codes);
        expect(Array.from(r.values)).toEqual(want.values);
      }
    }
  });

  it("rounds a user-given tensor amax to FP32 first (amaxes whose unrounded quotient 2688/A rounds differently)", () => {
    const rng = createRandom(36);
    const x = Float64Array.from({ length: 40 }, () => rng.normal());
    for (const tensorAmax of [1.7, 3.7, 12.3]) {
      // these amaxes discriminate: FP32(2688/A) differs from FP32(2688/FP32(A)), so skipping the
      // FP32 rounding of A would change s_enc and every decoded value
      expect(f(2688 / tensorAmax)).not.toBe(f(2688 / f(tensorAmax)));
      const want = referenceNvfp4(x, 16, tensorAmax); // rounds A to FP32 (math.md §6.5, step 1)
      const r = nvfp4Quantize(x, { tensorAmax });
      expect(r.tensorAmax).toBe(f(tensorAmax));
      expect(r.tensorScale).toBe(want.sDec);
      expect(Array.from(r.blockScales)).toEqual(want.scales);
      expect(Array.from(r.elementCodes)).toEqual(want.codes);
      expect(Array.from(r.values)).toEqual(want.values);
    }
  });

  it("agrees with the reference for FP32-subnormal block maxima under a tiny tensor amax (s_enc clamped to FP32 max)", () => {
    // A ≤ 2688/FP32 max ≈ 7.9e−36 makes 2688/A overflow FP32, so s_enc = FP32 max; a block amax a
    // among the FP32 subnormals (k·2^−149) then wants the scale FP32(a/6)·FP32 max, anything from 0 to
    // about 0.66, so E4M3 scales of every size below 1 meet blocks of neighbouring amaxes. Block
    // maxima span 2^−149 to 2^−126 (all FP32 subnormals).
    const rng = createRandom(39);
    const n = 16 * 60 + 5;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = (2 * rng.uniform() - 1) * 2 ** (-126 - (Math.floor(i / 16) % 23));
    const draws = rng.fillUniform(new Float64Array(n));
    for (const tensorAmax of [undefined, 1e-40, 7e-36]) {
      for (const rounding of ["nearest-even", "stochastic"] as RoundingMode[]) {
        const want = referenceNvfp4(x, 16, tensorAmax, rounding, draws);
        expect(Math.min(f(f(2688) / want.A), FP32_MAX)).toBe(FP32_MAX); // s_enc is FP32 max
        expect(new Set(want.scales).size).toBeGreaterThan(10); // many different block scales
        const r = nvfp4Quantize(x, { tensorAmax, rounding, random: sequence(draws) });
        expect(Array.from(r.blockScales)).toEqual(want.scales);
        expect(Array.from(r.elementCodes)).toEqual(want.codes);
        expect(Array.from(r.values)).toEqual(want.values);
      }
    }
  });

  it("finds each block's amax wherever it sits in the block of 16, whatever its sign", () => {
    // block b holds its largest magnitude at position b mod 16 (sign alternating), the others at most
    // a quarter of it: each block scale must be E4M3(FP32(amax/6)·s_enc) of that element
    const rng = createRandom(40);
    const n = 16 * 32;
    const x = Float64Array.from({ length: n }, () => rng.normal() * 0.25);
    for (let b = 0; b < 32; b++) x[16 * b + (b % 16)] = (b % 2 === 0 ? 1 : -1) * (4 + b);
    for (const input of [x, Float32Array.from(x)]) {
      for (const tensorAmax of [undefined, 100]) {
        const want = referenceNvfp4(input, 16, tensorAmax);
        const r = nvfp4Quantize(input, { tensorAmax });
        expect(r.tensorAmax).toBe(want.A);
        expect(Array.from(r.blockScales)).toEqual(want.scales);
        expect(Array.from(r.elementCodes)).toEqual(want.codes);
      }
    }
  });

  it("takes the tensor amax over the finite values of NaN/Inf blocks too, in blocks of 16 and others", () => {
    // every block holds a NaN or ±Inf, so the tensor amax (max |x| over finite x) lies in one of them
    for (const blockSize of [16, 5]) {
      const n = 4 * blockSize + (blockSize === 16 ? 0 : 3);
      const x = Float64Array.from({ length: n }, (_, i) => ((i * 7) % 13) - 6);
      for (let start = 0; start < n; start += blockSize) x[start + 1] = [NaN, Infinity, -Infinity][(start / blockSize) % 3];
      x[2 * blockSize + 2] = -9.5; // the finite amax, inside a NaN/Inf block
      const r = nvfp4Quantize(x, { blockSize });
      expect(r.tensorAmax, `blockSize ${blockSize}`).toBe(9.5);
      expect(r.tensorScale).toBe(f(1 / f(2688 / 9.5)));
      expect(r.values.every(Number.isNaN)).toBe(true);
      // one finite block beside them changes nothing
      const mixed = Float64Array.from([...x, 1, 2]);
      expect(nvfp4Quantize(mixed, { blockSize }).tensorAmax).toBe(9.5);
    }
  });

  it("accepts a tensor amax of 0 (s_enc = 1, s_dec = 1) and quantizes as the reference does", () => {
    const x = [2, -0.3, 0.01, 1e-3];
    const want = referenceNvfp4(x, 16, 0);
    const r = nvfp4Quantize(x, { tensorAmax: 0 });
    expect(r.tensorAmax).toBe(0);
    expect(r.tensorScale).toBe(1);
    expect(Array.from(r.blockScales)).toEqual(want.scales);
    expect(Array.from(r.values)).toEqual(want.values);
  });

  it("gives element i draw i across many chunks of blocks (more than 2048 elements, blocks larger than 2048 too)", () => {
    const rng = createRandom(41);
    const n = 16 * 300 + 7;
    const x = Float64Array.from({ length: n }, (_, i) => rng.normal() * 2 ** ((Math.floor(i / 16) % 9) - 4));
    const draws = rng.fillUniform(new Float64Array(n));
    for (const blockSize of [16, 7, 3000]) {
      for (const rounding of ["nearest-even", "stochastic"] as RoundingMode[]) {
        const want = referenceNvfp4(x, blockSize, undefined, rounding, draws);
        let calls = 0;
        const r = nvfp4Quantize(x, { blockSize, rounding, random: () => draws[calls++] });
        expect(calls).toBe(rounding === "stochastic" ? n : 0);
        expect(Array.from(r.blockScales)).toEqual(want.scales);
        expect(Array.from(r.elementCodes)).toEqual(want.codes);
        expect(Array.from(r.values)).toEqual(want.values);
      }
    }
  });

  it("names the options object and the tensor amax in its refusals, with the bad value", () => {
    expect(() => nvfp4Quantize([1], 5 as never)).toThrow(/^options must be an object, got 5$/);
    expect(() => nvfp4Quantize([1], { tensorAmax: "1" as never })).toThrow(/^options\.tensorAmax must be a number, got "1"$/);
  });

  it("stores 4.5 bits per element and counts 8 bits per block (ragged included) plus 32 for the tensor scale", () => {
    const x = createRandom(32).fillNormal(new Float64Array(100)); // 6 blocks of 16 and one of 4
    const r = nvfp4Quantize(x);
    expect(r.bitsPerElement).toBe(4.5);
    expect(r.blockSize).toBe(16);
    expect(r.totalBits).toBe(4 * 100 + 8 * 7 + 32);
    expect(r.blockScaleCodes).toHaveLength(7);
  });

  it("maps a tensor of zeros to zeros with s_enc = 1, and a NaN/Inf block to the E4M3 NaN scale", () => {
    const z = nvfp4Quantize(new Float32Array(20));
    expect(z.tensorAmax).toBe(0);
    expect(z.tensorScale).toBe(1);
    expect(z.values.every((v) => v === 0)).toBe(true);
    const x = [1, 2, 3, NaN, 4, 5, 6, 7, Infinity, 1];
    const r = nvfp4Quantize(x, { blockSize: 4 });
    expect(r.tensorAmax).toBe(7); // finite values only
    expect(Array.from(r.blockScaleCodes.subarray(0, 1))).toEqual([0x7f]);
    expect(r.blockScales[0]).toBeNaN();
    expect(Array.from(r.values.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    expect(r.values[7]).toBeCloseTo(7, 5);
    expect(r.blockScaleCodes[2]).toBe(0x7f);
  });

  it("saturates blocks whose amax exceeds a stale tensor amax: the block scale clamps to 448, elements to ±6", () => {
    const r = nvfp4Quantize([10, -20, 5, 1], { tensorAmax: 2 });
    expect(r.blockScales[0]).toBe(448);
    const sEnc = f(2688 / 2);
    // e_b = s_enc/448 = 3: y = [30, −60, 15, 3] → q = [6, −6, 6, 3]
    expect(Array.from(r.values)).toEqual([6, -6, 6, 3].map((q) => (q * 448) / sEnc));
  });

  it("writes the dequantized values into options.out when given", () => {
    const x = createRandom(33).fillNormal(new Float64Array(50));
    const out = new Float64Array(50);
    const r = nvfp4Quantize(x, { out });
    expect(r.values).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(nvfp4Quantize(x).values));
    expect(() => nvfp4Quantize(x, { out: new Float64Array(49) })).toThrow(/^options.out must have the length of values \(50\), got length 49/);
  });

  it("gives the values of separate arrays when options.out shares the input's memory, at any offset", () => {
    const rng = createRandom(34);
    const n = 50;
    const data = Float64Array.from({ length: n }, () => rng.normal() * 2 ** (rng.integer(8) - 4));
    const draws = rng.fillUniform(new Float64Array(n));
    for (const rounding of ["nearest-even", "stochastic"] as RoundingMode[]) {
      for (const layout of overlapLayouts) {
        const { xs, out } = overlappingViews(data, layout);
        const want = referenceNvfp4(Array.from(xs), 16, undefined, rounding, draws);
        const r = nvfp4Quantize(xs, { out, rounding, random: sequence(draws) });
        expect(r.values).toBe(out);
        expect(Array.from(r.elementCodes)).toEqual(want.codes);
        expect(Array.from(out)).toEqual(want.values);
      }
    }
  });
});
