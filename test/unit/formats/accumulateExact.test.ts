import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { encode, formatInfo, quantize, representableValues } from "../../../src/formats/index";
import type { FormatName } from "../../../src/formats/index";
import { accumulateInFormat } from "../../../src/formats/accumulate";

/**
 * Reference for accumulateInFormat in exact rational arithmetic: every double is an integer multiple
 * of 2^−1074, so s + x is an exact BigInt in those units; it is rounded onto the format's value table
 * (representableValues) by comparisons of BigInts: nearest with ties to the even code, toward zero,
 * or stochastic (away from zero iff u < (|v| − t)/(a − t), t and a the neighbours toward and away from
 * zero, as rounding.ts defines it for quantize; compared exactly). No TwoSum, no bracket,
 * no ulp: a different route from the library's.
 */
const VIEW = new DataView(new ArrayBuffer(8));
function exact(d: number): bigint {
  if (d === 0) return 0n;
  VIEW.setFloat64(0, d);
  const hi = VIEW.getUint32(0);
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(VIEW.getUint32(4));
  if (e !== 0) m |= 1n << 52n;
  const v = m << BigInt(Math.max(e, 1) - 1); // m·2^(max(e,1) − 1075), in units of 2^−1074
  return d < 0 ? -v : v;
}

interface Table {
  values: Float64Array; // ascending
  exacts: bigint[];
}
const tables = new Map<FormatName, Table>();
function table(f: FormatName): Table {
  let t = tables.get(f);
  if (t === undefined) {
    const values = representableValues(f);
    t = { values, exacts: Array.from(values, exact) };
    tables.set(f, t);
  }
  return t;
}

/** Index of the largest table entry ≤ v (exact), or −1. */
function floorIndex(t: Table, v: bigint): number {
  let lo = -1;
  let hi = t.exacts.length; // invariant: exacts[lo] ≤ v < exacts[hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (t.exacts[mid] <= v) lo = mid;
    else hi = mid;
  }
  return lo;
}

type Mode = "nearest-even" | "toward-zero" | "stochastic";

/** Q(s + x) in exact arithmetic, or undefined when s + x lies beyond the finite range. */
function exactStep(f: FormatName, s: number, x: number, mode: Mode, u: number): number | undefined {
  const t = table(f);
  const v = exact(s) + exact(x);
  const i = floorIndex(t, v);
  if (i < 0 || v > t.exacts[t.exacts.length - 1]) return undefined;
  if (t.exacts[i] === v) return t.values[i];
  const l = t.exacts[i];
  const h = t.exacts[i + 1];
  let up: boolean;
  if (mode === "nearest-even") {
    const twice = 2n * v;
    up = twice > l + h || (twice === l + h && encode(f, t.values[i]) % 2 === 1);
  } else if (mode === "toward-zero") {
    up = v < 0n;
  } else {
    // on the magnitude (rounding.ts): away from zero iff u < (|v| − t)/(a − t), t and a the neighbours
    // toward and away from zero, i.e. u·(a − t) < |v| − t exactly
    const away = exact(u) * (h - l) < (v < 0n ? h - v : v - l) << 1074n;
    up = v < 0n ? !away : away;
  }
  return t.values[up ? i + 1 : i];
}

/**
 * Increments that make the exact sum s + x fall off binary64's grid next to a tie of the format
 * (x = (m − s)·(1 + j·2^−52), m a midpoint of two neighbours, j = −2 … 2), increments far below the
 * spacing, and ordinary ones of a few spacings; the sum is steered back toward 0 near the range's ends.
 */
function increment(f: FormatName, s: number, rng: ReturnType<typeof createRandom>): number {
  const t = table(f);
  const max = formatInfo(f).maxFinite;
  const kind = rng.integer(3);
  const toward = Math.abs(s) > max / 4 ? -Math.sign(s) : rng.uniform() < 0.5 ? -1 : 1;
  const i = Math.max(1, Math.min(t.values.length - 3, floorIndex(t, exact(s)) + toward * (1 + rng.integer(6))));
  const gap = t.values[i + 1] - t.values[i];
  if (kind === 0) {
    const mid = (t.values[i] + t.values[i + 1]) / 2; // exact: the formats have fewer than 52 bits
    const j = rng.integer(5) - 2;
    return (mid - s) * (1 + j * 2 ** -52);
  }
  if (kind === 1) return toward * gap * 2 ** -(1 + rng.integer(60)) * (1 + rng.uniform());
  return toward * gap * 2 * rng.uniform();
}

describe("accumulateInFormat against exact rational arithmetic", () => {
  const formats: FormatName[] = ["bf16", "fp16", "e5m2", "e4m3", "e3m2", "e2m3", "e2m1", "int8"];
  it.each(formats)("%s: every partial sum of 3 × 400 steps per rounding is the exactly rounded s + x", (f) => {
    let compared = 0;
    let offGrid = 0; // steps whose exact sum binary64 cannot hold (TwoSum's lo ≠ 0)
    for (const mode of ["nearest-even", "toward-zero", "stochastic"] as Mode[]) {
      for (let run = 0; run < 3; run++) {
        const rng = createRandom(91, formats.indexOf(f) * 10 + run);
        const T = 400;
        const xs = new Float64Array(T);
        const draws = rng.fillUniform(new Float64Array(T));
        // build the increments along the reference's own path
        const want: number[] = [];
        let s = 0;
        for (let k = 0; k < T; k++) {
          xs[k] = increment(f, s, rng);
          const next = exactStep(f, s, xs[k], mode, draws[k]);
          if (next === undefined) break;
          if (s + xs[k] - s !== xs[k] || exact(s + xs[k]) !== exact(s) + exact(xs[k])) offGrid++;
          want.push(next);
          s = next;
        }
        let k = 0;
        const got = accumulateInFormat(f, xs, { rounding: mode, random: () => draws[k++] });
        expect(k).toBe(mode === "stochastic" ? T : 0); // one draw per increment, stochastic only
        for (let t = 0; t < want.length; t++) {
          if (got[t] !== want[t]) expect({ f, mode, run, t, s: t ? want[t - 1] : 0, x: xs[t], got: got[t] }).toEqual({ f, mode, run, t, s: t ? want[t - 1] : 0, x: xs[t], got: want[t] });
        }
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(3 * 3 * 300);
    expect(offGrid).toBeGreaterThan(100);
  });

  /**
   * The ends of the range: the table extended by the two points beyond it that an unbounded exponent
   * range would have (max + its spacing, lowest − its spacing); a sum rounded to one of them overflows
   * as quantize decides for that point (Inf, NaN or ±max; ±max with saturate), and so does a sum beyond
   * them (toward zero: quantize's roundTowardZero of it). One step from each of
   * the three largest and three least values, toward a midpoint next to the end (off binary64's grid
   * by j·2^−52, j = −2 … 2) or by a tiny amount, with draws at 0, 2^−61, 1/4, 1/2 and 1 − 2^−53.
   */
  it.each(formats)("%s: one step next to either end of the range, every rounding, with and without saturate", (f) => {
    const t = table(f);
    const v = t.values;
    const len = v.length;
    const above = v[len - 1] + (v[len - 1] - v[len - 2]);
    const below = v[0] - (v[1] - v[0]);
    const ext = [below, ...v, above];
    const extExact = ext.map(exact);
    const extTable: Table = { values: Float64Array.from(ext), exacts: extExact };
    const evenVirtual = (p: number, spacing: number): boolean => Math.abs(p / spacing) % 2 === 0;
    const reference = (s: number, x: number, mode: Mode, u: number, saturate: boolean): number | undefined => {
      const w = exact(s) + exact(x);
      // beyond the extended table the sum overflows whatever the draw: quantize decides how (toward zero
      // keeps ±max unless saturation is asked for, as IEEE roundTowardZero does)
      if (w < extExact[0] || w > extExact[extExact.length - 1]) {
        const end = w > 0n ? above : below;
        return mode === "toward-zero" ? quantize(f, 2 * end, { rounding: "toward-zero", saturate }) : quantize(f, end, { saturate });
      }
      const i = Math.min(floorIndex(extTable, w), extExact.length - 2);
      let k = i;
      if (extExact[i] !== w) {
        const l = extExact[i];
        const h = extExact[i + 1];
        let up: boolean;
        if (mode === "nearest-even") {
          const even = (j: number): boolean =>
            j === 0 ? evenVirtual(below, v[1] - v[0]) : j === ext.length - 1 ? evenVirtual(above, v[len - 1] - v[len - 2]) : encode(f, ext[j]) % 2 === 0;
          up = 2n * w > l + h || (2n * w === l + h && !even(i));
        } else if (mode === "toward-zero") {
          up = w < 0n;
        } else {
          const away = exact(u) * (h - l) < (w < 0n ? h - w : w - l) << 1074n;
          up = w < 0n ? !away : away;
        }
        k = up ? i + 1 : i;
      }
      const r = ext[k];
      // a virtual point overflows (toward zero reaches one only as the exact sum, and keeps ±max)
      const overflow = { rounding: mode === "toward-zero" ? ("toward-zero" as const) : ("nearest-even" as const), saturate };
      return k === 0 || k === ext.length - 1 ? quantize(f, r, overflow) : r;
    };
    const starts = [v[len - 1], v[len - 2], v[len - 3], v[0], v[1], v[2]];
    const mids = [(v[len - 1] + above) / 2, (v[len - 2] + v[len - 1]) / 2, (v[len - 3] + v[len - 2]) / 2];
    const targets = [...mids, ...mids.map((m) => -m), ...mids.map((m) => (f.startsWith("int") ? -m - 1 : -m))];
    const draws = [0, 2 ** -61, 0.25, 0.5, 1 - 2 ** -53];
    let compared = 0;
    let overflowed = 0;
    for (const s of starts) {
      const steps: number[] = [];
      for (const m of targets) for (let j = -2; j <= 2; j++) steps.push((m - s) * (1 + j * 2 ** -52));
      const spacing = v[len - 1] - v[len - 2];
      for (let e = 1; e <= 60; e += 7) {
        for (const k of [2 ** -e, (1 + 2 ** -e) / 2, 1 - 2 ** -e, 1 + 2 ** -e, 3 + 2 ** -e]) steps.push(k * spacing, -k * spacing);
      }
      for (const x of steps) {
        if (x === 0) continue;
        for (const mode of ["nearest-even", "toward-zero", "stochastic"] as Mode[]) {
          for (const saturate of [false, true]) {
            for (const u of mode === "stochastic" ? draws : [0]) {
              const want = reference(s, x, mode, u, saturate);
              if (want === undefined) continue;
              const got = accumulateInFormat(f, [x], { initial: s, rounding: mode, random: () => u, saturate })[0];
              if (!Object.is(got, want) && !(got === 0 && want === 0)) {
                expect({ f, s, x, mode, u, saturate, got }).toEqual({ f, s, x, mode, u, saturate, got: want });
              }
              compared++;
              if (!(Math.abs(want) <= v[len - 1]) || want !== want || (saturate && Math.abs(want) === v[len - 1] && Math.abs(s + x) > v[len - 1])) overflowed++;
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(overflowed).toBeGreaterThan(20); // sums beyond the range were among them
  });
});
