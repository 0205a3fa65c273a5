"""Writes a course notebook back out as a plain-text draft in the "percent" format that
scripts/notebook_from_text.py reads, so a lesson can be edited as text and regenerated.

    python scripts/notebook_to_text.py notebooks/NN-slug.ipynb > /tmp/NN-slug.txt

Outputs are dropped; cell tags are kept (`# %% [markdown] tags=exercise`).
"""

import sys

import nbformat


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    nb = nbformat.read(sys.argv[1], as_version=4)
    parts = []
    for cell in nb.cells:
        marker = "# %% [markdown]" if cell.cell_type == "markdown" else "# %%"
        tags = cell.metadata.get("tags", [])
        if tags:
            marker += " tags=" + ",".join(tags)
        parts.append(marker + "\n" + cell.source)
    sys.stdout.write("\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
