import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Every deep dive's code runs: for each lessons/**\/deep-dive*.md (and lessons/*\/deep-dives/*.md), its
 * ```ts blocks are joined in order into one TypeScript file in test-output/deep-dives/ (inside the
 * project, so `import … from "bitbound"` resolves through node_modules/bitbound), run with tsx in the
 * course's strict mode (BITBOUND_STRICT=1: every check says what kind of evidence it is). The run must
 * exit 0 and pass at least one check; the checks verify the numbers the deep dive's text states. The
 * generated files are deleted after a passing run and kept (git-ignored) after a failing one, to inspect.
 */
const root = join(__dirname, "..", "..", "..");
const out = join(root, "test-output", "deep-dives");
const created: string[] = [];
afterAll(() => {
  for (const f of created) rmSync(f, { force: true });
});

/** Every deep-dive file under lessons/, relative to the project root, sorted. */
function deepDiveMarkdown(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/^deep-dive.*\.md$/.test(entry.name) || (entry.name.endsWith(".md") && dir.endsWith("deep-dives"))) found.push(relative(root, path));
    }
  };
  walk(join(root, "lessons"));
  return found.sort();
}

/** The ```ts (or ```typescript) blocks of a Markdown text, in order. */
export function typescriptBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const re = /^(`{3,}|~{3,})[ \t]*(?:ts|typescript)[ \t]*\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m = re.exec(markdown); m; m = re.exec(markdown)) blocks.push(m[2]);
  return blocks;
}

/**
 * Joins code blocks into one module: the import statements of all blocks are merged (each module
 * imported once, the union of its named imports), then the blocks' other code in order, so blocks that
 * each import what they use still form a valid file.
 */
export function joinBlocks(blocks: string[]): string {
  const named = new Map<string, Set<string>>();
  const namedTypes = new Map<string, Set<string>>();
  const whole = new Set<string>(); // namespace, default and side-effect imports, kept as written
  const body: string[] = [];
  const importRe = /^import\s+(type\s+)?([\s\S]*?)\s+from\s+(["'])([^"']+)\3;?[ \t]*$|^import\s+(["'])[^"']+\5;?[ \t]*$/gm;
  for (const block of blocks) {
    const rest = block.replace(importRe, (statement: string, type: string | undefined, clause: string | undefined, _q: string, module: string) => {
      const braces = clause ? /^\{([\s\S]*)\}$/.exec(clause.trim()) : null;
      if (braces) {
        const target = type ? namedTypes : named;
        const set = target.get(module) ?? new Set<string>();
        for (const s of braces[1].split(",").map((x) => x.trim().replace(/\s+/g, " ")).filter(Boolean)) set.add(s);
        target.set(module, set);
      } else {
        whole.add(statement.trim().replace(/;?$/, ";"));
      }
      return "";
    });
    body.push(rest.trim());
  }
  const imports = [
    ...[...named].map(([m, s]) => `import { ${[...s].join(", ")} } from ${JSON.stringify(m)};`),
    ...[...namedTypes].map(([m, s]) => `import type { ${[...s].join(", ")} } from ${JSON.stringify(m)};`),
    ...whole,
  ];
  return `${imports.join("\n")}\n\n${body.join("\n\n")}\n`;
}

describe("joining a deep dive's code blocks", () => {
  it("takes only ts/typescript blocks, in order", () => {
    const md = "text\n```ts\nconst a = 1;\n```\n```js\nnot this\n```\n```typescript\nconst b = a;\n```\n````ts\nconst c = `\n```\n`;\n````\n";
    expect(typescriptBlocks(md)).toEqual(["const a = 1;\n", "const b = a;\n", "const c = `\n```\n`;\n"]);
  });

  it("merges the imports of all blocks, each name once", () => {
    const joined = joinBlocks([
      'import { check, quantize } from "bitbound";\nimport type { FormatName } from "bitbound";\nconst a = quantize("e4m3", 1);',
      'import {\n  check,\n  createRandom as rng,\n} from "bitbound";\nimport * as bb from "bitbound";\ncheck("a", { actual: a, expected: 1 });',
    ]);
    expect(joined).toBe(
      'import { check, quantize, createRandom as rng } from "bitbound";\nimport type { FormatName } from "bitbound";\nimport * as bb from "bitbound";\n\n' +
        'const a = quantize("e4m3", 1);\n\ncheck("a", { actual: a, expected: 1 });\n',
    );
  });
});

const files = deepDiveMarkdown();

describe.each(files.map((f) => [f] as const))("deep dive %s", (file) => {
  it("runs its ts code blocks with tsx in strict mode: exit 0 and at least one passing check", () => {
    const blocks = typescriptBlocks(readFileSync(join(root, file), "utf8"));
    expect(blocks.length, `${file} has no \`\`\`ts code block`).toBeGreaterThan(0);
    mkdirSync(out, { recursive: true });
    const stem = file.replace(/^lessons\//, "").replace(/\.md$/, "").replace(/[/\\]/g, "--");
    const script = join(out, `${stem}.ts`);
    const ledger = join(out, `${stem}.ledger.jsonl`);
    rmSync(ledger, { force: true });
    writeFileSync(script, joinBlocks(blocks));
    const r = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, BITBOUND_STRICT: "1", BITBOUND_LEDGER: ledger },
      timeout: 110_000,
    });
    expect(r.status, `${file} failed (its code is in ${relative(root, script)}):\n${r.stderr}\n${r.stdout.slice(-2000)}`).toBe(0);
    const records = existsSync(ledger) ? readFileSync(ledger, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { passed: boolean }) : [];
    expect(records.filter((rec) => rec.passed).length, `${file}: its code must check the numbers its text states`).toBeGreaterThanOrEqual(1);
    created.push(script, ledger); // kept for inspection (git-ignored) only when the run fails
  }, 120_000);
});

it("finds the deep dives of every available lesson", () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});
