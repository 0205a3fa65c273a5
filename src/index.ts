/**
 * bitbound: the information-theoretic limits of low-precision training, as a library.
 *
 * The folders follow the course: number formats (lessons 1–2), quantizers (lesson 3), numerics,
 * and the notebook and course helpers the lessons use.
 *
 * @packageDocumentation
 */
export * from "./validation";
export * from "./numeric/index";
export * from "./formats/index";
export * from "./quantizers/index";
export * from "./info/index";
export * from "./bounds/index";
export * from "./oracles/index";
export * from "./optim/index";
export * from "./regression/index";
export * from "./notebook/index";
export * from "./course/index";
export { answerDigest, checkDigest, checkQuietly } from "./classroom/answerDigest";
