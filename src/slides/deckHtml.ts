import { escapeHtml } from "../notebook/html";
import type { MarkdownRenderer } from "../site/markdown";
import { joinText, type Notebook, type NotebookCell, type NotebookOutput } from "../site/notebookFile";
import { outputsHtml, type OutputContext } from "../site/outputHtml";
import { plotlyFigureHtml } from "../site/plotlyFigure";
import { hasFigure, showsCode, type SlideType } from "./slideTypes";

/**
 * One lesson as a reveal.js deck: the HTML of a page whose `.slides` hold one `<section>` per horizontal
 * slide, each with one `<section>` per vertical slide (as `jupyter nbconvert --to slides` nests them), built
 * from the cells' slide types ({@link slideTypes}). Markdown is typeset with the site's renderer (KaTeX at
 * build time), figures are the site's figure elements (the JSON of each Plotly figure in the page, drawn
 * by `assets/deck.js` when its slide is shown), outputs of cells shown whole go through the site's output
 * renderer. Nothing in the page is fetched from the network: the scripts and styles it names are copied
 * beside it (`assets/`).
 *
 * @packageDocumentation
 */

/** What {@link deckHtml} needs besides the notebook. */
export interface DeckOptions {
  /** The deck's title (the page title). */
  title: string;
  /** The lesson id, used in figure ids (`01-fig3`) and by the output renderer. */
  lessonId: string;
  /** The notebook's path, for error messages. */
  where: string;
  /** The site's markdown renderer. */
  md: MarkdownRenderer;
  /** A line shown small on the title slide (the course version), or null. */
  subtitle?: string | null;
}

/** The deck's HTML and what it holds. */
export interface Deck {
  html: string;
  /** Leaf slides (what reveal.js counts: every vertical slide). */
  slides: number;
  figures: number;
}

const PLOTLY = "application/vnd.plotly.v1+json";

/** A figure cell's outputs for its slide: each figure and the caption `show` prints after it, no check lines. */
function figureOutputs(outputs: readonly NotebookOutput[]): NotebookOutput[] {
  return outputs.filter((o, i) => {
    if (o.data && o.data[PLOTLY]) return true;
    const html = o.data ? joinText(o.data["text/html"] as string | string[] | undefined) : "";
    const previous = outputs[i - 1];
    return /bitbound-figure-text/.test(html) && previous?.data !== undefined && previous.data[PLOTLY] !== undefined;
  });
}

function codeHtml(cell: NotebookCell): string {
  return `<pre class="source"><code class="language-typescript">${escapeHtml(joinText(cell.source))}</code></pre>`;
}

/**
 * The deck of one notebook.
 *
 * @param nb - the executed notebook
 * @param types - the slide type of each cell (same length as `nb.cells`)
 * @param options - title, lesson id, renderer
 * @throws Error naming `types` when its length differs from the notebook's cells
 * @example
 * ```ts
 * const deck = deckHtml(nb, slideTypes(nb), { title: "Lesson 1", lessonId: "01", where: "01.ipynb", md: createMarkdown() });
 * deck.slides; // 31
 * ```
 */
export function deckHtml(nb: Notebook, types: readonly SlideType[], options: DeckOptions): Deck {
  if (types.length !== nb.cells.length) throw new Error(`types: ${types.length} slide types for ${nb.cells.length} cells of ${options.where}`);
  let figures = 0;
  const ctx: OutputContext = {
    md: options.md,
    where: options.where,
    lessonId: options.lessonId,
    figure: (figure, summary) => plotlyFigureHtml({ id: `${options.lessonId}-fig${++figures}`, figure, summary, image: null }),
  };
  /** horizontal slides → vertical slides → pieces of HTML (notes kept apart) */
  const deck: { body: string[]; notes: string[] }[][] = [];
  const current = () => {
    const column = deck[deck.length - 1];
    return column[column.length - 1];
  };
  nb.cells.forEach((cell, i) => {
    const type = types[i];
    if (type === "skip") return;
    let html = "";
    if (cell.cell_type === "markdown") html = options.md.block(joinText(cell.source));
    else if (cell.cell_type === "code") {
      const where = { ...ctx, where: `${options.where} cell ${i + 1}` };
      if (showsCode(cell)) html = codeHtml(cell) + outputsHtml(cell.outputs ?? [], where);
      else if (hasFigure(cell)) html = outputsHtml(figureOutputs(cell.outputs ?? []), where);
    }
    if (type === "slide" || deck.length === 0) deck.push([{ body: [], notes: [] }]);
    else if (type === "subslide") deck[deck.length - 1].push({ body: [], notes: [] });
    if (type === "notes") current().notes.push(html);
    else if (type === "fragment") current().body.push(`<div class="fragment">${html}</div>`);
    else current().body.push(html);
  });
  if (options.subtitle && deck.length > 0) deck[0][0].body.push(`<p class="deck-subtitle">${escapeHtml(options.subtitle)}</p>`);
  const slides = deck
    .map(
      (column) =>
        `<section>${column
          .map((s) => `<section>${s.body.join("\n")}${s.notes.length ? `<aside class="notes">${s.notes.join("\n")}</aside>` : ""}</section>`)
          .join("\n")}</section>`,
    )
    .join("\n");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="assets/reveal/reveal.css">
<link rel="stylesheet" href="assets/reveal/theme/white.css">
<link rel="stylesheet" href="assets/katex/katex.min.css">
<link rel="stylesheet" href="assets/deck.css">
</head>
<body>
<div class="reveal"><div class="slides">
${slides}
</div></div>
<script src="assets/plotly.min.js"></script>
<script src="assets/reveal/reveal.js"></script>
<script src="assets/reveal/plugin/notes.js"></script>
<script src="assets/deck.js"></script>
</body>
</html>
`;
  return { html, slides: deck.reduce((n, column) => n + column.length, 0), figures };
}
