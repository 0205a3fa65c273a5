import { isAbsolute, join } from "node:path";
import { parseArgs } from "node:util";

/**
 * Command-line arguments: conventional `--name value` / `--name=value` flags parsed by Node's
 * `util.parseArgs` (strict: an unknown flag or a missing value is an error), and numbers read with a
 * message that names the flag, the value and what is allowed.
 *
 * @packageDocumentation
 */

/** Bad input on the command line: the command prints its one-line message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The flags a command accepts: each a string (takes a value) or a boolean (a switch). */
export type FlagSpec = Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;

/**
 * Parses `argv` against `flags`; positional arguments are refused unless `positionals` is true.
 *
 * @throws UsageError with one line naming the flag (unknown flag, flag without its value, stray argument)
 * @example
 * ```ts
 * parseFlags(["--d", "4096", "--json"], { d: { type: "string" }, json: { type: "boolean" } }).values; // { d: "4096", json: true }
 * ```
 */
export function parseFlags(argv: string[], flags: FlagSpec, positionals = false): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  // a negative number after a flag that takes a value is that value (--rho -0.5), not another flag
  const args = [...argv];
  for (let i = 0; i + 1 < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1];
    if (name && flags[name]?.type === "string" && /^-(\d|\.\d)/.test(args[i + 1])) args.splice(i, 2, `${args[i]}=${args[i + 1]}`);
  }
  try {
    const parsed = parseArgs({ args, options: { ...flags, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: positionals });
    return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = (e as Error).message.split("\n")[0];
    const flag = /'(-[^' ]+)/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${flag ?? message}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`option ${flag ?? ""} needs a value`.replace("  ", " "));
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`unexpected argument ${/'([^']+)'/.exec(message)?.[1] ?? message}`);
    throw new UsageError(message);
  }
}

/**
 * Reads a number flag.
 *
 * @param name - the flag without dashes, for the message
 * @param value - the flag's text, or undefined when absent
 * @param rule - `integer` (a whole number), `min` (value ≥ min), `positive` (value > 0), `above` / `below` (strict bounds)
 * @returns the number, or undefined when the flag is absent
 * @throws UsageError naming the flag, the value and what is allowed
 * @example
 * ```ts
 * numberFlag("d", "4096", { integer: true, min: 1 }); // 4096
 * numberFlag("sigma", "-1", { positive: true }); // throws "--sigma must be a number > 0, got -1"
 * ```
 */
export function numberFlag(name: string, value: unknown, rule: { integer?: boolean; min?: number; positive?: boolean; above?: number; below?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const x = text === "" ? NaN : Number(text);
  const conditions = [
    rule.min !== undefined ? `≥ ${rule.min}` : "",
    rule.positive ? "> 0" : "",
    rule.above !== undefined ? `> ${rule.above}` : "",
    rule.below !== undefined ? `< ${rule.below}` : "",
  ].filter(Boolean);
  const ok =
    Number.isFinite(x) &&
    (!rule.integer || Number.isInteger(x)) &&
    (rule.min === undefined || x >= rule.min) &&
    (!rule.positive || x > 0) &&
    (rule.above === undefined || x > rule.above) &&
    (rule.below === undefined || x < rule.below);
  if (!ok) throw new UsageError(`--${name} must be ${rule.integer ? "an integer" : "a number"}${conditions.length ? ` ${conditions.join(" and ")}` : ""}, got ${JSON.stringify(text)}`);
  return x;
}

/** Reads a number flag that must be given. */
export function requiredNumberFlag(name: string, value: unknown, rule: Parameters<typeof numberFlag>[2] = {}): number {
  if (value === undefined) throw new UsageError(`--${name} is required`);
  return numberFlag(name, value, rule) as number;
}

/**
 * A folder or file flag: relative paths are taken from the current directory (where the user typed the
 * command), the default from the project.
 *
 * @example
 * ```ts
 * pathFlag("site-copy", "/repo/build/site"); // "<cwd>/site-copy"
 * pathFlag(undefined, "/repo/build/site"); // "/repo/build/site"
 * ```
 */
export function pathFlag(value: unknown, fallback: string): string {
  if (typeof value !== "string" || value === "") return fallback;
  return isAbsolute(value) ? value : join(process.cwd(), value);
}
