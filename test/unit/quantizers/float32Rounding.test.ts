import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { float32RoundDown, float32RoundUp } from "../../../src/quantizers/index";

// The neighbours of a binary32 value, stepped through its bit pattern (independent of the library).
function float32Neighbour(f: number, direction: 1 | -1): number {
  const buf = new Float32Array([f]);
  const bits = new Uint32Array(buf.buffer);
  if (f === 0) return direction * 2 ** -149;
  bits[0] += (f > 0 ? 1 : -1) * direction;
  return buf[0];
}

describe("float32RoundUp(x) / float32RoundDown(x)", () => {
  it("return binary32 values that bracket x tightly (property over doubles)", () => {
    fc.assert(
      fc.property(fc.double({ min: -3.4e38, max: 3.4e38, noNaN: true }), (x) => {
        const up = float32RoundUp(x);
        const down = float32RoundDown(x);
        if (Math.fround(up) !== up || Math.fround(down) !== down) return false;
        if (!(down <= x && x <= up)) return false;
        if (up === x) return down === x;
        // nothing representable strictly between: the neighbours of up/down fall outside (down, up)
        return float32Neighbour(up, -1) < x && float32Neighbour(down, 1) > x;
      }),
      { seed: 42, numRuns: 5000 },
    );
  });
  it("leave binary32 values unchanged and handle the edges", () => {
    expect(float32RoundUp(1)).toBe(1);
    expect(float32RoundUp(0.1)).toBe(0.10000000149011612);
    expect(float32RoundDown(0.1)).toBe(0.09999999403953552);
    expect(float32RoundUp(1e-50)).toBe(2 ** -149);
    expect(float32RoundDown(1e-50)).toBe(0);
    expect(float32RoundUp(3.4028235e38 * 1.0000001)).toBe(Infinity);
    expect(float32RoundDown(-Infinity)).toBe(-Infinity);
    expect(float32RoundUp(NaN)).toBeNaN();
  });
  it("reject a non-number, naming x", () => {
    expect(() => float32RoundUp("1" as unknown as number)).toThrow(TypeError);
    expect(() => float32RoundUp("1" as unknown as number)).toThrow(/^x must be a number, got "1"$/);
    expect(() => float32RoundDown(undefined as unknown as number)).toThrow(/x must be a number/);
  });
});
