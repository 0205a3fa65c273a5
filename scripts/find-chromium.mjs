// Prints the path of a Chromium or Chrome executable for the browser tests, or exits 1.
// BITBOUND_CHROMIUM wins; then the usual Debian, Ubuntu, Fedora, macOS locations.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export function findChromium() {
  const fromEnv = process.env.BITBOUND_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const n of names) if (dir && existsSync(join(dir, n))) return join(dir, n);
  }
  const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
  return existsSync(mac) ? mac : null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if (!found) process.exit(1);
  console.log(found);
}
