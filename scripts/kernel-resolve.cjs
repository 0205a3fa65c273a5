// Lets `import ... from "bitbound"` work in a notebook wherever it lives: copied to the desktop, downloaded,
// or pulled into a JupyterHub home by nbgitpuller while the library sits elsewhere (e.g. /opt/bitbound).
//
// tslab resolves a cell's imports twice, and neither way reads NODE_PATH for the type checker:
//   - the type checker: tslab builds its own TypeScript host (node_modules/tslab/dist/converter.js) with
//     Node10 module resolution from the kernel's working directory (the notebook's folder), reading files
//     through `ts.sys` of @tslab/typescript-for-tslab. It already forwards `<cwd>/node_modules/tslab/...`
//     to tslab's own installation (its forwardTslabPath) and fakes `<cwd>/node_modules`; tslab issue #52
//     confirms that NODE_PATH is not consulted. We add the same kind of forward for `bitbound`:
//     `<cwd>/node_modules/bitbound/<rest>` reads `<project>/<rest>`, and realpath maps it onto the real
//     files, exactly as the checkout's own link node_modules/bitbound -> .. does.
//   - the runtime: tslab's `require` is Node's (Module.createRequire in the working directory, with the tsx
//     loader from NODE_OPTIONS), which searches node_modules up the tree and then NODE_PATH. The kernel
//     spec (scripts/kernel-spec.mjs) sets NODE_PATH to `<project>/.cache/kernel-path`, a folder holding
//     only the link `bitbound` -> the project, so nothing else of the project's node_modules leaks in.
//
// Both are fallbacks with the same precedence: when the notebook's folder or one above it has its own
// node_modules/bitbound (the checkout itself, or a learner who installed a copy), Node uses that one first,
// so the type checker's forward is not installed either and both sides see the same library.
// Nothing is written into the notebook's folder or the user's home.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const PACKAGE = "bitbound";

/**
 * The folder that NODE_PATH names for the kernel: it holds one entry, `bitbound`, a link to the project.
 * @param {string} root the project (the folder with package.json "name": "bitbound")
 * @returns {string}
 */
function kernelPathDir(root) {
  return path.join(root, ".cache", "kernel-path");
}

/**
 * Makes `<root>/.cache/kernel-path/bitbound` a link to `root` (a junction on Windows, which needs no
 * privileges). Returns true when it (re)created the link, false when it was in place.
 * @param {string} root
 * @returns {boolean}
 */
function ensureKernelPathLink(root) {
  const dir = kernelPathDir(root);
  const link = path.join(dir, PACKAGE);
  const target = path.resolve(root);
  try {
    if (fs.lstatSync(link).isSymbolicLink() && path.resolve(dir, fs.readlinkSync(link)) === target) return false;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // no link yet
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(target, link, process.platform === "win32" ? "junction" : "dir");
  return true;
}

/**
 * The `node_modules/bitbound` that Node would find from `dir` by walking up the tree, or null.
 * @param {string} dir
 * @returns {string | null}
 */
function findLocalPackage(dir) {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, "node_modules", PACKAGE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** TypeScript's spelling of a path: forward slashes. */
const slashes = (p) => p.replace(/\\/g, "/");

/**
 * Makes tslab's type checker find "bitbound" in `root` from a kernel started in `cwd`, by forwarding the
 * virtual folder `<cwd>/node_modules/bitbound` to `root` in `ts.sys` (before tslab creates its host).
 * Does nothing when `cwd` or a folder above it has a real node_modules/bitbound (Node would use that one).
 *
 * @param {object} ts the @tslab/typescript-for-tslab module instance tslab itself loads
 * @param {string} root the project folder
 * @param {string} [cwd] the kernel's working directory (default: process.cwd())
 * @returns {"local" | "forwarded"} which library the notebook gets: its own tree's, or `root` forwarded
 */
function forwardLibraryForTypeChecker(ts, root, cwd = process.cwd()) {
  if (findLocalPackage(cwd) !== null) return "local";
  const virtual = slashes(path.join(cwd, "node_modules", PACKAGE));
  const real = slashes(path.resolve(root));
  /** The real path behind a virtual one, or null when `p` is not under the virtual folder. */
  const forward = (p) => {
    const s = slashes(p);
    if (s === virtual) return real;
    if (s.startsWith(virtual + "/")) return real + s.slice(virtual.length);
    return null;
  };
  const sys = ts.sys;
  const original = {
    fileExists: sys.fileExists,
    readFile: sys.readFile,
    directoryExists: sys.directoryExists,
    getDirectories: sys.getDirectories,
    readDirectory: sys.readDirectory,
    realpath: sys.realpath,
  };
  const via = (name) =>
    function (p, ...rest) {
      const target = forward(p);
      return original[name].call(sys, target === null ? p : target, ...rest);
    };
  sys.fileExists = via("fileExists");
  sys.readFile = via("readFile");
  const forwardedDir = via("directoryExists");
  const nodeModules = slashes(path.join(cwd, "node_modules"));
  // `<cwd>/node_modules` must seem to exist for TypeScript to look inside it (tslab fakes it too, for itself)
  sys.directoryExists = function (p, ...rest) {
    return slashes(p) === nodeModules || forwardedDir.call(this, p, ...rest);
  };
  sys.getDirectories = via("getDirectories");
  sys.readDirectory = via("readDirectory");
  // The real file names, as the checkout's symlink gives them: the declarations are read once under their
  // own paths, and TypeScript still treats them as a library in node_modules (not under tslab's rootDir).
  if (original.realpath) sys.realpath = via("realpath");
  return "forwarded";
}

module.exports = { kernelPathDir, ensureKernelPathLink, findLocalPackage, forwardLibraryForTypeChecker };
