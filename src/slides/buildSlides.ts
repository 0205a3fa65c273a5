import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { executeNotebook } from "../cli/runNotebook";
import { selectLessons } from "../cli/verify";
import { loadCourse } from "../course/files";
import { escapeHtml } from "../notebook/html";
import { copyAssets } from "../site/assets";
import { notebookLedgerPath } from "../site/ledgerFile";
import { createMarkdown } from "../site/markdown";
import { readNotebook } from "../site/notebookFile";
import { deckHtml } from "./deckHtml";
import { slideTypes } from "./slideTypes";

/**
 * `npm run slides [-- NN ...]`: each lesson as a reveal.js slide deck in `build/slides/NN-slug.html`, with
 * `build/slides/index.html` listing the decks. Slides are built from the *executed* notebook, the same
 * copy `npm run site` reads (`test-output/executed/`, written by `npm test` and `bitbound verify`); a
 * lesson whose executed copy is missing or older than its notebook is executed first, exactly as
 * `bitbound verify --lesson NN` would (its ledger too). The decks' scripts and styles (reveal.js from npm,
 * plotly.js-dist-min, KaTeX's CSS and fonts, the deck's own script) are copied beside them into
 * `assets/`, so a deck opens from the file system with no network.
 *
 * @packageDocumentation
 */

/** Options of {@link buildSlides}. */
export interface BuildSlidesOptions {
  root: string;
  /** The decks' folder (default build/slides). It must be absent, empty, or an earlier build of slides. */
  out: string;
  /** The executed notebooks (test-output/executed). */
  executedDir: string;
  /** Lesson ids ("01", "2"); empty: every available lesson. */
  lessons: string[];
  /** Execute a lesson whose executed copy is missing or stale (default true); false: build from what is there. */
  execute?: boolean;
  /** The kernel's environment when executing (Jupyter's folders). */
  env?: Record<string, string | undefined>;
  /** Seconds per cell when executing (default 300). */
  timeout?: number;
  log?: (line: string) => void;
}

/** One deck written. */
export interface DeckResult {
  lesson: string;
  file: string;
  slides: number;
  figures: number;
  /** Whether the notebook was executed for this build (false: an executed copy was reused). */
  executed: boolean;
}

const MARKER = ".bitbound-slides";
const here = dirname(fileURLToPath(import.meta.url));

/** Copies reveal.js (script, style, white theme, speaker-notes plugin) and the deck's own files into `<out>/assets`. */
function copyDeckAssets(out: string): void {
  copyAssets(out); // plotly.min.js and KaTeX, as the site ships them
  const dist = dirname(createRequire(import.meta.url).resolve("reveal.js"));
  const reveal = join(out, "assets", "reveal");
  mkdirSync(join(reveal, "theme"), { recursive: true });
  mkdirSync(join(reveal, "plugin"), { recursive: true });
  for (const file of ["reveal.js", "reveal.css", join("theme", "white.css"), join("plugin", "notes.js")]) copyFileSync(join(dist, file), join(reveal, file));
  for (const file of ["deck.js", "deck.css"]) copyFileSync(join(here, "assets", file), join(out, "assets", file));
}

function indexHtml(decks: { file: string; title: string }[]): string {
  const items = decks.map((d) => `<li><a href="${escapeHtml(d.file)}">${escapeHtml(d.title)}</a></li>`).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bitbound: slides</title>
<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;line-height:1.5}</style></head>
<body><h1>bitbound: lesson slides</h1>
<p>Each deck is a reveal.js presentation: arrow keys or space to move, <kbd>Esc</kbd> for the overview,
<kbd>S</kbd> for speaker notes. Slides show the narrative and the figures; the notebook has the code and checks.</p>
<ul>
${items}
</ul></body></html>
`;
}

/**
 * Builds the decks.
 *
 * @throws Error naming the output folder when it holds files this project did not write, or the lesson
 *   whose notebook failed to execute
 * @throws UsageError (as `bitbound verify --lesson`) naming an unknown or planned lesson
 * @example
 * ```ts
 * await buildSlides({ root, out: "build/slides", executedDir: "test-output/executed", lessons: ["01"] });
 * // [{ lesson: "01", file: "01-floating-point.html", slides: 31, figures: 5, executed: false }]
 * ```
 */
export async function buildSlides(options: BuildSlidesOptions): Promise<DeckResult[]> {
  const { root, out, executedDir } = options;
  const log = options.log ?? (() => undefined);
  const lessons = selectLessons(loadCourse(root).lessons, [...options.lessons]);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, MARKER))) {
    throw new Error(`${out} is not empty and was not written by this project (no ${MARKER} file): choose another --out folder`);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, MARKER), "written by the bitbound project's slide build; later builds overwrite its decks\n");
  copyDeckAssets(out);
  const md = createMarkdown();
  const results: DeckResult[] = [];
  for (const lesson of lessons) {
    const source = join(root, "notebooks", lesson.notebook);
    const executed = join(executedDir, lesson.notebook);
    const stale = !existsSync(executed) || statSync(executed).mtimeMs < statSync(source).mtimeMs;
    let ran = false;
    if (stale && options.execute !== false) {
      log(`executing ${lesson.notebook} (its executed copy is ${existsSync(executed) ? "older than the notebook" : "missing"})`);
      const run = await executeNotebook(root, lesson.notebook, {
        executed,
        ledger: notebookLedgerPath(root, lesson.notebook),
        timeout: options.timeout ?? 300,
        env: options.env ?? process.env,
      });
      if (!run.ok) throw new Error(`${lesson.notebook} failed to execute, so it has no slides:\n${run.error}`);
      ran = true;
    }
    const path = existsSync(executed) ? executed : source;
    if (path === source) log(`${lesson.notebook}: no executed copy, the slides have no figures`);
    const nb = readNotebook(path);
    const title = `Lesson ${Number(lesson.id)}: ${lesson.title}`;
    const deck = deckHtml(nb, slideTypes(nb), { title, lessonId: lesson.id, where: path, md });
    const file = lesson.notebook.replace(/\.ipynb$/, ".html");
    writeFileSync(join(out, file), deck.html);
    results.push({ lesson: lesson.id, file, slides: deck.slides, figures: deck.figures, executed: ran });
  }
  const all = loadCourse(root)
    .lessons.map((l) => ({ file: l.notebook.replace(/\.ipynb$/, ".html"), title: `Lesson ${Number(l.id)}: ${l.title}` }))
    .filter((d) => existsSync(join(out, d.file)));
  writeFileSync(join(out, "index.html"), indexHtml(all));
  return results;
}
