/**
 * Number formats (lessons 1–2): scalar floats and integers defined by their traits, rounding onto
 * their grids, and the MX and NVFP4 block formats built on them.
 *
 * @packageDocumentation
 */
export { formatNames, formatInfo } from "./traits";
export type { FormatName, FormatInfo, FloatTraits, NanEncoding } from "./traits";
export { roundingModes } from "./rounding";
export type { RoundingMode, RoundingOptions } from "./rounding";
export { decode, encode } from "./codec";
export { quantize, quantizeArray } from "./quantize";
export type { QuantizeArrayOptions } from "./quantize";
export { representableValues, bracket, ulp } from "./grid";
export { floorLog2 } from "./ieee754";
export type { Bracket } from "./grid";
export { mxQuantize, mxElements } from "./mx";
export type { MxElement, MxOptions, MxResult } from "./mx";
export { nvfp4Quantize } from "./nvfp4";
export type { Nvfp4Options, Nvfp4Result } from "./nvfp4";
export { packMx, unpackMx, type PackedMx } from "./packMx";
export { packNvfp4, unpackNvfp4, type PackedNvfp4 } from "./packNvfp4";
export * from "./relativeError";
export * from "./blockFormat";
export * from "./blockErrorSweep";
export * from "./errorModels";
export * from "./accumulate";
