export * from "./rateDistortion";
