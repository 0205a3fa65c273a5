#!/usr/bin/env bash
# The README's first command (`npm run lab`): set up whatever is missing, then open the course in
# JupyterLab with the project's TypeScript kernel, on the welcome notebook.
#   npm run lab                        open in the default browser
#   npm run lab -- --no-browser        headless: print the URL (with its token) and wait
#   BITBOUND_NO_BROWSER=1 npm run lab  the same
# Any other arguments go to `jupyter lab` (for example --port 9999).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# Jupyter's config, data and runtime folders, IPython's, and JupyterLab's settings and workspaces: in the
# project's git-ignored .jupyter/, never in the home folder
eval "$(node scripts/jupyter-env.mjs)"

args=(--ServerApp.root_dir="$ROOT"
      --LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb
      --MappingKernelManager.default_kernel_name=bitbound)
if [ "${BITBOUND_NO_BROWSER:-0}" = 1 ]; then args+=(--no-browser); fi
if [ "$(id -u)" = 0 ]; then args+=(--allow-root); fi
echo "lab: starting JupyterLab on the course (stop it with Ctrl-C). Open the URL with the token printed below."
exec "$ROOT/.venv/bin/jupyter" lab "${args[@]}" "$@"
