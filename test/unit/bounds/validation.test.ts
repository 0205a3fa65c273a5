import { describe, expect, it } from "vitest";
import {
  communicationBound,
  crossoverBits,
  lowerBounds,
  productBound,
  regime,
  statisticalBound,
  targetDistortion,
} from "../../../src/bounds/index";

const good = { d: 16, bits: 8, sigma: 1, eps: 0.1 };
type Args = Parameters<typeof lowerBounds>[0];
const calls: [string, (a: Args) => unknown][] = [
  ["lowerBounds", lowerBounds],
  ["productBound", productBound],
  ["statisticalBound", statisticalBound],
  ["communicationBound", (a) => communicationBound({ ...a, priorVariance: a.priorVariance ?? 1 })],
];

describe("bad input names the parameter", () => {
  it.each(calls)("%s: d, eps, D, mu, priors", (_, f) => {
    const bad: [Record<string, unknown>, RegExp, ErrorConstructor][] = [
      [{ d: 0 }, /^d must be an integer >= 1, got 0/, RangeError],
      [{ d: 2.5 }, /^d must be an integer >= 1, got 2.5/, RangeError],
      [{ d: NaN }, /^d must/, RangeError],
      [{ d: "16" }, /^d must be a number/, TypeError],
      [{ eps: 0 }, /^eps must be a finite number > 0, got 0/, RangeError],
      [{ eps: -0.1 }, /^eps must/, RangeError],
      [{ eps: Infinity }, /^eps must/, RangeError],
      [{ eps: undefined, D: -1 }, /^D must be a finite number > 0, got -1/, RangeError],
      [{ D: 0.1 }, /give eps or D, not both/, RangeError],
      [{ eps: undefined }, /give the accuracy/, RangeError],
      [{ mu: 0 }, /^mu must be a finite number > 0, got 0/, RangeError],
      [{ mu: -1 }, /^mu must/, RangeError],
      [{ priorRadius: 0 }, /^priorRadius must/, RangeError],
      [{ priorRadius: 1, priorVariance: 1 }, /priorRadius or priorVariance, not both/, RangeError],
      [{ priorVariance: -2 }, /^priorVariance must/, RangeError],
    ];
    for (const [patch, message, kind] of bad) {
      const args = { ...good, ...patch } as unknown as Args;
      expect(() => f(args), JSON.stringify(patch)).toThrow(kind);
      expect(() => f(args), JSON.stringify(patch)).toThrow(message);
    }
    expect(() => f(null as unknown as Args)).toThrow(TypeError);
  });

  it("sigma and bits", () => {
    for (const sigma of [0, -1, Infinity, NaN]) {
      expect(() => lowerBounds({ ...good, sigma })).toThrow(/^sigma must be a finite number > 0/);
      expect(() => productBound({ ...good, sigma })).toThrow(RangeError);
      expect(() => statisticalBound({ ...good, sigma })).toThrow(/^sigma/);
    }
    expect(() => statisticalBound({ d: 4, eps: 1 } as unknown as Parameters<typeof statisticalBound>[0])).toThrow(TypeError);
    for (const bits of [0, -8, Infinity, NaN]) {
      expect(() => lowerBounds({ ...good, bits })).toThrow(/^bits must be a finite number > 0/);
      expect(() => productBound({ ...good, bits })).toThrow(RangeError);
      expect(() => communicationBound({ ...good, bits, priorRadius: 1 })).toThrow(/^bits/);
      expect(() => regime({ d: 4, bits })).toThrow(/^bits/);
    }
    expect(() => regime({ d: 0, bits: 1 })).toThrow(/^d must/);
    expect(() => regime(undefined as unknown as { d: number; bits: number })).toThrow(TypeError);
    expect(() => crossoverBits(1.5)).toThrow(/^d must/);
    expect(() => targetDistortion(0)).toThrow(/^eps/);
    expect(() => targetDistortion(0.1, -1)).toThrow(/^mu/);
  });

  it("accepts priorRadius = ∞ and priorVariance = ∞ as no prior", () => {
    const none = lowerBounds(good);
    expect(lowerBounds({ ...good, priorRadius: Infinity, priorVariance: Infinity })).toEqual(none);
  });
});
