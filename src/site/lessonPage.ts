import { escapeHtml } from "../notebook/html";
import type { Course } from "../course/schema";
import type { LedgerCount } from "../notebook/check";
import { launchLinks, type LaunchConfig } from "./launchLinks";
import type { LessonSources } from "./lessonSources";
import { stageOf } from "./lessonSources";
import type { MarkdownRenderer } from "./markdown";
import { notebookHtml } from "./notebookHtml";
import type { PlotlyFigure } from "./plotlyFigure";
import { flashcardsSectionHtml, quizSectionHtml, studyAnchors } from "./studyHtml";

/**
 * The body of a lesson's page: a header (stage, time, prerequisites, the ledger's counts, "open this
 * lesson" links), then the guide, the notebook, the deep dives, the quiz and the flashcards. The printable
 * page and the whole-course page use the same body without the launch links.
 *
 * @packageDocumentation
 */

/** What a lesson's body is built from. */
export interface LessonBodyInput {
  sources: LessonSources;
  course: Course;
  md: MarkdownRenderer;
  launch: LaunchConfig;
  /** The lesson's time, as it states it (lessonTime), or null. */
  time: string | null;
  /** The ledger's counts for this lesson, or undefined when it has no records. */
  counts: LedgerCount | undefined;
  /** Places one figure on the page and returns its HTML. */
  figure: (figure: PlotlyFigure, summary: string) => string;
  /** The page that holds this body: "lesson" (with launch links), "print" or "course" (the whole course). */
  kind: "lesson" | "print" | "course";
}

/** The file a lesson's printable page is written to, next to its page in `lessons/`. */
export function printPageName(sources: LessonSources): string {
  return sources.page.replace(/\.html$/, "-print.html");
}

function launchHtml(sources: LessonSources, launch: LaunchConfig): string {
  const path = `notebooks/${sources.lesson.notebook}`;
  const links = launchLinks(launch, path);
  if (!launch.repository) {
    return (
      `<aside class="launch" aria-label="Open this lesson"><p><strong>Run this lesson:</strong> in a checkout of the repository, ` +
      `<code>npm run lab</code> opens it in JupyterLab. Binder and JupyterHub links appear here when the site is built with the ` +
      `repository's URL (package.json <code>repository</code> or <code>BITBOUND_REPOSITORY</code>; see the README).</p></aside>`
    );
  }
  const folder = launch.repository.split("/").pop() as string;
  return (
    `<aside class="launch" aria-label="Open this lesson"><p><strong>Open this lesson:</strong> ` +
    `<a class="launch-binder" href="${escapeHtml(links.binder as string)}">on Binder</a>` +
    (links.nbgitpuller ? ` · <a class="launch-hub" href="${escapeHtml(links.nbgitpuller)}">on ${escapeHtml(launch.jupyterHub as string)}</a>` : "") +
    ` · or locally with <code>npm run lab</code>.</p>` +
    `<div class="hub-launch" data-repository="${escapeHtml(launch.repository)}" data-branch="${escapeHtml(launch.branch)}" data-folder="${escapeHtml(folder)}" data-path="${escapeHtml(path)}">` +
    `<label>Your JupyterHub (with nbgitpuller): <input type="url" placeholder="https://hub.example.edu" autocomplete="url"></label> ` +
    `<button type="button">Open there</button></div></aside>`
  );
}

function factsHtml(input: LessonBodyInput): string {
  const { sources, course, counts, time } = input;
  const prereq = sources.lesson.prerequisites
    .map((id) => course.lessons.find((l) => l.id === id))
    .filter((l): l is NonNullable<typeof l> => l !== undefined)
    .map((l) => (l.status === "available" && input.kind !== "print" ? `<a href="${input.kind === "course" ? `#lesson-${l.id}` : `${l.id}-${l.slug}.html`}">${l.id} ${escapeHtml(l.title)}</a>` : `${l.id} ${escapeHtml(l.title)}`))
    .join(", ");
  const checks = counts
    ? `${counts.independent} independent, ${counts.restatement} restatement${counts.restatement === 1 ? "" : "s"}${counts.unclassified ? `, ${counts.unclassified} unclassified` : ""}`
    : "not in the ledger yet";
  return (
    `<dl class="lesson-facts">` +
    `<dt>Time</dt><dd>${time ? escapeHtml(time) : "not stated"}</dd>` +
    `<dt>Prerequisites</dt><dd>${prereq || "none"}</dd>` +
    `<dt>Checked claims</dt><dd>${checks}</dd>` +
    `</dl>`
  );
}

/**
 * The body of one lesson.
 *
 * @example
 * ```ts
 * lessonBodyHtml({ sources, course, md, launch, time, counts, figure, kind: "lesson" }); // '<article class="lesson" id="lesson-02">…'
 * ```
 */
export function lessonBodyHtml(input: LessonBodyInput): string {
  const { sources, course, md } = input;
  const { lesson } = sources;
  const stage = stageOf(course, lesson);
  const anchors = studyAnchors(lesson.id);
  const id = lesson.id;
  const parts: string[] = [];
  const nav: string[] = [];
  if (sources.guide) nav.push(`<a href="#guide-${id}">Guide</a>`);
  if (sources.notebook) nav.push(`<a href="#notebook-${id}">Notebook</a>`);
  if (sources.deepDives.length) nav.push(`<a href="#deep-dives-${id}">Deep dives</a>`);
  if (sources.quiz) nav.push(`<a href="#${anchors.quiz}">Quiz</a>`);
  if (sources.flashcards) nav.push(`<a href="#${anchors.flashcards}">Flashcards</a>`);
  if (input.kind === "lesson") nav.push(`<a href="${printPageName(sources)}">Printable page</a>`);
  parts.push(
    `<header class="lesson-header"><p class="kicker">Lesson ${id} · Stage ${stage.id} (${escapeHtml(stage.level)}): ${escapeHtml(stage.title)}</p>` +
      `<h1>${escapeHtml(lesson.title)}</h1>` +
      `<ul class="objectives">${lesson.objectives.map((o) => `<li>${md.inline(o)}</li>`).join("")}</ul>` +
      factsHtml(input) +
      (input.kind === "lesson" ? launchHtml(sources, input.launch) : "") +
      `<nav class="lesson-nav" aria-label="This lesson">${nav.join(" · ")}</nav></header>`,
  );
  if (sources.guide) parts.push(`<section class="guide" id="guide-${id}">${md.block(sources.guide, { headingShift: 1 })}</section>`);
  if (sources.notebook) {
    const note = sources.executed
      ? ""
      : `<p class="warning">This notebook has not been executed for the site, so its outputs and figures are missing. Run <code>npx bitbound verify --lesson ${id}</code>, then <code>npm run site</code>.</p>`;
    const where = sources.notebookFile ?? lesson.notebook;
    parts.push(
      `<section class="notebook" id="notebook-${id}">${note}` +
        notebookHtml(sources.notebook, { md, where, lessonId: id, figure: input.figure }) +
        `</section>`,
    );
  }
  if (sources.deepDives.length) {
    parts.push(
      `<section class="deep-dives" id="deep-dives-${id}"><h2 class="section-title">Deep dives</h2>` +
        sources.deepDives.map((d, k) => `<article class="deep-dive" id="deep-dive-${id}-${k + 1}">${md.block(d.text, { headingShift: 2 })}</article>`).join("") +
        `</section>`,
    );
  }
  if (sources.quiz) parts.push(quizSectionHtml(lesson, sources.quiz, md));
  if (sources.flashcards) parts.push(flashcardsSectionHtml(lesson, sources.flashcards, md));
  return `<article class="lesson" id="lesson-${id}">${parts.join("\n")}</article>`;
}
