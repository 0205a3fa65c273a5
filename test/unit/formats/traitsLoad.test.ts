import { describe, expect, it } from "vitest";

/**
 * traits.ts and ieee754.ts build their tables when they load (the power-of-two table, the sixteen
 * format definitions). This file imports neither at its top: each test loads a new instance of the
 * module (a query string makes the test loader evaluate it again), so a change that breaks building a
 * table fails these tests, where it would otherwise only stop other files from loading. The values are
 * checked against the definitions: 2^k from its IEEE 754 binary64 fields, the E4M3 and E8M0 limits
 * from OCP OFP8 v1.0 and OCP MX v1.0.
 */
type Ieee754 = typeof import("../../../src/formats/ieee754");
type Traits = typeof import("../../../src/formats/traits");

function powerOfTwoFromBits(k: number): number {
  const view = new DataView(new ArrayBuffer(8));
  if (k >= -1022) view.setUint16(0, (k + 1023) << 4);
  else view.setBigUint64(0, 1n << BigInt(k + 1074));
  return view.getFloat64(0);
}

describe("the load-time tables", () => {
  it("ieee754.ts: a fresh instance holds every power of two from 2^−1074 to 2^1023", async () => {
    const specifier = "../../../src/formats/ieee754?fresh";
    const { pow2 } = (await import(specifier)) as Ieee754;
    for (let k = -1074; k <= 1023; k++) {
      if (pow2(k) !== powerOfTwoFromBits(k)) expect({ k, got: pow2(k) }).toEqual({ k, got: powerOfTwoFromBits(k) });
    }
  });

  it("traits.ts: a fresh instance defines all sixteen formats", async () => {
    const specifier = "../../../src/formats/traits?fresh";
    const { formatInfo, formatNames } = (await import(specifier)) as Traits;
    expect(formatNames).toHaveLength(16);
    for (const name of formatNames) expect(formatInfo(name).name).toBe(name);
    expect([formatInfo("e4m3").maxFinite, formatInfo("e4m3").minSubnormal]).toEqual([448, 2 ** -9]);
    expect([formatInfo("e8m0").maxFinite, formatInfo("e8m0").minNormal]).toEqual([2 ** 127, 2 ** -127]);
  });
});
