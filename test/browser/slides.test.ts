import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { buildSlides, type DeckResult } from "../../src/slides/buildSlides";
import type { Notebook } from "../../src/site/notebookFile";
import { slideTypes } from "../../src/slides/slideTypes";
// @ts-expect-error: a plain ES module script without type declarations
import { findChromium } from "../../scripts/find-chromium.mjs";
// @ts-expect-error: a plain ES module script without type declarations
import { jupyterEnv } from "../../scripts/jupyter-env.mjs";

/**
 * Lesson 1's slide deck (npm run slides) in headless Chromium, opened from the file system as a presenter
 * offline would: reveal.js initializes; it counts as many slides as the cells' slide metadata starts (one
 * per `slide` or `subslide` cell, nbconvert's rule) and as many horizontal slides as the notebook has
 * `#`/`##` headings (counted here from the notebook's text); walking through every slide draws every
 * figure of the notebook (code cells with a Plotly output, solutions aside, counted from the notebook);
 * no check line and no solution code reaches a slide; nothing is requested outside file:// (and data:).
 * Screenshots go to test-output/slides-screenshots/.
 */
const root = join(__dirname, "..", "..");
const out = join(root, "test-output", "slides");
const executedDir = join(root, "test-output", "executed");
const shots = join(root, "test-output", "slides-screenshots");
const chromiumHome = join(root, "test-output", "slides-chromium-home");
let browser: Browser | null = null;
let deck: DeckResult;

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium was not found: run npm run setup -- --with-browser or set BITBOUND_CHROMIUM");
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  [deck] = await buildSlides({ root, out, executedDir, lessons: ["01"], env: { ...process.env, ...jupyterEnv() } });
  browser = await chromium.launch({
    executablePath,
    env: { ...process.env, HOME: chromiumHome, XDG_CONFIG_HOME: join(chromiumHome, ".config"), XDG_CACHE_HOME: join(chromiumHome, ".cache") },
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

type RevealApi = {
  isReady(): boolean;
  getTotalSlides(): number;
  getHorizontalSlides(): unknown[];
  isLastSlide(): boolean;
  next(): void;
  slide(h: number, v?: number): void;
  getIndices(slide?: unknown): { h: number; v: number };
};
/** The page's globals the test reads (the project's type check has no DOM library). */
type PageGlobals = {
  Reveal: RevealApi;
  document: { querySelector(selector: string): { closest(selector: string): unknown } | null; documentElement: { getAttribute(name: string): string | null } };
};

describe("a lesson's slide deck in headless Chromium", () => {
  it("lesson 1's deck opens from file://, reveal.js counts its slides, every figure is drawn, and nothing leaves file://", async () => {
    const nb = JSON.parse(readFileSync(join(executedDir, "01-floating-point.ipynb"), "utf8")) as Notebook;
    const text = (c: Notebook["cells"][number]) => (Array.isArray(c.source) ? c.source.join("") : c.source);
    const tags = (c: Notebook["cells"][number]) => c.metadata?.tags ?? [];
    // independent counts from the notebook itself
    expect(nb.cells.some((c) => c.metadata?.slideshow !== undefined), "the course's notebooks carry no slide metadata of their own").toBe(false);
    const headings = nb.cells.filter((c) => c.cell_type === "markdown" && /^\s*#{1,2}\s/.test(text(c))).length;
    const figureCells = nb.cells.filter(
      (c) => c.cell_type === "code" && !tags(c).includes("solution") && (c.outputs ?? []).some((o) => o.data?.["application/vnd.plotly.v1+json"] !== undefined),
    ).length;
    const types = slideTypes(nb);
    const started = types.filter((t) => t === "slide" || t === "subslide").length;
    expect(figureCells).toBeGreaterThanOrEqual(2);
    expect(deck.figures).toBe(figureCells);

    const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    const outside: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => {
      if (!/^(file|data|blob|about):/.test(r.url())) outside.push(r.url());
    });
    await page.goto(pathToFileURL(join(out, deck.file)).href, { waitUntil: "load", timeout: 90_000 });
    await page.locator("html[data-deck-ready=true]").waitFor({ state: "attached", timeout: 60_000 });
    const counts = await page.evaluate(() => {
      const reveal = (globalThis as unknown as PageGlobals).Reveal;
      return { ready: reveal.isReady(), total: reveal.getTotalSlides(), horizontal: reveal.getHorizontalSlides().length };
    });
    console.log(`deck ${deck.file}: reveal.js counts ${counts.total} slides (${counts.horizontal} horizontal); the metadata starts ${started}, the notebook has ${headings} #/## headings and ${figureCells} figures`);
    expect(counts.ready).toBe(true);
    expect(counts.total, "reveal.js's slide count against the cells whose slide type starts a slide").toBe(started);
    expect(counts.total).toBe(deck.slides);
    expect(counts.horizontal, "horizontal slides against the notebook's # and ## headings").toBe(headings);
    await page.screenshot({ path: join(shots, "01-title.png") });

    // the first figure's slide: its chart is drawn (an SVG with a size) when the slide is shown
    await page.evaluate(() => {
      const reveal = (globalThis as unknown as PageGlobals).Reveal;
      const slide = (globalThis as unknown as PageGlobals).document.querySelector("figure.plotly-figure")!.closest("section");
      const { h, v } = reveal.getIndices(slide);
      reveal.slide(h, v);
    });
    const svg = page.locator("section.present figure.plotly-figure .js-plotly-plot .main-svg").first();
    await svg.waitFor({ state: "visible", timeout: 60_000 });
    const box = await svg.boundingBox();
    expect(box && box.width > 200 && box.height > 100, `the chart's size: ${JSON.stringify(box)}`).toBe(true);
    await page.waitForTimeout(1000); // reveal.js's slide transition
    await page.screenshot({ path: join(shots, "01-first-figure.png") });

    // every slide in turn: every figure of the notebook gets drawn
    await page.evaluate(() => (globalThis as unknown as PageGlobals).Reveal.slide(0, 0));
    for (let i = 0; i < counts.total; i++) {
      await page.evaluate(() => (globalThis as unknown as PageGlobals).Reveal.next());
      await page.waitForTimeout(50);
    }
    await page.waitForFunction((n) => Number((globalThis as unknown as PageGlobals).document.documentElement.getAttribute("data-figures-drawn")) >= n, figureCells, { timeout: 60_000 });
    expect(await page.locator("figure.plotly-figure .js-plotly-plot .main-svg").count()).toBeGreaterThanOrEqual(figureCells);

    // code, check lines and solutions stay off the slides (no code cell of lesson 1 is tagged "slide")
    expect(await page.locator("pre.source").count()).toBe(0);
    expect(await page.locator(".check-pass").count()).toBe(0);
    const solution = nb.cells.find((c) => tags(c).includes("solution"))!;
    const firstSolutionLine = text(solution).split("\n").find((l) => l.trim().length > 20)!.trim();
    expect(await page.locator("body").innerText()).not.toContain(firstSolutionLine);
    // typeset math, and no formula KaTeX refused
    expect(await page.locator(".katex .katex-html").count()).toBeGreaterThan(0);
    expect(await page.locator(".katex-error").count()).toBe(0);

    expect(errors).toEqual([]);
    expect(outside, "requests that left file://").toEqual([]);
    await page.close();
  }, 240_000);
});
