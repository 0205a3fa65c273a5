export { sgdQuadratic, type SgdQuadraticOptions, type SgdResult } from "./sgdQuadratic";
export { sgdSquaredErrors, type SgdSquaredErrors, type SgdSquaredErrorsOptions } from "./sgdSquaredErrors";
