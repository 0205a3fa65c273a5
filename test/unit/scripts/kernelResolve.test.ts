import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type * as TS from "@tslab/typescript-for-tslab";

/**
 * scripts/kernel-resolve.cjs: how the kernel makes "bitbound" resolvable from a notebook outside the
 * project. The type checker's side is checked with the real TypeScript of tslab (its Node10 module
 * resolution over a file system wrapped as the kernel wraps tslab's), the runtime side with a real Node
 * `require.resolve` under the NODE_PATH the kernel spec sets; both on a throwaway project and notebook
 * folder, so the answers are known by construction.
 */
const require = createRequire(import.meta.url);
const resolver = require("../../../scripts/kernel-resolve.cjs") as {
  kernelPathDir(root: string): string;
  ensureKernelPathLink(root: string): boolean;
  findLocalPackage(dir: string): string | null;
  forwardLibraryForTypeChecker(ts: { sys: Record<string, unknown> }, root: string, cwd: string): "local" | "forwarded";
};
const ts = require("@tslab/typescript-for-tslab") as typeof TS;

const base = realpathSync(mkdtempSync(join(tmpdir(), "bitbound-resolve-")));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A minimal package named bitbound: package.json pointing at src/index.ts. */
function project(name: string): string {
  const root = join(base, name);
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "bitbound", main: "src/index.ts", types: "src/index.ts" }));
  writeFileSync(join(root, "src", "index.ts"), "export const answer = 42;\n");
  return root;
}

/** tslab's converter builds its sys as Object.create(ts.sys); the kernel patches ts.sys. Here a private copy is patched. */
function wrappedSys(): TS.System {
  return Object.create(ts.sys) as TS.System;
}

function resolveFrom(sys: TS.System, dir: string) {
  const host: TS.ModuleResolutionHost = {
    fileExists: (p) => sys.fileExists(p),
    readFile: (p) => sys.readFile(p),
    directoryExists: (p) => sys.directoryExists!(p),
    realpath: (p) => sys.realpath!(p),
    getCurrentDirectory: () => dir,
    getDirectories: (p) => sys.getDirectories(p),
  };
  return ts.resolveModuleName("bitbound", join(dir, "__tslab__.ts"), { moduleResolution: ts.ModuleResolutionKind.Node10 }, host).resolvedModule;
}

describe("the type checker's side", () => {
  it("a notebook folder with no node_modules/bitbound above it resolves bitbound to the project, as a library in node_modules", () => {
    const root = project("p1");
    const notebooks = join(base, "elsewhere", "notebooks");
    mkdirSync(notebooks, { recursive: true });
    const sys = wrappedSys();
    expect(resolveFrom(sys, notebooks), "before the forward").toBeUndefined();
    expect(resolver.forwardLibraryForTypeChecker({ sys: sys as unknown as Record<string, unknown> }, root, notebooks)).toBe("forwarded");
    const resolved = resolveFrom(sys, notebooks)!;
    expect(resolved.resolvedFileName).toBe(join(root, "src", "index.ts"));
    expect(resolved.isExternalLibraryImport).toBe(true);
    expect(sys.readFile(join(notebooks, "node_modules", "bitbound", "package.json"))).toBe(readFileSync(join(root, "package.json"), "utf8"));
    // only that one folder is forwarded: a sibling package with a longer name and the notebook's own files are not
    expect(sys.fileExists(join(notebooks, "node_modules", "bitbound-extra", "package.json"))).toBe(false);
    expect(sys.fileExists(join(notebooks, "package.json"))).toBe(false);
  });

  it("a folder below a real node_modules/bitbound keeps that one: nothing is forwarded", () => {
    const root = project("p2");
    const other = project("p2-own-copy");
    const tree = join(base, "course");
    mkdirSync(join(tree, "node_modules"), { recursive: true });
    symlinkSync(other, join(tree, "node_modules", "bitbound"), "dir");
    mkdirSync(join(tree, "notebooks"));
    const sys = wrappedSys();
    const before = sys.fileExists;
    expect(resolver.findLocalPackage(join(tree, "notebooks"))).toBe(join(tree, "node_modules", "bitbound"));
    expect(resolver.forwardLibraryForTypeChecker({ sys: sys as unknown as Record<string, unknown> }, root, join(tree, "notebooks"))).toBe("local");
    expect(sys.fileExists).toBe(before);
    expect(resolveFrom(sys, join(tree, "notebooks"))!.resolvedFileName).toBe(join(other, "src", "index.ts"));
  });
});

describe("the runtime side", () => {
  it("NODE_PATH=<project>/.cache/kernel-path makes Node's require find the project from any folder", () => {
    const root = project("p3");
    expect(resolver.ensureKernelPathLink(root)).toBe(true);
    expect(resolver.ensureKernelPathLink(root), "a second call finds the link in place").toBe(false);
    const dir = join(base, "somewhere");
    mkdirSync(dir);
    const script = 'console.log(require("fs").realpathSync(require.resolve("bitbound")))';
    const env = { ...process.env, NODE_OPTIONS: "" };
    expect(() => execFileSync(process.execPath, ["-e", script], { cwd: dir, env: { ...env, NODE_PATH: "" }, stdio: "pipe" })).toThrow(/Cannot find module 'bitbound'/);
    const found = execFileSync(process.execPath, ["-e", script], { cwd: dir, env: { ...env, NODE_PATH: resolver.kernelPathDir(root) }, encoding: "utf8" }).trim();
    expect(found).toBe(join(root, "src", "index.ts"));
  });

  it("a link left pointing at another folder (a moved project) is replaced", () => {
    const root = project("p4");
    const stale = project("p4-old");
    mkdirSync(resolver.kernelPathDir(root), { recursive: true });
    symlinkSync(stale, join(resolver.kernelPathDir(root), "bitbound"), "dir");
    expect(resolver.ensureKernelPathLink(root)).toBe(true);
    expect(realpathSync(join(resolver.kernelPathDir(root), "bitbound"))).toBe(root);
  });
});
