// Prints the path of a Chromium or Chrome executable for the browser tests, or exits 1.
// BITBOUND_CHROMIUM wins; then the names on PATH and each platform's usual install folders
// (scripts/lib/platform.mjs: Debian, Ubuntu, Fedora and the like, macOS's Applications, and on Windows
// Chrome, Chromium or Edge under Program Files or the user's AppData\Local).
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromiumCandidates } from "./lib/platform.mjs";

export function findChromium(env = process.env, platform = process.platform, exists = existsSync) {
  const fromEnv = env.BITBOUND_CHROMIUM;
  if (fromEnv) return exists(fromEnv) ? fromEnv : null;
  return chromiumCandidates(env, platform).find((file) => exists(file)) ?? null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const found = findChromium();
  if (!found) process.exit(1);
  console.log(found);
}
