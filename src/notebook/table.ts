import { describeValue } from "../validation";
import { display } from "./display";
import { escapeHtml } from "./html";

/** A cell of a displayed table. Numbers are shown with up to 6 significant digits unless already strings. */
export type TableCell = string | number | boolean | null;

/** Options of {@link showTable}. */
export interface TableOptions {
  /** Column order and headers; defaults to the keys of the first row. */
  columns?: string[];
  /** A sentence under the table saying what to read from it. */
  caption?: string;
}

/**
 * Displays rows of values as a table: HTML for JupyterLab, aligned plain text as the fallback.
 *
 * Returns nothing, so a table as a cell's last line is shown once, not printed again as a value.
 * @example
 * ```ts
 * showTable([{ format: "e4m3", "largest finite": 448 }, { format: "e5m2", "largest finite": 57344 }]);
 * ```
 */
export function showTable(rows: Record<string, TableCell>[], options: TableOptions = {}): void {
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new TypeError(`rows must be a non-empty array of objects, got ${describeValue(rows)}`);
  }
  const columns = options.columns ?? Object.keys(rows[0]);
  const cell = (v: TableCell | undefined): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") {
      if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
      if (!Number.isFinite(v)) return String(v);
      const a = Math.abs(v);
      return a !== 0 && (a < 1e-4 || a >= 1e9) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
    }
    return String(v);
  };
  const body = rows.map((r) => columns.map((c) => cell(r[c])));
  const html =
    `<table class="bitbound-table"><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>` +
    body.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v)}</td>`).join("")}</tr>`).join("") +
    `</tbody></table>` +
    (options.caption ? `<p><em>${escapeHtml(options.caption)}</em></p>` : "");
  const widths = columns.map((c, j) => Math.max(c.length, ...body.map((r) => r[j].length)));
  const line = (cells: string[]): string => cells.map((v, j) => v.padEnd(widths[j])).join("  ").trimEnd();
  const text = [line(columns), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n") + (options.caption ? `\n${options.caption}` : "");
  const bundle = { "text/html": html, "text/plain": text };
  display(bundle);
}
