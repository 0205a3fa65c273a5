export { targetDistortion, type Accuracy, type EstimationTarget, type PriorKnowledge } from "./problem";
export { crossoverBits, regime, type Regime } from "./regime";
export { statisticalBound, type StatisticalBoundArgs } from "./statisticalBound";
export { productBound, type ProductBoundArgs } from "./productBound";
export { communicationBound, type CommunicationBound, type CommunicationBoundArgs } from "./communicationBound";
export { lowerBounds, type LowerBounds, type LowerBoundsArgs } from "./lowerBounds";
export { trackingLowerBound, type TrackingLowerBoundArgs } from "./trackingLowerBound";
