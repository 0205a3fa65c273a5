import { escapeHtml } from "../notebook/html";
import { markdownIt } from "../site/markdown";

/**
 * Course text as an Anki field: the same markdown the site renders (raw HTML escaped, `code`, emphasis),
 * but math left for Anki's own MathJax in Anki's delimiters: `$…$` becomes `\(…\)` and `$$…$$` becomes
 * `\[…\]`, the TeX inside HTML-escaped like any other text. Line breaks become spaces, so a field never
 * holds a newline.
 *
 * @packageDocumentation
 */

const md = markdownIt();
md.renderer.rules.math_inline = (tokens, idx) => `\\(${escapeHtml(tokens[idx].content)}\\)`;
md.renderer.rules.math_inline_block = (tokens, idx) => `\\[${escapeHtml(tokens[idx].content)}\\]`;
md.renderer.rules.math_block = md.renderer.rules.math_inline_block;

/**
 * One piece of course text as Anki field HTML.
 *
 * @example
 * ```ts
 * ankiHtml("E4M3's largest value is $1.75\\cdot 2^8 = 448$, see `formatInfo`");
 * // "E4M3's largest value is \\(1.75\\cdot 2^8 = 448\\), see <code>formatInfo</code>"
 * ankiHtml("<b>x</b> $a<b$"); // "&lt;b&gt;x&lt;/b&gt; \\(a&lt;b\\)"
 * ```
 */
export function ankiHtml(text: string): string {
  return md.renderInline(text).replace(/\r?\n/g, " ");
}
