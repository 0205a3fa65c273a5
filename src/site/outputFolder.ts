import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Empties a build folder (`build/site`, `build/exports`) before a build writes into it, but only one this
 * project made: a folder that exists, is not empty and lacks the marker file is left alone and refused,
 * so a mistyped `--out` can never delete someone's files.
 *
 * @param out - the folder
 * @param marker - the marker file's name, e.g. `.bitbound-site`
 * @throws Error naming the folder when it is not empty and has no marker
 * @example
 * ```ts
 * prepareOutputFolder("build/site", ".bitbound-site"); // build/site is now empty but for the marker
 * ```
 */
export function prepareOutputFolder(out: string, marker: string): void {
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, marker))) {
    throw new Error(`${out} is not empty and was not written by this project (no ${marker} file): choose another --out folder`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, marker), "written by the bitbound project's build; the next build empties this folder\n");
}
