// The ziggurat's three paths (rectangle, wedge, tail), each driven by scripted 32-bit words, against the
// Marsaglia–Tsang construction rebuilt here from its definition: 128 regions of equal area V under
// f(x) = exp(−x²/2), the base strip being the rectangle [0, r] × [0, f(r)] plus the tail beyond r.
import { describe, expect, it } from "vitest";
import { Random, createRandom, fillZigguratNormal, normalSf, zigguratNormal } from "../../../src/numeric/index";
import { stateWithOutputs } from "./xoshiroStates";

const R = 3.442619855899;
const TWO24 = 16777216;
const TWO32 = 4294967296;
const f = (x: number) => Math.exp(-0.5 * x * x);
/** V from its definition: the base strip's rectangle r·f(r) plus the tail's area √(2π)·Q(r). */
const V = R * f(R) + Math.sqrt(2 * Math.PI) * normalSf(R);

/**
 * The layer edges x_127 = r > x_126 > … > x_1 from the equal-area definition: layer i (1 ≤ i ≤ 126) is the
 * rectangle [0, x_i] × [f(x_i), f(x_{i−1})] of area V, each x_{i−1} found by bisection on that area
 * (not by the closed-form inverse the library uses).
 */
const X: number[] = new Array(128);
X[127] = R;
for (let i = 127; i >= 2; i--) {
  const xi = X[i];
  let lo = 0;
  let hi = xi;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    // area of [0, xi] × [f(xi), f(mid)] decreases as mid grows
    if (xi * (f(mid) - f(xi)) > V) lo = mid;
    else hi = mid;
  }
  X[i - 1] = (lo + hi) / 2;
}

/** A Random whose next words come from a script (then from its own stream), counting the words taken. */
class Scripted extends Random {
  script: number[] | undefined;
  taken = 0;
  constructor(seed: number) {
    super(seed);
    this.script = [];
  }
  override uint32(): number {
    if (this.script === undefined) return super.uint32(); // during the base constructor
    this.taken++;
    const w = this.script.shift();
    return w === undefined ? super.uint32() : w >>> 0;
  }
  run(...words: number[]): number {
    this.script = words;
    this.taken = 0;
    return zigguratNormal(this);
  }
}

/** The word that picks layer i, the sign (1 = negative) and position j (bits 0–6, bit 7, bits 8–31). */
const word = (i: number, negative: 0 | 1, j: number) => ((j * 256) | (negative << 7) | i) >>> 0;
/** The word that makes the (0, 1) uniform (w + 0.5)/2³² close to u. */
const uniformWord = (u: number) => Math.floor(u * TWO32);
const uniformOf = (w: number) => (w + 0.5) / TWO32;

describe("zigguratNormal's tables, measured through scripted draws", () => {
  const rng = new Scripted(5);
  /** x_i as the generator sees it: position j = 1 in layer i returns x_i/2²⁴ (the top layer via its wedge). */
  const measured = (i: number) => rng.run(word(i, 0, 1), uniformWord(1e-6)) * TWO24;

  it("layer widths: x_i of the equal-area construction (rel. 1e-12), x_127 = r", () => {
    for (let i = 1; i <= 127; i++) expect(Math.abs(measured(i) / X[i] - 1)).toBeLessThan(1e-12);
    expect(measured(127)).toBe(R);
    // and the top layer closes: x_1·(1 − f(x_1)) = V to the precision of r's 13 digits
    expect(Math.abs((X[1] * (1 - f(X[1]))) / V - 1)).toBeLessThan(1e-6);
  });

  it("base strip: width V/f(r) (position 1 gives it over 2²⁴); the rectangle path ends at r", () => {
    const q = V / f(R);
    expect(Math.abs(rng.run(word(0, 0, 1)) * TWO24 - q) / q).toBeLessThan(1e-12);
    expect(rng.taken).toBe(1);
    const edge = (R / q) * TWO24;
    const inside = Math.floor(edge) - 1;
    expect(Math.abs(rng.run(word(0, 0, inside)) / ((inside * q) / TWO24) - 1)).toBeLessThan(1e-12);
    expect(rng.taken).toBe(1);
    // one step past r: the tail (two more uniforms at least), never a value below r
    const beyond = Math.ceil(edge) + 1;
    const z = rng.run(word(0, 0, beyond), uniformWord(0.5), uniformWord(0.01));
    expect(rng.taken).toBe(3);
    expect(z).toBeGreaterThan(R);
  });

  it("rectangle path: one word, value j·x_i/2²⁴ exactly while j·x_i/2²⁴ < x_{i−1}; the sign is bit 7", () => {
    for (let i = 2; i <= 127; i++) {
      const edge = (X[i - 1] / X[i]) * TWO24;
      const j = Math.floor(edge) - 2;
      expect(rng.run(word(i, 0, j))).toBe((j * measured(i)) / TWO24);
      rng.run(word(i, 1, j));
      expect(rng.taken).toBe(1);
      expect(rng.run(word(i, 1, j))).toBe(-(j * measured(i)) / TWO24);
      expect(rng.run(word(i, 0, 0))).toBe(0);
      // just past x_{i−1}: the wedge, which takes a uniform (near 0 here: accepted, f(x) > f(x_i))
      const k = Math.ceil(edge) + 2;
      const x = rng.run(word(i, 0, k), uniformWord(1e-9));
      expect(rng.taken).toBe(2);
      expect(x).toBe((k * measured(i)) / TWO24);
    }
  });

  it("the rectangle's last position is K_i = ⌊2²⁴·x_{i−1}/x_i⌋ − 1 exactly: K_i itself takes the wedge's uniform", () => {
    let tested = 0;
    for (let i = 0; i <= 127; i++) {
      // layer 0: the base strip, whose rectangle ends at r within the width V/f(r)
      const e = i === 0 ? (R / (V / f(R))) * TWO24 : (X[i - 1] / X[i]) * TWO24;
      const frac = e - Math.floor(e);
      if (i === 1 || frac < 1e-6 || frac > 1 - 1e-6) continue; // the top layer has no rectangle; floor unsure
      const k = Math.floor(e);
      rng.run(word(i, 0, k - 1));
      expect(rng.taken).toBe(1);
      const x = rng.run(word(i, 0, k), uniformWord(1e-9), uniformWord(0.5), uniformWord(0.01));
      expect(rng.taken).toBeGreaterThan(1);
      if (i > 0) expect(x).toBe((k * measured(i)) / TWO24); // f(x) ≥ f(x_{i−1}): always accepted
      tested++;
    }
    expect(tested).toBeGreaterThan(120);
  });

  it("the batched fill's rectangle ends at the same K_i: a real generator put in a state whose next word is position K_i − 1, then K_i", () => {
    // fillZigguratNormal runs its own copy of the rectangle test on a real Random (a subclass such as Scripted
    // is served call by call), so its boundary is reached here through constructed xoshiro states instead
    let tested = 0;
    for (let i = 0; i <= 127; i++) {
      const e = i === 0 ? (R / (V / f(R))) * TWO24 : (X[i - 1] / X[i]) * TWO24;
      const frac = e - Math.floor(e);
      if (i === 1 || frac < 1e-6 || frac > 1 - 1e-6) continue;
      const k = Math.floor(e);
      for (const j of [k - 1, k]) {
        const words = stateWithOutputs(word(i, 0, j), uniformWord(0.5));
        const batched = Random.fromState(words);
        const single = Random.fromState(words);
        const out = fillZigguratNormal(new Float64Array(1), batched);
        expect(out[0]).toBe(zigguratNormal(single)); // the single call's boundary is the test above
        expect(batched.sameState(single), `layer ${i}, position ${j}`).toBe(true); // the wedge's uniform taken at K_i only
      }
      tested++;
    }
    expect(tested).toBeGreaterThan(120);
  });

  it("wedge path: x accepted iff the uniform is below (f(x) − f(x_i))/(f(x_{i−1}) − f(x_i)), else a new word", () => {
    for (let i = 1; i <= 127; i++) {
      const lower = i === 1 ? 0 : X[i - 1];
      const top = i === 1 ? 1 : f(X[i - 1]);
      const j = Math.floor((((lower + X[i]) / 2) * TWO24) / X[i]); // the wedge's middle
      const x = (j * X[i]) / TWO24;
      const p = (f(x) - f(X[i])) / (top - f(X[i]));
      expect(p).toBeGreaterThan(0.01);
      expect(p).toBeLessThan(0.99);
      const below = uniformWord(p - 1e-7);
      expect(uniformOf(below)).toBeLessThan(p);
      const accepted = rng.run(word(i, 1, j), below);
      expect(rng.taken).toBe(2);
      expect(Math.abs(accepted / -x - 1)).toBeLessThan(1e-12);
      // rejected: the next word (layer 9, position 0) gives 0
      expect(rng.run(word(i, 1, j), uniformWord(p + 1e-7), word(9, 0, 0))).toBe(0);
      expect(rng.taken).toBe(3);
    }
  });

  it("tail path: r − ln(U1)/r, accepted iff −2·ln(U2) ≥ (ln(U1)/r)², else a new pair", () => {
    const w1 = uniformWord(Math.exp(-R * 0.5)); // x ≈ 0.5: accepted iff −ln U2 ≥ x²/2 ≈ 0.125
    const x = -Math.log(uniformOf(w1)) / R;
    const yes = uniformWord(Math.exp(-0.13)); // −ln U2 = 0.13
    const no = uniformWord(Math.exp(-0.12)); // −ln U2 = 0.12
    const tail = word(0, 0, TWO24 - 1);
    expect(Math.abs(rng.run(tail, w1, yes) - (R + x))).toBeLessThan(1e-13);
    expect(rng.taken).toBe(3);
    expect(Math.abs(rng.run(word(0, 1, TWO24 - 1), w1, yes) + (R + x))).toBeLessThan(1e-13);
    // rejected pair, then a pair with x ≈ 0.1 accepted
    const w3 = uniformWord(Math.exp(-R * 0.1));
    const x3 = -Math.log(uniformOf(w3)) / R;
    expect(Math.abs(rng.run(tail, w1, no, w3, yes) - (R + x3))).toBeLessThan(1e-13);
    expect(rng.taken).toBe(5);
  });
});

describe("zigguratNormal's tail, from real draws", () => {
  it("given a tail word, |Z| − r follows P(Z > r + t | Z > r) = Q(r + t)/Q(r) (KS, D < 1.95/√n)", () => {
    const rng = new Scripted(77);
    const n = 20_000;
    const t = new Float64Array(n);
    for (let k = 0; k < n; k++) t[k] = rng.run(word(0, 0, TWO24 - 1)) - R;
    t.sort();
    const qr = normalSf(R);
    let d = 0;
    for (let k = 0; k < n; k++) {
      const cdf = 1 - normalSf(R + t[k]) / qr;
      d = Math.max(d, Math.abs(cdf - k / n), Math.abs(cdf - (k + 1) / n));
    }
    expect(t[0]).toBeGreaterThan(0);
    expect(d).toBeLessThan(1.95 / Math.sqrt(n)); // the 0.1% critical value
  });

  it("a χ² test of 200,000 draws over 64 equiprobable bins of Φ (χ² < 110, p ≈ 2e-4 at 63 degrees)", () => {
    const n = 200_000;
    const bins = 64;
    const z = fillZigguratNormal(new Float64Array(n), createRandom(2024));
    // bin edges by bisection on Φ's survival function (normalSf is tested against mpmath elsewhere)
    const edges: number[] = [];
    for (let b = 1; b < bins; b++) {
      let lo = -10;
      let hi = 10;
      for (let k = 0; k < 100; k++) {
        const mid = (lo + hi) / 2;
        if (1 - normalSf(mid) < b / bins) lo = mid;
        else hi = mid;
      }
      edges.push((lo + hi) / 2);
    }
    const counts = new Array(bins).fill(0);
    for (const v of z) {
      let b = 0;
      while (b < bins - 1 && v >= edges[b]) b++;
      counts[b]++;
    }
    const e = n / bins;
    const chi2 = counts.reduce((s, c) => s + ((c - e) * (c - e)) / e, 0);
    expect(chi2).toBeLessThan(110);
  });
});

describe("zigguratNormal and fillZigguratNormal refusals and contract", () => {
  it("fill: out returned, every element the next zigguratNormal of a twin generator", () => {
    const out = new Float64Array(1000);
    expect(fillZigguratNormal(out, createRandom(8))).toBe(out);
    const twin = createRandom(8);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBe(zigguratNormal(twin));
  });
  it("fill takes exactly out.length deviates: the generator then continues with the twin's next one", () => {
    for (const n of [0, 1, 7]) {
      const rng = createRandom(19);
      fillZigguratNormal(new Float64Array(n), rng);
      const twin = createRandom(19);
      for (let i = 0; i < n; i++) zigguratNormal(twin);
      expect(zigguratNormal(rng)).toBe(zigguratNormal(twin));
    }
  });
  it("names the parameter and the bad value", () => {
    expect(() => zigguratNormal({} as never)).toThrow(TypeError);
    expect(() => zigguratNormal(42 as never)).toThrow(/^rng must be a Random \(createRandom\(seed\)\), got 42/);
    expect(() => fillZigguratNormal([1, 2] as never, createRandom(1))).toThrow(TypeError);
    expect(() => fillZigguratNormal([1, 2] as never, createRandom(1))).toThrow(/^out must be a Float64Array, got /);
    expect(() => fillZigguratNormal(new Float64Array(2), "x" as never)).toThrow(TypeError);
    expect(() => fillZigguratNormal(new Float64Array(2), 7 as never)).toThrow(/^rng must be a Random \(createRandom\(seed\)\), got 7/);
  });
});
