/**
 * Where a command writes: standard output for results, standard error for progress and errors. Tests
 * pass their own to capture both.
 *
 * @packageDocumentation
 */

/** The command's output streams and environment. */
export interface CommandIo {
  /** Writes one line (a result) to standard output. */
  out(line: string): void;
  /** Writes one line (progress, a warning, an error) to standard error. */
  err(line: string): void;
  /** Rewrites the current progress line in place when standard error is a terminal (no-op otherwise). */
  progress(text: string): void;
  /** The environment variables the command reads. */
  env: Record<string, string | undefined>;
}

/** The process's own streams. */
export function processIo(): CommandIo {
  const tty = process.stderr.isTTY === true;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    progress: (text) => {
      if (tty) process.stderr.write(`\r\u001b[2K${text}`);
    },
    env: process.env,
  };
}
