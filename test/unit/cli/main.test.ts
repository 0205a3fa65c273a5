import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { labInvocation } from "../../../src/cli/lab";
import { COMMANDS } from "../../../src/cli/main";
import { pythonPath } from "../../../src/cli/runNotebook";
import { formatNumber, textTable } from "../../../src/cli/textTable";
import { runCli } from "./io";

const root = join(__dirname, "..", "..", "..");

describe("bitbound", () => {
  it("--help lists every command and exits 0; no command prints it and exits 2", async () => {
    const help = await runCli(["--help"]);
    expect(help.status).toBe(0);
    for (const c of COMMANDS) expect(help.out).toContain(`  ${c.name}`);
    expect((await runCli([])).status).toBe(2);
  });

  it("--version prints package.json's version", async () => {
    const r = await runCli(["--version"]);
    expect(r.out).toBe(require("../../../package.json").version);
  });

  it("an unknown command: exit 2 and one line", async () => {
    const r = await runCli(["bonds"]);
    expect(r.status).toBe(2);
    expect(r.err).toBe('bitbound: unknown command "bonds" (commands: bounds, formats, verify, grade, lab, site, export; see bitbound --help)');
  });

  it("every command has its own --help", async () => {
    for (const c of COMMANDS) {
      const r = await runCli([c.name, "--help"]);
      expect(r.status, c.name).toBe(0);
      expect(r.out, c.name).toMatch(new RegExp(`^Usage: bitbound ${c.name}`));
    }
  });

  it("the bin entry point (package.json bin, a JS shim loading the TypeScript through tsx) runs as a program", () => {
    const pkg = require("../../../package.json") as { bin: Record<string, string> };
    expect(pkg.bin.bitbound).toBe("src/cli/bitbound.mjs");
    const ok = spawnSync(process.execPath, [join(root, pkg.bin.bitbound), "bounds", "--d", "64", "--bits", "8", "--sigma", "1", "--D", "1", "--json"], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).statistical).toBe(64); // σ²d/D
    const bad = spawnSync(process.execPath, [join(root, pkg.bin.bitbound), "bounds", "--d", "-1"], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("verify's bad input (no notebook is run)", () => {
  it("refuses an unknown lesson and a planned one, naming it", async () => {
    const unknown = await runCli(["verify", "--lesson", "42"]);
    expect(unknown.status).toBe(2);
    expect(unknown.err).toMatch(/^bitbound verify: --lesson must be one of the course's lessons \(00, 01, .*\), got "42"/);
    const { loadCourse } = await import("../../../src/course/files");
    const planned = loadCourse(root).lessons.find((l) => l.status === "planned");
    if (planned) {
      const r = await runCli(["verify", "--lesson", planned.id]);
      expect(r.status).toBe(2);
      expect(r.err).toContain(`lesson ${planned.id}`);
      expect(r.err).toContain("planned");
    }
    expect((await runCli(["verify", "--timeout", "0"])).err).toContain("--timeout must be an integer ≥ 1");
  });
});

describe("platform logic (only Linux runs here: the Windows branches are checked by their output)", () => {
  it("pythonPath: .venv/bin/python, or .venv\\Scripts\\python.exe on Windows", () => {
    expect(pythonPath("/p", "linux")).toBe(join("/p", ".venv", "bin", "python"));
    expect(pythonPath("/p", "darwin")).toBe(join("/p", ".venv", "bin", "python"));
    expect(pythonPath("/p", "win32")).toBe(join("/p", ".venv", "Scripts", "python.exe"));
  });

  it("lab runs npm run lab, passing arguments after --; npm.cmd through the shell on Windows", () => {
    expect(labInvocation([], "linux")).toEqual({ command: "npm", args: ["run", "lab"], shell: false });
    expect(labInvocation(["--no-browser"], "darwin")).toEqual({ command: "npm", args: ["run", "lab", "--", "--no-browser"], shell: false });
    expect(labInvocation(["--port", "9999"], "win32")).toEqual({ command: "npm.cmd", args: ["run", "lab", "--", "--port", "9999"], shell: true });
  });
});

describe("textTable and formatNumber", () => {
  it("pads columns, right-aligns numbers", () => {
    expect(textTable(["format", "bits"], [["fp32", "32"], ["e4m3", "8"]], [false, true])).toEqual(["format  bits", "------  ----", "fp32      32", "e4m3       8"]);
  });
  it("formats whole numbers with grouping, tiny powers of two as 2^k, others to 6 digits", () => {
    expect(formatNumber(20480000)).toBe("20,480,000");
    expect(formatNumber(2 ** -9, { powerOfTwo: true })).toBe("2^-9");
    expect(formatNumber(0.25, { powerOfTwo: true })).toBe("0.25");
    expect(formatNumber(3.4028234663852886e38)).toBe("3.40282e+38");
    expect(formatNumber(Infinity)).toBe("∞");
  });
});
