import { describe, expect, it } from "vitest";
import { floorLog2, pow2 } from "../../../src/formats/ieee754";
import { createRandom } from "../../../src/numeric/index";

/**
 * The reference is the binary64 encoding of IEEE 754-2019 §3.4, written into a DataView bit by bit:
 * 2^k is the biased exponent k + 1023 with a zero fraction for k ≥ −1022, and fraction bit k + 1074
 * (exponent field 0) for the subnormal powers −1074 ≤ k < −1022. floor(log2 |x|) is read back from the
 * same fields: e − 1023 for a normal x, and for a subnormal x (field 0) the position of the fraction's
 * leading bit minus 1074, found with BigInt.
 */
function powerOfTwoFromBits(k: number): number {
  const view = new DataView(new ArrayBuffer(8));
  if (k >= -1022) {
    view.setUint16(0, (k + 1023) << 4); // sign 0, 11 exponent bits, top 4 fraction bits 0
  } else {
    const fraction = 1n << BigInt(k + 1074);
    view.setBigUint64(0, fraction);
  }
  return view.getFloat64(0);
}

function floorLog2FromBits(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const word = view.getBigUint64(0);
  const field = Number((word >> 52n) & 0x7ffn);
  if (field !== 0) return field - 1023;
  const fraction = word & ((1n << 52n) - 1n);
  return fraction.toString(2).length - 1 - 1074;
}

describe("pow2(k)", () => {
  it("is the power of two encoded from its IEEE fields, for every k from −1074 to 1023 (ends included)", () => {
    for (let k = -1074; k <= 1023; k++) {
      const want = powerOfTwoFromBits(k);
      if (pow2(k) !== want) expect({ k, got: pow2(k) }).toEqual({ k, got: want });
    }
    expect(pow2(1023)).toBe(8.98846567431158e307);
    expect(pow2(-1074)).toBe(5e-324);
    expect(pow2(-1022)).toBe(2.2250738585072014e-308);
  });

  it("gives 0 below −1074 and Infinity above 1023 (the values binary64 rounds those powers to)", () => {
    for (const k of [-1075, -1076, -2000, -Infinity]) expect(pow2(k)).toBe(0);
    for (const k of [1024, 1025, 5000, Infinity]) expect(pow2(k)).toBe(Infinity);
  });
});

describe("floorLog2(x)", () => {
  it("reads the binary exponent of normal and subnormal doubles as the IEEE fields define it", () => {
    const rng = createRandom(754);
    const xs = [1, 2, 3, 0.999999, 12, 5e-324, 1e-320, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, 2 ** 30 - 2 ** -23];
    for (let k = -1074; k <= 1023; k++) {
      const p = powerOfTwoFromBits(k);
      xs.push(p, p * (1 + 2 ** -52), p * 1.5);
      if (k > -1074) xs.push(p - powerOfTwoFromBits(Math.max(k - 53, -1074)));
    }
    for (let i = 0; i < 4000; i++) xs.push(2 ** (-1074 + 2097 * rng.uniform()) * (1 + rng.uniform()));
    for (const v of xs) {
      for (const x of [v, -v]) {
        if (!Number.isFinite(x) || x === 0) continue;
        const want = floorLog2FromBits(x);
        if (floorLog2(x) !== want) expect({ x, got: floorLog2(x) }).toEqual({ x, got: want });
      }
    }
  });

  it("returns −Infinity for ±0 and NaN for NaN and ±Infinity", () => {
    expect(floorLog2(0)).toBe(-Infinity);
    expect(floorLog2(-0)).toBe(-Infinity);
    expect(floorLog2(NaN)).toBeNaN();
    expect(floorLog2(Infinity)).toBeNaN();
    expect(floorLog2(-Infinity)).toBeNaN();
  });
});
