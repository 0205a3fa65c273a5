import createMarkdownIt, { type MarkdownIt } from "markdown-it";
import markdownItKatex from "@vscode/markdown-it-katex";

/**
 * Course text (notebook markdown cells, guides, deep dives, quiz and flashcard text) to HTML, with
 * markdown-it and KaTeX: `$…$` and `$$…$$` are typeset when the site is built, so a page needs KaTeX's
 * style sheet and fonts but no script. Raw HTML in the source is escaped (`html: false`), and
 * markdown-it refuses `javascript:` and other unsafe link targets, so course text can never inject markup
 * or script into a page.
 *
 * @packageDocumentation
 */

// The plugin is CommonJS with `exports.default`: loaded from an ES module, the default import is the
// exports object, from CommonJS (vitest, tsx's require) the function itself.
const katexPlugin = (markdownItKatex as unknown as { default?: typeof markdownItKatex }).default ?? markdownItKatex;

/** How KaTeX writes math: `"html"` (HTML and MathML; needs KaTeX's CSS and fonts) or `"mathml"` (MathML only, for standalone pages). */
export type MathOutput = "html" | "mathml";

/**
 * A configured renderer: `block` for whole documents (`headingShift` demotes every heading, so a
 * document's `#` title becomes an `<h2>` inside a page that has its own `<h1>`), `inline` for one line of
 * text (no `<p>`).
 */
export interface MarkdownRenderer {
  block(text: string, options?: { headingShift?: number }): string;
  inline(text: string): string;
}

/**
 * The configured markdown-it instance behind {@link createMarkdown}: CommonMark with raw HTML escaped,
 * `$…$` / `$$…$$` math (tokens `math_inline`, `math_block`, `math_inline_block`) typeset by KaTeX, and
 * the heading shift. Other outputs (the Anki export) override the math renderer rules on their own copy.
 *
 * @param output - `"html"` (KaTeX's HTML and MathML; needs KaTeX's CSS and fonts) or `"mathml"` (MathML
 *   only: browsers draw it without any style sheet, for standalone pages)
 * @example
 * ```ts
 * markdownIt("mathml").renderInline("$x^2$"); // '<span class="katex"><math …>…</math></span>'
 * ```
 */
export function markdownIt(output: MathOutput = "html"): MarkdownIt {
  const md = createMarkdownIt({ html: false, linkify: false, typographer: false });
  // KaTeX options pass through the plugin's options (it spreads them into katex.renderToString).
  const katexOptions = { throwOnError: false, output: output === "mathml" ? "mathml" : "htmlAndMathml", strict: "ignore" };
  md.use(katexPlugin, katexOptions as Parameters<typeof markdownItKatex>[1]);
  md.core.ruler.push("shift_headings", (state) => {
    const shift = Number(state.env?.headingShift ?? 0);
    if (shift === 0) return;
    for (const token of state.tokens) {
      if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
    }
  });
  return md;
}

/**
 * Creates a markdown renderer with math typeset by KaTeX ({@link markdownIt}).
 *
 * A formula KaTeX cannot parse is shown as its source in an element of class `katex-error` (the build
 * counts those and reports them) instead of failing the whole page.
 *
 * @param output - `"html"` (default: the site, which ships KaTeX's CSS and fonts) or `"mathml"` (a
 *   standalone page such as the printable answer key)
 * @example
 * ```ts
 * createMarkdown().inline("the unit roundoff $u = 2^{-(m+1)}$"); // 'the unit roundoff <span class="katex">…</span>'
 * createMarkdown().inline("<script>alert(1)</script>"); // "&lt;script&gt;alert(1)&lt;/script&gt;"
 * ```
 */
export function createMarkdown(output: MathOutput = "html"): MarkdownRenderer {
  const md = markdownIt(output);
  return { block: (text, options) => md.render(text, { headingShift: options?.headingShift ?? 0 }), inline: (text) => md.renderInline(text) };
}

/**
 * The number of formulas KaTeX could not typeset in a piece of rendered HTML (elements of class
 * `katex-error`).
 *
 * @example
 * ```ts
 * mathErrors(createMarkdown().inline("$\\frac{1}{$")); // 1
 * ```
 */
export function mathErrors(html: string): number {
  return (html.match(/class="[^"]*\bkatex-error\b/g) ?? []).length;
}
