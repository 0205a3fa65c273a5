// The project's kernel: makes sure the kernel's type checker never reads declarations of the library older
// than src/ (scripts/kernel-types.cjs: stale ones are removed and rebuilt in the background), makes
// "bitbound" resolve for the type checker from any folder (scripts/kernel-resolve.cjs: a notebook outside the
// checkout gets this project's library; the runtime finds it through NODE_PATH, set by the spec), then runs
// tslab in this same process, so Jupyter's interrupt and shutdown signals reach tslab directly. The kernel spec (scripts/kernel-spec.mjs) starts it as
//   node scripts/kernel.cjs kernel --config-path {connection_file}
"use strict";
const path = require("node:path");

try {
  require("./kernel-types.cjs").refreshKernelTypesInBackground();
} catch (error) {
  // Without fresh declarations the kernel still works: TypeScript then reads the sources (slower).
  process.stderr.write(`bitbound kernel: could not check the library's declarations (${error.message}); continuing\n`);
}
const root = path.join(__dirname, "..");
const tslab = path.join(root, "node_modules", "tslab");
try {
  const resolve = require("./kernel-resolve.cjs");
  // the runtime side: NODE_PATH (kernel spec) names .cache/kernel-path; re-create its link if it went missing
  try {
    resolve.ensureKernelPathLink(root);
  } catch {
    // a read-only install (an image's /opt/bitbound) keeps the link set-up made
  }
  // the type checker side: the very TypeScript instance tslab's converter loads (same resolved file)
  const requireFromTslab = require("node:module").createRequire(path.join(tslab, "dist", "converter.js"));
  resolve.forwardLibraryForTypeChecker(requireFromTslab("@tslab/typescript-for-tslab"), root);
} catch (error) {
  process.stderr.write(`bitbound kernel: could not make "bitbound" resolvable outside the project (${error.message}); continuing\n`);
}
process.argv = [process.argv[0], path.join(tslab, "bin", "tslab"), ...process.argv.slice(2)];
require(path.join(tslab, "dist", "main.js")).main();
