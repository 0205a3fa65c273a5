import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The site's own copies of what its pages load: plotly.js (the minified build of the plotly.js version the
 * notebooks' figures are made for, `plotly.js-dist-min`, 4.8 MB instead of 11), KaTeX's style sheet and its WOFF2 fonts (every current browser reads WOFF2; the
 * math itself is typeset when the site is built), and the site's style sheet and script
 * (`src/site/assets/`). Nothing is fetched from the network when a page is read.
 *
 * @packageDocumentation
 */

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Copies the assets into `<out>/assets/` and writes `.nojekyll` (GitHub Pages then serves every file as
 * it is).
 *
 * @param out - the site folder
 * @example
 * ```ts
 * copyAssets("build/site"); // build/site/assets/plotly.min.js, assets/katex/katex.min.css, assets/site.js, …
 * ```
 */
export function copyAssets(out: string): void {
  const require = createRequire(import.meta.url);
  const assets = join(out, "assets");
  const katexDist = dirname(require.resolve("katex"));
  mkdirSync(join(assets, "katex", "fonts"), { recursive: true });
  copyFileSync(require.resolve("plotly.js-dist-min"), join(assets, "plotly.min.js"));
  copyFileSync(join(katexDist, "katex.min.css"), join(assets, "katex", "katex.min.css"));
  for (const font of readdirSync(join(katexDist, "fonts")).filter((f) => f.endsWith(".woff2"))) {
    copyFileSync(join(katexDist, "fonts", font), join(assets, "katex", "fonts", font));
  }
  for (const file of ["site.css", "site.js"]) copyFileSync(join(here, "assets", file), join(assets, file));
  writeFileSync(join(out, ".nojekyll"), "");
}
