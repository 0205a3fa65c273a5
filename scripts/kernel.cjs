// The project's kernel: makes sure the kernel's type checker never reads declarations of the library older
// than src/ (scripts/kernel-types.cjs: stale ones are removed and rebuilt in the background), then runs
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
const tslab = path.join(__dirname, "..", "node_modules", "tslab");
process.argv = [process.argv[0], path.join(tslab, "bin", "tslab"), ...process.argv.slice(2)];
require(path.join(tslab, "dist", "main.js")).main();
