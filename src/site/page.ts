import { escapeHtml } from "../notebook/html";

/**
 * The frame every site page shares: the head (KaTeX's style sheet, the site's), the navigation, and at the
 * end of the body the page's scripts, all loaded from the site's own `assets/` folder by relative URLs, so
 * a page works opened from the file system, from any static server and from GitHub Pages, with no network.
 * plotly.js is loaded once per page, and only on pages that have a figure.
 *
 * @packageDocumentation
 */

/** What a page needs besides its body. */
export interface PageSpec {
  /** The page title (plain text; escaped here). */
  title: string;
  /** Path from the page to the site root: "" for pages at the root, "../" for pages in `lessons/`. */
  base: "" | "../";
  /** The page's main content (HTML). */
  body: string;
  /** Whether the page has Plotly figures (then plotly.js is loaded, once). */
  plotly: boolean;
  /** A printable page: every `<details>` opened, figures static (images, or charts drawn without interaction), navigation hidden in print. */
  printable?: boolean;
  /** The version line shown in the footer (`versionLine()`: "bitbound 0.3.0 (2026-12-02), course edition 0.2.0"); none when absent. */
  version?: string;
}

/**
 * The site's content security policy: scripts only from the site's own files (the JSON data blocks the
 * pages embed are not scripts), no plugins, no `<base>` rewriting, no network requests.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

/**
 * A whole HTML page.
 *
 * @example
 * ```ts
 * pageHtml({ title: "Verified claims", base: "", body: "<h1>Verified claims</h1>", plotly: false }); // "<!doctype html>…"
 * ```
 */
export function pageHtml(spec: PageSpec): string {
  const b = spec.base;
  const scripts = (spec.plotly ? [`${b}assets/plotly.min.js`] : []).concat(`${b}assets/site.js`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<title>${escapeHtml(spec.title)} · bitbound</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${b}assets/katex/katex.min.css">
<link rel="stylesheet" href="${b}assets/site.css">
</head>
<body${spec.printable ? ' class="printable"' : ""}>
<header class="site-header"><nav aria-label="Site">
<a class="site-name" href="${b}index.html">bitbound</a>
<a href="${b}index.html#course-map">Course map</a>
<a href="${b}claims.html">Verified claims</a>
<a href="${b}print.html">Whole course (printable)</a>
</nav></header>
<main id="main">
${spec.body}
</main>
<footer class="site-footer"><p>bitbound: a TypeScript library and a Jupyter course. This site is built from the executed notebooks and <code>lessons/</code> by <code>npm run site</code>.${spec.version ? ` <span class="site-version">${escapeHtml(spec.version)}</span>: what each version changed is in <code>CHANGELOG.md</code>.` : ""}</p></footer>
${scripts.map((s) => `<script src="${s}"></script>`).join("\n")}
</body>
</html>
`;
}
