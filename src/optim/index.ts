export { sgdQuadratic, type SgdQuadraticOptions, type SgdResult } from "./sgdQuadratic";
export { sgdSquaredErrors, type SgdSquaredErrors, type SgdSquaredErrorsOptions } from "./sgdSquaredErrors";
export { quantizedSgd, type QuantizedSgdOptions, type QuantizedSgdResult } from "./quantizedSgd";
export * from "./achievability";
export { quantizedSgdSweep, type QuantizedSgdSweepOptions, type QuantizedSgdSweepRow } from "./quantizedSgdSweep";
export { bindQuantizer, gridRoundings, type ComponentQuantizer, type BoundQuantizer, type GridRounding } from "./componentQuantizer";
export { ar1SgdSquaredErrors, type Ar1SgdSquaredErrors, type Ar1SgdSquaredErrorsOptions } from "./ar1SgdSquaredErrors";
