import { courseMapFigure } from "../course/courseMap";
import type { Course } from "../course/schema";
import type { LedgerCount } from "../notebook/check";
import { escapeHtml } from "../notebook/html";
import { figureBundle, figureDescriptionBundle } from "../notebook/show";
import type { LessonSources } from "./lessonSources";
import type { MarkdownRenderer } from "./markdown";
import { outputsHtml } from "./outputHtml";
import type { PlotlyFigure } from "./plotlyFigure";

/**
 * The home page: the course's question and papers, the course map (the welcome notebook's figure, drawn
 * by the same library function), and every lesson by stage with its status, the time it says it needs,
 * its objectives and the ledger's count of checked claims.
 *
 * @packageDocumentation
 */

/** What the home page is built from. */
export interface HomePageInput {
  course: Course;
  lessons: LessonSources[];
  /** The time each lesson states (lessonTime), by lesson id. */
  times: Map<string, string | null>;
  counts: LedgerCount[];
  md: MarkdownRenderer;
  figure: (figure: PlotlyFigure, summary: string) => string;
}

function statusHtml(s: LessonSources): string {
  if (s.lesson.status !== "available") return `<span class="status planned">planned</span>`;
  return s.executed ? `<span class="status available">available</span>` : `<span class="status unexecuted">available, not executed for this site</span>`;
}

/**
 * The home page's body.
 *
 * @example
 * ```ts
 * homeBodyHtml({ course, lessons, times, counts, md, figure }); // '<section class="intro">…'
 * ```
 */
export function homeBodyHtml(input: HomePageInput): string {
  const { course, md } = input;
  const map = courseMapFigure(course);
  const label = "Course map";
  const caption = "Each marker is a lesson, placed by stage from left to right; a thin line joins a lesson to the lessons it builds on. Filled markers are available now.";
  const mapHtml = outputsHtml(
    [
      { output_type: "display_data", data: figureBundle(map, label, caption) as Record<string, unknown> },
      { output_type: "display_data", data: figureDescriptionBundle(map, label, caption) as Record<string, unknown> },
    ],
    { md, where: "the course map", lessonId: "", figure: input.figure },
  );
  const stages = course.stages.map((stage) => {
    const rows = input.lessons
      .filter((s) => s.lesson.stage === stage.id)
      .map((s) => {
        const l = s.lesson;
        const title = l.status === "available" ? `<a href="lessons/${escapeHtml(s.page)}">${escapeHtml(l.title)}</a>` : escapeHtml(l.title);
        const c = input.counts.find((x) => x.lesson === l.id);
        const time = input.times.get(l.id);
        return (
          `<li class="lesson-card" id="course-lesson-${l.id}"><h3><span class="lesson-id">${l.id}</span> ${title}</h3>` +
          `<p class="lesson-meta">${statusHtml(s)}${time ? ` · ${escapeHtml(time)}` : ""}` +
          (c ? ` · ${c.independent} independent checks, ${c.restatement} restatements` : "") +
          (l.prerequisites.length ? ` · builds on ${l.prerequisites.join(", ")}` : "") +
          `</p><details><summary>Objectives</summary><ul>${l.objectives.map((o) => `<li>${md.inline(o)}</li>`).join("")}</ul></details></li>`
        );
      });
    return `<section class="stage" id="stage-${stage.id}"><h2>Stage ${stage.id} (${escapeHtml(stage.level)}): ${escapeHtml(stage.title)}</h2><ol class="lesson-list">${rows.join("")}</ol></section>`;
  });
  const papers = course.papers.map((p) => `<li><strong>${escapeHtml(p.short)}</strong>: ${escapeHtml(p.authors)}, <em>${escapeHtml(p.title)}</em>, ${escapeHtml(p.id)}.</li>`).join("");
  return (
    `<section class="intro"><h1>${escapeHtml(course.title)}</h1><p>${md.inline(course.summary)}</p>` +
    `<p>Every lesson below is the executed notebook with its figures, its guide, its deep dives, an interactive quiz and flashcards. ` +
    `Every number a lesson states is checked when its notebook runs: the <a href="claims.html">verified-claims page</a> lists each check. ` +
    `To run the code yourself, open a lesson in JupyterLab (<code>npm run lab</code>, or the launch links on each lesson page).</p>` +
    `<h2>The papers</h2><ul>${papers}</ul></section>` +
    `<section class="course-map" id="course-map"><h2>Course map</h2>${mapHtml}${stages.join("")}</section>`
  );
}
