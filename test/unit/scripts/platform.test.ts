import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script, createContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
// The scripts are plain ES modules without type declarations:
// @ts-expect-error: no declarations
import { findChromium } from "../../../scripts/find-chromium.mjs";
// @ts-expect-error: no declarations
import { labArgs } from "../../../scripts/lib/lab.mjs";
// @ts-expect-error: no declarations
import { bundleMismatch, bundleName, chromiumCandidates, chromiumPlan, envBin, findPython, hashFiles, isRoot, npmArgs, npmInvocation, parseOsRelease, pythonCandidates, pythonVersionOk, venvHint } from "../../../scripts/lib/platform.mjs";
// @ts-expect-error: no declarations
import { parseSetupArgs } from "../../../scripts/lib/setup.mjs";
// @ts-expect-error: no declarations
import { parseTestArgs } from "../../../scripts/lib/test.mjs";

/**
 * The platform logic of set-up, `npm run lab`, `npm test` and `npm run bundle` (scripts/lib/platform.mjs), with the
 * platform, the environment and the disk injected: this machine runs Linux, so the Windows and macOS answers are
 * checked here against the paths and names those systems use (Python's venv layout, the py launcher, Chrome's and
 * Edge's install folders, npm's layout next to node.exe).
 */

type Run = (command: string, args: string[]) => { status: number | null; stdout: string } | null;

/** A fake machine: which commands exist and what each Python answers to the probe. */
function machine(pythons: Record<string, { exe: string; version: string } | "store-stub">): Run & { calls: string[] } {
  const calls: string[] = [];
  const run = ((command: string, args: string[]) => {
    const key = [command, ...args.slice(0, args.indexOf("-c"))].join(" ");
    calls.push(key);
    const p = pythons[key];
    if (p === undefined) return null; // not installed: spawn fails
    if (p === "store-stub") return { status: 9009, stdout: "" }; // Windows' "python" that opens the Store
    return { status: 0, stdout: `${p.exe}\r\n${p.version}\r\n` };
  }) as Run & { calls: string[] };
  run.calls = calls;
  return run;
}

describe("the Python environment's programs", () => {
  it("Scripts\\NAME.exe on Windows, bin/NAME on macOS and Linux", () => {
    expect(envBin("C:\\course\\.venv", "python", "win32")).toBe("C:\\course\\.venv\\Scripts\\python.exe");
    expect(envBin("C:\\course\\.venv", "jupyter", "win32")).toBe("C:\\course\\.venv\\Scripts\\jupyter.exe");
    expect(envBin("/Users/a/course/.venv", "python", "darwin")).toBe("/Users/a/course/.venv/bin/python");
    expect(envBin("/home/a/course/.venv", "jupyter", "linux")).toBe("/home/a/course/.venv/bin/jupyter");
  });
});

describe("finding Python", () => {
  it("tries py -3, python, python3 on Windows and python3, python elsewhere; BITBOUND_PYTHON alone when set", () => {
    const labels = (env: Record<string, string>, platform: NodeJS.Platform) => pythonCandidates(env, platform).map((c: { label: string }) => c.label);
    expect(labels({}, "win32")).toEqual(["py -3", "python", "python3"]);
    expect(labels({}, "darwin")).toEqual(["python3", "python"]);
    expect(labels({}, "linux")).toEqual(["python3", "python"]);
    expect(labels({ BITBOUND_PYTHON: "/opt/py/bin/python3.12" }, "linux")).toEqual(["BITBOUND_PYTHON (/opt/py/bin/python3.12)"]);
  });

  it("on Windows, takes the py launcher's Python and reports its real executable", () => {
    const run = machine({ "py -3": { exe: "C:\\Python312\\python.exe", version: "3.12.4" }, python: "store-stub" });
    expect(findPython(run, {}, "win32")).toEqual({ executable: "C:\\Python312\\python.exe", version: "3.12.4", label: "py -3" });
    expect(run.calls).toEqual(["py -3"]);
  });

  it("on Windows without the launcher, skips the Store's stand-in and finds python3", () => {
    const run = machine({ python: "store-stub", python3: { exe: "C:\\Users\\a\\python.exe", version: "3.10.11" } });
    expect(findPython(run, {}, "win32").executable).toBe("C:\\Users\\a\\python.exe");
    expect(run.calls).toEqual(["py -3", "python", "python3"]);
  });

  it("passes over a Python older than 3.9 to a newer one, and names the old one when there is no other", () => {
    const both = machine({ python3: { exe: "/usr/bin/python3", version: "3.8.10" }, python: { exe: "/usr/local/bin/python", version: "3.11.2" } });
    expect(findPython(both, {}, "linux").executable).toBe("/usr/local/bin/python");
    const old = findPython(machine({ python3: { exe: "/usr/bin/python3", version: "3.8.10" } }), {}, "darwin");
    expect(old.error).toMatch(/^Python 3\.9 or newer is needed, found python3 is 3\.8\.10: install Python 3\.9 or newer \(.*brew install python\)/);
  });

  it("without any Python: one sentence naming what was tried and where to get one, per platform", () => {
    const none = machine({});
    expect(findPython(none, {}, "win32").error).toBe(
      "Python 3.9 or newer is needed and was not found (tried py -3, python, python3): install Python 3.9 or newer " +
        "(https://www.python.org/downloads/windows/, which also installs the py launcher) or set BITBOUND_PYTHON to one, then run this again.",
    );
    expect(findPython(none, {}, "linux").error).toMatch(/not found \(tried python3, python\): install .*apt-get install python3 python3-venv/);
    expect(findPython(none, { BITBOUND_PYTHON: "/nope/python" }, "linux").error).toBe(
      "Python 3.9 or newer is needed and was not found (tried BITBOUND_PYTHON (/nope/python)): point BITBOUND_PYTHON at a Python 3.9 or newer (or unset it), then run this again.",
    );
  });

  it("compares versions as numbers (3.10 is newer than 3.9)", () => {
    const table: [string, boolean][] = [["2.7.18", false], ["3.8.19", false], ["3.9.0", true], ["3.10.0", true], ["3.13.1", true], ["4.0.0", true]];
    for (const [v, ok] of table) expect(pythonVersionOk(v), v).toBe(ok);
  });

  it("a failed venv names python3-venv on Debian and Ubuntu only", () => {
    expect(venvHint("linux", { id: "ubuntu", idLike: ["debian"] })).toMatch(/apt-get install python3-venv/);
    expect(venvHint("linux", { id: "fedora", idLike: [] })).not.toMatch(/apt-get/);
    expect(venvHint("win32", null)).not.toMatch(/apt-get/);
  });
});

describe("root and the Linux distribution", () => {
  it("root is uid 0; Windows has no uid", () => {
    expect(isRoot({ getuid: () => 0 })).toBe(true);
    expect(isRoot({ getuid: () => 1000 })).toBe(false);
    expect(isRoot({})).toBe(false);
  });

  it("reads ID and ID_LIKE from /etc/os-release, quoted or not", () => {
    expect(parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n')).toEqual({ id: "debian", idLike: [] });
    expect(parseOsRelease('NAME="Linux Mint"\nID=linuxmint\nID_LIKE="ubuntu debian"\n')).toEqual({ id: "linuxmint", idLike: ["ubuntu", "debian"] });
    expect(parseOsRelease("ID=\"fedora\"\nID_LIKE=\n")).toEqual({ id: "fedora", idLike: [] });
  });
});

describe("Chromium for the browser tests", () => {
  const debian = { id: "debian", idLike: [] };
  const ubuntu = { id: "ubuntu", idLike: ["debian"] };

  it("apt-get only on Debian or Ubuntu, as root, with apt-get present", () => {
    expect(chromiumPlan({ platform: "linux", root: true, osRelease: debian, hasAptGet: true })).toEqual({ kind: "apt", packages: ["chromium"] });
    expect(chromiumPlan({ platform: "linux", root: true, osRelease: ubuntu, hasAptGet: true })).toEqual({ kind: "apt", packages: ["chromium-browser"] });
    expect(chromiumPlan({ platform: "linux", root: false, osRelease: debian, hasAptGet: true }).kind).toBe("hint");
    expect(chromiumPlan({ platform: "linux", root: true, osRelease: debian, hasAptGet: false }).kind).toBe("hint");
    expect(chromiumPlan({ platform: "linux", root: true, osRelease: { id: "fedora", idLike: [] }, hasAptGet: true }).kind).toBe("hint");
    expect(chromiumPlan({ platform: "darwin", root: true, osRelease: null, hasAptGet: true }).kind).toBe("hint");
  });

  it("elsewhere one sentence for the platform, always offering BITBOUND_CHROMIUM", () => {
    const msg = (platform: NodeJS.Platform, osRelease: { id: string; idLike: string[] } | null) =>
      chromiumPlan({ platform, root: false, osRelease, hasAptGet: false }).message as string;
    expect(msg("linux", debian)).toMatch(/\(sudo apt-get install chromium\)/);
    expect(msg("linux", { id: "fedora", idLike: [] })).toMatch(/\(sudo dnf install chromium\)/);
    expect(msg("linux", { id: "arch", idLike: [] })).toMatch(/\(sudo pacman -S chromium\)/);
    expect(msg("darwin", null)).toMatch(/brew install --cask chromium/);
    expect(msg("win32", null)).toMatch(/Edge ships with Windows/);
    for (const p of ["linux", "darwin", "win32"] as NodeJS.Platform[]) {
      expect(msg(p, null)).toMatch(/or set BITBOUND_CHROMIUM to a Chromium or Chrome executable, then run this again\.$/);
      expect(msg(p, null).split(". ").length, "one sentence").toBe(1);
    }
  });

  it("looks in Windows' Program Files and AppData for Chrome, then Chromium, then Edge", () => {
    const env = { Path: "C:\\Windows\\system32", ProgramFiles: "C:\\Program Files", "ProgramFiles(x86)": "C:\\Program Files (x86)", LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" };
    const list = chromiumCandidates(env, "win32");
    expect(list).toContain("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
    expect(list).toContain("C:\\Users\\a\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe");
    const edge = "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe";
    expect(list).toContain(edge);
    expect(list.indexOf("C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe")).toBeLessThan(list.indexOf(edge));
    // a machine with only Edge (a fresh Windows 11) finds Edge
    expect(findChromium(env, "win32", (f: string) => f === edge)).toBe(edge);
  });

  it("looks in macOS's Applications folders, and on PATH on Linux; BITBOUND_CHROMIUM wins everywhere", () => {
    const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
    expect(findChromium({ PATH: "/usr/bin:/bin", HOME: "/Users/a" }, "darwin", (f: string) => f === mac)).toBe(mac);
    expect(chromiumCandidates({ PATH: "/usr/bin", HOME: "/Users/a" }, "darwin")).toContain("/Users/a/Applications/Chromium.app/Contents/MacOS/Chromium");
    expect(findChromium({ PATH: "/opt/x:/usr/bin" }, "linux", (f: string) => f === "/usr/bin/chromium")).toBe("/usr/bin/chromium");
    expect(findChromium({ PATH: "/usr/bin" }, "linux", () => false)).toBeNull();
    expect(findChromium({ PATH: "/usr/bin", BITBOUND_CHROMIUM: "/x/chrome" }, "linux", () => true)).toBe("/x/chrome");
    expect(findChromium({ PATH: "/usr/bin", BITBOUND_CHROMIUM: "/x/chrome" }, "linux", (f: string) => f === "/usr/bin/chromium")).toBeNull();
  });
});

describe("running npm from Node", () => {
  it("under npm run: npm's own script with this Node", () => {
    const env = { npm_execpath: "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" };
    expect(npmInvocation({ env, platform: "win32", execPath: "C:\\Program Files\\nodejs\\node.exe", exists: () => true })).toEqual({
      command: "C:\\Program Files\\nodejs\\node.exe", args: [env.npm_execpath], shell: false,
    });
  });

  it("run directly: the npm installed beside node (Windows and Unix layouts), else npm on PATH", () => {
    const win = "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js";
    expect(npmInvocation({ env: {}, platform: "win32", execPath: "C:\\Program Files\\nodejs\\node.exe", exists: (f: string) => f === win }).args).toEqual([win]);
    const mac = "/usr/local/lib/node_modules/npm/bin/npm-cli.js";
    expect(npmInvocation({ env: {}, platform: "darwin", execPath: "/usr/local/bin/node", exists: (f: string) => f === mac }).args).toEqual([mac]);
    expect(npmInvocation({ env: {}, platform: "win32", execPath: "C:\\n\\node.exe", exists: () => false })).toEqual({ command: "npm.cmd", args: [], shell: true });
    expect(npmInvocation({ env: {}, platform: "linux", execPath: "/n/bin/node", exists: () => false })).toEqual({ command: "npm", args: [], shell: false });
    // through cmd.exe the arguments are joined with spaces: a path with a space is quoted, as cmd.exe reads it
    const viaShell = { command: "npm.cmd", args: [], shell: true };
    expect(npmArgs(viaShell, ["install", "--cache=C:\\Users\\Ana Lopez\\b\\vendor\\npm-cache"])).toEqual(["install", '"--cache=C:\\Users\\Ana Lopez\\b\\vendor\\npm-cache"']);
    expect(npmArgs({ command: "/n/node", args: ["/n/npm-cli.js"], shell: false }, ["install", "--cache=/a b"])).toEqual(["/n/npm-cli.js", "install", "--cache=/a b"]);
    // another package manager's execpath (yarn, pnpm) is not npm
    expect(npmInvocation({ env: { npm_execpath: "/u/lib/node_modules/pnpm/bin/pnpm.cjs" }, platform: "linux", execPath: "/n/bin/node", exists: () => false }).command).toBe("npm");
  });
});

describe("stamps and bundles", () => {
  const dir = mkdtempSync(join(tmpdir(), "bitbound-platform-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a stamp is the first 16 hex digits of the SHA-256 of the files one after another (FIPS 180-2's 'abc')", () => {
    writeFileSync(join(dir, "a"), "a");
    writeFileSync(join(dir, "bc"), "bc");
    // SHA-256("abc") = ba7816bf 8f01cfea 414140de ... (FIPS 180-2, appendix B.1)
    expect(hashFiles([join(dir, "a"), join(dir, "bc")])).toBe("ba7816bf8f01cfea");
    expect(hashFiles([join(dir, "bc"), join(dir, "a")])).not.toBe("ba7816bf8f01cfea");
  });

  it("a bundle is named by version, platform, CPU and Python; another machine gets one sentence", () => {
    expect(bundleName("0.3.0", "win32", "x64", "3.12.4")).toBe("bitbound-0.3.0-win32-x64-py3.12");
    const manifest = { platform: "linux", arch: "x64", python: "3.11" };
    expect(bundleMismatch(manifest, { platform: "linux", arch: "x64", python: "3.11" })).toBeNull();
    expect(bundleMismatch(manifest, { platform: "linux", arch: "x64", python: "3.12" })).toBe(
      "this offline bundle was made for linux-x64, Python 3.11 and this machine has linux-x64, Python 3.12: make a bundle on a machine like this one (npm run bundle), or delete the vendor/ folder to install from the internet, then run this again.",
    );
    expect(bundleMismatch(manifest, { platform: "darwin", arch: "arm64", python: "3.11" })).toMatch(/this machine has darwin-arm64/);
  });
});

describe("command lines", () => {
  it("set-up's options, and a refusal naming the allowed ones", () => {
    expect(parseSetupArgs([])).toEqual({ withBrowser: false, systemPython: false, quiet: false });
    expect(parseSetupArgs(["--with-browser", "--quiet", "--system-python"])).toEqual({ withBrowser: true, systemPython: true, quiet: true });
    expect(parseSetupArgs(["--offline"]).error).toBe("unknown option --offline (allowed: --with-browser, --system-python, --quiet)");
  });

  it("npm test's projects in run order, file filters, and refusals", () => {
    expect(parseTestArgs([])).toEqual({ projects: ["unit", "notebooks", "browser"], typecheck: true, filters: [] });
    expect(parseTestArgs(["--project", "browser", "--project", "unit", "--no-typecheck", "test/unit/scripts"])).toEqual({
      projects: ["unit", "browser"], typecheck: false, filters: ["test/unit/scripts"],
    });
    expect(parseTestArgs(["--project", "e2e"]).error).toBe('--project must be one of unit, notebooks, browser, got "e2e"');
    expect(parseTestArgs(["--watch"]).error).toMatch(/^unknown option --watch/);
  });

  it("jupyter lab: the project, the welcome notebook, the bitbound kernel; --no-browser and --allow-root when asked", () => {
    const base = ["--ServerApp.root_dir=/p", "--LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb", "--MappingKernelManager.default_kernel_name=bitbound"];
    expect(labArgs({ projectRoot: "/p", env: {} })).toEqual(base);
    expect(labArgs({ projectRoot: "/p", env: { BITBOUND_NO_BROWSER: "1" }, admin: true, extra: ["--port", "9999"] })).toEqual([...base, "--no-browser", "--allow-root", "--port", "9999"]);
  });
});

describe("the entry scripts on an old Node", () => {
  const here = join(__dirname, "..", "..", "..", "scripts");
  for (const name of ["setup", "lab", "test", "bundle"]) {
    it(`scripts/${name}.mjs parses as a classic script and stops Node 16 with one sentence before loading anything`, () => {
      // Node 10 and 12 read a .mjs they cannot treat as a module as a classic script: it must parse as one
      // (no import or export statement, no import.meta), and the version check must run before the import().
      const source = readFileSync(join(here, `${name}.mjs`), "utf8");
      const script = new Script(source, { filename: `${name}.mjs` });
      const errors: string[] = [];
      const sandbox = {
        process: { versions: { node: "16.20.2" }, version: "v16.20.2", argv: [], exit: (code: number) => { throw new Error(`exit ${code}`); } },
        console: { error: (m: string) => errors.push(m), log: () => {} },
      };
      expect(() => script.runInContext(createContext(sandbox))).toThrow("exit 1");
      expect(errors).toEqual([`${name}: Node.js 20 or newer is needed, found v16.20.2: install a newer Node.js (https://nodejs.org), then run this again.`]);
    });
  }
});
