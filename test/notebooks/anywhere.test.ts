import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import {
  copyFileSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { executeNotebook } from "../../src/cli/runNotebook";

/**
 * Notebooks anywhere (issue 17): the "TypeScript (bitbound)" kernel resolves `import ... from "bitbound"`
 * wherever the notebook lives (scripts/kernel-resolve.cjs forwards tslab's type checker, the kernel spec's
 * NODE_PATH serves Node's runtime require).
 *
 * 1. A copy of the welcome notebook in a fresh temporary folder outside the checkout runs top to bottom in
 *    strict mode with the project's kernel, and the folder holds nothing but the notebook afterwards.
 * 2. The JupyterHub layout (docs/jupyterhub.md): the library, its node_modules and the kernel spec live in
 *    one folder (an "image" such as /opt/bitbound, here a hard-linked copy of the checkout with its spec
 *    in its own Jupyter data folder), and a lesson runs from a clone of the repository in a different home
 *    folder (what an nbgitpuller link makes, with no node_modules). An extra cell prints where Node found
 *    "bitbound": it must be the image, not the checkout or the clone, and the home gets no new files.
 *
 * Without the forward, both runs fail at the first cell with "Cannot find module 'bitbound'".
 */
const root = join(__dirname, "..", "..");
const scratch: string[] = [];

afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder outside the checkout, removed after the tests. */
function freshDir(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  scratch.push(dir);
  expect(relative(root, dir).startsWith(".."), `${dir} must be outside the checkout`).toBe(true);
  return dir;
}

/** Every file under `dir`, relative to it, sorted. */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else files.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return files.sort();
}

/** Copies a tree with hard links for files (fast, no space) and the same targets for symbolic links. */
function linkTree(from: string, to: string): void {
  const st = lstatSync(from);
  if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (st.isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) linkTree(join(from, name), join(to, name));
  } else {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to); // another file system
    }
  }
}

describe("notebooks outside the checkout", () => {
  it("a copy of the welcome notebook runs from a temporary folder with the project's kernel, writing nothing there", async () => {
    const dir = freshDir("bitbound-anywhere-");
    copyFileSync(join(root, "notebooks", "00-welcome.ipynb"), join(dir, "00-welcome.ipynb"));
    const out = freshDir("bitbound-anywhere-out-");
    const result = await executeNotebook(root, "00-welcome.ipynb", {
      path: join(dir, "00-welcome.ipynb"),
      executed: join(out, "00-welcome.ipynb"),
      ledger: join(out, "ledger.jsonl"),
      timeout: 240,
      env: process.env,
    });
    expect(result.ok, `the copied welcome notebook failed:\n${result.error}`).toBe(true);
    console.log(`copied 00-welcome.ipynb in ${dir}: ${result.seconds.toFixed(1)} s, ${result.checksPassed} checks passed, ${result.plots} figures`);
    // the same lesson contract as in the checkout: its checks pass and its figures are drawn
    expect(result.checksPassed).toBeGreaterThanOrEqual(3);
    expect(result.plots).toBeGreaterThanOrEqual(2);
    expect(listFiles(dir), "files in the notebook's folder after the run").toEqual(["00-welcome.ipynb"]);
  });

  it("a lesson pulled into another home runs on a kernel whose library lives outside that home (the JupyterHub layout)", async () => {
    // the image: library, node_modules, declarations and kernel spec in one folder, as under /opt/bitbound
    const image = join(freshDir("bitbound-image-"), "bitbound");
    mkdirSync(image);
    for (const entry of ["package.json", "tsconfig.json", "src", "scripts", "lessons", "node_modules"]) linkTree(join(root, entry), join(image, entry));
    mkdirSync(join(image, ".cache"));
    linkTree(join(root, ".cache", "kernel-types"), join(image, ".cache", "kernel-types"));
    const data = join(image, "share", "jupyter");
    const spec = await new Promise<number | null>((resolve) => spawn(process.execPath, [join(image, "scripts", "kernel-spec.mjs"), data], { stdio: "ignore" }).on("close", resolve));
    expect(spec, "scripts/kernel-spec.mjs in the image").toBe(0);
    const kernel = JSON.parse(readFileSync(join(data, "kernels", "bitbound", "kernel.json"), "utf8")) as { argv: string[]; env: Record<string, string> };
    expect(kernel.argv[1]).toBe(join(image, "scripts", "kernel.cjs"));
    expect(kernel.env.NODE_PATH).toBe(join(image, ".cache", "kernel-path"));

    // the student's home: what an nbgitpuller link leaves there (the repository's files, no node_modules)
    const home = freshDir("bitbound-home-");
    const clone = join(home, "bitbound");
    mkdirSync(join(clone, "notebooks"), { recursive: true });
    for (const entry of ["package.json", "lessons"]) linkTree(join(root, entry), join(clone, entry));
    const nb = JSON.parse(readFileSync(join(root, "notebooks", "01-floating-point.ipynb"), "utf8")) as { cells: unknown[] };
    nb.cells.push({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: ['console.log("bitbound resolved at " + require("fs").realpathSync(require.resolve("bitbound")));'] });
    writeFileSync(join(clone, "notebooks", "01-floating-point.ipynb"), JSON.stringify(nb));
    const before = listFiles(home);

    const out = freshDir("bitbound-home-out-");
    const output = join(out, "01.ipynb");
    // JUPYTER_PATH puts the image's kernel spec first, as an image's system-wide share/jupyter would be
    const r = await executeNotebook(root, "01-floating-point.ipynb", {
      path: join(clone, "notebooks", "01-floating-point.ipynb"),
      executed: output,
      ledger: join(out, "ledger.jsonl"),
      timeout: 240,
      env: { ...process.env, HOME: home, USERPROFILE: home, JUPYTER_PATH: data },
    });
    expect(r.ok, `the pulled lesson failed:\n${r.error}`).toBe(true);
    const executed = JSON.parse(readFileSync(output, "utf8")) as { cells: { outputs?: { text?: string | string[] }[] }[] };
    const last = executed.cells[executed.cells.length - 1].outputs!.map((o) => [o.text ?? ""].flat().join("")).join("");
    console.log(`pulled 01-floating-point.ipynb in ${clone}: ${last.trim()}`);
    expect(last.trim()).toBe(`bitbound resolved at ${join(image, "src", "index.ts")}`);
    expect(listFiles(home), "files in the home after the run").toEqual(before);
    expect(before.every((f) => !f.split(sep).includes("node_modules"))).toBe(true);
  });
});
