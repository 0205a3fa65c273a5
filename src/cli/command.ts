import { parseFlags, type FlagSpec } from "./args";
import type { CommandIo } from "./io";

/**
 * One subcommand of `bitbound`: its name, a one-line summary for `bitbound --help`, its own help text
 * (`bitbound NAME --help`), and what it does. `run` returns the exit status: 0 on success, 1 when the work
 * failed (a notebook, a build), 2 for bad input (a UsageError or a library RangeError/TypeError, printed
 * as one line by main).
 *
 * @packageDocumentation
 */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(argv: string[], io: CommandIo): Promise<number>;
}

/** The parsed flags a command's body receives. */
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/**
 * A command whose flags are parsed by {@link parseFlags}: `-h`/`--help` prints `help` and exits 0, bad
 * flags throw a UsageError, and `body` gets the parsed values.
 *
 * @example
 * ```ts
 * const hello = flagCommand({ name: "hello", summary: "greets", help: "Usage: bitbound hello [--loud]", flags: { loud: { type: "boolean" } },
 *   async body(values, io) { io.out(values.loud ? "HELLO" : "hello"); return 0; } });
 * ```
 */
export function flagCommand(spec: Omit<Command, "run"> & { flags: FlagSpec; body(values: FlagValues, io: CommandIo): Promise<number> }): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: spec.help,
    async run(argv, io) {
      const { values } = parseFlags(argv, spec.flags);
      if (values.help) {
        io.out(spec.help);
        return 0;
      }
      return spec.body(values, io);
    },
  };
}
