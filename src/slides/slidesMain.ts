import { parseArgs } from "node:util";
import { join, relative, resolve } from "node:path";
import { projectRoot } from "../course/files";
import { buildSlides } from "./buildSlides";

/**
 * `npm run slides [-- NN ...] [--out DIR] [--executed DIR] [--no-execute]` (`tsx src/slides/slidesMain.ts`):
 * the lessons as reveal.js slide decks in `build/slides/` ({@link buildSlides}). Prints one line per deck
 * and the file to open; exit status 1 when a notebook fails to execute, 2 on a bad argument.
 *
 * @packageDocumentation
 */

const HELP = `Usage: npm run slides [-- NN ...] [--out DIR] [--executed DIR] [--no-execute] [--timeout SECONDS]

Turns lessons into reveal.js slide decks (build/slides/NN-slug.html; open build/slides/index.html), viewable
offline: reveal.js, plotly.js and KaTeX are copied beside the decks. Slides carry the narrative (markdown
cells, a slide per ## section, a subslide per ### or long stretch of text, exercise prompts) and the
figures (each on its own subslide, drawn from the executed notebook); code, check lines and solutions stay
off the slides unless a code cell is tagged "slide". A cell's own metadata.slideshow.slide_type
(Jupyter's slide type: slide, subslide, fragment, -, skip, notes) always wins.

The executed notebooks come from test-output/executed/ (npm test, npx bitbound verify, or an earlier
slides build); a lesson whose executed copy is missing or older than its notebook is executed first.

Options:
  NN               lessons to build (e.g. 1 or 01); none: every available lesson
  --out DIR        the decks' folder (default build/slides)
  --executed DIR   the executed notebooks (default test-output/executed)
  --no-execute     never execute: build from the executed copies there are (no figures without one)
  --timeout S      seconds per cell when executing (default 300)
  -h, --help       show this help`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: "string" }, executed: { type: "string" }, "no-execute": { type: "boolean" }, timeout: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    console.error(`slides: ${(error as Error).message} (see npm run slides -- --help)`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const timeout = values.timeout === undefined ? 300 : Number(values.timeout);
  if (!Number.isInteger(timeout) || timeout < 1) {
    console.error(`slides: --timeout must be a whole number of seconds ≥ 1, got ${JSON.stringify(values.timeout)}`);
    return 2;
  }
  const root = projectRoot();
  const out = values.out ? resolve(values.out) : join(root, "build", "slides");
  // @ts-expect-error: a plain ES module script without type declarations
  const { jupyterEnv } = (await import("../../scripts/jupyter-env.mjs")) as { jupyterEnv: () => Record<string, string> };
  try {
    const decks = await buildSlides({
      root,
      out,
      executedDir: values.executed ? resolve(values.executed) : join(root, "test-output", "executed"),
      lessons: positionals,
      execute: values["no-execute"] !== true,
      env: { ...process.env, ...jupyterEnv() },
      timeout,
      log: (line) => console.error(line),
    });
    const where = relative(process.cwd(), out) || ".";
    for (const d of decks) console.log(`slides: ${join(where, d.file)}: ${d.slides} slides, ${d.figures} figures${d.executed ? " (notebook executed for this build)" : ""}`);
    console.log(`open ${join(where, "index.html")}`);
    return 0;
  } catch (error) {
    const e = error as Error;
    console.error(`slides: ${e.message.replace(/^--lesson /, "a lesson ")}`);
    return e.name === "UsageError" ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
