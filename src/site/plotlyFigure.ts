import { escapeHtml } from "../notebook/html";
import { jsonScript } from "./jsonScript";

/**
 * One Plotly figure on a site page: its JSON (the notebook output's `application/vnd.plotly.v1+json`
 * data, kept whole, sliders and dropdowns included) embedded in the page, drawn by the page's one copy of
 * plotly.js (`assets/site.js` calls `Plotly.newPlot`), with the text summary as the accessible name and,
 * when the build rendered one, a static PNG shown until the chart is drawn (and instead of it without
 * JavaScript).
 *
 * @packageDocumentation
 */

/** A Plotly figure as a notebook output holds it. */
export interface PlotlyFigure {
  data: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: unknown[];
}

/** A figure to place on a page. */
export interface SiteFigure {
  /** Unique in the site, used for the element id and the static image's file name, e.g. `02-fig3`. */
  id: string;
  figure: PlotlyFigure;
  /** The text summary (caption and trace table as text): the chart's accessible name and fallback. */
  summary: string;
  /** The static image's URL relative to the page, or null when none was rendered. */
  image: string | null;
}

/**
 * The HTML of one figure. With `staticOnly` (the printable pages) and an image, just the image and its
 * alternative text: the page then needs no plotly.js at all.
 *
 * @example
 * ```ts
 * plotlyFigureHtml({ id: "02-fig1", figure: { data: [] }, summary: "Figure 2.1: SQNR", image: null });
 * // '<figure class="plotly-figure" id="fig-02-fig1">…'
 * ```
 */
export function plotlyFigureHtml(fig: SiteFigure, staticOnly = false): string {
  const summary = escapeHtml(fig.summary);
  if (staticOnly && fig.image) return `<figure class="static-figure" id="fig-${escapeHtml(fig.id)}"><img src="${escapeHtml(fig.image)}" alt="${summary}"></figure>`;
  const fallback = fig.image
    ? `<img class="plotly-fallback" src="${escapeHtml(fig.image)}" alt="${summary}">`
    : `<p class="plotly-fallback">An interactive chart is drawn here with JavaScript; its text description is below.</p>`;
  return (
    `<figure class="plotly-figure" id="fig-${escapeHtml(fig.id)}">` +
    `<div class="plotly-target" role="img" aria-label="${summary}"></div>${fallback}` +
    jsonScript(fig.figure, "plotly-json") +
    `</figure>`
  );
}
