export { sgdQuadratic, type SgdQuadraticOptions, type SgdResult } from "./sgdQuadratic";
