// `npm test`: installs what is missing (Chromium too), then runs the type check and every test.
// The work is in scripts/lib/test.mjs. This file is written so that Node.js 10 and newer can parse and run it:
// an older Node than 20 gets the one sentence below before anything that needs a newer one is loaded.
var nodeMajor = Number(process.versions.node.split(".")[0]);
if (nodeMajor < 20) {
  console.error("test: Node.js 20 or newer is needed, found " + process.version + ": install a newer Node.js (https://nodejs.org), then run this again.");
  process.exit(1);
}
import("./lib/test.mjs").then(function (m) { return m.main(process.argv.slice(2)); }).then(function (code) { process.exitCode = code; });
