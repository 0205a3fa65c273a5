// The README's second command (`npm test`): set up whatever is missing (including Chromium), then run every test:
//   1. the type check (with the TypeScript compiler the tslab kernel uses),
//   2. unit tests (vitest project "unit": the library and the course files),
//   3. notebooks (vitest project "notebooks": hygiene, then every notebook executed through the tslab kernel by
//      nbclient, and the offline bundle installed without the network),
//   4. browser (vitest project "browser": JupyterLab in headless Chromium runs every notebook and draws its charts).
// All steps run even if one fails; the exit status is non-zero if any failed. The last line counts the tests.
//
// A part of it, for working on one thing (CI runs it whole, as `npm test`):
//   npm test -- --project unit                          one vitest project (repeatable), set-up without Chromium
//                                                       unless the browser project is among them
//   npm test -- --project unit test/unit/scripts        vitest's file filters after the options
//   npm test -- --no-typecheck ...                      skip the type check
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { jupyterEnv } from "../jupyter-env.mjs";
import { root, setup, SetupError } from "./setup.mjs";

export const PROJECTS = ["unit", "notebooks", "browser"];

/** `{ projects, typecheck, filters }` from the command line, or `{ error }`. */
export function parseTestArgs(argv) {
  const projects = [];
  let typecheck = true;
  const filters = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--project") {
      const name = argv[++i];
      if (!PROJECTS.includes(name)) return { error: `--project must be one of ${PROJECTS.join(", ")}, got ${JSON.stringify(name ?? "")}` };
      if (!projects.includes(name)) projects.push(name);
    } else if (arg === "--no-typecheck") typecheck = false;
    else if (arg.startsWith("-")) return { error: `unknown option ${arg} (allowed: --project NAME, --no-typecheck, then file filters)` };
    else filters.push(arg);
  }
  return { projects: projects.length ? PROJECTS.filter((p) => projects.includes(p)) : PROJECTS, typecheck, filters };
}

export async function main(argv) {
  const options = parseTestArgs(argv);
  if (options.error) {
    console.error(`test: ${options.error}`);
    return 2;
  }
  try {
    await setup({ withBrowser: options.projects.includes("browser") });
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    console.error(`setup: ${e.message}`);
    return 1;
  }
  // Jupyter, IPython and JupyterLab folders inside the project (.jupyter/), for nbclient's kernels and the
  // browser test's JupyterLab alike: nothing goes to the home folder
  const env = { ...process.env, ...jupyterEnv() };
  const out = join(root, "test-output");
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out)) {
    if (f === "ledger.jsonl" || f === "notebook-times.jsonl" || /^vitest-.*\.json$/.test(f)) rmSync(join(out, f), { force: true });
  }
  const node = (args) => spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" }).status === 0;

  let ok = true;
  if (options.typecheck) {
    const require = createRequire(join(root, "package.json"));
    const version = require("@tslab/typescript-for-tslab/package.json").version;
    console.log(`== type check (TypeScript ${version}, the kernel's compiler)`);
    const passed = node([join(root, "node_modules", "@tslab", "typescript-for-tslab", "bin", "tsc"), "--noEmit", "-p", "tsconfig.json"]);
    console.log(passed ? "type check: passed" : "type check: FAILED");
    ok &&= passed;
  }
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  for (const project of options.projects) {
    console.log(`== ${project} tests`);
    const extra = project === "unit" ? [] : ["--no-file-parallelism"];
    const json = `--outputFile.json=${join(out, `vitest-${project}.json`)}`;
    // a filter that matches no file of this project is not a failure of a partial run
    const partial = options.filters.length ? ["--passWithNoTests"] : [];
    ok = node([vitest, "run", "--project", project, ...extra, ...partial, "--reporter=default", "--reporter=json", json, ...options.filters]) && ok;
  }
  ok = node([join(root, "scripts", "test-summary.mjs"), out, ...options.projects]) && ok;
  return ok ? 0 : 1;
}
