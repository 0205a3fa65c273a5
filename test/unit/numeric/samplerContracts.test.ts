import { describe, expect, it } from "vitest";
import { createRandom, fillGaussianWithOutliers, fillLaplace, fillStudentT } from "../../../src/numeric/index";

/**
 * The samplers' contracts other than their distributions (those are in samplers.test.ts): filling n then m
 * elements draws exactly what filling n + m elements draws (each element takes its own draws, and nothing
 * is drawn past the end), and every refusal names the parameter and says what is allowed.
 */
const fills = {
  fillStudentT: (out: Float64Array, rng: ReturnType<typeof createRandom>) => fillStudentT(out, 3, rng),
  fillLaplace: (out: Float64Array, rng: ReturnType<typeof createRandom>) => fillLaplace(out, 0.7, rng),
  fillGaussianWithOutliers: (out: Float64Array, rng: ReturnType<typeof createRandom>) =>
    fillGaussianWithOutliers(out, { probability: 0.3, scale: 10 }, rng),
};

describe("samplers draw per element and nothing past the end", () => {
  it.each(Object.keys(fills) as (keyof typeof fills)[])("%s: filling 3 then 2 elements equals filling 5", (name) => {
    const fill = fills[name];
    const whole = fill(new Float64Array(5), createRandom(21));
    const rng = createRandom(21);
    const parts = [...fill(new Float64Array(3), rng), ...fill(new Float64Array(2), rng)];
    expect(parts).toEqual(Array.from(whole));
  });
});

describe("samplers refuse bad arguments by name", () => {
  const rng = createRandom(1);
  const notRandom = [null, 5, {}, { uniform: () => 0.5 }] as unknown as ReturnType<typeof createRandom>[];
  it("out must be a Float64Array", () => {
    const bad = [0, 0] as unknown as Float64Array;
    expect(() => fillStudentT(bad, 3, rng)).toThrow(/^out must be a Float64Array/);
    expect(() => fillLaplace(bad, 1, rng)).toThrow(/^out must be a Float64Array/);
    expect(() => fillGaussianWithOutliers(bad, { probability: 0.1, scale: 2 }, rng)).toThrow(/^out must be a Float64Array/);
  });
  it("rng must be a Random: null, a number, an object without uniform, an object without normal", () => {
    for (const r of notRandom) {
      expect(() => fillStudentT(new Float64Array(1), 3, r)).toThrow(/^rng must be a Random/);
      expect(() => fillLaplace(new Float64Array(1), 1, r)).toThrow(/^rng must be a Random/);
      expect(() => fillGaussianWithOutliers(new Float64Array(1), { probability: 0.1, scale: 2 }, r)).toThrow(/^rng must be a Random/);
    }
  });
  it("nu, scale and the outlier options are named", () => {
    expect(() => fillStudentT(new Float64Array(1), 0, rng)).toThrow(/^nu must/);
    expect(() => fillLaplace(new Float64Array(1), -1, rng)).toThrow(/^scale must/);
    expect(() => fillGaussianWithOutliers(new Float64Array(1), null as never, rng)).toThrow(/^options must be an object \{ probability, scale \}, got null/);
    expect(() => fillGaussianWithOutliers(new Float64Array(1), 3 as never, rng)).toThrow(/^options must be an object/);
    expect(() => fillGaussianWithOutliers(new Float64Array(1), { probability: "0.1", scale: 2 } as never, rng)).toThrow(/^options\.probability/);
  });
});
