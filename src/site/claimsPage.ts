import { ledgerCounts, type CheckRecord } from "../notebook/check";
import { escapeHtml } from "../notebook/html";
import type { LessonSources } from "./lessonSources";

/**
 * The verified-claims page: every `check` of every lesson from the ledger the notebook runs wrote, one
 * row each (lesson, claim, kind of evidence, the independent route, expected, measured, tolerance,
 * result), after a per-lesson summary counted as the notebook test counts (`ledgerCounts`: a claim
 * repeated in a lesson once).
 *
 * @packageDocumentation
 */

/**
 * The body of the verified-claims page.
 *
 * @param records - the ledger's records (readLedger)
 * @param lessons - the course's lessons, for titles and links
 * @param files - the ledger files read, named on the page
 * @example
 * ```ts
 * claimsBodyHtml(readLedger(root).records, lessons, ["test-output/ledgers/01-floating-point.jsonl"]); // '<h1>Verified claims</h1>…'
 * ```
 */
export function claimsBodyHtml(records: readonly CheckRecord[], lessons: readonly LessonSources[], files: readonly string[]): string {
  const intro =
    `<h1>Verified claims</h1><p>Every number a lesson states is checked when its notebook runs. A check is <strong>independent</strong> when the ` +
    `expectation comes from another route (a simulation, a brute force, a table built from a definition, quadrature, another tool); ` +
    `a <strong>restatement</strong> restates a definition or compares the library with its own formula: shown, counted apart, never called verified.</p>`;
  if (records.length === 0) {
    return `${intro}<p class="warning">No ledger was found. Run the notebooks first (<code>npx bitbound verify</code> or <code>npm test</code>), then <code>npm run site</code>.</p>`;
  }
  const byId = new Map(lessons.map((s) => [s.lesson.id, s]));
  const lessonCell = (id: string | null) => {
    const s = id === null ? undefined : byId.get(id);
    return s ? `<a href="lessons/${escapeHtml(s.page)}">${escapeHtml(s.lesson.id)}</a>` : escapeHtml(id ?? "(none)");
  };
  const counts = ledgerCounts(records);
  const failed = records.filter((r) => !r.passed).length;
  const total = counts.reduce((t, c) => ({ independent: t.independent + c.independent, restatement: t.restatement + c.restatement, unclassified: t.unclassified + c.unclassified }), { independent: 0, restatement: 0, unclassified: 0 });
  const summary =
    `<table class="claims-summary"><caption>Checked claims per lesson (a claim repeated in a lesson counted once)</caption>` +
    `<thead><tr><th scope="col">lesson</th><th scope="col">title</th><th scope="col">independent</th><th scope="col">restatement</th><th scope="col">unclassified</th></tr></thead><tbody>` +
    counts.map((c) => `<tr><td>${lessonCell(c.lesson)}</td><td>${escapeHtml(byId.get(c.lesson ?? "")?.lesson.title ?? "")}</td><td>${c.independent}</td><td>${c.restatement}</td><td>${c.unclassified}</td></tr>`).join("") +
    `</tbody><tfoot><tr><th scope="row" colspan="2">all lessons</th><td>${total.independent}</td><td>${total.restatement}</td><td>${total.unclassified}</td></tr></tfoot></table>` +
    `<p>${records.length} check records, ${records.length - failed} passed${failed ? `, <strong>${failed} failed</strong>` : ""}. Read from ${files.map((f) => `<code>${escapeHtml(f)}</code>`).join(", ")}.</p>`;
  const rows = records
    .map(
      (r) =>
        `<tr class="${r.passed ? "pass" : "fail"}"><td>${lessonCell(r.lesson)}</td><td>${escapeHtml(r.claim)}</td><td>${escapeHtml(r.kind ?? "unclassified")}</td>` +
        `<td>${escapeHtml(r.by ?? "")}</td><td>${escapeHtml(r.expected)}</td><td>${escapeHtml(r.actual)}</td><td>${escapeHtml(r.rule)}</td>` +
        `<td>${r.passed ? "PASS" : "FAIL"}</td></tr>`,
    )
    .join("");
  const table =
    `<h2>Every check</h2><p><label>Filter the rows: <input type="search" class="table-filter" data-table="claims-table" placeholder="a word of the claim, a lesson id, independent…"></label></p>` +
    `<table class="claims" id="claims-table"><thead><tr><th scope="col">lesson</th><th scope="col">claim</th><th scope="col">kind</th><th scope="col">by</th>` +
    `<th scope="col">expected</th><th scope="col">measured</th><th scope="col">tolerance</th><th scope="col">result</th></tr></thead><tbody>${rows}</tbody></table>`;
  return intro + summary + table;
}
