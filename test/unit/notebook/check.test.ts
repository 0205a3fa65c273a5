import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check, CheckError, checkLedger, ledgerCounts, type CheckRecord } from "../../../src/notebook/check";
import { setCurrentLessonId } from "../../../src/notebook/lessonContext";

const temporary: string[] = [];

afterEach(() => {
  setCurrentLessonId(null);
  delete process.env.BITBOUND_LEDGER;
  delete process.env.BITBOUND_STRICT;
  vi.restoreAllMocks();
});

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The line a passing check prints (console.log captured). */
function printed(claim: string, spec: Parameters<typeof check>[1]): string {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  check(claim, spec);
  expect(log).toHaveBeenCalledTimes(1);
  const line = log.mock.calls[0][0] as string;
  log.mockRestore();
  return line;
}

/** The message of the CheckError a failing check throws. */
function failure(claim: string, spec: Parameters<typeof check>[1]): string {
  try {
    check(claim, spec);
  } catch (e) {
    expect(e).toBeInstanceOf(CheckError);
    return (e as Error).message;
  }
  throw new Error(`check "${claim}" passed but should have failed`);
}

describe("check(claim, spec): the comparison", () => {
  it("passes an exact equality and prints one compact line with the value, the expectation and the evidence", () => {
    expect(printed("E4M3 largest finite", { actual: 448, expected: 1.75 * 2 ** 8, kind: "independent", by: "table from the definition" })).toBe(
      "✓ E4M3 largest finite: 448 (expected 448, exact; independent: table from the definition)",
    );
    expect(checkLedger().at(-1)).toMatchObject({ passed: true, kind: "independent", by: "table from the definition" });
  });

  it("throws a CheckError whose message is the same line with ✗", () => {
    expect(() => check("two plus two", { actual: 5, expected: 4 })).toThrowError(CheckError);
    expect(failure("two plus two", { actual: 5, expected: 4, kind: "restatement" })).toBe("✗ two plus two: 5 (expected 4, exact; restatement)");
  });

  it("prints 6 significant digits, more when actual and expected would otherwise look equal", () => {
    expect(printed("2/π", { actual: 2 / Math.PI, expected: 0.6366197723675814, rtol: 1e-12, kind: "independent", by: "quadrature" })).toBe(
      "✓ 2/π: 0.63662 (expected 0.63662, |a−e| ≤ 1e-12·|e|; independent: quadrature)",
    );
    expect(failure("close", { actual: 1.0000001, expected: 1 })).toBe("✗ close: 1.0000001 (expected 1, exact)");
    expect(failure("tiny", { actual: 1.2345671e-20, expected: 1.2345672e-20 })).toBe("✗ tiny: 1.2345671e-20 (expected 1.2345672e-20, exact)");
  });

  it("applies |a − e| ≤ atol + rtol·|e| at the boundary and just past it", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("within rtol", { actual: 1.001, expected: 1, rtol: 1.0000001e-3 })).not.toThrow();
    expect(() => check("past rtol", { actual: 1.002, expected: 1, rtol: 1e-3 })).toThrow(CheckError);
    expect(() => check("within atol", { actual: 0.05, expected: 0, atol: 0.05 })).not.toThrow();
    expect(() => check("past atol", { actual: 0.0501, expected: 0, atol: 0.05 })).toThrow(/past atol/);
    expect(() => check("atol plus rtol", { actual: 1.15, expected: 1, atol: 0.05, rtol: 0.1 + 1e-12 })).not.toThrow();
    expect(() => check("atol plus rtol, past", { actual: 1.16, expected: 1, atol: 0.05, rtol: 0.1 })).toThrow(CheckError);
  });

  it("prints arrays of up to 8 values in full, longer ones as a count and the telling element", () => {
    expect(printed("small array", { actual: new Float64Array([1, 2, 3.25]), expected: [1, 2, 3.25] })).toBe("✓ small array: [1, 2, 3.25] (expected [1, 2, 3.25], exact)");
    const eight = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(printed("eight", { actual: eight, expected: eight })).toBe("✓ eight: [1, 2, 3, 4, 5, 6, 7, 8] (expected [1, 2, 3, 4, 5, 6, 7, 8], exact)");
    const nine = [...eight, 9];
    expect(failure("nine", { actual: nine, expected: [1, 2, 3, 4, 5, 6, 7, 8.5, 10] })).toBe(
      "✗ nine: 9 values, [7] = 8 (expected 8.5, exact; first failure at [7])",
    );
    expect(printed("nine close", { actual: nine.map((v, i) => (i === 4 ? v + 1e-3 : v)), expected: nine, atol: 0.01 })).toBe(
      "✓ nine close: 9 values, [4] = 5.001 (expected 5, |a−e| ≤ 0.01; largest difference at [4])",
    );
    expect(() => check("lengths differ", { actual: [1, 2], expected: [1, 2, 3] })).toThrow(RangeError);
  });

  it("treats NaN as equal only to NaN, and an infinity as equal only to itself", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("NaN matches NaN", { actual: NaN, expected: NaN })).not.toThrow();
    expect(() => check("Inf matches Inf", { actual: Infinity, expected: Infinity })).not.toThrow();
    expect(() => check("NaN is not 0", { actual: NaN, expected: 0, atol: 1 })).toThrow(CheckError);
    expect(() => check("Inf is not -Inf", { actual: Infinity, expected: -Infinity, rtol: 1 })).toThrow(CheckError);
    expect(() => check("Inf is not 1e308", { actual: Infinity, expected: 1e308, rtol: 1 })).toThrow(CheckError);
  });

  it("accepts a Monte Carlo estimate within z standard errors and rejects one outside", () => {
    expect(printed("MC inside", { actual: 0.515, expected: 0.5, stderr: 0.01, z: 2, kind: "independent", by: "Monte Carlo" })).toBe(
      "✓ MC inside: 0.515 (expected 0.5, |a−e| = 0.015 ≤ 2·SE = 0.02; independent: Monte Carlo)",
    );
    expect(() => check("MC outside", { actual: 0.53, expected: 0.5, stderr: 0.01, z: 2 })).toThrow(/MC outside/);
    expect(() => check("default z is 4", { actual: 0.541, expected: 0.5, stderr: 0.01 })).toThrow(CheckError);
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("default z is 4, inside", { actual: 0.539, expected: 0.5, stderr: 0.01 })).not.toThrow();
  });

  it("checks inequalities (with slack) and intervals", () => {
    expect(printed("bound below simulation", { actual: 1, atMost: 2 })).toBe("✓ bound below simulation: 1 (≤ 2)");
    expect(printed("with slack", { actual: 2.05, atMost: 2, slack: 0.1 })).toBe("✓ with slack: 2.05 (≤ 2, slack 0.1)");
    expect(printed("between", { actual: 1, between: [0, 1] })).toBe("✓ between: 1 (in [0, 1])");
    expect(failure("bound above simulation", { actual: 3, atMost: 2 })).toBe("✗ bound above simulation: 3 (≤ 2)");
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("past slack", { actual: 2.11, atMost: 2, slack: 0.1 })).toThrow(CheckError);
    expect(() => check("at least", { actual: 3, atLeast: 2 })).not.toThrow();
    expect(() => check("at least, slack", { actual: 1.95, atLeast: 2, slack: 0.1 })).not.toThrow();
    expect(() => check("not at least", { actual: 1, atLeast: 2 })).toThrow(CheckError);
    expect(() => check("not between", { actual: 1.5, between: [0, 1] })).toThrow(CheckError);
    expect(() => check("below between", { actual: -0.5, between: [0, 1] })).toThrow(CheckError);
  });
});

describe("check refuses specs that cannot fail", () => {
  it.each([
    ["rtol", { actual: 1, expected: 2, rtol: Infinity }],
    ["rtol", { actual: 1, expected: 2, rtol: NaN }],
    ["rtol", { actual: 1, expected: 1, rtol: -1 }],
    ["atol", { actual: 1, expected: 2, atol: Infinity }],
    ["stderr", { actual: 1, expected: 2, stderr: Infinity }],
    ["stderr", { actual: 1, expected: 2, stderr: NaN }],
    ["stderr", { actual: 1, expected: 1, stderr: -1 }],
    ["z", { actual: 1, expected: 2, stderr: 1, z: Infinity }],
    ["z", { actual: 1, expected: 2, stderr: 1, z: NaN }],
    ["slack", { actual: 3, atMost: 2, slack: Infinity }],
    ["slack", { actual: 1, atLeast: 2, slack: NaN }],
    ["atMost", { actual: 3, atMost: Infinity }],
    ["atLeast", { actual: 3, atLeast: -Infinity }],
    ["between", { actual: 3, between: [0, Infinity] }],
    ["between", { actual: 3, between: [-Infinity, 0] }],
    ["between", { actual: 1, between: [2, 1] }],
  ])("a non-finite or invalid %s", (field, spec) => {
    expect(() => check("x", spec as never)).toThrow(RangeError);
    expect(() => check("x", spec as never)).toThrow(new RegExp(`spec\\.${field}`));
  });

  it("contradictory comparisons and unknown fields, naming them", () => {
    expect(() => check("x", { actual: 1, expected: 1, atMost: 2 } as never)).toThrow(/spec has expected and atMost/);
    expect(() => check("x", { actual: 1, atLeast: 0, between: [0, 1] } as never)).toThrow(/spec has atLeast and between/);
    expect(() => check("x", { actual: 1, expected: 1, stderr: 1, rtol: 0.1 } as never)).toThrow(/spec\.rtol is not a field of a Monte Carlo check/);
    expect(() => check("x", { actual: 1, expected: 1, z: 2 } as never)).toThrow(/spec\.z is not a field of a check with expected/);
    expect(() => check("x", { actual: 1, atMost: 2, rtol: 0.1 } as never)).toThrow(/spec\.rtol is not a field of a check with atMost/);
    expect(() => check("x", { actual: 1, expected: 1, tolerance: 0.1 } as never)).toThrow(/spec\.tolerance/);
    expect(() => check("x", { actual: 1, between: [0, 2], slack: 1 } as never)).toThrow(/spec\.slack/);
  });

  it("empty arrays and other bad arguments, naming the parameter", () => {
    expect(() => check("x", { actual: [], expected: [] })).toThrow(/spec\.actual must not be empty/);
    expect(() => check("", { actual: 1, expected: 1 })).toThrow(/claim/);
    expect(() => check("x", null as never)).toThrow(/spec/);
    expect(() => check("x", { actual: "1" as never, expected: 1 })).toThrow(/spec\.actual/);
    expect(() => check("x", { actual: [1, "2"] as never, expected: [1, 2] })).toThrow(/spec\.actual\[1\]/);
    expect(() => check("x", { actual: NaN, atMost: 1 })).toThrow(/spec\.actual/);
    expect(() => check("x", { actual: NaN, expected: 1, stderr: 1 })).toThrow(/spec\.actual/);
    expect(() => check("x", { actual: 1 } as never)).toThrow(/expected, atMost, atLeast or between/);
  });
});

describe("check: kind of evidence and strict mode", () => {
  it("records kind and by; a check without kind is unclassified outside strict mode", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    check("a learner's check", { actual: 1, expected: 1 });
    expect(checkLedger().at(-1)).toMatchObject({ kind: "unclassified", by: null });
    check("a restatement", { actual: 1, expected: 1, kind: "restatement" });
    expect(checkLedger().at(-1)).toMatchObject({ kind: "restatement", by: null });
  });

  it("refuses a bad kind, an empty by, by without kind, and independent without by", () => {
    expect(() => check("x", { actual: 1, expected: 1, kind: "verified" as never })).toThrow(/spec\.kind must be "independent" or "restatement"/);
    expect(() => check("x", { actual: 1, expected: 1, kind: "independent", by: " " })).toThrow(/spec\.by must be a non-empty string/);
    expect(() => check("x", { actual: 1, expected: 1, by: "Monte Carlo" })).toThrow(/spec\.by is given without spec\.kind/);
    expect(() => check("x", { actual: 1, expected: 1, kind: "independent" })).toThrow(/spec\.by is required/);
  });

  it("in strict mode (BITBOUND_STRICT=1) a check without kind throws before anything is recorded", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    process.env.BITBOUND_STRICT = "1";
    const before = checkLedger().length;
    expect(() => check("unclassified in strict mode", { actual: 1, expected: 1 })).toThrow(/spec\.kind is required in the course's strict mode/);
    expect(checkLedger().length).toBe(before);
    expect(() => check("classified in strict mode", { actual: 1, expected: 1, kind: "restatement" })).not.toThrow();
    process.env.BITBOUND_STRICT = "0";
    expect(() => check("strict mode off again", { actual: 1, expected: 1 })).not.toThrow();
  });
});

describe("the ledger", () => {
  it("files claims under the current lesson in memory and in the BITBOUND_LEDGER file", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const dir = mkdtempSync(join(tmpdir(), "bitbound-"));
    temporary.push(dir);
    const file = join(dir, "ledger.jsonl");
    process.env.BITBOUND_LEDGER = file;
    setCurrentLessonId("07");
    const before = checkLedger().length;
    check("a filed claim", { actual: 1, expected: 1, kind: "independent", by: "brute force" });
    expect(() => check("a failed claim", { actual: 2, expected: 1 })).toThrow();
    const ledger = checkLedger().slice(before);
    expect(ledger.map((r) => [r.lesson, r.claim, r.passed, r.kind, r.by])).toEqual([
      ["07", "a filed claim", true, "independent", "brute force"],
      ["07", "a failed claim", false, "unclassified", null],
    ]);
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as CheckRecord);
    expect(lines.map((r) => [r.claim, r.kind, r.by])).toEqual([
      ["a filed claim", "independent", "brute force"],
      ["a failed claim", "unclassified", null],
    ]);
  });

  it("ledgerCounts counts passed claims per lesson and kind, a repeated claim once, lessons sorted, null last", () => {
    const rec = (lesson: string | null, claim: string, kind: CheckRecord["kind"], passed = true) => ({ lesson, claim, kind, passed });
    const counts = ledgerCounts([
      rec("02", "a", "independent"),
      rec("02", "a", "independent"), // the same claim again (a rerun cell): counted once
      rec("02", "b", "independent"),
      rec("02", "c", "restatement"),
      rec("02", "d", "unclassified"),
      rec("02", "e", "independent", false), // failed: not counted
      rec(null, "a", "independent"),
      rec("01", "a", "restatement"), // same claim text in another lesson: counted there
      { lesson: "01", claim: "old record without kind", passed: true },
    ]);
    expect(counts).toEqual([
      { lesson: "01", independent: 0, restatement: 1, unclassified: 1 },
      { lesson: "02", independent: 2, restatement: 1, unclassified: 1 },
      { lesson: null, independent: 1, restatement: 0, unclassified: 0 },
    ]);
  });

  it("ledgerCounts defaults to this process's ledger", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    setCurrentLessonId("98");
    check("counted from the live ledger", { actual: 1, expected: 1, kind: "independent", by: "test" });
    check("counted from the live ledger", { actual: 1, expected: 1, kind: "independent", by: "test" });
    check("a restatement in the live ledger", { actual: 1, expected: 1, kind: "restatement" });
    expect(ledgerCounts().find((c) => c.lesson === "98")).toEqual({ lesson: "98", independent: 1, restatement: 1, unclassified: 0 });
  });
});
