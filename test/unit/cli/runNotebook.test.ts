import { afterAll, describe, expect, it } from "vitest";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeNotebook, hasPython } from "../../../src/cli/runNotebook";

/**
 * How `bitbound verify` reads the notebook runner, with a stand-in for the project's Python (a shell
 * script at .venv/bin/python in a temporary root) that answers as scripts/run_notebook.py does: one JSON
 * line on success, the failing cell on stderr and exit 1 on failure. (POSIX shells only.)
 */
const root = mkdtempSync(join(tmpdir(), "bitbound-runner-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakePython(script: string): void {
  mkdirSync(join(root, ".venv", "bin"), { recursive: true });
  writeFileSync(join(root, ".venv", "bin", "python"), `#!/bin/sh\n${script}\n`);
  chmodSync(join(root, ".venv", "bin", "python"), 0o755);
}

const options = () => ({ executed: join(root, "out", "executed", "nb.ipynb"), ledger: join(root, "out", "ledgers", "nb.jsonl"), timeout: 10, env: { PATH: process.env.PATH } });

describe.skipIf(process.platform === "win32")("executeNotebook", () => {
  it("reads the runner's result line; the ledger file is emptied first and passed in BITBOUND_LEDGER", async () => {
    fakePython(`echo "$BITBOUND_LEDGER" > "${join(root, "seen-ledger")}"\necho 'UserWarning: noise' >&2\necho '{"notebook": "nb.ipynb", "seconds": 1.5, "checksPassed": 7, "plots": 2}'`);
    mkdirSync(join(root, "out", "ledgers"), { recursive: true });
    writeFileSync(options().ledger, "stale\n");
    expect(hasPython(root)).toBe(true);
    const run = await executeNotebook(root, "nb.ipynb", options());
    expect(run).toEqual({ notebook: "nb.ipynb", ok: true, seconds: 1.5, checksPassed: 7, plots: 2, error: "" });
    expect(existsSync(options().ledger)).toBe(false);
    expect(readFileSync(join(root, "seen-ledger"), "utf8").trim()).toBe(options().ledger);
  });

  it("reports a failing notebook with the runner's message, warnings left out", async () => {
    fakePython(`echo '/x/IPython/paths.py:67: UserWarning: not writable' >&2\necho 'FAIL nb.ipynb at cell 3 (check(...)):' >&2\necho 'CheckError: x' >&2\nexit 1`);
    const run = await executeNotebook(root, "nb.ipynb", options());
    expect(run.ok).toBe(false);
    expect(run.error).toBe("FAIL nb.ipynb at cell 3 (check(...)):\nCheckError: x");
  });

  it("says so when the runner prints no result line", async () => {
    fakePython("echo 'something else'");
    const run = await executeNotebook(root, "nb.ipynb", options());
    expect(run.ok).toBe(false);
    expect(run.error).toMatch(/^the runner printed no result line/);
  });
});
