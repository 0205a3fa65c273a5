/**
 * Plain-text tables and numbers for the terminal: columns padded to their widest cell, numbers right-aligned.
 *
 * @packageDocumentation
 */

/**
 * A table as lines of text: a header, a rule, then the rows.
 *
 * @param header - column titles
 * @param rows - cells as text
 * @param right - which columns are right-aligned (numbers)
 * @example
 * ```ts
 * textTable(["format", "bits"], [["fp32", "32"], ["e4m3", "8"]], [false, true]);
 * // ["format  bits", "------  ----", "fp32      32", "e4m3       8"]
 * ```
 */
export function textTable(header: string[], rows: string[][], right: boolean[] = []): string[] {
  const width = header.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? "")].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const pad = " ".repeat(width[i] - [...c].length);
        return right[i] ? pad + c : c + pad;
      })
      .join("  ")
      .trimEnd();
  return [line(header), line(width.map((w) => "-".repeat(w))), ...rows.map(line)];
}

/**
 * A number for a table: whole numbers in full with thin grouping (up to 10^15), exact powers of two as
 * `2^k` when `powerOfTwo` is set, others to 6 significant digits; ∞ for infinity.
 *
 * @example
 * ```ts
 * formatNumber(20480000); // "20,480,000"
 * formatNumber(2 ** -9, { powerOfTwo: true }); // "2^-9"
 * formatNumber(3.4028234663852886e38); // "3.40282e+38"
 * ```
 */
export function formatNumber(x: number, options: { powerOfTwo?: boolean } = {}): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (options.powerOfTwo && x > 0 && Number.isInteger(Math.log2(x)) && 2 ** Math.log2(x) === x && (x <= 1 / 64 || x > 2 ** 20)) return `2^${Math.log2(x)}`;
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x.toLocaleString("en-US");
  return String(Number(x.toPrecision(6)));
}
