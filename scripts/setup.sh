#!/usr/bin/env bash
# Installs everything the course needs, inside the project and nowhere else:
#   1. the npm packages (locked by package-lock.json), and the link node_modules/bitbound -> the project, so notebooks can
#      `import ... from "bitbound"` and get src/ directly (no build step);
#   2. a Python environment in .venv with the pinned JupyterLab, Plotly's JupyterLab renderer and nbclient;
#   3. the project's kernel spec "bitbound" (display name "TypeScript (bitbound)") inside .venv, which runs
#      this project's tslab with Node's TypeScript loader (tsx);
#   4. with --with-browser, Debian's Chromium for the browser tests (apt-get, when it is missing and we are root).
# Nothing is written to the user's home or global Jupyter or Python configuration (pip runs without its
# download cache; npm keeps its usual cache), and package-lock.json is never rewritten. A second run reuses
# what is there: each step keeps a stamp of its inputs, taken after the step, and is skipped while they have
# not changed; a run that had nothing to do says so on its last line.
# scripts/lab.sh and scripts/test.sh then run Jupyter with its folders in the project's .jupyter/
# (scripts/jupyter-env.mjs).
#
# Options: --with-browser   also make sure Chromium is present (used by `npm test`)
#          --system-python  install into the current Python instead of .venv (for repo2docker / Binder images)
#          --quiet          print only problems
# Environment: BITBOUND_PYTHON (the Python to use), BITBOUND_CHROMIUM (a Chromium/Chrome executable).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

WITH_BROWSER=0
SYSTEM_PYTHON=0
QUIET=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) WITH_BROWSER=1 ;;
    --system-python) SYSTEM_PYTHON=1 ;;
    --quiet) QUIET=1 ;;
    *) echo "setup: unknown option $arg (allowed: --with-browser, --system-python, --quiet)" >&2; exit 2 ;;
  esac
done

say() { [ "$QUIET" = 1 ] || echo "setup: $*"; }
fail() { echo "setup: $*" >&2; exit 1; }

hash_of() { cat "$@" | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-16; }
CHANGED=0  # set to 1 by any step that installs or writes something

# --- 1. Node and npm packages -------------------------------------------------------------------------
command -v node >/dev/null 2>&1 || fail "Node.js 20 or newer is needed and was not found: install it (https://nodejs.org or your package manager), then run this again."
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" -ge 20 ] || fail "Node.js 20 or newer is needed, found $(node --version): install a newer Node.js, then run this again."
command -v npm >/dev/null 2>&1 || fail "npm was not found next to Node.js: install npm (it ships with Node.js), then run this again."

NPM_STAMP="node_modules/.bitbound-npm-stamp"
npm_key() { echo "$(hash_of package.json package-lock.json)-node$NODE_MAJOR"; }
if [ ! -f "$NPM_STAMP" ] || [ "$(cat "$NPM_STAMP")" != "$(npm_key)" ]; then
  # `npm install --no-save` installs the tree package-lock.json records and never writes package-lock.json,
  # so a clone stays clean whatever npm version or settings installs it, and a working node_modules is
  # updated in place. (`npm ci` installs the same tree from scratch: it works too now that the lock carries
  # every platform's optional packages, rollup's included, as `npm install` writes them.)
  say "installing npm packages (npm install --no-save, from package-lock.json)"
  npm install --no-save --no-audit --no-fund --loglevel=error
  # the stamp is taken after the install, from the files as they are now, so the next run finds it current
  npm_key > "$NPM_STAMP"
  CHANGED=1
else
  say "npm packages up to date"
fi
[ -z "$(node scripts/link-self.mjs)" ] || CHANGED=1

# --- 2. Python environment ----------------------------------------------------------------------------
find_python() {
  for candidate in "${BITBOUND_PYTHON:-}" python3 python; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
  done
  return 1
}
if [ "$SYSTEM_PYTHON" = 1 ]; then
  PY="$(find_python)" || fail "Python 3.9 or newer is needed and was not found: install it, then run this again."
  PREFIX="$("$PY" -c 'import sys; print(sys.prefix)')"
else
  PREFIX="$ROOT/.venv"
  PY="$PREFIX/bin/python"
  if [ ! -x "$PY" ]; then
    BASE_PY="$(find_python)" || fail "Python 3.9 or newer is needed and was not found: install it (python.org or your package manager), then run this again."
    "$BASE_PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
      || fail "Python 3.9 or newer is needed, found $("$BASE_PY" --version 2>&1): install a newer Python (or set BITBOUND_PYTHON), then run this again."
    say "creating the Python environment .venv"
    CHANGED=1
    "$BASE_PY" -m venv "$PREFIX" 2>/dev/null \
      || { rm -rf "$PREFIX"; fail "could not create a Python virtual environment: install Python's venv module (on Debian or Ubuntu: apt-get install python3-venv), then run this again."; }
  fi
fi
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
  || fail "Python 3.9 or newer is needed, found $("$PY" --version 2>&1): install a newer Python (or set BITBOUND_PYTHON), then run this again."
if [ "$SYSTEM_PYTHON" = 0 ]; then
  # The project's package.json says "type": "module"; without a package.json of its own, Node would read the
  # JavaScript files JupyterLab ships inside .venv as ES modules too (and its node version check fails).
  [ -f "$PREFIX/package.json" ] || echo '{ "type": "commonjs" }' > "$PREFIX/package.json"
fi
PY_STAMP="$PREFIX/.bitbound-python-stamp"
py_key() { echo "$(hash_of requirements.txt)-$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"; }
if [ ! -f "$PY_STAMP" ] || [ "$(cat "$PY_STAMP")" != "$(py_key)" ]; then
  say "installing JupyterLab, the Plotly renderer and nbclient into $PREFIX"
  # --no-cache-dir: pip's download cache would otherwise go to ~/.cache/pip
  "$PY" -m pip install --quiet --disable-pip-version-check --no-input --no-cache-dir -r requirements.txt
  py_key > "$PY_STAMP"
  CHANGED=1
else
  say "Python packages up to date"
fi

# --- 3. Kernel spec and JupyterLab settings, inside the environment ----------------------------------------
written="$(node scripts/kernel-spec.mjs "$PREFIX/share/jupyter")"
if [ -n "$written" ]; then
  CHANGED=1
  say "kernel \"TypeScript (bitbound)\" written to $PREFIX/share/jupyter/kernels/bitbound"
else
  say "kernel \"TypeScript (bitbound)\" up to date in $PREFIX/share/jupyter/kernels/bitbound"
fi
# The library's declarations for the kernel's type checker (the first cell then starts in about half the time);
# the kernel refreshes them itself after an edit to src/ (scripts/kernel.cjs).
types_state="$(node scripts/kernel-types.cjs)"
case "$types_state" in *rebuilt*) CHANGED=1; say "$types_state" ;; *) say "$types_state" ;; esac

# --- 4. Chromium for the browser tests ---------------------------------------------------------------------
if [ "$WITH_BROWSER" = 1 ]; then
  if node scripts/find-chromium.mjs >/dev/null 2>&1; then
    say "Chromium found at $(node scripts/find-chromium.mjs)"
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's chromium (apt-get)"
    CHANGED=1
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    node scripts/find-chromium.mjs >/dev/null || fail "chromium was installed but not found; set BITBOUND_CHROMIUM to its path."
  else
    fail "the browser tests need Chromium or Chrome: install it (Debian/Ubuntu: sudo apt-get install chromium) or set BITBOUND_CHROMIUM to its path, then run this again."
  fi
fi

if [ "$CHANGED" = 0 ]; then say "everything is up to date: nothing was installed or written"; else say "done"; fi
