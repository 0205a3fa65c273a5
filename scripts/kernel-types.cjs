// Keeps the kernel's view of the library's types fast: TypeScript declarations (.d.ts) of src/, emitted
// into the git-ignored .cache/kernel-types/ with the kernel's own compiler (TypeScript 5.0 bundled in tslab).
//
// Why: tslab type-checks every cell, and `import ... from "bitbound"` made it type-check the whole library
// from its sources (function bodies included) before the first cell could run; checking declarations
// instead halves the first cell's time (measured: about 11 s against 23 s on a loaded 2-core machine).
// package.json's "types" names .cache/kernel-types/index.d.ts; while that file is missing, TypeScript
// falls back to "main" (src/index.ts), so a fresh checkout works before this has ever run, only slower.
//
// The declarations are keyed to every file under src/ (path, size, modification time). Set-up builds them;
// a starting kernel (scripts/kernel.cjs) that finds them older than src/ removes them, so an edit to src/
// followed by a kernel restart is always seen, and rebuilds them in the background for the next start.
// `node scripts/kernel-types.cjs` rebuilds them by hand.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");

const root = path.resolve(__dirname, "..");
const cacheDir = path.join(root, ".cache");
const outDir = path.join(cacheDir, "kernel-types");
const stampFile = path.join(outDir, ".fingerprint");

/** A hash of every file's path, size and modification time under src/ (and the compiler settings). */
function fingerprint() {
  const hash = crypto.createHash("sha256");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name)) {
        const st = fs.statSync(full);
        hash.update(`${path.relative(root, full)}\0${st.size}\0${st.mtimeMs}\n`);
      }
    }
  };
  walk(path.join(root, "src"));
  for (const f of ["tsconfig.json", "package.json"]) {
    const st = fs.statSync(path.join(root, f));
    hash.update(`${f}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** "fresh" when the declarations match src/ as it is now, else "stale" (or "missing"). */
function kernelTypesState() {
  try {
    return fs.readFileSync(stampFile, "utf8") === fingerprint() ? "fresh" : "stale";
  } catch {
    return "missing";
  }
}

/**
 * For a starting kernel: never let it read declarations older than src/. Stale ones are removed at once
 * (TypeScript then reads the sources, which is slower but right) and rebuilt by a detached process for the
 * next start, so a kernel never waits for the compiler. Returns the state it found.
 */
function refreshKernelTypesInBackground() {
  const state = kernelTypesState();
  if (state === "fresh") return state;
  if (state === "stale") fs.rmSync(outDir, { recursive: true, force: true });
  const lock = path.join(cacheDir, "kernel-types.lock");
  try {
    // one rebuild at a time: a lock younger than two minutes means one is under way
    if (Date.now() - fs.statSync(lock).mtimeMs < 120_000) return state;
  } catch {
    // no lock
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(lock, String(process.pid));
  const { spawn } = require("node:child_process");
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  spawn(process.execPath, [__filename, "--quiet", "--unlock"], { cwd: root, detached: true, stdio: "ignore", env }).unref();
  return state;
}

/**
 * Rebuilds the declarations when src/ changed. Returns "fresh" or "rebuilt"; throws with the compiler's
 * message when no declarations could be written (type errors alone still write them, as tsc does).
 */
function ensureKernelTypes() {
  const want = fingerprint();
  try {
    if (fs.readFileSync(stampFile, "utf8") === want) return "fresh";
  } catch {
    // no declarations yet
  }
  const tsc = path.join(root, "node_modules", "@tslab", "typescript-for-tslab", "bin", "tsc");
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cacheDir, "kernel-types-"));
  const args = [tsc, "-p", path.join(root, "tsconfig.json"), "--noEmit", "false", "--declaration", "--emitDeclarationOnly",
    "--rootDir", path.join(root, "src"), "--outDir", tmp, "--incremental", "false"];
  // Only src/: the project's tsconfig also includes the tests, which are not part of the library's types.
  const config = path.join(tmp, "tsconfig.json");
  fs.writeFileSync(config, JSON.stringify({ extends: path.join(root, "tsconfig.json"), include: [path.join(root, "src")] }));
  args[2] = config;
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" });
  fs.rmSync(config, { force: true });
  if (!fs.existsSync(path.join(tmp, "index.d.ts"))) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw new Error(`kernel-types: the compiler wrote no declarations:\n${result.stdout}${result.stderr}`);
  }
  fs.writeFileSync(path.join(tmp, ".fingerprint"), want);
  // Swap in the new folder whole, so a kernel starting meanwhile never reads half a set of declarations.
  const old = `${outDir}-old-${process.pid}`;
  if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
  fs.renameSync(tmp, outDir);
  fs.rmSync(old, { recursive: true, force: true });
  return "rebuilt";
}

module.exports = { ensureKernelTypes, refreshKernelTypesInBackground, kernelTypesState, fingerprint, outDir };

if (require.main === module) {
  const quiet = process.argv.includes("--quiet");
  const started = Date.now();
  let state;
  try {
    state = ensureKernelTypes();
  } finally {
    if (process.argv.includes("--unlock")) fs.rmSync(path.join(cacheDir, "kernel-types.lock"), { force: true });
  }
  if (!quiet || state === "rebuilt") {
    console.log(state === "fresh" ? "kernel types up to date" : `kernel types rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
