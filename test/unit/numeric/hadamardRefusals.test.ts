import { describe, expect, it } from "vitest";
import {
  blockRandomizedHadamard,
  fwht,
  inverseBlockRandomizedHadamard,
  inverseRandomizedHadamard,
  randomizedHadamard,
} from "../../../src/numeric/index";

// Catches what `fn` throws, so that both the class and the whole message are checked.
function refusal(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a refusal, nothing was thrown");
}

function expectRefusal(fn: () => unknown, kind: typeof TypeError | typeof RangeError, message: RegExp): void {
  const e = refusal(fn);
  expect(e).toBeInstanceOf(kind);
  expect(e.message).toMatch(message);
}

// An object that passes `instanceof Float64Array` and claims `length` entries without allocating them
// (2^30 doubles are 8 GiB); reading its entry 0, the transform's first step, throws a marker error.
function claimedLength(length: number): Float64Array {
  const fake = Object.create(Float64Array.prototype) as object;
  Object.defineProperty(fake, "length", { value: length });
  Object.defineProperty(fake, 0, {
    get() {
      throw new Error("reached the butterflies");
    },
  });
  return fake as Float64Array;
}

const ARRAY4 = [1, 1, 1, 1] as unknown as Float64Array;
const ONES4 = new Float64Array(4).fill(1);

describe("fwht's length bound is 2^30 inclusive", () => {
  it("a length of 2^30 passes validation (the transform starts); 2^31 and 2^32 are refused with RangeError naming x.length", () => {
    expect(() => fwht(claimedLength(2 ** 30))).toThrow(/^reached the butterflies$/);
    expectRefusal(() => fwht(claimedLength(2 ** 31)), RangeError, /^x\.length must be a power of two from 1 to 2\^30, got 2147483648$/);
    // 2^32 is 0 as a 32-bit integer, so the bit test alone would call it a power of two
    expectRefusal(() => fwht(claimedLength(2 ** 32)), RangeError, /^x\.length must be a power of two from 1 to 2\^30, got 4294967296$/);
  });
});

describe("hadamard.ts refusals: class and whole message", () => {
  it("fwht and the rotations refuse a plain array for x or y with TypeError naming it", () => {
    expectRefusal(() => fwht([1, 2] as unknown as Float64Array), TypeError, /^x must be a Float64Array, got an array of length 2$/);
    expectRefusal(() => randomizedHadamard(ARRAY4, ONES4), TypeError, /^x must be a Float64Array, got an array of length 4$/);
    expectRefusal(() => inverseRandomizedHadamard(ARRAY4, ONES4), TypeError, /^y must be a Float64Array, got an array of length 4$/);
  });

  it("signs that are not a Float64Array, Float32Array or Int8Array: TypeError naming signs", () => {
    const x = new Float64Array(4);
    const m = /^signs must be a Float64Array, Float32Array or Int8Array of ±1, got an array of length 4$/;
    expectRefusal(() => randomizedHadamard(x, ARRAY4), TypeError, m);
    expectRefusal(() => inverseRandomizedHadamard(x, ARRAY4), TypeError, m);
    expectRefusal(() => randomizedHadamard(x, new Int16Array(4).fill(1) as unknown as Float64Array), TypeError, /got a Int16Array$/);
  });

  it("the inverse names signs in its length and entry refusals", () => {
    const y = new Float64Array(4);
    expectRefusal(() => inverseRandomizedHadamard(y, new Float64Array([1, -1])), RangeError, /^signs\.length must equal the vector length 4, got 2$/);
    expectRefusal(() => inverseRandomizedHadamard(y, new Float64Array([1, -1, 0, 1])), RangeError, /^signs\[2\] must be \+1 or -1, got 0$/);
  });

  it("an out that is not a Float64Array: TypeError naming out; a wrong length: RangeError naming out (forward and inverse)", () => {
    const x = new Float64Array(4);
    expectRefusal(() => randomizedHadamard(x, ONES4, [0, 0, 0, 0] as unknown as Float64Array), TypeError, /^out must be a Float64Array, got an array of length 4$/);
    expectRefusal(() => inverseRandomizedHadamard(x, ONES4, new Float32Array(4) as unknown as Float64Array), TypeError, /^out must be a Float64Array, got a Float32Array$/);
    expectRefusal(() => randomizedHadamard(x, ONES4, new Float64Array(8)), RangeError, /^out\.length must be 4, got 8$/);
    expectRefusal(() => inverseRandomizedHadamard(x, ONES4, new Float64Array(2)), RangeError, /^out\.length must be 4, got 2$/);
  });
});

describe("blockHadamard.ts refusals: class and whole message", () => {
  it("x or y not a Float64Array: TypeError naming it", () => {
    const signs = new Float64Array(2).fill(1);
    expectRefusal(() => blockRandomizedHadamard([1, 2] as unknown as Float64Array, 2, signs), TypeError, /^x must be a Float64Array, got an array of length 2$/);
    expectRefusal(() => inverseBlockRandomizedHadamard([1, 2] as unknown as Float64Array, 2, signs), TypeError, /^y must be a Float64Array, got an array of length 2$/);
  });

  it("the inverse names y in the length refusal and in the signs length refusal", () => {
    expectRefusal(() => inverseBlockRandomizedHadamard(new Float64Array(6), 4, new Float64Array(6).fill(1)), RangeError, /^y\.length must be a multiple of blockSize 4, got 6$/);
    expectRefusal(() => inverseBlockRandomizedHadamard(new Float64Array(4), 2, new Float64Array(2).fill(1)), RangeError, /^signs\.length must equal y\.length 4, got 2$/);
  });

  it("signs that are not a Float64Array, Float32Array or Int8Array: TypeError naming signs, in both directions", () => {
    const m = /^signs must be a Float64Array, Float32Array or Int8Array of ±1, got an array of length 4$/;
    expectRefusal(() => blockRandomizedHadamard(new Float64Array(4), 2, ARRAY4), TypeError, m);
    expectRefusal(() => inverseBlockRandomizedHadamard(new Float64Array(4), 2, ARRAY4), TypeError, m);
  });

  it("Float32Array and Int8Array signs are accepted and act as the same ±1 diagonal", () => {
    const x = new Float64Array([1, 2, 3, 4]);
    const s = [1, -1, -1, 1];
    const expected = blockRandomizedHadamard(x, 2, new Float64Array(s));
    // block (1, -2): (1/√2)·(1 − 2, 1 + 2); block (−3, 4): (1/√2)·(1, −7)
    const r = Math.SQRT1_2;
    const dense = [-1 * r, 3 * r, 1 * r, -7 * r];
    for (let i = 0; i < 4; i++) expect(expected[i]).toBeCloseTo(dense[i], 14);
    expect(Array.from(blockRandomizedHadamard(x, 2, new Float32Array(s)))).toEqual(Array.from(expected));
    expect(Array.from(blockRandomizedHadamard(x, 2, new Int8Array(s)))).toEqual(Array.from(expected));
  });

  it("an out that is not a Float64Array: TypeError naming out; a wrong length: RangeError naming out", () => {
    const signs = new Float64Array(4).fill(1);
    expectRefusal(() => blockRandomizedHadamard(new Float64Array(4), 2, signs, [0, 0, 0, 0] as unknown as Float64Array), TypeError, /^out must be a Float64Array, got an array of length 4$/);
    expectRefusal(() => inverseBlockRandomizedHadamard(new Float64Array(4), 2, signs, new Int8Array(4) as unknown as Float64Array), TypeError, /^out must be a Float64Array, got a Int8Array$/);
    expectRefusal(() => blockRandomizedHadamard(new Float64Array(4), 2, signs, new Float64Array(3)), RangeError, /^out\.length must be 4, got 3$/);
  });
});
