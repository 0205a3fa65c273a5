import { joinText, type Notebook } from "./notebookFile";

/**
 * How long a lesson takes, as the lesson itself says it: the first sentence of the "**Time.**" paragraph
 * of the notebook's objectives cell ("About 2 hours 45 minutes for a newcomer, exercises included"), or
 * else the first line of the guide's "## Time needed" section. Null when neither says.
 *
 * @example
 * ```ts
 * lessonTime(nb, guide); // "About 2 hours 30 minutes for a newcomer, exercises included"
 * ```
 */
export function lessonTime(notebook: Notebook | null, guide: string | null): string | null {
  const firstMarkdown = notebook?.cells.find((c) => c.cell_type === "markdown");
  const objectives = firstMarkdown ? joinText(firstMarkdown.source) : "";
  const fromNotebook = /\*\*Time\.\*\*\s*(.+)/.exec(objectives);
  if (fromNotebook) return firstClause(fromNotebook[1]);
  const fromGuide = /^##\s*Time needed\s*\n+([^\n]+)/m.exec(guide ?? "");
  return fromGuide ? firstClause(fromGuide[1].replace(/^[-*]\s*/, "")) : null;
}

/** The text up to the first ";", ":" or sentence end (a "." followed by a space or the end). */
function firstClause(text: string): string {
  return text.split(/[;:]|\.(?:\s|$)/)[0].trim();
}
