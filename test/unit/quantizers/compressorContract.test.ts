/**
 * The contract every compressor keeps, checked on one of each kind: the estimate goes into `out`, the
 * measured message length equals each scheme's definition, and every refusal names the parameter,
 * the bad value and what is allowed (the messages in full).
 */
import { describe, expect, it } from "vitest";
import { createRandom } from "../../../src/numeric/index";
import { hadamardStochastic, qsgd, randomSubsetStochastic, uniformStochastic } from "../../../src/quantizers/index";
import { KINDS, oneOfEach } from "../../support/compressors";

function gaussian(d: number, seed: number): Float64Array {
  return createRandom(seed).fillNormal(new Float64Array(d));
}

describe("common contract", () => {
  // Message lengths for d = 12 from each scheme's definition: d·b; k·b; d + 32; 32 + d·(1 + ⌈log2(s + 1)⌉)
  // with s = 2 (2 level bits); 64 + n·b with n = 16.
  const definedLengths = [12 * 2, 3 * 2, 12 + 32, 32 + 12 * 3, 64 + 16 * 2];
  const build = (i: number) => oneOfEach({ bits: 2, range: 3, k: 3, levels: 2 })[i];
  it.each(KINDS.map((kind, i) => [kind, i] as const))("%s: writes into out, sends the defined number of bits (measured), allows out = g", (_kind, i) => {
    const c = build(i);
    const definedBits = definedLengths[i];
    const g = gaussian(12, 1);
    const out = new Float64Array(12);
    const r = c.compress(g, createRandom(1), out);
    expect(r.estimate).toBe(out);
    // the measured length of the real message, and the definition's count
    const message = c.encode(g, createRandom(1));
    expect(message.bytes.length).toBe(Math.ceil(definedBits / 8));
    expect(message.bits).toBe(definedBits);
    expect(r.bits).toBe(definedBits);
    expect(c.bits(12)).toBe(definedBits);
    const copy = Float64Array.from(g);
    c.compress(copy, createRandom(1), copy);
    expect(Array.from(copy)).toEqual(Array.from(out)); // same coin, same message, in place
  });
  it.each(KINDS.map((kind, i) => [kind, i] as const))("%s: rejects bad g, rng, out and d, naming them", (_kind, i) => {
    const c = build(i);
    const rng = createRandom(1);
    expect(() => c.compress([1, 2, 3] as unknown as Float64Array, rng)).toThrow(TypeError);
    expect(() => c.compress(new Float32Array(3) as unknown as Float64Array, rng)).toThrow(/g must be a Float64Array/);
    expect(() => c.meanSquaredError([1, 2, 3] as unknown as Float64Array)).toThrow(/g must be a Float64Array/);
    expect(() => c.compress(new Float64Array(0), rng)).toThrow(RangeError);
    expect(() => c.compress(new Float64Array(4), {} as never)).toThrow(/rng/);
    expect(() => c.compress(new Float64Array(4), rng, new Float64Array(3))).toThrow(/out\.length/);
    expect(() => c.bits(0)).toThrow(/d must be/);
    expect(() => c.bits(2.5)).toThrow(RangeError);
  });
  it.each(KINDS.map((kind, i) => [kind, i] as const))("%s: the refusals' messages name the parameter, the bad value and what is allowed", (_kind, i) => {
    const c = build(i);
    const rng = createRandom(1);
    expect(() => c.compress(new Float64Array(0), rng)).toThrow(/^g must have length >= 1, got length 0$/);
    expect(() => c.encode(new Float64Array(0), rng)).toThrow(/^g must have length >= 1, got length 0$/);
    expect(() => c.compress(new Float64Array(4), rng, new Float64Array(3))).toThrow(/^out\.length must equal g\.length = 4, got 3$/);
    // an out of another type is refused, not written into
    const wrongType = [0, 0, 0, 0];
    expect(() => c.compress(new Float64Array(4), rng, wrongType as never)).toThrow(TypeError);
    expect(() => c.compress(new Float64Array(4), rng, new Float32Array(4) as never)).toThrow(/^out must be a Float64Array, got a Float32Array$/);
    expect(() => c.decode(c.encode(new Float64Array(4), createRandom(1)), 4, createRandom(1), wrongType as never)).toThrow(/^out must be a Float64Array, got an array of length 4$/);
    expect(wrongType).toEqual([0, 0, 0, 0]);
    expect(() => c.compress(new Float64Array(4), null as never)).toThrow(/^rng must be a Random \(createRandom\(seed, stream\)\), got null$/);
    // a message that is not an object, or whose bytes are not a Uint8Array
    expect(() => c.decode("message" as never, 12, createRandom(1))).toThrow(/^message must be an object \{ bytes, bits \}, got "message"$/);
    expect(() => c.decode(7 as never, 12, createRandom(1))).toThrow(/^message must be an object \{ bytes, bits \}, got 7$/);
    const bits = c.bits(12);
    expect(() => c.decode({ bytes: [1, 2], bits } as never, 12, createRandom(1))).toThrow(/^message\.bytes must be a Uint8Array, got an array of length 2$/);
    expect(() => c.decode({ bytes: new Uint8Array(Math.ceil(bits / 8)), bits: String(bits) } as never, 12, createRandom(1))).toThrow(
      new RegExp(`^message\\.bits must be ${bits} for this compressor and d, got "${bits}"$`),
    );
    expect(() => c.decode({ bytes: new Uint8Array(Math.ceil(bits / 8) + 1), bits }, 12, createRandom(1))).toThrow(
      new RegExp(`^message\\.bytes\\.length must be ⌈${bits}/8⌉ = ${Math.ceil(bits / 8)}, got ${Math.ceil(bits / 8) + 1}$`),
    );
  });
});

describe("names, options and the entries a message cannot carry", () => {
  // the documented name, whether ±Infinity is clipped, what would carry a refused entry (oneOfEach's order)
  const table: Array<[string, boolean, string]> = [
    ["uniformStochastic(bits=2, range=0.5)", true, "a grid index cannot carry NaN; ±Infinity is clipped to ±range"],
    ["randomSubsetStochastic(k=3, bits=2, range=0.5)", true, "a grid index cannot carry NaN; ±Infinity is clipped to ±range"],
    ["scaledSign", false, "the FP32 scale ‖g‖₁/d must be finite"],
    ["qsgd(levels=7)", false, "the FP32 norm ‖g‖ must be finite"],
    ["hadamardStochastic(bits=2)", false, "the FP32 range of the rotated vector must be finite"],
  ];
  // unbiased and mseIsExact as each scheme's TSDoc states them (compressors.test.ts holds them to Monte Carlo):
  // only scaled sign is biased, only the Hadamard scheme's MSE is a bound
  const flags: Array<[boolean, boolean]> = [[true, true], [true, true], [false, true], [true, true], [true, false]];
  it.each(table.map((row, i) => [row[0], i, ...row, ...flags[i]] as const))("%s", (_label, i, name, clips, carrier, unbiased, mseIsExact) => {
    const c = oneOfEach({ bits: 2, range: 0.5, k: 3, levels: 7 })[i];
    expect(c.name).toBe(name);
    expect(c.unbiased).toBe(unbiased);
    expect(c.mseIsExact).toBe(mseIsExact);
    const escaped = carrier.replace(/[()‖₁/±;]/g, "\\$&");
    const nan = new Float64Array([0.5, -0.5, NaN, 0]);
    const allowed = clips ? "must not be NaN" : "must be finite";
    for (const call of [() => c.encode(nan, createRandom(1)), () => c.compress(nan, createRandom(1)), () => c.meanSquaredError(nan)]) {
      expect(call).toThrow(new RegExp(`^g\\[2\\] ${allowed} \\(${escaped}\\), got NaN$`));
    }
    const inf = new Float64Array([0.5, Infinity, 0, 0]);
    if (clips) expect(c.encode(inf, createRandom(1)).bits).toBe(c.bits(4)); // clipped, sent
    else expect(() => c.encode(inf, createRandom(1))).toThrow(new RegExp(`^g\\[1\\] must be finite \\(${escaped}\\), got Infinity$`));
  });
  it("bits per coordinate outside 1 … 32 are refused, naming bits, the range allowed and the value", () => {
    for (const bad of [0, 33, 2.5]) {
      for (const make of [() => uniformStochastic({ bits: bad, range: 1 }), () => randomSubsetStochastic({ k: 1, bits: bad, range: 1 }), () => hadamardStochastic({ bits: bad })]) {
        expect(make).toThrow(RangeError);
        expect(make).toThrow(new RegExp(`^bits must be an integer from 1 to 32, got ${bad}$`));
      }
    }
  });
  it("options that are not an object are refused with a TypeError naming options and the value", () => {
    const factories = [uniformStochastic, randomSubsetStochastic, qsgd, hadamardStochastic] as Array<(o: never) => unknown>;
    for (const make of factories) {
      for (const [bad, shown] of [[null, "null"], [3, "3"], ["bits", '"bits"'], [undefined, "undefined"]] as const) {
        expect(() => make(bad as never)).toThrow(TypeError);
        expect(() => make(bad as never)).toThrow(new RegExp(`^options must be an object, got ${shown}$`));
      }
    }
  });
});
