// Writes the project's Jupyter kernel spec and JupyterLab settings into a Jupyter data directory
// (by default .venv/share/jupyter), never into the user's global configuration. Prints the path of each
// file it wrote, nothing when both were already up to date.
//
// The kernel runs this project's tslab with the Node that ran set-up, and NODE_OPTIONS="--import <tsx>"
// so Node can load the library's TypeScript sources at run time: an edit to src/ is seen after a
// kernel restart, with no build step. It starts through scripts/kernel.cjs, which first refreshes the
// declarations the kernel's type checker reads (scripts/kernel-types.cjs).
//
// A notebook outside the checkout (copied, downloaded, or pulled into a JupyterHub home while the project
// lives under /opt) still imports "bitbound": NODE_PATH names .cache/kernel-path, a folder holding only the
// link `bitbound` -> the project (made here, for Node's runtime require), and scripts/kernel.cjs forwards
// the type checker (scripts/kernel-resolve.cjs). Every path in the spec is absolute, so the kernel starts
// from any working directory; a project that moves needs this script run again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = resolve(process.argv[2] ?? join(root, ".venv", "share", "jupyter"));
const tslab = join(root, "node_modules", "tslab", "bin", "tslab");
// The kernel process: refreshes the library's declarations when src/ changed, then runs tslab in-process.
const launcher = join(root, "scripts", "kernel.cjs");
if (!existsSync(tslab)) {
  console.error(`kernel-spec: ${tslab} is missing: run npm install first (npm run setup)`);
  process.exit(1);
}
const tsxLoader = import.meta.resolve("tsx");
const { ensureKernelPathLink, kernelPathDir } = createRequire(import.meta.url)("./kernel-resolve.cjs");
if (ensureKernelPathLink(root)) console.log(join(kernelPathDir(root), "bitbound"));

export const spec = {
  argv: [process.execPath, launcher, "kernel", "--config-path", "{connection_file}"],
  display_name: "TypeScript (bitbound)",
  language: "typescript",
  env: { NODE_OPTIONS: `--import ${tsxLoader}`, NODE_PATH: kernelPathDir(root) },
  metadata: { bitbound: { project: root } },
};

function writeIfChanged(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  writeFileSync(file, text);
  console.log(file);
}

writeIfChanged(join(dataDir, "kernels", "bitbound", "kernel.json"), JSON.stringify(spec, null, 2) + "\n");

// JupyterLab settings for this environment only: no news fetching or update checks (the course works
// offline, and the first-start "news" toast would cover the notebook).
const overrides = {
  "@jupyterlab/apputils-extension:notification": { fetchNews: "false", checkForUpdates: false }
};
writeIfChanged(join(dataDir, "lab", "settings", "overrides.json"), JSON.stringify(overrides, null, 2) + "\n");
