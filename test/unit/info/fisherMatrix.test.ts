import { describe, expect, it } from "vitest";
import { fisherMatrixPerCoordinate, fisherMonteCarlo, fisherQuantizedGaussian } from "../../../src/index";

describe("fisherMatrixPerCoordinate(scheme)", () => {
  it("is diagonal without rotation, with the per-coordinate closed forms; bits add ⌈log₂ K⌉", () => {
    const f = fisherMatrixPerCoordinate({ thresholds: [[0], [-1, 0, 1], []], theta: [0.2, -0.3, 5], sigma: 2 });
    expect(f.perCoordinate[0]).toBe(fisherQuantizedGaussian([0], { theta: 0.2, sigma: 2 }));
    expect(f.perCoordinate[1]).toBe(fisherQuantizedGaussian([-1, 0, 1], { theta: -0.3, sigma: 2 }));
    expect(f.perCoordinate[2]).toBe(0);
    expect(f.matrix[0][1]).toBe(0);
    expect(f.matrix[1][1]).toBe(f.perCoordinate[1]);
    expect(f.trace).toBeCloseTo(f.perCoordinate[0] + f.perCoordinate[1], 15);
    expect(f.bits).toBe(1 + 2 + 0);
  });
  it("one bit per coordinate gives (2/π)·d/σ²: 2/π per bit", () => {
    const f = fisherMatrixPerCoordinate({ thresholds: [0], d: 16 });
    expect(f.trace / f.bits).toBeCloseTo(2 / Math.PI, 14);
  });
  it("after a rotation, matches Monte Carlo estimates of uᵀIu along three directions within 5 SE (d = 2)", () => {
    const a = 0.6;
    const rotation = [[Math.cos(a), Math.sin(a)], [-Math.sin(a), Math.cos(a)]];
    const thresholds = [[0.1], [-0.5, 0.3, 1.1]];
    const theta = [0.2, -0.4];
    const f = fisherMatrixPerCoordinate({ thresholds, theta, sigma: 1.2, rotation });
    // the encoder quantizes the rotated coordinates itself: nothing from the library's formula
    const makeEncoder = () => (x: Float64Array): string => {
      const y0 = rotation[0][0] * x[0] + rotation[0][1] * x[1];
      const y1 = rotation[1][0] * x[0] + rotation[1][1] * x[1];
      return `${thresholds[0].filter((t) => y0 >= t).length},${thresholds[1].filter((t) => y1 >= t).length}`;
    };
    for (const u of [[1, 0], [0, 1], [Math.SQRT1_2, Math.SQRT1_2]]) {
      const r = fisherMonteCarlo({ d: 2, makeEncoder, batches: 20, samplesPerBatch: 6000, seed: 17, theta, sigma: 1.2, direction: u });
      const exact = u[0] * u[0] * f.matrix[0][0] + 2 * u[0] * u[1] * f.matrix[0][1] + u[1] * u[1] * f.matrix[1][1];
      expect(Math.abs(r.mean - exact), `u = ${u}: MC ${r.mean} ± ${r.stderr}, matrix ${exact}`).toBeLessThanOrEqual(5 * r.stderr);
    }
    expect(f.matrix[0][1]).toBe(f.matrix[1][0]);
    expect(Math.abs(f.matrix[0][1])).toBeGreaterThan(0.01); // the rotation couples the coordinates
  });
  it("refuses a missing d, wrong list count, bad rotation and bad θ, naming them", () => {
    expect(() => fisherMatrixPerCoordinate({ thresholds: [0] })).toThrow(/d must be a number/);
    expect(() => fisherMatrixPerCoordinate({ thresholds: [[0], [1]], d: 3 })).toThrow(/thresholds must hold d = 3 lists/);
    expect(() => fisherMatrixPerCoordinate({ thresholds: [[0], [1, 0]] })).toThrow(/thresholds\[1\] must be strictly increasing/);
    expect(() => fisherMatrixPerCoordinate({ thresholds: [0], d: 2, rotation: [[1, 1], [0, 1]] })).toThrow(/rotation must have orthonormal rows/);
    expect(() => fisherMatrixPerCoordinate({ thresholds: [0], d: 2, rotation: [[1, 0]] })).toThrow(/rotation must be a d×d array/);
    expect(() => fisherMatrixPerCoordinate({ thresholds: [0], d: 2, theta: [0, NaN] })).toThrow(/theta\[1\] must be a finite number/);
    expect(() => fisherMatrixPerCoordinate({ thresholds: [0], d: 2, sigma: 0 })).toThrow(/sigma/);
    expect(() => fisherMatrixPerCoordinate({ thresholds: [0], d: 5000 })).toThrow(/d must be an integer from 1 to 4096/);
  });
});
