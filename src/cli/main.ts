import { packageVersion } from "../course/changelog";
import { UsageError } from "./args";
import { boundsCommand } from "./bounds";
import type { Command } from "./command";
import { exportCommand } from "./export";
import { formatsCommand } from "./formats";
import { gradeCommand } from "./grade";
import { processIo, type CommandIo } from "./io";
import { labCommand } from "./lab";
import { siteCommand } from "./site";
import { verifyCommand } from "./verify";

/**
 * The `bitbound` command's entry point: picks the subcommand, runs it, and turns bad input into one line
 * on standard error and exit status 2 (a UsageError from the flags, or the library's RangeError /
 * TypeError naming the parameter). Any other error is reported as one line with exit status 1.
 *
 * @packageDocumentation
 */

/** Every subcommand, in the order `bitbound --help` lists them. */
export const COMMANDS: readonly Command[] = [boundsCommand, formatsCommand, verifyCommand, gradeCommand, labCommand, siteCommand, exportCommand];


function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "Usage: bitbound <command> [options]",
    "",
    "The information-theoretic limits of low-precision training: the bitbound library and course.",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run bitbound <command> --help for a command's options. bitbound --version prints the version.",
  ].join("\n");
}

/**
 * Runs `bitbound` with the given arguments.
 *
 * @param argv - the arguments after the program name
 * @param io - where to write (default: the process's streams)
 * @returns the exit status
 * @example
 * ```ts
 * await main(["bounds", "--d", "4096", "--bits", "16", "--sigma", "1", "--eps", "0.01", "--json"]); // 0, JSON on stdout
 * await main(["bounds", "--d", "-3"]); // 2, "bitbound bounds: --d must be an integer ≥ 1, got "-3"" on stderr
 * ```
 */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.out(packageVersion());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`bitbound: unknown command ${JSON.stringify(name)} (commands: ${COMMANDS.map((c) => c.name).join(", ")}; see bitbound --help)`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    const error = e as Error;
    const firstLine = String(error?.message ?? error).split("\n")[0];
    if (e instanceof UsageError || e instanceof RangeError || e instanceof TypeError) {
      io.err(`bitbound ${command.name}: ${firstLine} (see bitbound ${command.name} --help)`);
      return 2;
    }
    io.err(`bitbound ${command.name}: ${firstLine}`);
    return 1;
  }
}
