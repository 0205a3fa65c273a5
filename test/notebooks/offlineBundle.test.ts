import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pythonPath } from "../../src/cli/runNotebook";
// @ts-expect-error: a plain ES module script without type declarations
import { envBin, npmInvocation } from "../../scripts/lib/platform.mjs";

/**
 * The offline bundle (issue 17): `npm run bundle` packs HEAD, an npm cache and this platform's Python wheels into one
 * archive; unpacked into a temporary folder, set-up must install from it with every route to the network closed
 * (npm's and pip's registries and every HTTP(S) proxy pointed at a closed port on 127.0.0.1), write the kernel spec,
 * and Jupyter itself must list that kernel. A control checks that the closed routes really fail.
 *
 * Slow (the slowest test here): 8 to 9 minutes in all on two cores shared with other work (load about 20; 14 at
 * worst): 3 to 5 minutes to build the bundle (it downloads about 190 MB of npm packages and wheels, packed into about
 * 130 MiB), the rest for the offline set-up (npm install from the cache, a venv from the wheels, the kernel's
 * declarations) and removing the folder. Skipped inside an unpacked bundle or
 * any copy without git, where a bundle cannot be built.
 */
const root = join(__dirname, "..", "..");
const inCheckout = existsSync(join(root, ".git")) && !existsSync(join(root, "vendor", "bundle.json"));
const work = mkdtempSync(join(tmpdir(), "bitbound-bundle-"));
const closed = "http://127.0.0.1:9";
/** Every way npm and pip could reach the network, closed. */
const offline = {
  ...process.env,
  npm_config_registry: `${closed}/`,
  npm_config_fetch_retries: "0",
  PIP_INDEX_URL: `${closed}/simple`,
  PIP_RETRIES: "0",
  HTTP_PROXY: closed,
  HTTPS_PROXY: closed,
  http_proxy: closed,
  https_proxy: closed,
  NO_PROXY: "",
  no_proxy: "",
};
let archive = "";
/** HEAD when the bundle was built (in a shared checkout others may commit while it builds). */
let head = "";
let project = "";
interface Ran { status: number | null; stdout: string; stderr: string }
let firstRun: Ran;

/** Runs a program without blocking vitest's worker (minutes of a synchronous spawn time out its RPC). */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, shell = false): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, shell, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => resolve({ status: null, stdout, stderr: stderr + e.message }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe.skipIf(!inCheckout)("offline bundle", () => {
  beforeAll(async () => {
    head = (await run("git", ["rev-parse", "HEAD"], root)).stdout.trim();
    const built = await run(process.execPath, [join(root, "scripts", "bundle.mjs"), "--out", join(work, "out")], root);
    if (built.status !== 0) throw new Error(`npm run bundle failed:\n${built.stdout}\n${built.stderr}`);
    const archives = readdirSync(join(work, "out")).filter((f) => f.endsWith(".tar.gz"));
    expect(archives).toHaveLength(1);
    archive = join(work, "out", archives[0]);
    mkdirSync(join(work, "unpacked"));
    const unpacked = await run("tar", ["-xzf", archive, "-C", join(work, "unpacked")], work);
    if (unpacked.status !== 0) throw new Error(`tar -xzf failed: ${unpacked.stderr}`);
    project = join(work, "unpacked", archives[0].replace(/\.tar\.gz$/, ""));
    firstRun = await run(process.execPath, [join(project, "scripts", "setup.mjs")], project, offline);
  }, 1_800_000);
  // asynchronously: removing node_modules and .venv (tens of thousands of files) synchronously blocks the worker
  // long enough for vitest's RPC to its main process to time out ("Timeout calling onTaskUpdate")
  afterAll(() => rm(work, { recursive: true, force: true }), 600_000);

  it("holds the project at HEAD, the npm cache, the wheels and a manifest for this machine, and nothing installed", async () => {
    const manifest = JSON.parse(readFileSync(join(project, "vendor", "bundle.json"), "utf8"));
    // the Python the bundle used, asked independently
    const py = (await run(pythonPath(root), ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"], root)).stdout.trim();
    expect(manifest).toMatchObject({ commit: head, platform: process.platform, arch: process.arch, python: py });
    const tracked = (await run("git", ["ls-tree", "-r", "--name-only", head], root)).stdout.trim().split("\n");
    expect(tracked.length).toBeGreaterThan(100);
    for (const f of tracked) expect(existsSync(join(project, f)), f).toBe(true);
    const wheels = readdirSync(join(project, "vendor", "wheels"));
    for (const pkg of ["jupyterlab-4.6.6", "plotly-7.1.0", "nbclient-0.11.0", "nbformat-5.11.1", "ml_dtypes-0.5.3"]) {
      expect(wheels.some((w) => w.startsWith(pkg) && w.endsWith(".whl")), pkg).toBe(true);
    }
    expect(existsSync(join(project, "vendor", "npm-cache", "_cacache"))).toBe(true);
    const listing = (await run("tar", ["-tzf", archive], work)).stdout;
    expect(listing).not.toMatch(/\/(node_modules|\.venv|\.git)\//);
  });

  it("the closed routes really fail: npm and pip cannot download anything with this environment", async () => {
    const npm = npmInvocation({ exists: existsSync });
    const npmView = await run(npm.command, [...npm.args, "view", "zod@3.23.8", "version", "--registry=https://registry.npmjs.org/", `--cache=${join(work, "npm-probe")}`], work, offline, npm.shell);
    expect(npmView.status).not.toBe(0);
    const pip = await run(pythonPath(root), ["-m", "pip", "download", "--no-deps", "--no-cache-dir", "-d", join(work, "pip-probe"), "zod==0.0.0"], work, offline);
    expect(pip.status).not.toBe(0);
  });

  it("set-up installs from the bundle with no network and writes the kernel spec, which Jupyter lists", async () => {
    expect(firstRun.status, `${firstRun.stdout}\n${firstRun.stderr}`).toBe(0);
    expect(firstRun.stdout).toContain("installing npm packages from the bundle");
    expect(firstRun.stdout).toContain("from the bundle's wheels (pip --no-index)");
    const spec = JSON.parse(readFileSync(join(project, ".venv", "share", "jupyter", "kernels", "bitbound", "kernel.json"), "utf8"));
    expect(spec.display_name).toBe("TypeScript (bitbound)");
    expect(JSON.stringify(spec.argv)).toContain(JSON.stringify(project).slice(1, -1));
    const jupyterDirs = { JUPYTER_CONFIG_DIR: join(project, ".jupyter", "config"), JUPYTER_DATA_DIR: join(project, ".jupyter", "data") };
    const listed = await run(envBin(join(project, ".venv"), "jupyter"), ["kernelspec", "list", "--json"], project, { ...offline, ...jupyterDirs });
    expect(listed.status, listed.stderr).toBe(0);
    const specs = JSON.parse(listed.stdout).kernelspecs;
    expect(specs.bitbound?.resource_dir).toBe(join(project, ".venv", "share", "jupyter", "kernels", "bitbound"));
    // the npm packages are in place, and the link that lets notebooks import the library by its name
    expect(existsSync(join(project, "node_modules", "tslab", "package.json"))).toBe(true);
    expect(JSON.parse(readFileSync(join(project, "node_modules", "bitbound", "package.json"), "utf8")).name).toBe("bitbound");
  });

  it("a second set-up there has nothing to do", async () => {
    const again = await run(process.execPath, [join(project, "scripts", "setup.mjs")], project, offline);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim().split("\n").pop()).toBe("setup: everything is up to date: nothing was installed or written");
  });
});
