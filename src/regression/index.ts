/**
 * Linear regression under quantization (lesson 11, paper B: Zhang, Su, Zou, arXiv:2510.18259): data
 * with a chosen spectrum, one-pass SGD with each component quantized, and the theory beside it
 * (exact per-direction risks as predictions, Zou et al.'s effective dimension and bound as a bound,
 * the quantized spectra of each rounding).
 *
 * @packageDocumentation
 */
export { polynomialSpectrum, expectSpectrum, randomOrthogonal } from "./spectrum";
export { sourceConditionTarget } from "./sourceCondition";
export { regressionProblem, sampleExample, cleanRisk } from "./regressionProblem";
export type { RegressionProblem, RegressionProblemOptions } from "./regressionProblem";
export { sgdRegression } from "./sgdRegression";
export type { SgdRegressionOptions, SgdRegressionResult, RegressionQuantizers } from "./sgdRegression";
export { perDirectionRisk, averagedBiasFactor, averagedNoiseSum } from "./perDirectionRisk";
export { gaussianSgdRisk, type GaussianSgdRisk, type GaussianSgdRiskOptions } from "./gaussianSgdRisk";
export type { RiskSetting } from "./riskOptions";
export type { PerDirectionRisk, PerDirectionRiskOptions } from "./perDirectionRisk";
export { effectiveDimension, zouBound } from "./effectiveDimension";
export type { EffectiveDimension, ZouBound, ZouBoundOptions } from "./effectiveDimension";
export {
  quantizedMoments,
  quantizedSpectrum,
  rotatedMultiplicativeFloor,
  stochasticSpectrumApproximation,
  dataQuantizationEffect,
} from "./quantizedSpectrum";
export type { QuantizedMoments, DataQuantizationEffect } from "./quantizedSpectrum";
export { quantizedInputRisk } from "./quantizedInputRisk";
export { injectedGradientNoise, injectedNoiseHeuristic } from "./injectedNoise";
export { sgdRegressionMonteCarlo, empiricalQuantizedCovariance } from "./regressionMonteCarlo";
export type { RiskEstimate, SgdRegressionMonteCarlo, SgdRegressionMonteCarloOptions, EmpiricalQuantizedCovariance } from "./regressionMonteCarlo";
