export { quadraticOracle, type GradientOracle, type QuadraticOracle, type QuadraticOracleOptions } from "./quadraticOracle";
export { transcriptToSamples, type Transcript } from "./transcript";
export { bitOracle, type BitOracle, type BitOracleOptions, type BitRound } from "./bitOracle";
export { ar1Oracle, type Ar1Oracle, type Ar1OracleOptions } from "./ar1Oracle";
export { boundedRangeOracle, type BoundedRangeOracle, type BoundedRangeOracleOptions, type RangeMode } from "./boundedRangeOracle";
export { driftingOracle, type DriftingOracle, type DriftingOracleOptions } from "./driftingOracle";
