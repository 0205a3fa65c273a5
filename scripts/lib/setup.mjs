// Installs everything the course needs, inside the project and nowhere else (`npm run setup`, and the first
// step of `npm run lab` and `npm test`), the same way on Windows, macOS and Linux:
//   1. the npm packages (locked by package-lock.json), and the link node_modules/bitbound -> the project, so notebooks can
//      `import ... from "bitbound"` and get src/ directly (no build step);
//   2. a Python environment in .venv with the pinned JupyterLab, Plotly's JupyterLab renderer and nbclient
//      (.venv\Scripts\python.exe on Windows, .venv/bin/python elsewhere);
//   3. the project's kernel spec "bitbound" (display name "TypeScript (bitbound)") inside .venv, which runs
//      this project's tslab with Node's TypeScript loader (tsx), and the kernel's declarations cache;
//   4. with --with-browser, Chromium for the browser tests (apt-get on Debian or Ubuntu as root, when it is
//      missing; elsewhere one sentence on how to get it).
// Nothing is written to the user's home or global Jupyter or Python configuration (pip runs without its
// download cache; npm keeps its usual cache), and package-lock.json is never rewritten. A second run reuses
// what is there: each step keeps a stamp of its inputs, taken after the step, and is skipped while they have
// not changed; a run that had nothing to do says so on its last line.
// Inside an offline bundle (`npm run bundle`: a vendor/ folder with bundle.json), npm installs from the
// bundle's npm cache with --offline and pip from its wheels with --no-index: no network.
//
// Options: --with-browser   also make sure Chromium is present (used by `npm test`)
//          --system-python  install into the current Python instead of .venv (for repo2docker / Binder images)
//          --quiet          print only problems
// Environment: BITBOUND_PYTHON (the Python to use), BITBOUND_CHROMIUM (a Chromium/Chrome executable).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bundleMismatch, chromiumPlan, envBin, findPython, hashFiles, isRoot, npmArgs, npmInvocation, PYTHON_PROBE, pythonVersionOk,
  readOsRelease, venvHint,
} from "./platform.mjs";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A failure set-up explains in one sentence (printed as `setup: <message>`, exit status 1). */
export class SetupError extends Error {}

/** The options set-up understands, from its command line. */
export function parseSetupArgs(argv) {
  const options = { withBrowser: false, systemPython: false, quiet: false };
  for (const arg of argv) {
    if (arg === "--with-browser") options.withBrowser = true;
    else if (arg === "--system-python") options.systemPython = true;
    else if (arg === "--quiet") options.quiet = true;
    else return { error: `unknown option ${arg} (allowed: --with-browser, --system-python, --quiet)` };
  }
  return options;
}

/** Runs a program, its output shown; throws SetupError with `failure` when it cannot start or fails. */
function runShown(command, args, failure, extra = {}) {
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit", ...extra });
  if (r.error || r.status !== 0) throw new SetupError(failure + (r.error ? ` (${r.error.message})` : ""));
}

/** Runs a program and returns its standard output (its errors shown); null when it could not start or failed. */
function runQuiet(command, args, extra = {}) {
  const r = spawnSync(command, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...extra });
  if (r.error || r.status !== 0) return null;
  return r.stdout;
}

/** Runs one of the project's Node scripts with this Node and returns what it printed; throws when it fails. */
function nodeScript(script, args = []) {
  const r = spawnSync(process.execPath, [join(root, "scripts", script), ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new SetupError(`scripts/${script} failed (exit status ${r.status})`);
  return r.stdout.trim();
}

/** Runs a program quietly for findPython: `{ status, stdout }`, or null when it could not start. */
export function probe(command, args) {
  const r = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], windowsHide: true });
  return r.error ? null : { status: r.status, stdout: r.stdout };
}

/** A Python's version ("3.11.7"), or null when it does not run. */
function pythonVersionOf(python) {
  const r = probe(python, ["-c", PYTHON_PROBE]);
  return r && r.status === 0 ? r.stdout.trim().split(/\r?\n/)[1] ?? null : null;
}

function onPath(name) {
  return (process.env.PATH ?? "").split(delimiter).some((d) => d && existsSync(join(d, name)));
}

/** The offline bundle's manifest (vendor/bundle.json), or null in an ordinary checkout. */
export function readBundleManifest(dir = root) {
  const file = join(dir, "vendor", "bundle.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

/**
 * Set-up itself. Returns `{ changed, prefix, python }`; throws SetupError with one sentence when something
 * is missing that it cannot install.
 */
export async function setup({ withBrowser = false, systemPython = false, quiet = false } = {}) {
  const say = (msg) => {
    if (!quiet) console.log(`setup: ${msg}`);
  };
  let changed = false;
  const bundle = readBundleManifest();
  const vendor = join(root, "vendor");
  const nodeMajor = process.versions.node.split(".")[0];
  // A missing Python is said first, before minutes go into the npm packages.
  let basePython = null;
  if (systemPython || !existsSync(envBin(join(root, ".venv"), "python"))) {
    basePython = findPython(probe);
    if (basePython.error) throw new SetupError(basePython.error);
  }
  if (bundle) {
    // a bundle for another platform, CPU or Python is refused before anything is installed from it
    const version = basePython?.version ?? pythonVersionOf(envBin(join(root, ".venv"), "python")) ?? "unknown";
    const mismatch = bundleMismatch(bundle, { platform: process.platform, arch: process.arch, python: version.split(".").slice(0, 2).join(".") });
    if (mismatch) throw new SetupError(mismatch);
  }

  // --- 1. npm packages ----------------------------------------------------------------------------------------
  const npm = npmInvocation({ exists: existsSync });
  const npmStamp = join(root, "node_modules", ".bitbound-npm-stamp");
  const npmKey = () => `${hashFiles([join(root, "package.json"), join(root, "package-lock.json")])}-node${nodeMajor}`;
  if (!existsSync(npmStamp) || readFileSync(npmStamp, "utf8").trim() !== npmKey()) {
    // `npm install --no-save` installs the tree package-lock.json records and never writes package-lock.json,
    // so a clone stays clean whatever npm version or settings installs it, and a working node_modules is
    // updated in place.
    const args = ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error"];
    if (bundle) {
      say("installing npm packages from the bundle (npm install --no-save --offline, from package-lock.json and vendor/npm-cache)");
      // --registry: npm's cache is keyed by the registry's address; --offline never contacts it
      args.push("--offline", `--cache=${join(vendor, "npm-cache")}`, `--registry=${bundle.npmRegistry ?? "https://registry.npmjs.org/"}`);
    } else {
      say("installing npm packages (npm install --no-save, from package-lock.json)");
    }
    const r = spawnSync(npm.command, npmArgs(npm, args), { cwd: root, stdio: "inherit", shell: npm.shell });
    if (r.error && r.error.code === "ENOENT") {
      throw new SetupError("npm was not found next to Node.js: install npm (it ships with Node.js, https://nodejs.org), then run this again.");
    }
    if (r.error || r.status !== 0) throw new SetupError(`npm install failed (exit status ${r.status}): see npm's message above.`);
    // the stamp is taken after the install, from the files as they are now, so the next run finds it current
    writeFileSync(npmStamp, npmKey() + "\n");
    changed = true;
  } else {
    say("npm packages up to date");
  }
  if (nodeScript("link-self.mjs") !== "") changed = true;

  // --- 2. Python environment ------------------------------------------------------------------------------------
  let prefix;
  let python;
  if (systemPython) {
    python = basePython.executable;
    prefix = (runQuiet(python, ["-c", "import sys; print(sys.prefix)"]) ?? "").trim();
  } else {
    prefix = join(root, ".venv");
    python = envBin(prefix, "python");
    if (!existsSync(python)) {
      say("creating the Python environment .venv");
      changed = true;
      const r = spawnSync(basePython.executable, ["-m", "venv", prefix], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
      if (r.error || r.status !== 0 || !existsSync(python)) {
        rmSync(prefix, { recursive: true, force: true });
        throw new SetupError(venvHint(process.platform, process.platform === "linux" ? readOsRelease() : null));
      }
    }
  }
  const pyVersion = pythonVersionOf(python);
  if (!pyVersion || !pythonVersionOk(pyVersion)) {
    throw new SetupError(`Python 3.9 or newer is needed, found ${pyVersion ?? `a Python at ${python} that does not run`}: install a newer Python (or set BITBOUND_PYTHON), then run this again.`);
  }
  const pyMinor = pyVersion.split(".").slice(0, 2).join(".");
  if (!systemPython && !existsSync(join(prefix, "package.json"))) {
    // The project's package.json says "type": "module"; without a package.json of its own, Node would read the
    // JavaScript files JupyterLab ships inside .venv as ES modules too (and its node version check fails).
    writeFileSync(join(prefix, "package.json"), '{ "type": "commonjs" }\n');
  }
  const pyStamp = join(prefix, ".bitbound-python-stamp");
  const pyKey = () => `${hashFiles([join(root, "requirements.txt")])}-${pyMinor}`;
  if (!existsSync(pyStamp) || readFileSync(pyStamp, "utf8").trim() !== pyKey()) {
    say(`installing JupyterLab, the Plotly renderer and nbclient into ${prefix}${bundle ? " from the bundle's wheels (pip --no-index)" : ""}`);
    // --no-cache-dir: pip's download cache would otherwise go to the home folder
    const args = ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-input", "--no-cache-dir", "-r", "requirements.txt"];
    if (bundle) args.push("--no-index", "--find-links", join(vendor, "wheels"));
    runShown(python, args, "pip could not install requirements.txt: see pip's message above.");
    writeFileSync(pyStamp, pyKey() + "\n");
    changed = true;
  } else {
    say("Python packages up to date");
  }

  // --- 3. Kernel spec and JupyterLab settings, inside the environment ----------------------------------------------
  const kernels = join(prefix, "share", "jupyter", "kernels", "bitbound");
  if (nodeScript("kernel-spec.mjs", [join(prefix, "share", "jupyter")]) !== "") {
    changed = true;
    say(`kernel "TypeScript (bitbound)" written to ${kernels}`);
  } else {
    say(`kernel "TypeScript (bitbound)" up to date in ${kernels}`);
  }
  // The library's declarations for the kernel's type checker (the first cell then starts in about half the time);
  // the kernel refreshes them itself after an edit to src/ (scripts/kernel.cjs).
  const typesState = nodeScript("kernel-types.cjs");
  if (typesState.includes("rebuilt")) changed = true;
  if (typesState) say(typesState);

  // --- 4. Chromium for the browser tests -----------------------------------------------------------------------------
  if (withBrowser) {
    const { findChromium } = await import("../find-chromium.mjs");
    const found = findChromium();
    if (found) {
      say(`Chromium found at ${found}`);
    } else {
      const plan = chromiumPlan({
        platform: process.platform,
        root: isRoot(),
        osRelease: process.platform === "linux" ? readOsRelease() : null,
        hasAptGet: process.platform === "linux" && onPath("apt-get"),
      });
      if (plan.kind === "hint") throw new SetupError(plan.message);
      say(`installing ${plan.packages.join(" ")} (apt-get)`);
      changed = true;
      const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
      runShown("apt-get", ["update", "-qq"], "apt-get update failed", { stdio: ["ignore", "ignore", "inherit"], env: aptEnv });
      runShown("apt-get", ["install", "-y", "-qq", ...plan.packages], `apt-get install ${plan.packages.join(" ")} failed`, { stdio: ["ignore", "ignore", "inherit"], env: aptEnv });
      if (!findChromium()) throw new SetupError("chromium was installed but not found; set BITBOUND_CHROMIUM to its path.");
    }
  }

  say(changed ? "done" : "everything is up to date: nothing was installed or written");
  return { changed, prefix, python };
}

/** `node scripts/setup.mjs [options]`: exit status 0, 1 (a failure, explained) or 2 (a bad option). */
export async function main(argv) {
  const options = parseSetupArgs(argv);
  if (options.error) {
    console.error(`setup: ${options.error}`);
    return 2;
  }
  try {
    await setup(options);
    return 0;
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    console.error(`setup: ${e.message}`);
    return 1;
  }
}
