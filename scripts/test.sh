#!/usr/bin/env bash
# The README's second command (`npm test`): set up whatever is missing (including Chromium), then run every test:
#   1. the type check (with the TypeScript compiler the tslab kernel uses),
#   2. unit tests (vitest project "unit": the library and the course files),
#   3. notebooks (vitest project "notebooks": hygiene, then every notebook executed through the tslab kernel by nbclient),
#   4. browser (vitest project "browser": JupyterLab in headless Chromium runs every notebook and draws its charts).
# All steps run even if one fails; the exit status is non-zero if any failed. The last line counts the tests.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh --with-browser || exit 1
# Jupyter, IPython and JupyterLab folders inside the project (.jupyter/), for nbclient's kernels and the
# browser test's JupyterLab alike: nothing goes to the home folder
eval "$(node scripts/jupyter-env.mjs)"

OUT="$ROOT/test-output"
mkdir -p "$OUT"
rm -f "$OUT/ledger.jsonl" "$OUT/notebook-times.jsonl" "$OUT"/vitest-*.json

status=0
echo "== type check (TypeScript $(node -p 'require("@tslab/typescript-for-tslab/package.json").version'), the kernel's compiler)"
if node node_modules/@tslab/typescript-for-tslab/bin/tsc --noEmit -p tsconfig.json; then echo "type check: passed"; else echo "type check: FAILED"; status=1; fi

for project in unit notebooks browser; do
  echo "== $project tests"
  extra=()
  [ "$project" = unit ] || extra=(--no-file-parallelism)
  npx vitest run --project "$project" "${extra[@]}" --reporter=default --reporter=json --outputFile.json="$OUT/vitest-$project.json" || status=1
done

node scripts/test-summary.mjs "$OUT" || status=1
exit $status
