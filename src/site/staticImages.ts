import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PlotlyFigure } from "./plotlyFigure";

/**
 * Static PNG images of the site's figures, drawn by the same plotly.js in headless Chromium
 * (playwright-core, the Chromium that scripts/find-chromium.mjs finds): shown until a chart is drawn and
 * instead of it where JavaScript is off. Optional (`--no-images`), since it needs Chromium and adds about
 * a quarter of a second per figure to the build.
 *
 * @packageDocumentation
 */

/** Width of the static images in CSS pixels (the site's text column is about 930 px wide). */
const IMAGE_WIDTH = 900;
/** Plotly's default figure height, used when a layout sets none. */
const DEFAULT_HEIGHT = 450;

/** The Chromium executable the browser tests use, or null when none is installed. */
export async function chromiumPath(): Promise<string | null> {
  // @ts-expect-error: a plain ES module script without type declarations
  const { findChromium } = (await import("../../scripts/find-chromium.mjs")) as { findChromium: () => string | null };
  return findChromium();
}

/**
 * Renders each figure to `<dir>/<id>.png`.
 *
 * @param figures - the figures by id
 * @param dir - the output folder (created)
 * @param executablePath - Chromium (see {@link chromiumPath})
 * @returns the number of images written
 * @throws Error naming the figure plotly.js could not draw
 * @example
 * ```ts
 * await renderStaticImages(new Map([["02-fig1", { data: [{ y: [1, 2] }] }]]), "build/site/figures", "/usr/bin/chromium"); // 1
 * ```
 */
export async function renderStaticImages(figures: ReadonlyMap<string, PlotlyFigure>, dir: string, executablePath: string): Promise<number> {
  if (figures.size === 0) return 0;
  mkdirSync(dir, { recursive: true });
  const { chromium } = await import("playwright-core");
  const plotly = createRequire(import.meta.url).resolve("plotly.js-dist-min");
  // Chromium writes crash reports and caches under HOME: give it a throw-away one
  const home = mkdtempSync(join(tmpdir(), "bitbound-site-chromium-"));
  const browser = await chromium.launch({
    executablePath,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, ".config"), XDG_CACHE_HOME: join(home, ".cache") },
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: IMAGE_WIDTH + 40, height: 800 } });
    await page.setContent(`<!doctype html><html><body style="margin:0"><div id="fig" style="width:${IMAGE_WIDTH}px"></div></body></html>`);
    await page.addScriptTag({ path: plotly });
    let written = 0;
    for (const [id, figure] of figures) {
      const layout = { ...(figure.layout ?? {}) };
      const height = typeof layout.height === "number" ? layout.height : DEFAULT_HEIGHT;
      let url: string;
      try {
        url = await page.evaluate(
          async ({ data, layout, width, height }) => {
            // runs in the page (this project's TypeScript has no DOM types, hence the casts)
            type Plotly = { newPlot: (...a: unknown[]) => Promise<unknown>; toImage: (...a: unknown[]) => Promise<string>; purge: (div: unknown) => void };
            const page = globalThis as unknown as { Plotly: Plotly; document: { getElementById(id: string): unknown } };
            const P = page.Plotly;
            const div = page.document.getElementById("fig");
            P.purge(div);
            await P.newPlot(div, data, { ...layout, width, height }, { staticPlot: true });
            return P.toImage(div, { format: "png", width, height });
          },
          { data: figure.data, layout, width: IMAGE_WIDTH, height },
        );
      } catch (e) {
        throw new Error(`figure ${id}: plotly.js could not draw it: ${(e as Error).message.split("\n")[0]}`);
      }
      writeFileSync(join(dir, `${id}.png`), Buffer.from(url.replace(/^data:image\/png;base64,/, ""), "base64"));
      written += 1;
    }
    return written;
  } finally {
    await browser.close();
    rmSync(home, { recursive: true, force: true });
  }
}
