import { describe, expect, it } from "vitest";
import { quantize } from "../../../src/formats/index";
import { createRandom } from "../../../src/numeric/index";
import { bindQuantizer } from "../../../src/optim/index";
import type { ComponentQuantizer } from "../../../src/optim/index";

describe("bindQuantizer: the mantissa model", () => {
  it("with m = 7, 10, 3 equals bf16, fp16, e4m3 rounding (src/formats, another implementation) in their normal ranges", () => {
    const rng = createRandom(5);
    const cases = [
      { format: "bf16", m: 7, lo: 2 ** -100, hi: 2 ** 100 },
      { format: "fp16", m: 10, lo: 2 ** -14, hi: 60000 },
      { format: "e4m3", m: 3, lo: 2 ** -6, hi: 440 },
    ] as const;
    for (const { format, m, lo, hi } of cases) {
      for (const rounding of ["nearest", "toward-zero"] as const) {
        const q = bindQuantizer({ kind: "mantissa", bits: m, rounding });
        const mode = rounding === "nearest" ? "nearest-even" : "toward-zero";
        for (let k = 0; k < 3000; k++) {
          const x = (rng.uniform() < 0.5 ? -1 : 1) * Math.exp(Math.log(lo) + rng.uniform() * Math.log(hi / lo));
          expect(q.value(x), `${format} ${rounding} ${x}`).toBe(quantize(format, x, { rounding: mode }));
        }
        // ties: midpoints between neighbours go to the even code, through value and through apply, both signs
        const ties = [1, 3, 5, 7, 2 ** m - 1, 2 ** (m + 1) - 1].flatMap((k) => [1 + k * 2 ** -(m + 1), -(1 + k * 2 ** -(m + 1)), 4 + k * 2 ** -(m - 1)]);
        const viaApply = Float64Array.from(ties);
        q.apply(viaApply);
        ties.forEach((x, k) => {
          expect(q.value(x), `tie ${x}`).toBe(quantize(format, x, { rounding: mode }));
          expect(viaApply[k], `tie ${x} (apply)`).toBe(quantize(format, x, { rounding: mode }));
        });
      }
      // stochastic: the same uniform draws (32-bit: u = uint32·2^−32) give the same choices, for either sign
      const a = createRandom(9);
      const b = createRandom(9);
      const q = bindQuantizer({ kind: "mantissa", bits: m, rounding: "stochastic" }, a);
      const xs = Float64Array.from({ length: 2000 }, (_, k) => (k % 2 ? -1 : 1) * (1 + rng.uniform()) * 3);
      const viaApply = Float64Array.from(xs);
      q.apply(viaApply);
      for (let k = 0; k < 2000; k++) {
        expect(viaApply[k]).toBe(quantize(format, xs[k], { rounding: "stochastic", random: () => b.uint32() * 2 ** -32 }));
      }
    }
  });

  it("with m = 52 is the identity bit for bit (including subnormals, ±0, ±Inf, NaN)", () => {
    const rng = createRandom(3);
    for (const rounding of ["nearest", "toward-zero", "stochastic", "dithered"] as const) {
      const q = bindQuantizer({ kind: "mantissa", bits: 52, rounding }, createRandom(1));
      for (let k = 0; k < 2000; k++) {
        const x = rng.normal() * Math.exp(40 * rng.normal());
        expect(Object.is(q.value(x), x)).toBe(true);
      }
      for (const x of [0, -0, 5e-324, -3e-310, Infinity, -Infinity, NaN, Number.MAX_VALUE]) expect(Object.is(q.value(x), x)).toBe(true);
    }
  });

  it("dithered mantissa noise is unbiased with |δ| ≤ 2^−(m+1)·2 (Monte Carlo mean within 4.5 SE)", () => {
    const q = bindQuantizer({ kind: "mantissa", bits: 4, rounding: "dithered" }, createRandom(2));
    const x = 1.3;
    let s = 0;
    let s2 = 0;
    const n = 50_000;
    for (let k = 0; k < n; k++) {
      const e = q.value(x) - x;
      expect(Math.abs(e)).toBeLessThanOrEqual(2 ** -4 / 2 + 1e-15);
      s += e;
      s2 += e * e;
    }
    const se = Math.sqrt((s2 / n - (s / n) ** 2) / n);
    expect(Math.abs(s / n)).toBeLessThanOrEqual(4.5 * se);
    expect(s2 / n).toBeCloseTo(2 ** -8 / 12, 5); // uniform on a cell of width 2^-4: Δ²/12
  });
});

describe("bindQuantizer: apply (the array loop) and value (one element) agree draw for draw", () => {
  const specs = [
    ...(["dithered", "nearest", "toward-zero", "stochastic"] as const).flatMap((rounding) => [
      { kind: "additive", step: 0.3, rounding } as const,
      { kind: "mantissa", bits: 5, rounding } as const,
      { kind: "mantissa", bits: 51, rounding } as const,
    ]),
  ];
  it.each(specs)("%o", (spec) => {
    const rng = createRandom(8);
    const xs = Float64Array.from({ length: 3000 }, (_, k) => rng.normal() * Math.exp(3 * rng.normal()) * (k % 3 === 0 ? -1 : 1));
    xs.set([0, -0, 1e-310, -2.5e-320, Infinity, -Infinity, NaN, 1e300, 0.15, -0.45, 0.75], 0);
    const a = bindQuantizer(spec, createRandom(4));
    const b = bindQuantizer(spec, createRandom(4));
    const viaApply = Float64Array.from(xs);
    a.apply(viaApply);
    for (let k = 0; k < xs.length; k++) expect(Object.is(viaApply[k], b.value(xs[k])) || (Number.isNaN(viaApply[k]) && Number.isNaN(xs[k])), `x = ${xs[k]}`).toBe(true);
  });
});

describe("bindQuantizer: additive grid and multiplicative model", () => {
  it("nearest rounds to Δℤ with ties to the even multiple; toward zero truncates; both odd", () => {
    const q = bindQuantizer({ kind: "additive", step: 0.5, rounding: "nearest" });
    expect([0.2, 0.25, 0.75, 1.25, -0.25, -0.75, 0.7].map(q.value)).toEqual([0, 0, 1, 1, -0, -1, 0.5]);
    const t = bindQuantizer({ kind: "additive", step: 0.5, rounding: "toward-zero" });
    expect([0.2, 0.99, -0.99, 1.49].map(t.value)).toEqual([0, 0.5, -0.5, 1]);
  });

  it("stochastic is unbiased with variance (x − ℓ)(h − x) (Monte Carlo within 4.5 SE)", () => {
    const q = bindQuantizer({ kind: "additive", step: 0.5, rounding: "stochastic" }, createRandom(4));
    const x = 0.6;
    const n = 40_000;
    let s = 0;
    let ups = 0;
    for (let k = 0; k < n; k++) {
      const v = q.value(x);
      s += v;
      if (v === 1) ups++;
      else expect(v).toBe(0.5);
    }
    const p = (0.6 - 0.5) / 0.5;
    expect(Math.abs(ups / n - p)).toBeLessThanOrEqual(4.5 * Math.sqrt((p * (1 - p)) / n));
    expect(Math.abs(s / n - x)).toBeLessThanOrEqual(4.5 * 0.5 * Math.sqrt((p * (1 - p)) / n));
  });

  it("multiplicative: x(1 + sξ) with Var ξ = 1, |ξ| ≤ √3", () => {
    const q = bindQuantizer({ kind: "multiplicative", s: 0.1 }, createRandom(6));
    const n = 40_000;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const d = q.value(2) / 2 - 1;
      expect(Math.abs(d)).toBeLessThanOrEqual(0.1 * Math.sqrt(3) + 1e-15);
      s2 += d * d;
    }
    // Var(d²) = E d⁴ − (E d²)² = s⁴(9/5 − 1) for ξ uniform on [−√3, √3]
    expect(Math.abs(s2 / n - 0.01)).toBeLessThanOrEqual(4.5 * Math.sqrt((0.8 * 1e-4) / n));
  });

  it("a real format goes through quantizeArray, in place and on a slice", () => {
    const q = bindQuantizer({ kind: "format", format: "e4m3", saturate: true });
    const x = new Float64Array([3.14159, 500, 232, 1]);
    q.apply(x, 0, 3);
    expect(Array.from(x)).toEqual([3.25, 448, 224, 1]);
  });

  it.each([
    [{ kind: "mantissa", bits: 0, rounding: "nearest" }, /quantizer\.bits/],
    [{ kind: "mantissa", bits: 53, rounding: "nearest" }, /quantizer\.bits/],
    [{ kind: "mantissa", bits: 2.5, rounding: "nearest" }, /quantizer\.bits/],
    [{ kind: "mantissa", bits: 7, rounding: "up" }, /quantizer\.rounding/],
    [{ kind: "additive", step: -1, rounding: "nearest" }, /quantizer\.step/],
    [{ kind: "multiplicative", s: 0 }, /quantizer\.s/],
    [{ kind: "format", format: "fp8" }, /quantizer\.format/],
    [{ kind: "int" }, /quantizer\.kind/],
  ])("refuses %o naming the field", (spec, message) => {
    expect(() => bindQuantizer(spec as never, createRandom(1))).toThrow(message);
  });

  it("asks for a Random when the quantizer draws", () => {
    expect(() => bindQuantizer({ kind: "mantissa", bits: 7, rounding: "stochastic" })).toThrow(/rng/);
    expect(() => bindQuantizer({ kind: "multiplicative", s: 0.1 })).toThrow(TypeError);
  });
});

/** One quantizer of every kind and rounding: grid and mantissa (m = 5 on the kernels, m = 51 on the scalar path), the
 * multiplicative model, and formats with and without draws. */
const everyKind: ComponentQuantizer[] = [
  { kind: "none" },
  ...(["dithered", "nearest", "toward-zero", "stochastic"] as const).flatMap((rounding) => [
    { kind: "additive", step: 0.3, rounding } as const,
    { kind: "mantissa", bits: 5, rounding } as const,
    { kind: "mantissa", bits: 51, rounding } as const,
  ]),
  { kind: "multiplicative", s: 0.1 },
  { kind: "format", format: "e4m3", rounding: "stochastic" },
  { kind: "format", format: "e4m3" },
  { kind: "format", format: "bf16" },
];

describe("bindQuantizer: applyDot rounds as value does, element by element, and returns Σ Q(x)_i·w_i in index order", () => {
  it.each(everyKind)("%o", (spec) => {
    const rng = createRandom(12);
    for (const n of [0, 1, 255, 256, 257, 700]) {
      const xs = Float64Array.from({ length: n }, (_, k) => rng.normal() * Math.exp(2 * rng.normal()) * (k % 3 === 0 ? -1 : 1));
      if (n > 20) xs.set([0, -0, 1e-310, -2.5e-320, 0.15, -0.45, 0.75], 5); // no huge value: it would drown every other term of the sum
      const w = Float64Array.from({ length: n + 3 }, () => rng.normal()); // longer than x: only its first n entries count
      const a = bindQuantizer(spec, createRandom(6));
      const b = bindQuantizer(spec, createRandom(6));
      for (let pass = 0; pass < 2; pass++) {
        const fused = Float64Array.from(xs);
        const dot = a.applyDot(fused, w);
        let expected = 0;
        for (let i = 0; i < n; i++) {
          const q = b.value(xs[i]);
          expect(Object.is(fused[i], q), `n = ${n}, x[${i}] = ${xs[i]}: ${fused[i]} vs ${q}`).toBe(true);
          expected += q * w[i];
        }
        expect(Object.is(dot, expected), `n = ${n}: ${dot} vs ${expected}`).toBe(true);
      }
      expect(a.value(0.3)).toBe(b.value(0.3)); // both generators left in the same state
    }
  });

  it("lets NaN and infinities through to the sum (Inf·0 is NaN, as in the plain loop)", () => {
    for (const spec of [{ kind: "additive", step: 0.5, rounding: "stochastic" }, { kind: "additive", step: 0.5, rounding: "nearest" }, { kind: "none" }] as const) {
      const q = bindQuantizer(spec, createRandom(1));
      expect(q.applyDot(Float64Array.from([1, Infinity]), Float64Array.from([2, 0]))).toBeNaN();
      expect(q.applyDot(Float64Array.from([1, -Infinity]), Float64Array.from([2, 1]))).toBe(-Infinity);
      expect(q.applyDot(Float64Array.from([NaN, 1]), Float64Array.from([0, 1]))).toBeNaN();
      const huge = Float64Array.from([1e300, 2.5]);
      const sum = q.applyDot(huge, Float64Array.from([1, 1]));
      expect(huge[0]).toBe(bindQuantizer(spec, createRandom(1)).value(1e300)); // past the fast formulas' range: the general path
      expect(sum).toBe(huge[0] + huge[1]);
    }
  });
});

describe("bindQuantizer: flags, refusals, slices and non-finite values", () => {
  const kinds = everyKind;

  it.each(kinds)("identity and random say what %o does: unchanged values, results that depend on the generator", (spec) => {
    const pick = createRandom(30);
    const xs = Float64Array.from({ length: 200 }, () => pick.normal() * 3);
    const one = bindQuantizer(spec, createRandom(1));
    const other = bindQuantizer(spec, createRandom(2));
    const a = Float64Array.from(xs);
    const b = Float64Array.from(xs);
    one.apply(a);
    other.apply(b);
    expect(one.identity).toBe(a.every((v, i) => Object.is(v, xs[i])));
    expect(one.random).toBe(a.some((v, i) => !Object.is(v, b[i])));
    expect(other.random).toBe(one.random);
    expect(one.spec).toBe(spec);
  });

  it("refuses a quantizer that is not an object, and names a bad rounding's field", () => {
    for (const bad of [null, undefined, 3, "mantissa"]) {
      expect(() => bindQuantizer(bad as never)).toThrow(/^quantizer must be an object/);
    }
    expect(() => bindQuantizer({ kind: "additive", step: 0.5, rounding: "up" as never })).toThrow(/^quantizer\.rounding/);
    expect(() => bindQuantizer({ kind: "format", format: "fp16", rounding: "up" as never })).toThrow(/^quantizer\.rounding/);
  });

  it("format: without saturate, overflow is what the format defines (E4M3: NaN, no infinity; fp16: Infinity); with it, the largest finite value", () => {
    // E4M3's largest finite value is 1.75·2^8 = 448 (OCP OFP8: S.1111.111 is NaN); fp16's is (2 − 2^−10)·2^15 = 65504
    const e4m3 = (saturate: boolean | undefined) => bindQuantizer({ kind: "format", format: "e4m3", saturate }).value(500);
    expect(e4m3(undefined)).toBeNaN();
    expect(e4m3(false)).toBeNaN();
    expect(e4m3(true)).toBe(1.75 * 2 ** 8);
    const x = new Float64Array([1e6, -1e6]);
    bindQuantizer({ kind: "format", format: "fp16" }).apply(x);
    expect(Array.from(x)).toEqual([Infinity, -Infinity]);
    bindQuantizer({ kind: "format", format: "fp16", saturate: true }).apply(x.fill(1e6));
    expect(Array.from(x)).toEqual([(2 - 2 ** -10) * 2 ** 15, (2 - 2 ** -10) * 2 ** 15]);
  });

  it.each(kinds)("%o on a slice [start, end) leaves every element outside it alone (slices that start late, stop short, or both)", (spec) => {
    const pick = createRandom(31);
    const xs = Float64Array.from({ length: 600 }, () => pick.normal() * 3 + 0.01);
    for (const [start, end] of [[1, 600], [0, 599], [255, 513], [7, 8]]) {
      const x = Float64Array.from(xs);
      bindQuantizer(spec, createRandom(3)).apply(x, start, end);
      for (let i = 0; i < 600; i++) if (i < start || i >= end) expect(x[i], `[${start}, ${end}) x[${i}]`).toBe(xs[i]);
      const inside = Float64Array.from(xs.subarray(start, end));
      bindQuantizer(spec, createRandom(3)).apply(inside);
      expect(Array.from(x.subarray(start, end))).toEqual(Array.from(inside)); // the slice rounds as an array of its own
    }
  });

  it.each(["nearest", "toward-zero", "stochastic"] as const)("%s: a grid point is its own rounding, up to 2^120 (past 2^51 the fast formulas give way to the general path)", (rounding) => {
    // x/Δ an integer: Q(x) = x exactly. (y + 1.5·2^52) − 1.5·2^52 would not return such y everywhere: at
    // y = 2^104 − 2^52 it gives 2^104 − 3·2^51, which is why the kernels send |y| ≥ 2^51 elsewhere.
    const pick = createRandom(32);
    const xs = [2 ** 104 - 2 ** 52, -(2 ** 104 - 2 ** 52), 2 ** 51, 2 ** 52 + 2, 2 ** 53 + 6];
    for (let e = 51; e < 120; e++) xs.push((pick.integer(2 ** 20) + 2 ** 20) * 2 ** (e - 20), -(pick.integer(2 ** 30) + 2 ** 30) * 2 ** (e - 30));
    for (const step of [1, 0.25]) {
      const q = bindQuantizer({ kind: "additive", step, rounding }, createRandom(5));
      const x = Float64Array.from(xs, (v) => v * step);
      q.apply(x);
      xs.forEach((v, i) => expect(x[i], `y = ${v}`).toBe(v * step));
      xs.forEach((v) => expect(q.value(v * step)).toBe(v * step));
    }
  });

  it.each(kinds.filter((k) => k.kind === "additive" || k.kind === "mantissa" || k.kind === "none"))("%o keeps ±Infinity, NaN and (but for the additive dither) the sign of ±0", (spec) => {
    const q = bindQuantizer(spec, createRandom(4));
    const x = new Float64Array([Infinity, -Infinity, NaN, 0, -0]);
    q.apply(x);
    expect(Array.from(x.subarray(0, 2))).toEqual([Infinity, -Infinity]);
    expect(x[2]).toBeNaN();
    // subtractive dither adds its uniform error to 0 as to any value: Δ·(round(d) − d) = −Δd there
    const dither = spec.kind === "additive" && spec.rounding === "dithered";
    expect(dither ? x[3] !== 0 && x[4] !== 0 : Object.is(x[3], 0) && Object.is(x[4], -0)).toBe(true);
    expect([q.value(Infinity), q.value(-Infinity)]).toEqual([Infinity, -Infinity]);
    expect(q.value(NaN)).toBeNaN();
  });
});

describe("bindQuantizer: apply's batched draws and branch-free stochastic rounding against value, element by element", () => {
  it.each(["stochastic", "dithered"] as const)("%s: ragged ranges across the batches of draws, draw-boundary fractions, signed zeros, subnormals, ±Inf, NaN", (rounding) => {
    const step = 0.25; // a power of two: x = (n + k·2^−32)·step is exact, so x/step recovers the fraction k·2^−32
    const spec = { kind: "additive", step, rounding } as const;
    const pick = createRandom(21);
    // the fractions that sit exactly on, just below and just above the draw an element will get: the
    // comparison u < fraction at its boundary (the twin generator reads the draws ahead)
    const ahead = createRandom(5);
    const n = 1400;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = ahead.uint32();
      const sign = pick.integer(2) ? -1 : 1;
      const whole = pick.integer(4);
      const kind = i % 8;
      if (kind === 0) xs[i] = sign * (whole + k * 2 ** -32) * step;
      else if (kind === 1) xs[i] = sign * (whole + Math.min(k + 1, 2 ** 32 - 1) * 2 ** -32) * step;
      else if (kind === 2) xs[i] = sign * (whole + Math.max(k - 1, 0) * 2 ** -32) * step;
      else if (kind === 3) xs[i] = sign * (whole + (k + 0.5) * 2 ** -32) * step; // between the draw and the next
      else if (kind === 4) xs[i] = sign * (whole + Math.max(k - 0.5, 0) * 2 ** -32) * step;
      else xs[i] = sign * pick.uniform() * 10 ** (pick.integer(8) - 4);
    }
    xs.set([0, -0, 5e-324, -5e-324, 2.2e-308, Infinity, -Infinity, NaN, 1e300, -1e17, 0.5, -0.75, 2 ** 51 * step, -(2 ** 51) * step], 300);
    for (const [start, end] of [[0, n], [0, 0], [3, 4], [1, 257], [255, 513], [100, 1399], [7, 1000]]) {
      const a = bindQuantizer(spec, createRandom(5));
      const b = bindQuantizer(spec, createRandom(5));
      const viaApply = Float64Array.from(xs);
      a.apply(viaApply, start, end);
      a.apply(viaApply, start, end); // a second pass continues the stream as a second round of value calls does
      const viaValue = Float64Array.from(xs);
      for (let pass = 0; pass < 2; pass++) for (let i = start; i < end; i++) viaValue[i] = b.value(viaValue[i]);
      for (let i = 0; i < n; i++) {
        expect(Object.is(viaApply[i], viaValue[i]), `[${start}, ${end}) x[${i}] = ${xs[i]}: ${viaApply[i]} vs ${viaValue[i]}`).toBe(true);
      }
      expect(a.value(0.3)).toBe(b.value(0.3)); // both generators left in the same state
    }
  });
});

/**
 * x rounded to m + 1 significant bits, ties to even, from its binary64 bits in BigInt arithmetic: the reference
 * for the mantissa model's nearest rounding (normal and subnormal x alike: the significand is counted from
 * x's own leading bit, as the model's scalar path does; 0, ±Infinity and NaN are returned as they are).
 */
function mantissaNearestReference(x: number, m: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const significand = biased === 0 ? fraction : fraction | (1n << 52n); // x = ±significand · 2^exponent
  const exponent = biased === 0 ? -1074 : biased - 1075;
  const shift = significand.toString(2).length - (m + 1);
  if (shift <= 0) return x;
  let q = significand >> BigInt(shift);
  const rest = significand & ((1n << BigInt(shift)) - 1n);
  const half = 1n << BigInt(shift - 1);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  const magnitude = Number(q) * 2 ** (exponent + shift); // exact: q < 2^(m+2), and the result is a binary64 (or overflows)
  return bits >> 63n ? -magnitude : magnitude;
}

describe("bindQuantizer: the mantissa model's nearest rounding (Veltkamp's splitting in apply) against a BigInt reference", () => {
  it("every significand of m + 2 and m + 3 bits (every tie and every case beside one) for m = 1 … 12, both signs, low to high binades", () => {
    for (let m = 1; m <= 12; m++) {
      const q = bindQuantizer({ kind: "mantissa", bits: m, rounding: "nearest" });
      const xs: number[] = [];
      for (const width of [m + 2, m + 3]) {
        for (let s = 2 ** (width - 1); s < 2 ** width; s++) {
          for (const e of [-1000, -40, -width, 0, 17, 1000 - width]) xs.push(s * 2 ** e, -s * 2 ** e);
        }
      }
      const viaApply = Float64Array.from(xs);
      q.apply(viaApply);
      for (let k = 0; k < xs.length; k++) {
        const want = mantissaNearestReference(xs[k], m);
        if (!Object.is(viaApply[k], want)) expect(viaApply[k], `m = ${m}, x = ${xs[k]} (apply)`).toBe(want);
        if (k % 7 === 0) expect(q.value(xs[k]), `m = ${m}, x = ${xs[k]} (value)`).toBe(want);
      }
    }
  });

  it("for every m = 1 … 50: random values over all binades, random ties, the ends of the fast range, subnormals and specials", () => {
    const rng = createRandom(77);
    for (let m = 1; m <= 50; m++) {
      const q = bindQuantizer({ kind: "mantissa", bits: m, rounding: "nearest" });
      const xs: number[] = [];
      for (let k = 0; k < 300; k++) {
        xs.push((rng.uniform() < 0.5 ? -1 : 1) * (1 + rng.uniform()) * 2 ** (rng.integer(2045) - 1022));
        // a tie: m + 2 significant bits, the last one set
        const tie = (2 ** m + rng.integer(2 ** Math.min(m, 32)) * 2 ** Math.max(0, m - 32)) * 2 + 1;
        xs.push((k % 2 ? -1 : 1) * tie * 2 ** (rng.integer(1900) - 950));
      }
      // where the fast path ends: 2^(1023 − (52 − m)) (splitter·|x| finite), the largest values (rounding to
      // Infinity), the least normal and the subnormals (rounded from their own leading bit)
      const limit = 2 ** (971 + m);
      xs.push(limit, limit * (1 - 2 ** -53), limit * (1 + 2 ** -52), -limit, Number.MAX_VALUE, -Number.MAX_VALUE, 1.9999999 * 2 ** 1023);
      // up to twice the limit splitter·|x| may overflow (Infinity − Infinity), so these take the scalar path
      xs.push(2 * limit * (1 - 2 ** -53), -2 * limit * (1 - 2 ** -40), 1.5 * limit);
      xs.push(2 ** -1022, 2 ** -1022 * (1 + 2 ** -52), 2 ** -1022 * (1 - 2 ** -52), 5e-324, -3e-310, 1.2345e-315);
      xs.push(0, -0, Infinity, -Infinity);
      const viaApply = Float64Array.from(xs);
      q.apply(viaApply);
      for (let k = 0; k < xs.length; k++) {
        const want = mantissaNearestReference(xs[k], m);
        if (!Object.is(viaApply[k], want)) expect(viaApply[k], `m = ${m}, x = ${xs[k]} (apply)`).toBe(want);
        if (!Object.is(q.value(xs[k]), want)) expect(q.value(xs[k]), `m = ${m}, x = ${xs[k]} (value)`).toBe(want);
      }
      const nan = Float64Array.of(NaN);
      q.apply(nan);
      expect(nan[0]).toBeNaN();
    }
  });
});

describe("bindQuantizer: the mantissa model's stochastic rounding in apply at the draw boundaries", () => {
  it("rounds up exactly when u < the fraction, for fractions on, just below and just above the element's own draw", () => {
    const m = 5;
    const ahead = createRandom(13); // the twin of the quantizer's generator: it knows each element's draw
    const pick = createRandom(14);
    const n = 1200;
    const xs = new Float64Array(n);
    const want = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const k = ahead.uint32();
      const kind = i % 5;
      const f = kind === 0 ? k : kind === 1 ? Math.min(k + 1, 2 ** 32 - 1) : kind === 2 ? Math.max(k - 1, 0) : kind === 3 ? k + 0.5 : pick.integer(2 ** 32);
      const whole = 2 ** m + pick.integer(2 ** m); // y = |x|/spacing in [2^m, 2^(m+1)), its fraction f·2^−32
      const e = pick.integer(60) - 30;
      const sign = pick.integer(2) ? -1 : 1;
      xs[i] = sign * (whole + f * 2 ** -32) * 2 ** (e - m); // exact: at most m + 1 + 33 bits
      const up = k * 2 ** -32 < f * 2 ** -32; // the definition: up in magnitude when u < fraction
      want[i] = sign * (whole + (up ? 1 : 0)) * 2 ** (e - m);
    }
    const q = bindQuantizer({ kind: "mantissa", bits: m, rounding: "stochastic" }, createRandom(13));
    const viaApply = Float64Array.from(xs);
    q.apply(viaApply);
    for (let i = 0; i < n; i++) if (!Object.is(viaApply[i], want[i])) expect(viaApply[i], `x = ${xs[i]}`).toBe(want[i]);
  });
});
