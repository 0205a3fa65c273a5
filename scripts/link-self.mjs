// Makes node_modules/bitbound a link to this project, so `import ... from "bitbound"` resolves to src/
// (package.json "main"/"types" point at src/index.ts) from the notebooks, the tests and the kernel.
// npm removes links it did not create on every install, so setup (and npm's postinstall) re-create it.
// Prints one line when it (re)created the link, nothing when the link was already in place.
import { lstatSync, mkdirSync, readlinkSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const link = join(root, "node_modules", "bitbound");
mkdirSync(join(root, "node_modules"), { recursive: true });
let current = null;
try {
  if (lstatSync(link).isSymbolicLink()) current = readlinkSync(link);
  else rmSync(link, { recursive: true, force: true });
} catch {
  // no link yet
}
// On Windows the link is a junction, whose target reads back as an absolute path: compare where it leads.
let pointsHome = false;
try {
  pointsHome = current !== null && realpathSync(link) === realpathSync(root);
} catch {
  // a dangling link
}
if (!pointsHome) {
  if (current !== null) rmSync(link, { force: true });
  symlinkSync("..", link, process.platform === "win32" ? "junction" : "dir");
  console.log("linked node_modules/bitbound -> ..");
}
