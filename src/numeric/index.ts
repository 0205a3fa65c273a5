export * from "./random";
export * from "./hadamard";
export * from "./sqnr";
export * from "./sampleMoments";
export * from "./logSpace";
export * from "./samplers";
export * from "./blockHadamard";
export * from "./bitStream";
