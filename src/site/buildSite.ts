import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { courseVersion, versionLine } from "../course/changelog";
import { loadCourse } from "../course/files";
import { ledgerCounts } from "../notebook/check";
import { escapeHtml } from "../notebook/html";
import { copyAssets } from "./assets";
import { claimsBodyHtml } from "./claimsPage";
import { homeBodyHtml } from "./homePage";
import type { LaunchConfig } from "./launchLinks";
import { readLedger } from "./ledgerFile";
import { lessonBodyHtml, printPageName } from "./lessonPage";
import { lessonSources, type LessonSources } from "./lessonSources";
import { lessonTime } from "./lessonTime";
import { createMarkdown, mathErrors, type MarkdownRenderer } from "./markdown";
import { prepareOutputFolder } from "./outputFolder";
import { pageHtml } from "./page";
import { plotlyFigureHtml, type PlotlyFigure } from "./plotlyFigure";
import { chromiumPath, renderStaticImages } from "./staticImages";

/**
 * Builds the course website (`npm run site`, `bitbound site`) from `lessons/course.yaml`, the executed
 * notebooks and the lesson files: everything comes from the manifest, so a new lesson needs no change
 * here. Pages:
 *
 * - `index.html`: the course map by stage, each lesson's status and time;
 * - `lessons/NN-slug.html`: guide, notebook (figures, exercises with collapsed solutions), deep dives,
 *   interactive quiz and flashcards, launch links; `lessons/NN-slug-print.html`: the same, printable;
 * - `print.html`: the whole course as one printable page;
 * - `claims.html`: every check of every lesson, from the ledger;
 * - `assets/` (plotly.js, KaTeX's CSS and fonts, the site's CSS and script), `figures/` (static images).
 *
 * @packageDocumentation
 */

/** Options of {@link buildSite}. */
export interface BuildSiteOptions {
  /** The project root. */
  root: string;
  /** The site folder (emptied first; it must be absent, empty, or an earlier build of this site). */
  out: string;
  /** The folder of executed notebooks (test-output/executed). */
  executedDir: string;
  /** A ledger file to read instead of the defaults (see readLedger). */
  ledger?: string;
  launch: LaunchConfig;
  /** Render static images of the figures with Chromium (skipped, with a warning, when none is found). */
  images: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** What a build produced. */
export interface BuildSiteResult {
  /** Pages written, relative to `out`. */
  pages: string[];
  /** Available lessons and whether each was rendered from an executed notebook. */
  lessons: { id: string; executed: boolean }[];
  figures: number;
  images: number;
  /** Check records on the verified-claims page. */
  claims: number;
  /** Total size of the site in bytes. */
  bytes: number;
  seconds: number;
  /** Things a reader of the build output should know (missing executed notebooks, formulas KaTeX refused, no Chromium). */
  warnings: string[];
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(p) : statSync(p).size;
  }
  return total;
}

/** A renderer that renders each distinct text once (pages repeat the same lessons). */
function memoised(md: MarkdownRenderer): MarkdownRenderer {
  const blocks = new Map<string, string>();
  const inlines = new Map<string, string>();
  return {
    block(text, options) {
      const key = `${options?.headingShift ?? 0}\u0000${text}`;
      let html = blocks.get(key);
      if (html === undefined) blocks.set(key, (html = md.block(text, options)));
      return html;
    },
    inline(text) {
      let html = inlines.get(text);
      if (html === undefined) inlines.set(text, (html = md.inline(text)));
      return html;
    },
  };
}

/**
 * Builds the site.
 *
 * @throws Error when a course file is invalid, an output carries script, or `out` is a folder it must not empty
 * @example
 * ```ts
 * const r = await buildSite({ root, out: join(root, "build", "site"), executedDir: join(root, "test-output", "executed"), launch, images: false });
 * r.pages.includes("lessons/02-block-scaling.html"); // true
 * ```
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const start = Date.now();
  const log = options.log ?? (() => {});
  const { root, out } = options;
  const warnings: string[] = [];
  const course = loadCourse(root);
  const md = memoised(createMarkdown());
  prepareOutputFolder(out, ".bitbound-site");
  copyAssets(out);
  const chromium = options.images ? await chromiumPath() : null;
  if (options.images && !chromium) {
    warnings.push("no Chromium found (scripts/find-chromium.mjs, BITBOUND_CHROMIUM): figures have no static image; build with --no-images to silence this");
  }

  const all: LessonSources[] = course.lessons.map((l) => lessonSources(l, root, options.executedDir));
  const available = all.filter((s) => s.lesson.status === "available");
  for (const s of available) {
    if (!s.executed) warnings.push(`lesson ${s.lesson.id}: no executed notebook in ${options.executedDir}; its page shows the notebook without outputs (run \`npx bitbound verify --lesson ${s.lesson.id}\` first)`);
  }
  const times = new Map(all.map((s) => [s.lesson.id, lessonTime(s.notebook, s.guide)]));
  const ledger = readLedger(root, options.ledger);
  const counts = ledgerCounts(ledger.records);
  if (ledger.records.length === 0) warnings.push("no ledger of checks found: the verified-claims page says how to produce one");

  const figures = new Map<string, PlotlyFigure>();
  // printable pages show the static image of a figure when there is one, and then load no plotly.js
  const placer = (key: string, base: "" | "../", printable = false) => {
    let n = 0;
    return (figure: PlotlyFigure, summary: string) => {
      const id = `${key}-fig${++n}`;
      figures.set(id, figure);
      return plotlyFigureHtml({ id, figure, summary, image: chromium ? `${base}figures/${id}.png` : null }, printable);
    };
  };

  const pages: string[] = [];
  const version = versionLine(courseVersion(root));
  let mathProblems = 0;
  const write = (rel: string, title: string, base: "" | "../", body: string, printable = false) => {
    const html = pageHtml({ title, base, body, plotly: body.includes('class="plotly-figure"'), printable, version });
    mathProblems += mathErrors(body);
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), html);
    pages.push(rel);
  };

  write("index.html", course.title, "", homeBodyHtml({ course, lessons: all, times, counts, md, figure: placer("home", "") }));
  write("claims.html", "Verified claims", "", claimsBodyHtml(ledger.records, all, ledger.files));
  for (const s of available) {
    const common = { sources: s, course, md, launch: options.launch, time: times.get(s.lesson.id) ?? null, counts: counts.find((c) => c.lesson === s.lesson.id) };
    log(`lesson ${s.lesson.id}: ${s.notebookFile ?? "no notebook"}`);
    const i = available.indexOf(s);
    const pager =
      `<nav class="pager" aria-label="Lessons">` +
      (i > 0 ? `<a rel="prev" href="${available[i - 1].page}">← ${available[i - 1].lesson.id} ${escapeHtml(available[i - 1].lesson.title)}</a>` : "") +
      (i < available.length - 1 ? ` <a rel="next" href="${available[i + 1].page}">${available[i + 1].lesson.id} ${escapeHtml(available[i + 1].lesson.title)} →</a>` : "") +
      `</nav>`;
    write(`lessons/${s.page}`, `Lesson ${s.lesson.id}: ${s.lesson.title}`, "../", lessonBodyHtml({ ...common, figure: placer(s.lesson.id, "../"), kind: "lesson" }) + pager);
    write(`lessons/${printPageName(s)}`, `Lesson ${s.lesson.id} (printable)`, "../", lessonBodyHtml({ ...common, figure: placer(s.lesson.id, "../", true), kind: "print" }), true);
  }
  const toc = all
    .map((s) => `<li>${s.lesson.id} ${s.lesson.status === "available" ? `<a href="#lesson-${s.lesson.id}">${escapeHtml(s.lesson.title)}</a>` : `${escapeHtml(s.lesson.title)} (planned)`}</li>`)
    .join("");
  const courseBody =
    `<section class="intro"><h1>${escapeHtml(course.title)}</h1><p>The whole course on one page, every answer, solution and card opened, for printing or saving as PDF from the browser's print dialog.</p><ol class="toc">${toc}</ol></section>` +
    available.map((s) => lessonBodyHtml({ sources: s, course, md, launch: options.launch, time: times.get(s.lesson.id) ?? null, counts: counts.find((c) => c.lesson === s.lesson.id), figure: placer(s.lesson.id, "", true), kind: "course" })).join("\n");
  write("print.html", "The whole course (printable)", "", courseBody, true);
  if (mathProblems > 0) warnings.push(`${mathProblems} formula${mathProblems === 1 ? "" : "s"} KaTeX could not typeset (shown as source, class katex-error)`);

  let images = 0;
  if (chromium) {
    log(`static images of ${figures.size} figures`);
    images = await renderStaticImages(figures, join(out, "figures"), chromium);
  }
  return {
    pages,
    lessons: available.map((s) => ({ id: s.lesson.id, executed: s.executed })),
    figures: figures.size,
    images,
    claims: ledger.records.length,
    bytes: folderBytes(out),
    seconds: (Date.now() - start) / 1000,
    warnings,
  };
}
