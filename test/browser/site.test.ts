import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildSite, type BuildSiteResult } from "../../src/site/buildSite";
// @ts-expect-error: a plain ES module script without type declarations
import { findChromium } from "../../scripts/find-chromium.mjs";

/**
 * The course website in headless Chromium. The site is built from whatever executed notebooks
 * test-output/executed/ holds (the notebook tests run just before this in scripts/test.mjs) into
 * test-output/site/, and read from the file system, as a learner offline would: every page loads with no
 * console error; each lesson page built from an executed notebook draws at least one Plotly chart; every
 * lesson page has typeset math; a quiz answer gets feedback; a flashcard turns over; a slider, moved with
 * the keyboard, changes its figure. Two pages are also served over HTTP, as GitHub Pages would serve them.
 * The static images (rendered by the build) are real PNGs; the printable pages show them instead of charts.
 * Screenshots go to test-output/site-screenshots/.
 */
const root = join(__dirname, "..", "..");
const out = join(root, "test-output", "site");
const shots = join(root, "test-output", "site-screenshots");
const chromiumHome = join(root, "test-output", "site-chromium-home");
let site: BuildSiteResult;
let browser: Browser | null = null;
let server: Server | null = null;
let httpBase = "";

const fileUrl = (rel: string) => pathToFileURL(join(out, rel)).href;

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium was not found: run `node scripts/setup.mjs --with-browser` or set BITBOUND_CHROMIUM");
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  site = await buildSite({
    root,
    out,
    executedDir: join(root, "test-output", "executed"),
    launch: { repository: "https://github.com/example/bitbound", branch: "main", binderHub: "https://mybinder.org", jupyterHub: null },
    images: true,
  });
  console.log(`site: ${site.pages.length} pages, ${site.figures} figures, ${(site.bytes / 1e6).toFixed(1)} MB, built in ${site.seconds.toFixed(1)} s`);
  browser = await chromium.launch({
    executablePath,
    env: { ...process.env, HOME: chromiumHome, XDG_CONFIG_HOME: join(chromiumHome, ".config"), XDG_CACHE_HOME: join(chromiumHome, ".cache") },
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".woff2": "font/woff2", ".png": "image/png" };
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, "");
    const file = join(out, path.endsWith("/") ? `${path}index.html` : path);
    if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  httpBase = `http://127.0.0.1:${(server!.address() as { port: number }).port}`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
});

/** Opens a page, collecting console errors and uncaught exceptions, and waits until its figures are drawn. */
async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  await page.goto(url, { waitUntil: "load", timeout: 90_000 });
  if ((await page.locator("figure.plotly-figure").count()) > 0) {
    await page.locator("html[data-figures-drawn]").waitFor({ state: "attached", timeout: 60_000 });
  }
  return { page, errors };
}

const lessonPages = () => site.pages.filter((p) => /^lessons\/\d\d-[a-z0-9-]+\.html$/.test(p) && !p.endsWith("-print.html"));

describe("the course website in headless Chromium", () => {
  it("at least one lesson was built from an executed notebook (run the notebook tests first)", () => {
    expect(site.lessons.filter((l) => l.executed).length).toBeGreaterThan(0);
  });

  it("every page loads from the file system with no console error; each lesson page draws its Plotly charts and typesets its math", async () => {
    for (const rel of site.pages) {
      const { page, errors } = await open(fileUrl(rel));
      expect(errors, rel).toEqual([]);
      const lesson = /^lessons\/(\d\d)-[a-z0-9-]+\.html$/.exec(rel);
      if (lesson && !rel.endsWith("-print.html")) {
        const figures = await page.locator("figure.plotly-figure").count();
        if (site.lessons.find((l) => l.id === lesson[1])!.executed) {
          expect(figures, rel).toBeGreaterThanOrEqual(1);
          // every figure drawn (an SVG layer in it), its static fallback hidden
          expect(await page.locator("figure.plotly-figure.drawn .plotly-target .main-svg").count(), rel).toBeGreaterThanOrEqual(figures);
          expect(await page.locator("figure.plotly-figure.drawn .plotly-fallback").first().isVisible(), rel).toBe(false);
        }
        expect(await page.locator(".katex .katex-html").count(), rel).toBeGreaterThan(0);
        expect(await page.locator(".katex-error").count(), rel).toBe(0);
      }
      if (!rel.endsWith("-print.html") && rel !== "print.html") await page.screenshot({ path: join(shots, rel.replace("lessons/", "").replace(".html", ".png")) });
      await page.close();
    }
  }, 240_000);

  it("a quiz answer gets feedback, the explanation opens, the score counts it", async () => {
    const rel = lessonPages().find((p) => readFileSync(join(out, p), "utf8").includes('class="quiz-key"'))!;
    const { page, errors } = await open(fileUrl(rel));
    const key = JSON.parse((await page.locator("script.quiz-key").first().textContent())!) as Record<string, { type: string; answer: number; tolerance?: number }>;
    const questions = page.locator("li.bitbound-question");
    // a multiple-choice question answered wrongly, a numeric one rightly
    const mcIndex = Object.values(key).findIndex((k) => k.type === "multiple-choice");
    const numIndex = Object.values(key).findIndex((k) => k.type === "numeric");
    if (mcIndex >= 0) {
      const q = questions.nth(mcIndex);
      const answer = Object.values(key)[mcIndex].answer;
      await q.locator("input[type=radio]").nth(answer === 0 ? 1 : 0).check();
      await q.getByRole("button", { name: "Check" }).click();
      await expect.poll(() => q.locator(".quiz-feedback").textContent()).toMatch(/^Not quite: the answer is [A-Z]\./);
      expect(await q.locator("details").getAttribute("open")).not.toBeNull();
      await q.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, "quiz-feedback.png") });
    }
    if (numIndex >= 0) {
      const q = questions.nth(numIndex);
      await q.locator("input.quiz-number").fill(String(Object.values(key)[numIndex].answer));
      await q.locator("input.quiz-number").press("Enter");
      await expect.poll(() => q.locator(".quiz-feedback").textContent()).toBe("Correct. The explanation is below.");
    }
    const answered = (mcIndex >= 0 ? 1 : 0) + (numIndex >= 0 ? 1 : 0);
    expect(await page.locator(".quiz-score").first().textContent()).toMatch(new RegExp(`^Score: ${numIndex >= 0 ? 1 : 0} correct of ${answered} answered`));
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("a flashcard turns over with a click, another with the keyboard", async () => {
    const rel = lessonPages().find((p) => readFileSync(join(out, p), "utf8").includes('class="bitbound-card"'))!;
    const { page, errors } = await open(fileUrl(rel));
    const cards = page.locator("details.bitbound-card");
    const first = cards.nth(0);
    await first.scrollIntoViewIfNeeded();
    expect(await first.locator("p").isVisible()).toBe(false);
    await first.locator("summary").click();
    await expect.poll(() => first.locator("p").isVisible()).toBe(true);
    expect(await first.getAttribute("class")).toContain("flipped");
    await cards.nth(1).locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => cards.nth(1).locator("p").isVisible()).toBe(true);
    expect(await page.locator(".flashcard-count").first().textContent()).toMatch(/^2 of \d+ cards turned over\.$/);
    await page.waitForTimeout(400); // let the turn animation finish before the screenshot
    await page.screenshot({ path: join(shots, "flashcards-flipped.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("a slider, moved with the keyboard, changes its figure and Plotly's own slider", async () => {
    let found = false;
    for (const rel of lessonPages()) {
      if (!readFileSync(join(out, rel), "utf8").includes('"sliders"')) continue;
      const { page, errors } = await open(fileUrl(rel));
      const figure = page.locator("figure.plotly-figure", { has: page.locator("input[type=range]") }).first();
      if ((await figure.count()) === 0) {
        await page.close();
        continue;
      }
      found = true;
      await figure.scrollIntoViewIfNeeded();
      const traces = () => figure.evaluate((f) => JSON.stringify((f.querySelector(".plotly-target") as unknown as { data: { x: unknown; y: unknown }[] }).data.map((t) => [t.x, t.y])));
      const before = await traces();
      const range = figure.locator("input[type=range]");
      const start = Number(await range.inputValue());
      await range.focus();
      await page.keyboard.press(start > 0 ? "ArrowLeft" : "ArrowRight");
      await page.keyboard.press(start > 0 ? "Home" : "ArrowRight");
      await expect.poll(traces).not.toBe(before);
      const value = Number(await range.inputValue());
      expect(value).not.toBe(start);
      await expect.poll(() => figure.evaluate((f) => (f.querySelector(".plotly-target") as unknown as { layout: { sliders: { active: number }[] } }).layout.sliders[0].active)).toBe(value);
      expect(await range.getAttribute("aria-valuetext")).toBeTruthy();
      await page.waitForTimeout(300);
      await figure.screenshot({ path: join(shots, "slider-moved.png") });
      expect(errors, rel).toEqual([]);
      await page.close();
      break;
    }
    expect(found, "no lesson page has an explorable figure with a slider").toBe(true);
  }, 90_000);

  it("the printable pages open every answer, solution and card", async () => {
    const rel = site.pages.find((p) => p.endsWith("-print.html"))!;
    const { page, errors } = await open(fileUrl(rel));
    expect(await page.locator("details:not([open])").count()).toBe(0);
    await page.screenshot({ path: join(shots, "printable-lesson.png") });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it("served over HTTP (as GitHub Pages serves it) the pages work the same", async () => {
    const executed = site.lessons.filter((l) => l.executed).map((l) => l.id);
    const lastExecuted = lessonPages().filter((p) => executed.includes(/lessons\/(\d\d)-/.exec(p)![1])).pop()!;
    for (const rel of ["index.html", lastExecuted]) {
      const { page, errors } = await open(`${httpBase}/${rel}`);
      expect(errors, rel).toEqual([]);
      expect(await page.locator(".plotly-target .main-svg").count(), rel).toBeGreaterThan(0);
      await page.close();
    }
  }, 60_000);

  it("the build rendered a static PNG of every figure, 900 px wide; printable pages show them and load no plotly.js", async () => {
    expect(site.images).toBe(site.figures);
    for (const file of readdirSync(join(out, "figures"))) {
      const png = readFileSync(join(out, "figures", file));
      expect(png.subarray(1, 4).toString("latin1"), file).toBe("PNG");
      expect(png.readUInt32BE(16), file).toBe(900); // IHDR width
    }
    const print = readFileSync(join(out, "print.html"), "utf8");
    expect(print).not.toContain("plotly.min.js");
    expect((print.match(/<figure class="static-figure"/g) ?? []).length).toBeGreaterThan(0);
    const { page, errors } = await open(fileUrl("print.html"));
    const images = page.locator("figure.static-figure img");
    await images.last().scrollIntoViewIfNeeded();
    expect(await images.last().evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(900);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
