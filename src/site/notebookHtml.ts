import { escapeHtml } from "../notebook/html";
import { joinText, type Notebook, type NotebookCell } from "./notebookFile";
import { outputsHtml, type OutputContext } from "./outputHtml";

/**
 * A notebook as site HTML, cell by cell: markdown typeset (headings demoted under the page's title), code
 * shown with its outputs, each exercise prompt ("Try it N.k", a markdown cell tagged `exercise`) in a box
 * of its own, and each solution (a code cell tagged `solution`) collapsed in a `<details>` that the
 * reader opens after trying.
 *
 * @packageDocumentation
 */

/** "02.3" → "2.3", the exercise's number as the lessons write it ("Try it 2.3"). */
export function exerciseLabel(id: string): string {
  return id.replace(/^0(\d)/, "$1");
}

function tags(cell: NotebookCell): string[] {
  return Array.isArray(cell.metadata?.tags) ? cell.metadata!.tags! : [];
}

function exerciseId(cell: NotebookCell): string | null {
  const id = cell.metadata?.bitbound?.exercise;
  return typeof id === "string" && /^\d\d\.\d+$/.test(id) ? id : null;
}

function codeCellHtml(cell: NotebookCell, index: number, ctx: OutputContext): string {
  const source = joinText(cell.source);
  const outputs = outputsHtml(cell.outputs ?? [], { ...ctx, where: `${ctx.where} cell ${index + 1}` });
  return (
    `<div class="cell code"><pre class="source"><code class="language-typescript">${escapeHtml(source)}</code></pre>` +
    (outputs ? `<div class="outputs">${outputs}</div>` : "") +
    `</div>`
  );
}

/**
 * The HTML of a whole notebook.
 *
 * @param nb - the notebook (an executed copy shows its outputs; a committed one has none)
 * @param ctx - the page's markdown renderer and figure placement; `where` names the notebook in errors
 * @param options - `headingShift` (default 1: the notebook's `#` title becomes an `<h2>`)
 * @example
 * ```ts
 * notebookHtml(readNotebook("test-output/executed/02-block-scaling.ipynb"), ctx); // '<div class="cell markdown">…'
 * ```
 */
export function notebookHtml(nb: Notebook, ctx: OutputContext, options: { headingShift?: number } = {}): string {
  const headingShift = options.headingShift ?? 1;
  return nb.cells
    .map((cell, i) => {
      const exercise = exerciseId(cell);
      if (cell.cell_type === "markdown") {
        const body = ctx.md.block(joinText(cell.source), { headingShift });
        if (tags(cell).includes("exercise") && exercise) {
          return `<section class="exercise" id="try-${exercise.replace(".", "-")}" aria-label="Try it ${exerciseLabel(exercise)}">${body}</section>`;
        }
        return `<div class="cell markdown">${body}</div>`;
      }
      if (cell.cell_type !== "code") return "";
      const html = codeCellHtml(cell, i, ctx);
      if (tags(cell).includes("solution")) {
        const label = exercise ? `Solution to Try it ${exerciseLabel(exercise)}` : "Solution";
        return `<details class="solution"><summary>${label} (try it first)</summary>${html}</details>`;
      }
      return html;
    })
    .join("\n");
}
