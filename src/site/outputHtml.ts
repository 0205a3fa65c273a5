import { escapeHtml } from "../notebook/html";
import type { MarkdownRenderer } from "./markdown";
import { joinText, type NotebookOutput } from "./notebookFile";
import type { PlotlyFigure } from "./plotlyFigure";
import { studyAnchors } from "./studyHtml";

/**
 * A code cell's outputs as site HTML. Plotly figures (`application/vnd.plotly.v1+json`) are kept whole
 * and handed to the page's figure renderer with their text summary (the figure's own text and the text
 * description `show` prints right after it); the HTML a notebook shows instead of a chart ("open the
 * notebook in JupyterLab…") is dropped. The quiz and the flashcards the last cell shows are replaced by a
 * pointer to the page's interactive versions. Text streams are escaped, check lines marked; HTML outputs
 * (tables, captions, text descriptions: all written by the library with its text escaped) are published
 * as they are, after a test that they carry no script.
 *
 * @packageDocumentation
 */

/** What rendering outputs needs from the page being built. */
export interface OutputContext {
  md: MarkdownRenderer;
  /** Places a figure (its HTML is returned) with its text summary. */
  figure(figure: PlotlyFigure, summary: string): string;
  /** Where the notebook came from, for error messages, e.g. "test-output/executed/02-block-scaling.ipynb cell 14". */
  where: string;
  /** The lesson id, for the links to the page's quiz and flashcards. */
  lessonId: string;
}

const PLOTLY = "application/vnd.plotly.v1+json";
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function mimeText(data: Record<string, unknown>, mime: string): string | null {
  const v = data[mime];
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return v.join("");
  return null;
}

/**
 * Refuses HTML that could run script: a `<script>`, `<iframe>`, `<object>`, `<embed>`, `<base>`,
 * `<meta>` or `<link>` element, an `on…=` event attribute or a `javascript:` URL inside a tag.
 * (Text content cannot match: in HTML text every `<` is escaped.)
 *
 * @throws Error naming `where` and what was found
 * @example
 * ```ts
 * assertNoScript("<table><tr><td>1 &lt; 2</td></tr></table>", "cell 3"); // passes
 * assertNoScript('<img src=x onerror="alert(1)">', "cell 3"); // throws
 * ```
 */
export function assertNoScript(html: string, where: string): void {
  const found = /<\s*(script|iframe|object|embed|base|meta|link)\b/i.exec(html) ?? /<[^>]*\son[a-z]+\s*=/i.exec(html) ?? /<[^>]*javascript:/i.exec(html);
  if (found) throw new Error(`${where}: an HTML output carries script (${JSON.stringify(found[0].slice(0, 60))}); the site refuses to publish it`);
}

function streamHtml(name: string, text: string): string {
  const lines = text.replace(ANSI, "").replace(/\n$/, "").split("\n");
  const body = lines
    .map((line) => (line.startsWith("✓ ") ? `<span class="check-pass">${escapeHtml(line)}</span>` : line.startsWith("✗ ") ? `<span class="check-fail">${escapeHtml(line)}</span>` : escapeHtml(line)))
    .join("\n");
  return `<pre class="stream ${name === "stderr" ? "stderr" : "stdout"}">${body}</pre>`;
}

function isStudyWidget(html: string): boolean {
  return /^\s*<div class="bitbound-(quiz|flashcards)">/.test(html);
}

function dataHtml(data: Record<string, unknown>, ctx: OutputContext): string {
  const html = mimeText(data, "text/html");
  if (html !== null) {
    assertNoScript(html, ctx.where);
    return `<div class="output-html">${html}</div>`;
  }
  for (const [mime, kind] of [["image/png", "png"], ["image/jpeg", "jpeg"], ["image/svg+xml", "svg+xml"]] as const) {
    const v = mimeText(data, mime);
    if (v === null) continue;
    const base64 = mime === "image/svg+xml" ? Buffer.from(v, "utf8").toString("base64") : v.replace(/\s+/g, "");
    return `<img class="output-image" src="data:image/${kind};base64,${base64}" alt="${escapeHtml(mimeText(data, "text/plain") ?? "image output")}">`;
  }
  const markdown = mimeText(data, "text/markdown") ?? mimeText(data, "text/latex");
  if (markdown !== null) return `<div class="output-markdown">${ctx.md.block(markdown)}</div>`;
  const plain = mimeText(data, "text/plain");
  if (plain !== null) return `<pre class="output-text">${escapeHtml(plain.replace(ANSI, ""))}</pre>`;
  if (data["application/json"] !== undefined) return `<pre class="output-text">${escapeHtml(JSON.stringify(data["application/json"], null, 2))}</pre>`;
  return "";
}

/**
 * The HTML of a code cell's outputs (consecutive stream outputs of one name are merged).
 *
 * @example
 * ```ts
 * outputsHtml([{ output_type: "stream", name: "stdout", text: "✓ claim: 1 (expected 1, exact)\n" }], ctx);
 * // '<pre class="stream stdout"><span class="check-pass">✓ claim: 1 (expected 1, exact)</span></pre>'
 * ```
 */
export function outputsHtml(outputs: readonly NotebookOutput[], ctx: OutputContext): string {
  const parts: string[] = [];
  let studyPointer = false;
  for (let i = 0; i < outputs.length; i++) {
    const out = outputs[i];
    if (out.output_type === "stream") {
      let text = joinText(out.text);
      while (i + 1 < outputs.length && outputs[i + 1].output_type === "stream" && outputs[i + 1].name === out.name) text += joinText(outputs[++i].text);
      parts.push(streamHtml(out.name ?? "stdout", text));
    } else if (out.output_type === "error") {
      const trace = (out.traceback ?? []).join("\n").replace(ANSI, "");
      parts.push(`<pre class="stream stderr">${escapeHtml(`${out.ename ?? "Error"}: ${out.evalue ?? ""}${trace ? `\n${trace}` : ""}`)}</pre>`);
    } else if (out.data) {
      const figure = out.data[PLOTLY];
      if (figure && typeof figure === "object") {
        const next = outputs[i + 1]?.data;
        const description = next && /bitbound-figure-text/.test(mimeText(next, "text/html") ?? "") ? mimeText(next, "text/plain") : null;
        const own = mimeText(out.data, "text/plain") ?? "";
        parts.push(ctx.figure(figure as PlotlyFigure, [own, description].filter(Boolean).join("\n")));
        continue;
      }
      const html = mimeText(out.data, "text/html");
      if (html !== null && isStudyWidget(html)) {
        const anchors = studyAnchors(ctx.lessonId);
        if (!studyPointer) parts.push(`<p class="study-pointer">This lesson's quiz and flashcards are interactive on this page: <a href="#${anchors.quiz}">quiz</a>, <a href="#${anchors.flashcards}">flashcards</a>.</p>`);
        studyPointer = true;
        continue;
      }
      parts.push(dataHtml(out.data, ctx));
    }
  }
  return parts.join("");
}
