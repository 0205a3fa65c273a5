// What differs between Windows, macOS and Linux for set-up, `npm run lab`, `npm test` and `npm run bundle`,
// in one place. Every function takes the platform, the environment and (where it looks at the disk or runs
// a program) the probe it uses as arguments, so test/unit/scripts/platform.test.ts can check the Windows and
// macOS answers on a Linux machine.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

/** `path.win32` for Windows, `path.posix` elsewhere, whatever machine runs this. */
export function pathFor(platform) {
  return platform === "win32" ? path.win32 : path.posix;
}

/**
 * An executable inside a Python environment: `<prefix>\Scripts\<name>.exe` on Windows, `<prefix>/bin/<name>`
 * elsewhere (python, jupyter, pip).
 */
export function envBin(prefix, name, platform = process.platform) {
  const p = pathFor(platform);
  return platform === "win32" ? p.join(prefix, "Scripts", `${name}.exe`) : p.join(prefix, "bin", name);
}

/**
 * The Pythons to try, in order, each as `{ command, args, label }`: BITBOUND_PYTHON alone when it is set
 * (a wrong setting is reported, not silently replaced); otherwise the launcher `py -3`, then python, then
 * python3 on Windows (where python3 is often the Microsoft Store's stand-in), and python3, then python,
 * elsewhere.
 */
export function pythonCandidates(env = process.env, platform = process.platform) {
  if (env.BITBOUND_PYTHON) return [{ command: env.BITBOUND_PYTHON, args: [], label: `BITBOUND_PYTHON (${env.BITBOUND_PYTHON})` }];
  if (platform === "win32") {
    return [
      { command: "py", args: ["-3"], label: "py -3" },
      { command: "python", args: [], label: "python" },
      { command: "python3", args: [], label: "python3" },
    ];
  }
  return [
    { command: "python3", args: [], label: "python3" },
    { command: "python", args: [], label: "python" },
  ];
}

/** The code a candidate Python runs: its own executable on the first line, its version on the second. */
export const PYTHON_PROBE = "import sys; print(sys.executable); print('%d.%d.%d' % sys.version_info[:3])";

/** The oldest Python the course supports. */
export const MIN_PYTHON = [3, 9];

/** True when a version "3.11.7" is at least {@link MIN_PYTHON}. */
export function pythonVersionOk(version) {
  const [major, minor] = version.split(".").map(Number);
  return major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]);
}

/**
 * Finds a Python 3.9 or newer. `run(command, args)` runs a program and returns `{ status, stdout }`
 * (status null when it could not be started). Returns `{ executable, version, label }`, or `{ error }`:
 * one sentence that says what was tried and what to do.
 */
export function findPython(run, env = process.env, platform = process.platform) {
  const tooOld = [];
  const candidates = pythonCandidates(env, platform);
  for (const c of candidates) {
    const r = run(c.command, [...c.args, "-c", PYTHON_PROBE]);
    if (!r || r.status !== 0) continue;
    const [executable, version] = String(r.stdout).trim().split(/\r?\n/);
    if (!executable || !/^\d+\.\d+\.\d+$/.test(version ?? "")) continue;
    if (pythonVersionOk(version)) return { executable, version, label: c.label };
    tooOld.push(`${c.label} is ${version}`);
  }
  const fix = env.BITBOUND_PYTHON
    ? "point BITBOUND_PYTHON at a Python 3.9 or newer (or unset it)"
    : `install Python 3.9 or newer (${pythonInstallHint(platform)}) or set BITBOUND_PYTHON to one`;
  if (tooOld.length) return { error: `Python 3.9 or newer is needed, found ${tooOld.join(", ")}: ${fix}, then run this again.` };
  const tried = candidates.map((c) => c.label).join(", ");
  return { error: `Python 3.9 or newer is needed and was not found (tried ${tried}): ${fix}, then run this again.` };
}

/** Where a user gets Python on each platform (a short phrase). */
export function pythonInstallHint(platform) {
  if (platform === "win32") return "https://www.python.org/downloads/windows/, which also installs the py launcher";
  if (platform === "darwin") return "https://www.python.org/downloads/macos/ or brew install python";
  return "your package manager, e.g. sudo apt-get install python3 python3-venv, or https://www.python.org";
}

/** The sentence after a failed `python -m venv`: Debian and Ubuntu ship venv as a package of its own. */
export function venvHint(platform, osRelease = null) {
  if (platform === "linux" && osRelease && isDebianLike(osRelease)) {
    return "could not create a Python virtual environment: install Python's venv module (on Debian or Ubuntu: apt-get install python3-venv), then run this again.";
  }
  return "could not create a Python virtual environment with this Python (python -m venv failed): install a complete Python 3.9 or newer (or set BITBOUND_PYTHON to one), then run this again.";
}

/** True for the administrator account on Unix (uid 0); never on Windows, where there is no uid. */
export function isRoot(proc = process) {
  return typeof proc.getuid === "function" && proc.getuid() === 0;
}

/** The fields of /etc/os-release that matter here: `{ id, idLike: [...] }`. */
export function parseOsRelease(text) {
  const fields = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) fields[m[1]] = m[2].replace(/^["']|["']$/g, "");
  }
  return { id: (fields.ID ?? "").toLowerCase(), idLike: (fields.ID_LIKE ?? "").toLowerCase().split(/\s+/).filter(Boolean) };
}

/** Reads /etc/os-release (Linux), or null where there is none. */
export function readOsRelease(file = "/etc/os-release") {
  try {
    return parseOsRelease(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function isDebianLike(os) {
  return ["debian", "ubuntu"].includes(os.id) || os.idLike.includes("debian") || os.idLike.includes("ubuntu");
}

function isUbuntuLike(os) {
  return os.id === "ubuntu" || os.idLike.includes("ubuntu");
}

/**
 * What set-up does when the browser tests need Chromium and none was found:
 * `{ kind: "apt", packages }` on Debian or Ubuntu as root with apt-get at hand, otherwise
 * `{ kind: "hint", message }`, one sentence for this platform.
 */
export function chromiumPlan({ platform, root, osRelease, hasAptGet }) {
  const tail = "or set BITBOUND_CHROMIUM to a Chromium or Chrome executable, then run this again.";
  if (platform === "linux" && osRelease && isDebianLike(osRelease)) {
    const pkg = isUbuntuLike(osRelease) ? "chromium-browser" : "chromium";
    if (root && hasAptGet) return { kind: "apt", packages: [pkg] };
    return { kind: "hint", message: `the browser tests need Chromium or Chrome: install it (sudo apt-get install ${pkg}) ${tail}` };
  }
  if (platform === "linux") {
    const id = osRelease ? [osRelease.id, ...osRelease.idLike] : [];
    let how = "with your package manager";
    if (id.some((x) => ["fedora", "rhel", "centos"].includes(x))) how = "sudo dnf install chromium";
    else if (id.some((x) => ["arch", "manjaro"].includes(x))) how = "sudo pacman -S chromium";
    else if (id.some((x) => x.includes("suse"))) how = "sudo zypper install chromium";
    return { kind: "hint", message: `the browser tests need Chromium or Chrome: install it (${how}) ${tail}` };
  }
  if (platform === "darwin") {
    return { kind: "hint", message: `the browser tests need Chrome or Chromium: install Google Chrome (https://www.google.com/chrome/) or Chromium (brew install --cask chromium) ${tail}` };
  }
  if (platform === "win32") {
    return { kind: "hint", message: `the browser tests need Chrome, Edge or Chromium (Edge ships with Windows 10 and 11 and was not found either): install Google Chrome (https://www.google.com/chrome/) ${tail}` };
  }
  return { kind: "hint", message: `the browser tests need Chromium or Chrome: install it ${tail}` };
}

/**
 * The places where a Chromium, Chrome or (on Windows) Edge executable may be, in order: the names on PATH,
 * then each platform's usual install folders.
 */
export function chromiumCandidates(env = process.env, platform = process.platform) {
  const p = pathFor(platform);
  const dirs = (env.PATH ?? env.Path ?? "").split(platform === "win32" ? ";" : ":").filter(Boolean);
  if (platform === "win32") {
    const onPath = dirs.flatMap((d) => ["chrome.exe", "chromium.exe", "msedge.exe"].map((n) => p.join(d, n)));
    const bases = [env.LOCALAPPDATA, env.ProgramFiles ?? env.PROGRAMFILES, env["ProgramFiles(x86)"] ?? env["PROGRAMFILES(X86)"]].filter(Boolean);
    const chrome = bases.map((b) => p.join(b, "Google", "Chrome", "Application", "chrome.exe"));
    const chromium = bases.map((b) => p.join(b, "Chromium", "Application", "chrome.exe"));
    const edge = bases.map((b) => p.join(b, "Microsoft", "Edge", "Application", "msedge.exe"));
    return [...onPath, ...chrome, ...chromium, ...edge];
  }
  const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
  const onPath = dirs.flatMap((d) => names.map((n) => p.join(d, n)));
  if (platform === "darwin") {
    const apps = ["Google Chrome.app/Contents/MacOS/Google Chrome", "Chromium.app/Contents/MacOS/Chromium"];
    const roots = ["/Applications", env.HOME ? p.join(env.HOME, "Applications") : null].filter(Boolean);
    return [...onPath, ...roots.flatMap((r) => apps.map((a) => p.join(r, a)))];
  }
  return onPath;
}

/**
 * How to run npm from Node: `{ command, args, shell }`. Under `npm run`, npm_execpath names npm's own
 * script, run with this Node; otherwise the npm-cli.js installed next to Node (Windows: <node dir>\node_modules\npm,
 * elsewhere <node dir>/../lib/node_modules/npm), and last the `npm` on PATH (npm.cmd through the shell on
 * Windows, which cannot start a .cmd file directly).
 */
export function npmInvocation({ env = process.env, platform = process.platform, execPath = process.execPath, exists }) {
  const p = pathFor(platform);
  const fromEnv = env.npm_execpath;
  if (fromEnv && /npm-cli\.c?js$/.test(fromEnv) && exists(fromEnv)) return { command: execPath, args: [fromEnv], shell: false };
  const dir = p.dirname(execPath);
  const beside = platform === "win32"
    ? p.join(dir, "node_modules", "npm", "bin", "npm-cli.js")
    : p.join(dir, "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");
  if (exists(beside)) return { command: execPath, args: [beside], shell: false };
  return platform === "win32" ? { command: "npm.cmd", args: [], shell: true } : { command: "npm", args: [], shell: false };
}

/**
 * The arguments for an npm invocation: as they are, or quoted for Windows' cmd.exe when npm has to be started
 * through the shell (which joins the arguments with spaces, so a path with a space would split in two).
 */
export function npmArgs(npm, args) {
  if (!npm.shell) return [...npm.args, ...args];
  return [...npm.args, ...args].map((a) => (/[\s"&|<>^()%!]/.test(a) ? `"${a.replace(/"/g, '""')}"` : a));
}

/**
 * The stamp of a step's input files: the first 16 hex digits of the SHA-256 of their contents one after
 * another (what `cat FILES | sha256sum | cut -c1-16` printed, so stamps written by the earlier bash set-up
 * stay valid).
 */
export function hashFiles(files) {
  const h = createHash("sha256");
  for (const f of files) h.update(readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

/** The oldest Node the project supports (package.json "engines"). */
export const MIN_NODE_MAJOR = 20;

/** The folder name of an offline bundle: project, version, platform, CPU and Python, e.g. bitbound-0.1.0-linux-x64-py3.11. */
export function bundleName(version, platform, arch, pythonVersion) {
  const [major, minor] = pythonVersion.split(".");
  return `bitbound-${version}-${platform}-${arch}-py${major}.${minor}`;
}

/**
 * Why an offline bundle cannot be installed here (one sentence), or null when it can: its npm packages and
 * Python wheels were gathered for one platform, CPU and Python minor version.
 */
export function bundleMismatch(manifest, here) {
  const want = `${manifest.platform}-${manifest.arch}, Python ${manifest.python}`;
  const have = `${here.platform}-${here.arch}, Python ${here.python}`;
  if (manifest.platform === here.platform && manifest.arch === here.arch && manifest.python === here.python) return null;
  return `this offline bundle was made for ${want} and this machine has ${have}: make a bundle on a machine like this one (npm run bundle), or delete the vendor/ folder to install from the internet, then run this again.`;
}
