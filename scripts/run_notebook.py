"""Executes course notebooks through the real tslab kernel with nbclient, or validates them.

    python scripts/run_notebook.py execute NOTEBOOK [--timeout SECONDS] [--output PATH]
    python scripts/run_notebook.py validate NOTEBOOK [NOTEBOOK ...]

execute: runs every cell top to bottom in the notebook's folder with the notebook's kernel, in the
course's strict mode (the kernel gets BITBOUND_STRICT=1: every check must say what kind of evidence it
is, every figure must follow the course's figure rules; --lenient runs as a learner would) (nbclient
raises on a cell whose reply has status "error", which is how tslab reports a type error or a thrown
exception; that is never switched off). A cell that printed to stderr also fails the run: tslab puts
its error messages there, and a lesson has no business writing to stderr. --allow-errors (grading)
runs every cell even after one fails, keeps each error in the executed copy and exits 0. On failure it prints the
notebook, the cell number, the start of its source and the message, and exits 1. On success it prints
the execution time, the number of check lines that passed (lines starting with "✓ ") and of Plotly
figures, as one JSON line, and writes the executed copy to --output. The kernel inherits the environment,
so BITBOUND_LEDGER (a file for the ledger of checks) passes through.

validate: checks each notebook is valid nbformat 4, uses the project's kernel spec, and has its outputs
and execution counts cleared. Prints one line per problem and exits 1 if any.
"""

import argparse
import asyncio
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL_NAME = "bitbound"

# Jupyter's and IPython's per-user folders stay inside the project (as scripts/jupyter-env.mjs sets them for
# lab.mjs and test.mjs), so running this script directly writes nothing into the user's home either.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _name, _sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"), ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
    os.environ.setdefault(_name, os.path.join(ROOT, ".jupyter", _sub))
    os.makedirs(os.environ[_name], exist_ok=True)


def cell_label(index, cell):
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else "(empty)"
    return f"cell {index + 1} ({first[:80]})"


def execute(path, timeout, output, strict=True, allow_errors=False):
    if strict:
        os.environ["BITBOUND_STRICT"] = "1"  # the kernel process inherits this environment
    else:
        os.environ.pop("BITBOUND_STRICT", None)
    nb = nbformat.read(path, as_version=4)
    name = os.path.basename(path)
    current = {"index": None}

    def on_cell_execute(cell, cell_index):
        current["index"] = cell_index

    async def on_cell_error(cell, cell_index, execute_reply):
        # tslab cancels the requests that reach it within 200 ms of a failed cell (its execQueue.reset(200)):
        # wait that out, or every later cell would be aborted without running
        if allow_errors:
            await asyncio.sleep(0.3)

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_cell_execute=on_cell_execute,
        on_cell_error=on_cell_error,
        allow_errors=allow_errors,
    )
    start = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        index = current["index"]
        where = f" at {cell_label(index, nb.cells[index])}" if index is not None else ""
        print(f"FAIL {name}{where}:\n{e}", file=sys.stderr)
        return 1
    except (CellTimeoutError, DeadKernelError) as e:
        index = current["index"]
        where = f" at {cell_label(index, nb.cells[index])}" if index is not None else ""
        print(f"FAIL {name}{where}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - start
    problems = []
    passes = 0
    plots = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"{cell_label(i, cell)} wrote to stderr: {out.get('text', '').strip()[:500]}")
            if out.get("output_type") == "error":
                problems.append(f"{cell_label(i, cell)} raised {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stdout":
                passes += sum(1 for line in out.get("text", "").splitlines() if line.startswith("✓ "))
            if out.get("output_type") == "display_data" and "application/vnd.plotly.v1+json" in out.get("data", {}):
                plots += 1
    if problems and not allow_errors:
        for p in problems:
            print(f"FAIL {name}: {p}", file=sys.stderr)
        return 1
    if output:
        os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
        nbformat.write(nb, output)
    print(json.dumps({"notebook": name, "seconds": round(elapsed, 2), "checksPassed": passes, "plots": plots}))
    return 0


def validate(paths):
    problems = []
    for path in paths:
        name = os.path.basename(path)
        try:
            nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            nbformat.validate(nb)
        except Exception as e:  # any parse or schema failure is reported, with its message
            problems.append(f"{name}: not valid nbformat: {str(e).splitlines()[0]}")
            continue
        if nb.nbformat != 4:
            problems.append(f"{name}: nbformat {nb.nbformat}, expected 4")
        spec = nb.metadata.get("kernelspec", {})
        if spec.get("name") != KERNEL_NAME:
            problems.append(f"{name}: metadata.kernelspec.name is {spec.get('name')!r}, expected {KERNEL_NAME!r}")
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if cell.get("outputs"):
                problems.append(f"{name}: {cell_label(i, cell)} has outputs; clear them before committing")
            if cell.get("execution_count") is not None:
                problems.append(f"{name}: {cell_label(i, cell)} has an execution count; clear it before committing")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute")
    ex.add_argument("notebook")
    ex.add_argument("--timeout", type=int, default=120, help="seconds allowed per cell")
    ex.add_argument("--output")
    ex.add_argument("--lenient", action="store_true", help="run without the course's strict mode, as a learner would")
    ex.add_argument("--allow-errors", action="store_true", help="run every cell even after one fails and keep the errors in --output (for grading)")
    va = sub.add_parser("validate")
    va.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    if args.command == "execute":
        sys.exit(execute(args.notebook, args.timeout, args.output, strict=not args.lenient, allow_errors=args.allow_errors))
    sys.exit(validate(args.notebooks))


if __name__ == "__main__":
    main()
