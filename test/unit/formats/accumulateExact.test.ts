import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { encode, formatInfo, representableValues } from "../../../src/formats/index";
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
});
