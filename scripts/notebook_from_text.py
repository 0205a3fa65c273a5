"""Writes a course notebook (.ipynb) from a plain-text draft in the "percent" cell format.

    python scripts/notebook_from_text.py DRAFT.txt notebooks/NN-slug.ipynb

(scripts/notebook_to_text.py turns a notebook back into a draft, to edit a lesson as plain text.)

A draft is a sequence of cells, each starting with a marker line:

    # %% [markdown]                 a Markdown cell
    # %%                            a TypeScript code cell
    # %% [markdown] tags=exercise   cell tags, comma-separated (exercise, solution, ...)

The notebook gets the project's kernel spec ("bitbound"), TypeScript language info, no outputs and no
execution counts, so it passes the hygiene test as written. Solution cells are tagged "solution", which is
how an edition without solutions removes them.
"""

import re
import sys

import nbformat

MARKER = re.compile(r"^# %%(?:\s+\[(markdown|code)\])?(?:\s+tags=([\w,-]+))?\s*$")


def parse(text):
    cells = []
    kind, tags, lines = None, [], []

    def flush():
        if kind is None:
            return
        source = "\n".join(lines).strip("\n")
        cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = tags
        cells.append(cell)

    for line in text.splitlines():
        m = MARKER.match(line)
        if m:
            flush()
            kind = m.group(1) or "code"
            tags = [t for t in (m.group(2) or "").split(",") if t]
            lines = []
        else:
            lines.append(line)
    flush()
    return cells


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        cells = parse(f.read())
    nb = nbformat.v4.new_notebook()
    for i, cell in enumerate(cells):
        cell["id"] = f"cell-{i + 1:03d}"  # stable ids, so regenerating a notebook does not churn its diff
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "bitbound", "display_name": "TypeScript (bitbound)", "language": "typescript"}
    nb.metadata["language_info"] = {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript"}
    nbformat.validate(nb)
    nbformat.write(nb, sys.argv[2])


if __name__ == "__main__":
    main()
