import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * One notebook executed through the real tslab kernel by scripts/run_notebook.py (nbclient, in the
 * project's Python environment, strict mode), as the notebook test does: the executed copy goes to
 * `test-output/executed/`, the ledger of its checks to `test-output/ledgers/` (where the site reads both).
 *
 * @packageDocumentation
 */

/** The outcome of one notebook. */
export interface NotebookRun {
  notebook: string;
  ok: boolean;
  seconds: number;
  checksPassed: number;
  plots: number;
  /** The runner's error output when the notebook failed (the cell and the message). */
  error: string;
}

/** The project's Python: `.venv/bin/python`, or `.venv\Scripts\python.exe` on Windows. */
export function pythonPath(root: string, platform: NodeJS.Platform = process.platform): string {
  return platform === "win32" ? join(root, ".venv", "Scripts", "python.exe") : join(root, ".venv", "bin", "python");
}

/**
 * Executes one notebook.
 *
 * @param root - the project root
 * @param notebook - the file name in `notebooks/`, e.g. `02-block-scaling.ipynb`
 * @param options - `executed` and `ledger` (absolute paths of the executed copy and the ledger file, which is
 *   emptied first), `timeout` (seconds per cell), `env` (the kernel's environment: Jupyter's folders);
 *   `path` (a notebook anywhere, run instead of `notebooks/<notebook>`, e.g. a student's submission),
 *   `lenient` (a learner's run: no strict mode), `allowErrors` (run every cell even after one fails; the
 *   executed copy keeps each cell's error, for `bitbound grade`)
 * @example
 * ```ts
 * await executeNotebook(root, "00-welcome.ipynb", { executed, ledger, timeout: 300, env }); // { ok: true, checksPassed: 7, … }
 * ```
 */
export function executeNotebook(
  root: string,
  notebook: string,
  options: { executed: string; ledger: string; timeout: number; env: Record<string, string | undefined>; path?: string; lenient?: boolean; allowErrors?: boolean },
): Promise<NotebookRun> {
  mkdirSync(dirname(options.executed), { recursive: true });
  mkdirSync(dirname(options.ledger), { recursive: true });
  rmSync(options.ledger, { force: true });
  const start = Date.now();
  const args = [join(root, "scripts", "run_notebook.py"), "execute", options.path ?? join(root, "notebooks", notebook), "--timeout", String(options.timeout), "--output", options.executed];
  if (options.lenient) args.push("--lenient");
  if (options.allowErrors) args.push("--allow-errors");
  return new Promise((resolve) => {
    let stdout = "";
    let stderr = "";
    const child = spawn(pythonPath(root), args, { cwd: root, env: { ...options.env, BITBOUND_LEDGER: options.ledger }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const done = (ok: boolean, error: string) => {
      const last = stdout.trim().split("\n").pop() ?? "";
      let result: { seconds?: number; checksPassed?: number; plots?: number } = {};
      try {
        result = ok ? JSON.parse(last) : {};
      } catch {
        ok = false;
        error = `the runner printed no result line:\n${stdout}\n${stderr}`;
      }
      resolve({ notebook, ok, seconds: result.seconds ?? (Date.now() - start) / 1000, checksPassed: result.checksPassed ?? 0, plots: result.plots ?? 0, error });
    };
    child.on("error", (e) => done(false, `could not start ${pythonPath(root)}: ${e.message}`));
    child.on("close", (code) => done(code === 0, code === 0 ? "" : stderr.split("\n").filter((l) => !/UserWarning|warn\(/.test(l)).join("\n").trim()));
  });
}

/** Whether the project's Python environment exists. */
export function hasPython(root: string): boolean {
  return existsSync(pythonPath(root));
}
