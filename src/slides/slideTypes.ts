import { joinText, type Notebook, type NotebookCell } from "../site/notebookFile";

/**
 * Which cells of a lesson go on its slides, and how: the `slideshow.slide_type` of Jupyter's slide
 * metadata (what `jupyter nbconvert --to slides` and JupyterLab's property inspector use), assigned at
 * conversion time from the lesson's structure, with a cell's own metadata winning.
 *
 * The rules, cell by cell (first match):
 * 1. a cell's own `metadata.slideshow.slide_type` is kept as it is;
 * 2. a solution (tag `solution`) is skipped: solutions stay off the slides;
 * 3. a markdown cell opening with a `#` or `##` heading starts a slide; with `###` or deeper, a subslide
 *    (a vertical slide under the current one); an exercise prompt (tag `exercise`) is a subslide;
 * 4. any other markdown cell continues the current slide (`-`), unless the slide shows a figure or the
 *    text already on it passes {@link TEXT_PER_SLIDE} characters: then it opens a subslide, so a long
 *    section reads as a column of slides;
 * 5. a code cell tagged `slide` continues the current slide and is shown whole, code and output;
 * 6. a code cell that draws a Plotly figure gets a subslide of its own showing the figure and its caption,
 *    without the code and without its check lines;
 * 7. any other code cell is skipped (its checks and printouts stay in the notebook).
 * The first cell shown always starts a slide (as nbconvert does).
 *
 * @packageDocumentation
 */

/** nbconvert's slide types. */
export type SlideType = "slide" | "subslide" | "fragment" | "-" | "skip" | "notes";

const SLIDE_TYPES: readonly SlideType[] = ["slide", "subslide", "fragment", "-", "skip", "notes"];

/** Characters of markdown a slide takes before the next paragraph cell moves to a subslide. */
export const TEXT_PER_SLIDE = 1200;

const PLOTLY = "application/vnd.plotly.v1+json";

function tags(cell: NotebookCell): string[] {
  return Array.isArray(cell.metadata?.tags) ? cell.metadata!.tags! : [];
}

/** The cell's own slide type from its metadata, or null when it has none (or one nbconvert does not know). */
export function ownSlideType(cell: NotebookCell): SlideType | null {
  const slideshow = cell.metadata?.slideshow as { slide_type?: unknown } | undefined;
  const t = slideshow?.slide_type;
  return typeof t === "string" && (SLIDE_TYPES as readonly string[]).includes(t) ? (t as SlideType) : null;
}

/** Whether a code cell's outputs hold a Plotly figure. */
export function hasFigure(cell: NotebookCell): boolean {
  return (cell.outputs ?? []).some((o) => o.data !== undefined && typeof o.data[PLOTLY] === "object" && o.data[PLOTLY] !== null);
}

/**
 * Whether a code cell is shown whole on its slide (code and every output): tagged `slide`, or given a
 * visible slide type in its own metadata. Other shown code cells show their figures only.
 */
export function showsCode(cell: NotebookCell): boolean {
  if (cell.cell_type !== "code") return false;
  const own = ownSlideType(cell);
  return tags(cell).includes("slide") || (own !== null && own !== "skip" && own !== "notes");
}

/** The level of the heading a markdown cell opens with (1 for `#`), or 0. */
function headingLevel(text: string): number {
  const m = /^\s*(#{1,6})\s/.exec(text);
  return m ? m[1].length : 0;
}

/**
 * The slide type of every cell of a notebook (same length and order as `nb.cells`), by the rules above.
 *
 * @param nb - an executed notebook (figures are found from the outputs; a notebook without outputs gets
 *   the narrative slides only)
 * @example
 * ```ts
 * slideTypes({ cells: [
 *   { cell_type: "markdown", source: "# Lesson 1" },
 *   { cell_type: "code", source: "check(…)", outputs: [] },
 *   { cell_type: "markdown", source: "### A detail" },
 * ] }); // ["slide", "skip", "subslide"]
 * ```
 */
export function slideTypes(nb: Notebook): SlideType[] {
  const types: SlideType[] = [];
  let textOnSlide = 0;
  let figureOnSlide = false;
  let shown = false;
  for (const cell of nb.cells) {
    let t: SlideType;
    const own = ownSlideType(cell);
    const text = cell.cell_type === "markdown" ? joinText(cell.source) : "";
    if (own !== null) t = own;
    else if (tags(cell).includes("solution")) t = "skip";
    else if (cell.cell_type === "markdown") {
      const level = headingLevel(text);
      if (level === 1 || level === 2) t = "slide";
      else if (level > 2 || tags(cell).includes("exercise")) t = "subslide";
      else t = figureOnSlide || (textOnSlide > 0 && textOnSlide + text.length > TEXT_PER_SLIDE) ? "subslide" : "-";
    } else if (cell.cell_type === "code") {
      t = tags(cell).includes("slide") ? "-" : hasFigure(cell) ? "subslide" : "skip";
    } else t = "skip";
    if (t !== "skip" && t !== "notes" && !shown) {
      t = "slide";
      shown = true;
    }
    if (t === "slide" || t === "subslide") {
      textOnSlide = 0;
      figureOnSlide = false;
    }
    if (t !== "skip" && t !== "notes") {
      textOnSlide += text.length;
      if (cell.cell_type === "code" && hasFigure(cell)) figureOnSlide = true;
    }
    types.push(t);
  }
  return types;
}
