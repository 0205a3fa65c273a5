import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../course/files";
import { buildSite } from "../site/buildSite";
import { launchConfig } from "../site/launchLinks";
import { pathFlag } from "./args";
import { flagCommand } from "./command";

/**
 * `bitbound site` (`npm run site`): builds the course website into `build/site/`.
 *
 * @packageDocumentation
 */

const HELP = `Usage: bitbound site [--out DIR] [--executed DIR] [--ledger FILE] [--no-images]

Builds the course website (npm run site) from lessons/course.yaml, the lesson files and the executed
notebooks: a home page with the course map, a page and a printable page per lesson, the whole course as
one printable page, and the verified-claims page. Open build/site/index.html in a browser, or serve the
folder with any static server (GitHub Pages works).

Executed notebooks come from test-output/executed/ (written by npm test or bitbound verify); a lesson
without one is shown without outputs. Launch links need the repository's URL: package.json "repository"
or BITBOUND_REPOSITORY (also BITBOUND_BRANCH, BITBOUND_BINDERHUB, BITBOUND_JUPYTERHUB).

Options:
  --out DIR        the site folder (default build/site; emptied first)
  --executed DIR   the executed notebooks (default test-output/executed)
  --ledger FILE    the ledger of checks (default test-output/ledgers/*.jsonl, else test-output/ledger.jsonl)
  --no-images      skip the static PNG of each figure (they need Chromium)
  -h, --help       show this help`;

export const siteCommand = flagCommand({
  name: "site",
  summary: "build the course website into build/site (npm run site)",
  help: HELP,
  flags: { out: { type: "string" }, executed: { type: "string" }, ledger: { type: "string" }, "no-images": { type: "boolean" } },
  async body(values, io) {
    const root = projectRoot();
    const out = pathFlag(values.out, join(root, "build", "site"));
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { repository?: unknown };
    const result = await buildSite({
      root,
      out,
      executedDir: pathFlag(values.executed, join(root, "test-output", "executed")),
      ledger: values.ledger || io.env.BITBOUND_LEDGER ? pathFlag(values.ledger || io.env.BITBOUND_LEDGER, "") : undefined,
      launch: launchConfig(io.env, pkg),
      images: values["no-images"] !== true,
      log: (line) => io.err(line),
    });
    for (const w of result.warnings) io.err(`warning: ${w}`);
    const executed = result.lessons.filter((l) => l.executed).length;
    const where = relative(process.cwd(), out) || ".";
    io.out(
      `site: ${result.pages.length} pages in ${where} (${result.lessons.length} lessons, ${executed} from executed notebooks), ` +
        `${result.figures} figures, ${result.images} static images, ${result.claims} checked claims; ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(1)} s`,
    );
    io.out(`open ${join(where, "index.html")}`);
    return 0;
  },
});
