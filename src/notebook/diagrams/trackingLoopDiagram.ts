/**
 * The tracking loop of lesson 10 as a data flow: a drifting optimum, its noisy gradient, an encoder that
 * sends B bits about the innovation, and a Kalman-style decoder whose prediction both sides share.
 *
 * @packageDocumentation
 */
import type { Figure } from "../show";
import { diagramNote } from "./boxesAndArrows";
import { type ReductionEdge, type ReductionNode, roleFlowDiagram } from "./reductionDiagram";

/**
 * The boxes and arrows of one round of tracking (lesson 10): θ_t drifts (θ_{t+1} = θ_t + w_t); the oracle
 * answers at the query x_t, the shared prediction; the encoder forms the sample X_t = x_t − G_t(x_t) =
 * θ_t + σZ_t and its innovation e_t = X_t − x̂_{t|t−1}; B bits about e_t cross the channel; the decoder
 * makes a Kalman-style update x̂_t = x̂_{t|t−1} + K·ê_t and predicts the next round, x̂_{t+1|t} = x̂_t with
 * P⁻ = P + q. The prediction is a function of past messages and the public coin only, so the encoder can
 * keep the same copy: the encoder stays memoryless in paper A's sense (it sees no earlier sample).
 * Roles as in `reductionFlow`.
 *
 * @example
 * ```ts
 * trackingLoopFlow().nodes.find((n) => n.role === "channel")!.id; // "message"
 * ```
 */
export function trackingLoopFlow(): { nodes: ReductionNode[]; edges: ReductionEdge[] } {
  const nodes: ReductionNode[] = [
    { id: "theta", label: "drifting optimum θ<sub>t</sub><br>θ<sub>t+1</sub> = θ<sub>t</sub> + w<sub>t</sub>, w<sub>t</sub> ~ N(0, qI<sub>d</sub>)", role: "unknown", x: 1.6, y: 4.2, halfWidth: 1.5 },
    { id: "oracle", label: "oracle<br>G<sub>t</sub>(x<sub>t</sub>) = x<sub>t</sub> − θ<sub>t</sub> + σZ<sub>t</sub>", role: "sender", x: 5.2, y: 4.2, halfWidth: 1.4 },
    { id: "encoder", label: "encoder: sample X<sub>t</sub> = x<sub>t</sub> − G<sub>t</sub><br>innovation e<sub>t</sub> = X<sub>t</sub> − x̂<sub>t|t−1</sub>", role: "sender", x: 5.2, y: 1.5, halfWidth: 1.7 },
    { id: "message", label: "message M<sub>t</sub><br>B bits about e<sub>t</sub>", role: "channel", x: 8.9, y: 1.5, halfWidth: 1.05 },
    { id: "coin", label: "public coin U<br>(dither, free)", role: "coin", x: 8.9, y: -0.6, halfWidth: 1.05 },
    { id: "decoder", label: "decoder: Kalman-style update<br>x̂<sub>t</sub> = x̂<sub>t|t−1</sub> + K·ê<sub>t</sub>, P ← (1 − K)P⁻", role: "receiver", x: 12.8, y: 1.5, halfWidth: 1.85 },
    { id: "prediction", label: "prediction for round t + 1<br>x̂<sub>t+1|t</sub> = x̂<sub>t</sub>, P⁻ = P + q", role: "receiver", x: 12.8, y: 4.2, halfWidth: 1.6 },
    { id: "output", label: "estimate x̂<sub>t</sub>; error ‖θ<sub>t</sub> − x̂<sub>t</sub>‖²", role: "receiver", x: 12.8, y: -0.6, halfWidth: 1.85 },
  ];
  const edges: ReductionEdge[] = [
    { from: "theta", to: "oracle" },
    { from: "oracle", to: "encoder" },
    { from: "encoder", to: "message" },
    { from: "message", to: "decoder" },
    { from: "coin", to: "encoder" },
    { from: "coin", to: "decoder" },
    { from: "decoder", to: "prediction" },
    { from: "decoder", to: "output" },
    { from: "prediction", to: "oracle", label: "query x<sub>t+1</sub> = x̂<sub>t+1|t</sub>" },
    { from: "prediction", to: "encoder", label: "shared copy (past messages only)" },
  ];
  return { nodes, edges };
}

/**
 * Draws {@link trackingLoopFlow} for `show`: the encoder's side on the left, the decoder's on the right,
 * the B-bit message between them in the only thick-bordered box, the public coin dash-dot, θ_t dashed
 * (unknown to both sides). The loop closes through the prediction, which both sides compute from past
 * messages.
 *
 * @example
 * ```ts
 * show(trackingLoopDiagram(), { caption: "Only B bits a round cross the channel; the loop closes through the shared prediction." });
 * ```
 */
export function trackingLoopDiagram(): Figure {
  const { nodes, edges } = trackingLoopFlow();
  return roleFlowDiagram({
    nodes, edges,
    title: "The tracking loop: B bits a round about the innovation, a shared Kalman-style prediction",
    xTitle: "data flow, left to right (no units)", yTitle: "role in the loop (no units)", xRange: [0, 14.8], yRange: [-2, 5.8],
    channel: { x: 10.45, y0: -1.4, y1: 2.3 },
    notes: [
      { x: 3.4, y: 5.45, xref: "x", yref: "y", showarrow: false, font: { size: 12 }, text: "<b>encoder side</b>: sees this round's gradient" },
      { x: 14.6, y: 5.45, xref: "x", yref: "y", xanchor: "right", showarrow: false, font: { size: 12 }, text: "<b>decoder side</b>: messages and coin only" },
      diagramNote(0.1, -1.75, "thick border: the B bits that cross the channel (dashed vertical line); dash-dot: the public coin; dashed: θ<sub>t</sub>, unknown to both sides."),
    ],
    traceName: "the tracking loop", labelGap: 0.28, height: 470,
  });
}
