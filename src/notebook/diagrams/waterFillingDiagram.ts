/**
 * Reverse water-filling drawn as water over the component variances (lesson 9).
 *
 * @packageDocumentation
 */
import { reverseWaterFilling } from "../../info/reverseWaterFilling";
import type { NumericArray } from "../../validation";
import { OKABE_ITO } from "../palette";
import type { Figure } from "../show";

/** Options of {@link waterFillingDiagram}. */
export interface WaterFillingDiagramOptions {
  /** The figure's title (default: "Reverse water-filling at D = …"). */
  title?: string;
  /** Component labels (default "1", "2", …). */
  labels?: readonly string[];
  height?: number;
}

/**
 * Reverse water-filling as a picture: one bar per Gaussian component, its height the variance σ_i²;
 * the lower part of the bar (hatched) is the distortion D_i = min(λ, σ_i²) that component is left with,
 * the upper part σ_i² − D_i is what the description removes, and a dashed horizontal line marks the
 * water level λ. Above each bar its rate ½·log2(σ_i²/D_i) bits is written (0 for bars under the water).
 * The numbers come from `reverseWaterFilling(variances, D)`.
 *
 * Source: Cover and Thomas, "Elements of Information Theory", 2nd ed., §10.3.3 (the picture is theirs in
 * spirit); lesson 9.
 *
 * @throws as `reverseWaterFilling` (naming `variances` or `D`); RangeError naming `labels` when its
 * length differs from the number of variances.
 * @example
 * ```ts
 * show(waterFillingDiagram([4, 2, 1, 0.5, 0.25], 2.5), { caption: "The level λ = 0.625 …" });
 * ```
 */
export function waterFillingDiagram(variances: NumericArray, D: number, options: WaterFillingDiagramOptions = {}): Figure {
  const { level, distortions, rate } = reverseWaterFilling(variances, D);
  const n = variances.length;
  const labels = options.labels === undefined ? Array.from({ length: n }, (_, i) => `${i + 1}`) : [...options.labels];
  if (labels.length !== n) throw new RangeError(`labels must have one entry per variance (${n}), got ${labels.length}`);
  const kept = Array.from(distortions);
  const described = Array.from({ length: n }, (_, i) => variances[i] - distortions[i]);
  const bits = Array.from({ length: n }, (_, i) => (variances[i] > level ? 0.5 * Math.log2(variances[i] / level) : 0));
  const top = Math.max(...Array.from(variances));
  return {
    data: [
      {
        type: "bar", name: "distortion left D<sub>i</sub> = min(λ, σ<sub>i</sub>²) (under water)", x: labels, y: kept,
        marker: { color: OKABE_ITO[5], pattern: { shape: "/" } }, hovertemplate: "D_i = %{y:.4g}<extra></extra>",
      },
      {
        type: "bar", name: "variance removed by the description σ<sub>i</sub>² − D<sub>i</sub>", x: labels, y: described,
        marker: { color: OKABE_ITO[4] }, text: bits.map((b) => `${b.toFixed(2)} bits`), textposition: "outside",
        hovertemplate: "σ_i² − D_i = %{y:.4g}<extra></extra>",
      },
    ],
    layout: {
      title: { text: options.title ?? `Reverse water-filling at D = ${D}: level λ = ${level.toPrecision(4)}, R(D) = ${rate.toFixed(3)} bits` },
      barmode: "stack",
      height: options.height ?? 420,
      xaxis: { title: { text: "Gaussian component i" }, type: "category" },
      yaxis: { title: { text: "variance σ<sub>i</sub>² (squared units of X)" }, range: [0, top * 1.2] },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: level, y1: level, line: { dash: "dash", width: 2, color: OKABE_ITO[6] } }],
      annotations: [{ xref: "paper", x: 1, y: level, xanchor: "right", yanchor: "bottom", showarrow: false, text: `water level λ = ${level.toPrecision(4)}` }],
      legend: { orientation: "h", y: -0.25 },
    },
  };
}
