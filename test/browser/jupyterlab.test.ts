import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { loadCourse } from "../../src/course/index";
// @ts-expect-error: a plain ES module script without type declarations
import { findChromium } from "../../scripts/find-chromium.mjs";
// @ts-expect-error: a plain ES module script without type declarations
import { jupyterEnv } from "../../scripts/jupyter-env.mjs";
// @ts-expect-error: a plain ES module script without type declarations
import { envBin } from "../../scripts/lib/platform.mjs";

/**
 * The course as a learner sees it: the project's JupyterLab, opened in headless Chromium, runs every
 * available notebook with "Run All Cells" on the TypeScript (bitbound) kernel. Each notebook must draw
 * its Plotly charts (the chart's SVG is in the output area), print its checks, and show no error output.
 * Screenshots go to test-output/screenshots/ (git-ignored).
 *
 * JupyterLab serves a copy of the notebooks in test-output/lab/, so running them in the browser never
 * writes outputs into the committed notebooks. The copy sits inside the project, so the kernel still finds
 * node_modules/bitbound. Jupyter's config, data and runtime folders, IPython's, JupyterLab's user settings
 * and workspaces (scripts/jupyter-env.mjs) and Chromium's profile are fresh folders under test-output/lab/
 * too: the test reads nothing from the home folder and writes nothing there.
 */
const root = join(__dirname, "..", "..");
const out = join(root, "test-output");
const labRoot = join(out, "lab");
const shots = join(out, "screenshots");
const token = randomBytes(16).toString("hex");
const available = loadCourse(root).lessons.filter((l) => l.status === "available");

let lab: ChildProcess | null = null;
let labLog = "";
let browser: BrowserContext | null = null;
let base = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForLab(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (lab?.exitCode !== null) throw new Error(`JupyterLab exited early:\n${labLog}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`JupyterLab did not answer at ${url} in time:\n${labLog}`);
}

beforeAll(async () => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium was not found: run `node scripts/setup.mjs --with-browser` or set BITBOUND_CHROMIUM");
  rmSync(labRoot, { recursive: true, force: true });
  mkdirSync(labRoot, { recursive: true });
  cpSync(join(root, "notebooks"), join(labRoot, "notebooks"), { recursive: true });
  mkdirSync(shots, { recursive: true });
  // No news toast or update check: scripts/kernel-spec.mjs wrote those overrides into the environment's
  // lab settings; user settings, workspaces and Jupyter's own folders are fresh per run (the kernel spec
  // is found in .venv/share/jupyter whatever JUPYTER_DATA_DIR says).
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const args = [
    "lab", "--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--ServerApp.token=${token}`,
    `--ServerApp.root_dir=${labRoot}`, "--MappingKernelManager.default_kernel_name=bitbound",
  ];
  if (process.getuid?.() === 0) args.push("--allow-root");
  lab = spawn(envBin(join(root, ".venv"), "jupyter"), args, {
    cwd: root,
    env: { ...process.env, ...jupyterEnv(join(labRoot, "jupyter")), BITBOUND_LEDGER: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  lab.stdout!.on("data", (d) => (labLog += d));
  lab.stderr!.on("data", (d) => (labLog += d));
  await waitForLab(`${base}/api/status?token=${token}`, Date.now() + 90_000);
  // a fresh user-data dir each run (the folder was just emptied with the rest of test-output/lab), and a
  // home of its own: Chromium writes ~/.config/chromium/Crash Reports and ~/.cache/dconf otherwise
  const chromiumHome = join(labRoot, "chromium-home");
  browser = await chromium.launchPersistentContext(join(labRoot, "chromium-profile"), {
    executablePath,
    headless: true,
    env: {
      ...process.env,
      HOME: chromiumHome,
      XDG_CONFIG_HOME: join(chromiumHome, ".config"),
      XDG_CACHE_HOME: join(chromiumHome, ".cache"),
    },
    viewport: { width: 1400, height: 1000 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic",
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (lab && lab.exitCode === null) {
    lab.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    if (lab.exitCode === null) lab.kill("SIGKILL");
  }
});

/** Shuts down every kernel session of the test's JupyterLab, so finished notebooks do not hold memory. */
async function shutDownSessions(): Promise<void> {
  const sessions = (await (await fetch(`${base}/api/sessions?token=${token}`)).json()) as { id: string }[];
  for (const s of sessions) await fetch(`${base}/api/sessions/${s.id}?token=${token}`, { method: "DELETE" });
}

/** Whether any code cell has started: a busy [*] or numbered [n] prompt in view, or a busy kernel. */
async function anyCellStarted(page: Page): Promise<boolean> {
  const prompts = await page.locator(".jp-CodeCell .jp-InputPrompt").allInnerTexts();
  return prompts.some((p) => /\[(\*|\d+)\]/.test(p)) || (await kernelStatus(page)) === "Busy";
}

/**
 * Clicks Run → Run All Cells once the menu item is enabled. JupyterLab enables it only when the
 * notebook's session is ready; a click just before that is ignored, so if no cell has started a few
 * seconds later the click is repeated (nothing has run yet, so this cannot run a cell twice).
 */
async function runAll(page: Page): Promise<void> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    await page.getByRole("menuitem", { name: "Run", exact: true }).click();
    const item = page.getByRole("menuitem", { name: /^Run All Cells/ });
    await expect.poll(async () => (await item.getAttribute("aria-disabled")) !== "true", { timeout: 30_000, interval: 200 }).toBe(true);
    await item.click();
    for (let i = 0; i < 20; i++) {
      if (await anyCellStarted(page)) return;
      await page.waitForTimeout(250);
    }
    await page.keyboard.press("Escape"); // close the menu if it is still open, then try again
  }
  throw new Error("Run All Cells did not start any cell after 4 attempts");
}

/** The kernel's state as the status bar shows it ("Idle", "Busy", "Starting", …). */
async function kernelStatus(page: Page): Promise<string> {
  const items = await page.locator(".jp-StatusBar-TextItem").allInnerTexts();
  const kernel = items.find((t) => t.startsWith("TypeScript (bitbound)"));
  return kernel ? kernel.split("|").pop()!.trim() : "no kernel";
}

/**
 * Waits until "Run All Cells" has finished: the kernel is idle, no cell shows the busy prompt [*], and the
 * last code cell (in view, since Run All ends on the last cell) has an execution count; the same for three
 * polls in a row. JupyterLab renders cells far out of view lazily, so earlier prompts may read empty.
 */
async function waitForRunAll(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let stable = 0;
  while (Date.now() < deadline) {
    const prompts = await page.locator(".jp-CodeCell .jp-InputPrompt").allInnerTexts();
    const busy = prompts.some((p) => p.includes("*"));
    const lastDone = prompts.length > 0 && /\[\d+\]/.test(prompts[prompts.length - 1]);
    stable = !busy && lastDone && (await kernelStatus(page)) === "Idle" ? stable + 1 : 0;
    if (stable >= 3) return;
    await page.waitForTimeout(500);
  }
  const errors = await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").allInnerTexts();
  const prompts = await page.locator(".jp-CodeCell .jp-InputPrompt").allInnerTexts();
  throw new Error(
    `Run All did not finish in ${timeoutMs / 1000} s (kernel: ${await kernelStatus(page)}; prompts in view: ${prompts.filter(Boolean).join(" ")})` +
      (errors.length ? `\nerror output:\n${errors.join("\n")}` : ""),
  );
}

describe("the course in JupyterLab, in headless Chromium", () => {
  it.each(available.map((l) => [l.notebook] as const))("%s runs all cells and renders its Plotly charts", async (notebook) => {
    const page = await browser!.newPage();
    const consoleErrors: string[] = [];
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    // A workspace of its own, reset, so that only this notebook is open: "Run All Cells" acts on the
    // current widget, and a notebook restored from an earlier test's layout could be the current one.
    const workspace = `test-${notebook.replace(".ipynb", "")}`;
    await page.goto(`${base}/lab/workspaces/${workspace}/tree/notebooks/${notebook}?token=${token}&reset`);
    await page.locator(".jp-Notebook").first().waitFor({ timeout: 60_000 });
    await page.locator(".lm-TabBar-tab", { hasText: notebook }).first().click();
    const shot = join(shots, notebook.replace(".ipynb", ".png"));
    try {
      // the kernel must be connected and idle before "Run All Cells", or the request can be lost
      await expect.poll(() => kernelStatus(page), { timeout: 60_000, interval: 250 }).toBe("Idle");
      await runAll(page);
      await waitForRunAll(page, 150_000);
    } catch (e) {
      await page.screenshot({ path: shot.replace(".png", "-failed.png") });
      throw e;
    }
    const expectedPlots = 2; // every notebook draws at least two figures (the lesson contract)
    const plots = await page.locator(".js-plotly-plot").filter({ has: page.locator(".main-svg") }).count();
    const stderr = await page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").allInnerTexts();
    // a check line anywhere in an output area: JupyterLab merges a cell's stdout into one area, so a cell that
    // prints a result before its check starts with the result (Playwright's text match turns line breaks into spaces)
    const passLines = await page.locator(".jp-OutputArea-output").filter({ hasText: /(^|\s)✓ / }).count();
    // under each chart, show's caption and collapsed text description, visible with the Plotly renderer active
    const descriptions = await page.locator(".jp-OutputArea-output details > summary").filter({ hasText: /^Text description of Figure/ }).count();
    await page.locator(".js-plotly-plot").first().evaluate((el) => el.scrollIntoView({ block: "center" }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: shot });
    await page.close();
    await shutDownSessions();
    expect(stderr, `error output in ${notebook}:\n${stderr.join("\n")}`).toEqual([]);
    expect(plots).toBeGreaterThanOrEqual(expectedPlots);
    expect(passLines, "output areas with ✓ check lines").toBeGreaterThanOrEqual(1);
    expect(descriptions, "figure text descriptions shown under the charts").toBeGreaterThanOrEqual(expectedPlots);
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });
});
