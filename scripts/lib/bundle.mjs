// `npm run bundle`: an offline bundle for a classroom without fast internet. Packs into the git-ignored build/
// one archive, build/bitbound-VERSION-PLATFORM-CPU-pyX.Y.tar.gz, holding
//   - the project's files at HEAD (git archive: committed work only),
//   - vendor/npm-cache: an npm cache with every npm package package-lock.json installs on this platform,
//   - vendor/wheels: wheels of requirements.txt for this platform and this Python (pip wheel, which also builds
//     any package published only as source), and
//   - vendor/bundle.json, which tells set-up to install from vendor/ with no network (npm --offline --cache,
//     pip --no-index --find-links) and for which platform, CPU and Python the bundle was made, and from which
//     npm registry (npm's cache is keyed by the registry's address, so set-up names the same one, offline).
// Unpacked on a machine of the same platform, CPU and Python minor version (`tar -xzf FILE`: Linux, macOS,
// and Windows 10 or newer), `npm run lab` sets up without the network. Chromium for the browser tests is not in it.
//
// Options: --out DIR   write the archive into DIR instead of build/
// Needs the network (the npm registry and PyPI), git, tar, and the Python that set-up uses (BITBOUND_PYTHON).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bundleName, envBin, findPython, npmArgs, npmInvocation, PYTHON_PROBE } from "./platform.mjs";
import { probe, root } from "./setup.mjs";

class BundleError extends Error {}

function run(command, args, what, options = {}) {
  const r = spawnSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], ...options });
  if (r.error || r.status !== 0) throw new BundleError(`${what} failed${r.error ? ` (${r.error.message})` : ` (exit status ${r.status})`}`);
  return r;
}

function output(command, args) {
  const r = spawnSync(command, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return r.error || r.status !== 0 ? null : r.stdout.trim();
}

/** The Python whose wheels go into the bundle: the project's .venv if set up, else the one set-up would use. */
function bundlePython() {
  const venv = envBin(join(root, ".venv"), "python");
  if (existsSync(venv) && !process.env.BITBOUND_PYTHON) {
    const r = probe(venv, ["-c", PYTHON_PROBE]);
    if (r && r.status === 0) return { executable: venv, version: r.stdout.trim().split(/\r?\n/)[1] };
  }
  const found = findPython(probe);
  if (found.error) throw new BundleError(found.error);
  return found;
}

export function parseBundleArgs(argv) {
  let out = join(root, "build");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out" && argv[i + 1]) out = resolve(argv[++i]);
    else return { error: `unknown option ${argv[i]} (allowed: --out DIR)` };
  }
  return { out };
}

/** Builds the bundle; returns the archive's path. */
export function bundle({ out }) {
  const commit = output("git", ["rev-parse", "HEAD"]);
  if (!commit) throw new BundleError("this is not a git checkout (or git is missing): the bundle packs the project's files at HEAD with git archive.");
  if (output("tar", ["--version"]) === null) throw new BundleError("tar was not found: it ships with Linux, macOS and Windows 10 or newer; install it, then run this again.");
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const python = bundlePython();
  const name = bundleName(version, process.platform, process.arch, python.version);
  const work = join(out, `${name}.work`);
  const stage = join(work, name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const started = Date.now();
  const step = (msg) => console.log(`bundle: ${msg} (${((Date.now() - started) / 1000).toFixed(0)} s)`);

  const dirty = output("git", ["status", "--porcelain", "--untracked-files=no"]);
  step(`the project's files at ${commit.slice(0, 12)}${dirty ? " (uncommitted changes are not included)" : ""}`);
  const tarFile = join(work, "project.tar");
  run("git", ["archive", "--format=tar", `--output=${tarFile}`, "HEAD"], "git archive");
  run("tar", ["-xf", tarFile, "-C", stage], "unpacking git archive's output");
  rmSync(tarFile);

  step("npm packages into vendor/npm-cache (npm install --ignore-scripts into a scratch folder, with the bundle's cache)");
  const scratch = join(work, "npm-scratch");
  mkdirSync(scratch);
  for (const f of ["package.json", "package-lock.json"]) writeFileSync(join(scratch, f), readFileSync(join(root, f)));
  const npm = npmInvocation({ exists: existsSync });
  const cache = join(stage, "vendor", "npm-cache");
  // npm's cache keys hold the registry's address: set-up installs offline against the same one
  const registry = spawnSync(npm.command, npmArgs(npm, ["config", "get", "registry"]), { cwd: scratch, encoding: "utf8", shell: npm.shell }).stdout?.trim() || "https://registry.npmjs.org/";
  run(npm.command, npmArgs(npm, ["install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error", `--cache=${cache}`]),
    "npm install (filling the bundle's npm cache)", { cwd: scratch, shell: npm.shell });
  rmSync(scratch, { recursive: true, force: true });
  rmSync(join(cache, "_logs"), { recursive: true, force: true });

  step(`Python ${python.version} wheels into vendor/wheels (pip wheel -r requirements.txt)`);
  run(python.executable, ["-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-input", "--no-cache-dir",
    "-r", join(root, "requirements.txt"), "--wheel-dir", join(stage, "vendor", "wheels")], "pip wheel");

  const [major, minor] = python.version.split(".");
  const manifest = {
    name, version, commit, created: new Date().toISOString(),
    platform: process.platform, arch: process.arch, python: `${major}.${minor}`, node: process.versions.node, npmRegistry: registry,
  };
  writeFileSync(join(stage, "vendor", "bundle.json"), JSON.stringify(manifest, null, 2) + "\n");

  const archive = join(out, `${name}.tar.gz`);
  step(`packing ${archive}`);
  rmSync(archive, { force: true });
  run("tar", ["-czf", archive, "-C", work, name], "tar");
  rmSync(work, { recursive: true, force: true });
  const mb = (statSync(archive).size / 2 ** 20).toFixed(0);
  step(`done: ${archive}, ${mb} MiB`);
  console.log(`bundle: on a ${process.platform}-${process.arch} machine with Python ${major}.${minor} and Node.js 20 or newer, and no network:`);
  console.log(`bundle:   tar -xzf ${name}.tar.gz && cd ${name} && npm run lab`);
  return archive;
}

export async function main(argv) {
  const options = parseBundleArgs(argv);
  if (options.error) {
    console.error(`bundle: ${options.error}`);
    return 2;
  }
  try {
    bundle(options);
    return 0;
  } catch (e) {
    if (!(e instanceof BundleError)) throw e;
    console.error(`bundle: ${e.message}`);
    return 1;
  }
}
