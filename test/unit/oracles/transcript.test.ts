import { describe, expect, it } from "vitest";
import { createRandom, zigguratNormal } from "../../../src/numeric/index";
import { quadraticOracle, transcriptToSamples } from "../../../src/oracles/index";
import { sgdQuadratic } from "../../../src/optim/index";

describe("transcriptToSamples: the query carries no information", () => {
  it("two different optimizers facing the same noise yield the same samples X_t = θ − σZ_t/μ", () => {
    const theta = [0.5, -3, 2, 8];
    const sigma = 1.3;
    const mu = 3;
    const T = 300;
    // SGD with step 1/(μt) and a second optimizer with an erratic step from a distant start: different
    // queries, the same oracle noise stream.
    const sgd = sgdQuadratic({ oracle: quadraticOracle({ theta, sigma, mu, rng: createRandom(41) }), mu, x0: [0, 0, 0, 0], rounds: T });
    const wild = sgdQuadratic({
      oracle: quadraticOracle({ theta, sigma, mu, rng: createRandom(41) }),
      mu,
      x0: [50, -70, 20, 1],
      rounds: T,
      step: (t) => 0.2 + 0.1 * Math.sin(t), // ημ in [0.3, 0.9]: stable, but not the running mean
    });
    expect(Math.abs(wild.queries[1][0] - sgd.queries[1][0])).toBeGreaterThan(5); // x_2: ≈ 8.6 against ≈ 0.5
    const a = transcriptToSamples(sgd, mu);
    const b = transcriptToSamples(wild, mu);
    const noise = createRandom(41);
    let scale = 0;
    for (const q of [...sgd.queries, ...wild.queries]) for (const v of q) scale = Math.max(scale, Math.abs(v));
    expect(scale).toBeLessThanOrEqual(70); // the queries stay bounded, so the tolerance below stays tight
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < 4; i++) {
        const X = theta[i] - (sigma * zigguratNormal(noise)) / mu;
        // x − (μ(x − θ) + σz)/μ rounds a few times at the scale of |x| and |θ|
        const tol = 8 * Number.EPSILON * Math.max(scale, 8);
        expect(Math.abs(a[t][i] - X)).toBeLessThanOrEqual(tol);
        expect(Math.abs(b[t][i] - X)).toBeLessThanOrEqual(tol);
      }
    }
  });

  it("is X_t = x_t − g_t/μ on a hand-made transcript, and empty for an empty one", () => {
    const s = transcriptToSamples(
      { queries: [new Float64Array([0, 1]), new Float64Array([10, -1])], gradients: [new Float64Array([-6, 4]), new Float64Array([14, 0])] },
      2,
    );
    expect(s.map((v) => Array.from(v))).toEqual([
      [3, -1],
      [3, -1],
    ]);
    expect(transcriptToSamples({ queries: [], gradients: [] })).toEqual([]);
  });

  it("rejects bad transcripts, naming the part", () => {
    const q = [new Float64Array(2)];
    expect(() => transcriptToSamples({ queries: q, gradients: [] })).toThrow(/as many gradients as queries/);
    expect(() => transcriptToSamples({ queries: q, gradients: [new Float64Array(3)] })).toThrow(/^transcript.gradients\[0\].length/);
    expect(() => transcriptToSamples({ queries: q, gradients: [[1, 2] as never] })).toThrow(TypeError);
    expect(() => transcriptToSamples({ queries: q, gradients: q }, 0)).toThrow(/^mu must/);
    expect(() => transcriptToSamples(null as never)).toThrow(/^transcript must be an object/);
    expect(() => transcriptToSamples({ queries: "x", gradients: [] } as never)).toThrow(TypeError);
  });
});
