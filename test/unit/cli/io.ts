import { main } from "../../../src/cli/main";
import type { CommandIo } from "../../../src/cli/io";

/** Runs `bitbound ARGS` in process and captures what it writes. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => {}, env };
  const status = await main(args, io);
  return { status, out: out.join("\n"), err: err.join("\n") };
}
