import * as quantizers from "../../src/quantizers/index";

/** The parameters of {@link oneOfEach}: b for the grid and Hadamard schemes, M, the subset size k, QSGD's s. */
export interface OneOfEachParameters {
  bits: number;
  range: number;
  k: number;
  levels: number;
}

/** The kinds {@link oneOfEach} builds, in its order (labels for test titles, known before anything is built). */
export const KINDS = ["uniformStochastic", "randomSubsetStochastic", "scaledSign", "qsgd", "hadamardStochastic"] as const;

/**
 * One compressor of each kind of src/quantizers, in a fixed order: uniformStochastic(b, M),
 * randomSubsetStochastic(k, b, M), scaledSign(), qsgd(s), hadamardStochastic(b). For the tests that hold
 * every compressor to the common contract. Call it inside a test, not while the tests are collected, so that a
 * compressor that fails to build fails those tests (StrykerJS counts a file that fails to load as no test run).
 */
export function oneOfEach(p: OneOfEachParameters): quantizers.Compressor[] {
  return [
    quantizers.uniformStochastic({ bits: p.bits, range: p.range }),
    quantizers.randomSubsetStochastic({ k: p.k, bits: p.bits, range: p.range }),
    quantizers.scaledSign(),
    quantizers.qsgd({ levels: p.levels }),
    quantizers.hadamardStochastic({ bits: p.bits }),
  ];
}
