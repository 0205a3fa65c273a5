import { afterEach, describe, expect, it, vi } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check, CheckError, checkLedger } from "../../../src/notebook/check";
import { setCurrentLessonId } from "../../../src/notebook/lessonContext";

afterEach(() => {
  setCurrentLessonId(null);
  delete process.env.BITBOUND_LEDGER;
  vi.restoreAllMocks();
});

describe("check(claim, spec)", () => {
  it("passes an exact equality and prints one PASS line with the claim and both values", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    check("E4M3 largest finite is 1.75·2^8", { actual: 448, expected: 1.75 * 2 ** 8 });
    expect(checkLedger().at(-1)!.passed).toBe(true);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toBe("PASS E4M3 largest finite is 1.75·2^8: actual 448, expected 448 (exact)");
  });

  it("throws a CheckError with the same information when the values differ", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("two plus two", { actual: 5, expected: 4 })).toThrowError(CheckError);
    try {
      check("two plus two", { actual: 5, expected: 4 });
    } catch (e) {
      expect((e as Error).message).toBe("FAIL two plus two: actual 5, expected 4 (exact)");
    }
  });

  it("applies |a − e| ≤ atol + rtol·|e| at the boundary and just past it", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("within rtol", { actual: 1.001, expected: 1, rtol: 1.0000001e-3 })).not.toThrow();
    expect(() => check("past rtol", { actual: 1.002, expected: 1, rtol: 1e-3 })).toThrow(CheckError);
    expect(() => check("within atol", { actual: 0.05, expected: 0, atol: 0.05 })).not.toThrow();
    expect(() => check("past atol", { actual: 0.0501, expected: 0, atol: 0.05 })).toThrow(/past atol/);
  });

  it("compares arrays element by element and reports the worst index", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("arrays equal", { actual: new Float64Array([1, 2, 3]), expected: [1, 2, 3] })).not.toThrow();
    expect(() => check("arrays differ", { actual: [1, 2, 3.5], expected: [1, 2, 3] })).toThrow(/largest difference 0.5 at index 2/);
    expect(() => check("lengths differ", { actual: [1, 2], expected: [1, 2, 3] })).toThrow(RangeError);
  });

  it("treats NaN as equal only to NaN, and equal infinities as equal", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("NaN matches NaN", { actual: NaN, expected: NaN })).not.toThrow();
    expect(() => check("Inf matches Inf", { actual: Infinity, expected: Infinity })).not.toThrow();
    expect(() => check("NaN is not 0", { actual: NaN, expected: 0, atol: 1 })).toThrow(CheckError);
    expect(() => check("Inf is not -Inf", { actual: Infinity, expected: -Infinity, rtol: 1 })).toThrow(CheckError);
  });

  it("accepts a Monte Carlo estimate within z standard errors and rejects one outside", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("MC inside", { actual: 0.515, expected: 0.5, stderr: 0.01, z: 2 })).not.toThrow();
    expect(() => check("MC outside", { actual: 0.53, expected: 0.5, stderr: 0.01, z: 2 })).toThrow(/MC outside/);
    expect(() => check("default z is 4", { actual: 0.541, expected: 0.5, stderr: 0.01 })).toThrow(CheckError);
  });

  it("checks inequalities and intervals", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    expect(() => check("bound below simulation", { actual: 1, atMost: 2 })).not.toThrow();
    expect(() => check("bound above simulation", { actual: 3, atMost: 2 })).toThrow(CheckError);
    expect(() => check("with slack", { actual: 2.05, atMost: 2, slack: 0.1 })).not.toThrow();
    expect(() => check("at least", { actual: 3, atLeast: 2 })).not.toThrow();
    expect(() => check("not at least", { actual: 1, atLeast: 2 })).toThrow(CheckError);
    expect(() => check("between", { actual: 1, between: [0, 1] })).not.toThrow();
    expect(() => check("not between", { actual: 1.5, between: [0, 1] })).toThrow(CheckError);
  });

  it("files claims under the current lesson in the ledger and the BITBOUND_LEDGER file", () => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const file = join(mkdtempSync(join(tmpdir(), "bitbound-")), "ledger.jsonl");
    process.env.BITBOUND_LEDGER = file;
    setCurrentLessonId("07");
    const before = checkLedger().length;
    check("a filed claim", { actual: 1, expected: 1 });
    expect(() => check("a failed claim", { actual: 2, expected: 1 })).toThrow();
    const ledger = checkLedger().slice(before);
    expect(ledger.map((r) => [r.lesson, r.claim, r.passed])).toEqual([
      ["07", "a filed claim", true],
      ["07", "a failed claim", false],
    ]);
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((r) => r.claim)).toEqual(["a filed claim", "a failed claim"]);
  });

  it("rejects bad arguments with errors naming the parameter", () => {
    expect(() => check("", { actual: 1, expected: 1 })).toThrow(/claim/);
    expect(() => check("x", null as never)).toThrow(/spec/);
    expect(() => check("x", { actual: 1, expected: 1, rtol: -1 })).toThrow(/spec.rtol/);
    expect(() => check("x", { actual: 1, expected: 1, stderr: -1 })).toThrow(/spec.stderr/);
    expect(() => check("x", { actual: "1" as never, expected: 1 })).toThrow(/spec.actual/);
    expect(() => check("x", { actual: NaN, atMost: 1 })).toThrow(/spec.actual/);
    expect(() => check("x", { actual: 1, between: [2, 1] })).toThrow(/spec.between/);
    expect(() => check("x", { actual: 1 } as never)).toThrow(/expected, atMost, atLeast or between/);
  });
});
