/**
 * Escapes text for HTML element content and attribute values (`& < > " '`), so course text and data
 * can never inject markup or script into a rendered page.
 *
 * @example
 * ```ts
 * escapeHtml("a < b & c"); // "a &lt; b &amp; c"
 * ```
 */
export function escapeHtml(text: string): string {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
