// The environment variables that keep Jupyter, IPython and JupyterLab inside the project: their config,
// data, runtime (connection files, the cookie secret), IPython profile, and JupyterLab's user settings and
// workspaces all go under one git-ignored folder, `.jupyter/` by default, instead of ~/.jupyter,
// ~/.local/share/jupyter and ~/.ipython. Used by scripts/lib/lab.mjs, scripts/lib/test.mjs and the browser test.
//
// The kernel spec is not affected: it lives in the Python environment's share/jupyter (.venv/share/jupyter,
// or the system Python's prefix with --system-python), which Jupyter searches whatever JUPYTER_DATA_DIR says.
//
//   node scripts/jupyter-env.mjs [BASE]   prints `export NAME='value'` lines for bash: eval "$(node ...)"
//   import { jupyterEnv } from "./jupyter-env.mjs"; jupyterEnv(base)   the same as an object
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The project's own Jupyter folder (git-ignored). */
export const defaultBase = join(root, ".jupyter");

/**
 * Jupyter's, IPython's and JupyterLab's per-user folders, all under `base`.
 * @param {string} [base] an absolute folder; defaults to the project's `.jupyter/`
 * @returns {Record<string, string>}
 */
export function jupyterEnv(base = defaultBase) {
  return {
    JUPYTER_CONFIG_DIR: join(base, "config"),
    JUPYTER_DATA_DIR: join(base, "data"),
    JUPYTER_RUNTIME_DIR: join(base, "runtime"),
    IPYTHONDIR: join(base, "ipython"),
    JUPYTERLAB_SETTINGS_DIR: join(base, "lab", "user-settings"),
    JUPYTERLAB_WORKSPACES_DIR: join(base, "lab", "workspaces"),
  };
}

const shellQuote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2] ? resolve(process.argv[2]) : defaultBase;
  for (const [name, value] of Object.entries(jupyterEnv(base))) console.log(`export ${name}=${shellQuote(value)}`);
}
