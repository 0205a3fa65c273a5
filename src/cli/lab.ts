import { spawn } from "node:child_process";
import { projectRoot } from "../course/files";
import type { Command } from "./command";

/**
 * `bitbound lab`: the README's main command, `npm run lab`, with any arguments passed on (so it follows
 * whatever that script does on this platform).
 *
 * @packageDocumentation
 */

const HELP = `Usage: bitbound lab [ARGS...]

The same as npm run lab: installs what is missing, then opens the course in JupyterLab on the
TypeScript (bitbound) kernel. Arguments go on to it, e.g. bitbound lab --no-browser --port 9999.`;

/** How to run `npm run lab -- ARGS` on this platform (npm is npm.cmd on Windows, started through the shell). */
export function labInvocation(args: string[], platform: NodeJS.Platform = process.platform): { command: string; args: string[]; shell: boolean } {
  const npmArgs = ["run", "lab", ...(args.length ? ["--", ...args] : [])];
  return platform === "win32" ? { command: "npm.cmd", args: npmArgs, shell: true } : { command: "npm", args: npmArgs, shell: false };
}

export const labCommand: Command = {
  name: "lab",
  summary: "open the course in JupyterLab (the same as npm run lab)",
  help: HELP,
  async run(argv, io) {
    if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
      io.out(HELP);
      return 0;
    }
    const how = labInvocation(argv);
    return new Promise((resolve) => {
      const child = spawn(how.command, how.args, { cwd: projectRoot(), stdio: "inherit", shell: how.shell, env: io.env });
      child.on("error", (e) => {
        io.err(`bitbound lab: could not start npm: ${e.message}`);
        resolve(1);
      });
      child.on("close", (code) => resolve(code ?? 1));
    });
  },
};
