// Renders every Plotly figure of an executed notebook to PNG with plotly.js in headless Chromium, so an
// author can look at what a learner will see without opening JupyterLab.
//
//   node scripts/render-figures.mjs test-output/executed/01-floating-point.ipynb [out-dir]
//
// Writes out-dir/<notebook>-fig<N>.png (default out-dir: test-output/figures) and prints each path.
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { findChromium } from "./find-chromium.mjs";

const [notebookPath, outArg] = process.argv.slice(2);
if (!notebookPath) {
  console.error("usage: node scripts/render-figures.mjs EXECUTED.ipynb [OUT_DIR]");
  process.exit(2);
}
const outDir = resolve(outArg ?? "test-output/figures");
mkdirSync(outDir, { recursive: true });
const nb = JSON.parse(readFileSync(notebookPath, "utf8"));
const figures = [];
for (const cell of nb.cells) {
  for (const output of cell.outputs ?? []) {
    const fig = output.data?.["application/vnd.plotly.v1+json"];
    if (fig) figures.push(fig);
  }
}
if (figures.length === 0) {
  console.error(`${notebookPath}: no Plotly figures (is it an executed copy?)`);
  process.exit(1);
}
const plotly = readFileSync(createRequire(import.meta.url).resolve("plotly.js-dist"), "utf8");
const executablePath = findChromium();
if (!executablePath) {
  console.error("Chromium not found: run node scripts/setup.mjs --with-browser or set BITBOUND_CHROMIUM");
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
await page.setContent(`<html><body style="margin:0"><div id="fig" style="width:1000px"></div><script>${plotly}</script></body></html>`);
const stem = basename(notebookPath, ".ipynb");
for (let i = 0; i < figures.length; i++) {
  const { data, layout } = figures[i];
  await page.evaluate(({ data, layout }) => window.Plotly.newPlot("fig", data, { ...layout, width: 1000 }, { staticPlot: true }), { data, layout });
  const file = join(outDir, `${stem}-fig${i + 1}.png`);
  await page.locator("#fig").screenshot({ path: file });
  console.log(file);
}
await browser.close();
