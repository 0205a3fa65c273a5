export type { Compressor, CompressResult } from "./compressor";
export { float32RoundDown, float32RoundUp } from "./float32Rounding";
export { uniformStochastic, type UniformStochasticOptions } from "./uniformStochastic";
export { MAX_GRID_RANGE } from "./uniformGrid";
export { randomSubsetStochastic, type RandomSubsetStochasticOptions } from "./randomSubsetStochastic";
export { scaledSign } from "./scaledSign";
export { qsgd, qsgdVarianceBound, type QsgdOptions } from "./qsgd";
export {
  hadamardStochastic,
  type HadamardCompressResult,
  type HadamardStochasticCompressor,
  type HadamardStochasticOptions,
} from "./hadamardStochastic";
export * from "./empiricalError";
