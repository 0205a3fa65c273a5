import { describe, expect, it } from "vitest";
import { numberFlag, parseFlags, requiredNumberFlag, UsageError } from "../../../src/cli/args";

describe("parseFlags", () => {
  const spec = { d: { type: "string" as const }, json: { type: "boolean" as const } };

  it("reads --name value, --name=value and switches", () => {
    expect(parseFlags(["--d", "4096", "--json"], spec).values).toMatchObject({ d: "4096", json: true });
    expect(parseFlags(["--d=12"], spec).values.d).toBe("12");
  });

  it("takes a negative number after a flag as its value", () => {
    expect(parseFlags(["--d", "-3"], spec).values.d).toBe("-3");
    expect(parseFlags(["--d", "-.5", "--json"], spec).values).toMatchObject({ d: "-.5", json: true });
  });

  it("knows -h and --help", () => {
    expect(parseFlags(["-h"], spec).values.help).toBe(true);
    expect(parseFlags(["--help"], spec).values.help).toBe(true);
  });

  it("refuses an unknown flag, a flag without its value and a stray argument, with one line naming it", () => {
    const cases: [string[], RegExp][] = [
      [["--dd", "3"], /^unknown option --dd$/],
      [["--d"], /--d/],
      [["extra"], /^unexpected argument extra$/],
    ];
    for (const [argv, message] of cases) {
      let error: unknown;
      try {
        parseFlags(argv, spec);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});

describe("numberFlag", () => {
  it("reads numbers, and undefined when absent", () => {
    expect(numberFlag("d", "4096", { integer: true, min: 1 })).toBe(4096);
    expect(numberFlag("eps", "1e-2", { positive: true })).toBe(0.01);
    expect(numberFlag("eps", undefined)).toBeUndefined();
  });

  it("names the flag, the value and what is allowed", () => {
    expect(() => numberFlag("d", "2.5", { integer: true, min: 1 })).toThrow('--d must be an integer ≥ 1, got "2.5"');
    expect(() => numberFlag("sigma", "-1", { positive: true })).toThrow('--sigma must be a number > 0, got "-1"');
    expect(() => numberFlag("rho", "1", { above: -1, below: 1 })).toThrow('--rho must be a number > -1 and < 1, got "1"');
    expect(() => numberFlag("eps", "abc", { positive: true })).toThrow(UsageError);
    expect(() => numberFlag("eps", "", { positive: true })).toThrow(UsageError);
    expect(() => numberFlag("eps", "Infinity", { positive: true })).toThrow(UsageError);
  });

  it("requiredNumberFlag says a missing flag is required", () => {
    expect(() => requiredNumberFlag("bits", undefined)).toThrow("--bits is required");
  });
});
