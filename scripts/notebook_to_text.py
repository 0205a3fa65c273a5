"""Writes a course notebook back out as a plain-text draft in the "percent" format that
scripts/notebook_from_text.py reads, so a lesson can be edited as text and regenerated.

    python scripts/notebook_to_text.py notebooks/NN-slug.ipynb > /tmp/NN-slug.txt

Outputs are dropped; cell tags and exercise metadata are kept:
`# %% [markdown] tags=exercise exercise=02.3` and `# %% tags=solution exercise=02.3 answers=16|24`
(answers separated by "|"; "%", spaces, "|" and other whitespace inside a value written as %XX).
"""

import sys

import nbformat


def encode(value):
    """Percent-encodes what a marker field cannot hold as is: "%", "|", whitespace and unprintable characters."""
    out = []
    for c in value:
        if c in "%|" or c.isspace() or not c.isprintable():
            out.append("".join(f"%{b:02X}" for b in c.encode("utf-8")))
        else:
            out.append(c)
    return "".join(out)


def marker(cell):
    parts = ["# %% [markdown]" if cell.cell_type == "markdown" else "# %%"]
    tags = cell.metadata.get("tags", [])
    if tags:
        parts.append("tags=" + ",".join(tags))
    meta = cell.metadata.get("bitbound", {})
    if "exercise" in meta:
        parts.append("exercise=" + encode(meta["exercise"]))
    if "answers" in meta:
        parts.append("answers=" + "|".join(encode(a) for a in meta["answers"]))
    return " ".join(parts)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    nb = nbformat.read(sys.argv[1], as_version=4)
    parts = [marker(cell) + "\n" + cell.source for cell in nb.cells]
    sys.stdout.write("\n\n".join(parts) + "\n")


if __name__ == "__main__":
    main()
