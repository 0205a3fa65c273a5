// The README's first command (`npm run lab`): set up whatever is missing, then open the course in
// JupyterLab with the project's TypeScript kernel, on the welcome notebook.
//   npm run lab                        open in the default browser
//   npm run lab -- --no-browser        headless: print the URL (with its token) and wait
//   BITBOUND_NO_BROWSER=1 npm run lab  the same
// Any other arguments go to `jupyter lab` (for example --port 9999).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { jupyterEnv } from "../jupyter-env.mjs";
import { envBin, isRoot } from "./platform.mjs";
import { root, setup, SetupError } from "./setup.mjs";

/** The arguments of `jupyter lab`: the project as its root, the welcome notebook, the bitbound kernel. */
export function labArgs({ projectRoot, env = process.env, admin = false, extra = [] }) {
  const args = [
    `--ServerApp.root_dir=${projectRoot}`,
    "--LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb",
    "--MappingKernelManager.default_kernel_name=bitbound",
  ];
  if (env.BITBOUND_NO_BROWSER === "1") args.push("--no-browser");
  if (admin) args.push("--allow-root");
  return [...args, ...extra];
}

export async function main(argv) {
  try {
    await setup();
  } catch (e) {
    if (!(e instanceof SetupError)) throw e;
    console.error(`setup: ${e.message}`);
    return 1;
  }
  // Jupyter's config, data and runtime folders, IPython's, and JupyterLab's settings and workspaces: in the
  // project's git-ignored .jupyter/, never in the home folder
  const env = { ...process.env, ...jupyterEnv() };
  const jupyter = envBin(join(root, ".venv"), "jupyter");
  console.log("lab: starting JupyterLab on the course (stop it with Ctrl-C). Open the URL with the token printed below.");
  const child = spawn(jupyter, ["lab", ...labArgs({ projectRoot: root, admin: isRoot(), extra: argv })], { cwd: root, env, stdio: "inherit" });
  // Ctrl-C reaches JupyterLab from the terminal (it asks to confirm, or stops on a second one); this process
  // only waits for it to end, and passes a termination on.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  return new Promise((resolve) => {
    child.on("error", (e) => {
      console.error(`lab: could not start ${jupyter}: ${e.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
