/**
 * Information: what a quantized observation of a Gaussian says about its mean (lessons 5–6).
 *
 * @packageDocumentation
 */
export { fisherQuantizedGaussian, fisherOneBit, quantizedGaussianCells } from "./fisherQuantizedGaussian";
export type { QuantizedGaussianOptions, QuantizedGaussianCells } from "./fisherQuantizedGaussian";
export * from "./optimalThresholds";
export * from "./fisherMatrix";
export * from "./fisherMonteCarlo";
export * from "./indexOfMax";
export * from "./fisherCap";
export * from "./vanTrees";
export * from "./priors";
export * from "./rateDistortion";
export * from "./bayesRisk";
export * from "./adaptiveOneBit";
export * from "./reverseWaterFilling";
export * from "./blahutArimoto";
export * from "./shannonLowerBound";
export * from "./sequentialRateDistortion";
export * from "./ar1Noise";
export * from "./gaussianMeanFisher";
