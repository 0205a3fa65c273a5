export { quadraticOracle, type GradientOracle, type QuadraticOracle, type QuadraticOracleOptions } from "./quadraticOracle";
export { transcriptToSamples, type Transcript } from "./transcript";
export { bitOracle, type BitOracle, type BitOracleOptions, type BitRound } from "./bitOracle";
