/**
 * Data for a page's script, embedded in the page itself as `<script type="application/json">` (a page
 * opened from the file system cannot fetch files next to it). Every `<`, `>`, `&` and the line separators
 * U+2028/U+2029 are written as JSON `\u` escapes, so no string in the data can close the element or
 * start markup, whatever course text or figure labels it holds; `JSON.parse` gives back the same value.
 *
 * @example
 * ```ts
 * jsonScript({ t: "</script><script>alert(1)" }, "plotly-json");
 * // '<script type="application/json" class="plotly-json">{"t":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"}</script>'
 * ```
 */
export function jsonScript(data: unknown, className: string): string {
  const json = JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `<script type="application/json" class="${className}">${json}</script>`;
}
