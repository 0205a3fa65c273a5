import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pythonPath } from "../../src/cli/runNotebook";

/**
 * The plain-text draft format of the course notebooks (scripts/notebook_from_text.py and
 * scripts/notebook_to_text.py): cell kinds, tags, exercise ids and solution answers in cell metadata,
 * and a round trip that loses nothing. Needs the project's Python environment (nbformat).
 */
const root = join(__dirname, "..", "..");
const python = pythonPath(root);
const dir = mkdtempSync(join(tmpdir(), "bitbound-draft-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fromText(draft: string, name = "draft") {
  const src = join(dir, `${name}.txt`);
  const out = join(dir, `${name}.ipynb`);
  writeFileSync(src, draft);
  const r = spawnSync(python, [join(root, "scripts", "notebook_from_text.py"), src, out], { encoding: "utf8" });
  return { ...r, out };
}

function toText(notebook: string): string {
  const r = spawnSync(python, [join(root, "scripts", "notebook_to_text.py"), notebook], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return r.stdout;
}

const draft = [
  "# %% [markdown]",
  "# Objectives (10 min)",
  "",
  "# %%",
  'startLesson("02");',
  "",
  "# %% [markdown] tags=exercise exercise=02.3",
  "**Try it 2.3.** Count the codes.",
  "",
  "# %% tags=solution exercise=02.3 answers=16|24|about%202%20dB|a%7Cb|6.375%25|2⁻⁴",
  'check("codes", { actual: 16, expected: 16, kind: "independent", by: "enumeration" });',
  "",
  "# %% [markdown] tags=note,extra",
  "text",
  "",
].join("\n");

describe("notebook_from_text.py and notebook_to_text.py", () => {
  it("writes exercise ids and decoded answers into the cell metadata", () => {
    const r = fromText(draft);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const nb = JSON.parse(readFileSync(r.out, "utf8")) as { cells: { cell_type: string; source: string | string[]; metadata: Record<string, unknown> }[]; metadata: { kernelspec: { name: string } } };
    expect(nb.metadata.kernelspec.name).toBe("bitbound");
    expect(nb.cells.map((c) => c.cell_type)).toEqual(["markdown", "code", "markdown", "code", "markdown"]);
    expect(nb.cells[2].metadata).toEqual({ tags: ["exercise"], bitbound: { exercise: "02.3" } });
    expect(nb.cells[3].metadata).toEqual({
      tags: ["solution"],
      bitbound: { exercise: "02.3", role: "solution", answers: ["16", "24", "about 2 dB", "a|b", "6.375%", "2⁻⁴"] },
    });
    expect(nb.cells[4].metadata).toEqual({ tags: ["note", "extra"] });
    expect([nb.cells[0].source].flat().join("")).toBe("# Objectives (10 min)");
  });

  it("round-trips: text → notebook → text gives the same draft", () => {
    const r = fromText(draft, "roundtrip");
    expect(r.status).toBe(0);
    expect(toText(r.out)).toBe(draft.replace(/\n+$/, "") + "\n");
  });

  it("refuses a bad marker, naming the line, from the command line", () => {
    const r = fromText("# %%\nconst a = 1;\n# %% [markdwn]\ncheck();\n", "bad");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.txt: line 3: not a valid cell marker/);
  });

  it("refuses every malformed marker with a message naming the line and the problem", () => {
    const cases: [string, RegExp][] = [
      ["# %% [markdwn]", /not a valid cell marker/],
      ["# %% tag=exercise", /unknown field\(s\) tag=/],
      ["# %% [markdown] tags=exercise exercise=2.3", /exercise=2\.3 must be a lesson id, a dot and a number/],
      ["# %% [markdown] exercise=02.3", /must be tagged exercise/],
      ["# %% [markdown] tags=exercise exercise=02.3 answers=4", /answers= belongs on the solution cell/],
      ["# %% tags=solution exercise=02.3", /a solution needs answers=/],
      ["# %% exercise=02.3 answers=4", /must be tagged solution/],
      ["# %% tags=solution exercise=02.3 answers=4||5", /an empty answer/],
      ["# %% tags=solution answers=4", /answers= needs exercise=/],
      ["# %% tags=solution tags=x", /tags= is given twice/],
    ];
    // one Python process for all cases (each process start costs seconds on a loaded machine)
    const program = [
      "import json, sys",
      `sys.path.insert(0, ${JSON.stringify(join(root, "scripts"))})`,
      "from notebook_from_text import parse, DraftError",
      "out = []",
      "for marker in json.loads(sys.argv[1]):",
      "    try:",
      "        parse('# %%\\nconst a = 1;\\n' + marker + '\\ncheck();\\n')",
      "        out.append(None)",
      "    except DraftError as e:",
      "        out.append(str(e))",
      "print(json.dumps(out))",
    ].join("\n");
    const r = spawnSync(python, ["-c", program, JSON.stringify(cases.map(([m]) => m))], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const messages = JSON.parse(r.stdout) as (string | null)[];
    cases.forEach(([marker, message], i) => {
      expect(messages[i], marker).toMatch(/^line 3: /);
      expect(messages[i], marker).toMatch(message);
    });
  });
});
