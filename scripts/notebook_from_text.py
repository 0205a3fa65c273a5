"""Writes a course notebook (.ipynb) from a plain-text draft in the "percent" cell format.

    python scripts/notebook_from_text.py DRAFT.txt notebooks/NN-slug.ipynb

(scripts/notebook_to_text.py turns a notebook back into a draft, to edit a lesson as plain text.)

A draft is a sequence of cells, each starting with a marker line:

    # %% [markdown]                                   a Markdown cell
    # %%                                              a TypeScript code cell
    # %% [markdown] tags=exercise exercise=02.3       an exercise prompt with its stable id
    # %% tags=solution exercise=02.3 answers=16|24    its solution, with the answers it reveals

A marker line is `# %%`, optionally `[markdown]` or `[code]`, then space-separated `key=value` fields:

    tags=a,b        cell tags, comma-separated (exercise, solution, ...)
    exercise=NN.k   the exercise id (lesson id, dot, number; never renumbered): on the prompt, a markdown
                    cell tagged exercise, it becomes metadata.bitbound = {"exercise": "NN.k"}; on the
                    solution, a code cell tagged solution, {"exercise": "NN.k", "role": "solution",
                    "answers": [...]}
    answers=a|b     (solutions only, required there) the answer strings the solution reveals, separated
                    by "|". The tests check that none of them appears in the lesson's guide, flashcards,
                    quiz or deep dives. Values are URL-encoded where needed: %20 for a space, %7C for a
                    literal "|", %25 for "%" (any %XX is decoded, as UTF-8), e.g. answers=6.375|about%202%20dB

Any other line starting with "# %%" is an error (a mistyped marker would otherwise become cell text).
The notebook gets the project's kernel spec ("bitbound"), TypeScript language info, no outputs and no
execution counts, so it passes the hygiene test as written. Solution cells are tagged "solution", which is
how an edition without solutions removes them.
"""

import re
import sys
from urllib.parse import unquote

import nbformat

MARKER = re.compile(r"^# %%(?:\s+\[(markdown|code)\])?((?:\s+[a-z]+=\S+)*)\s*$")
EXERCISE_ID = re.compile(r"^\d\d\.\d+$")


class DraftError(ValueError):
    pass


def parse_marker(line, number):
    m = MARKER.match(line)
    if not m:
        raise DraftError(f"line {number}: not a valid cell marker: {line!r} (expected '# %% [markdown] key=value ...')")
    kind = m.group(1) or "code"
    fields = {}
    for item in m.group(2).split():
        key, value = item.split("=", 1)
        if key in fields:
            raise DraftError(f"line {number}: {key}= is given twice")
        fields[key] = value
    unknown = set(fields) - {"tags", "exercise", "answers"}
    if unknown:
        raise DraftError(f"line {number}: unknown field(s) {', '.join(sorted(unknown))}= (allowed: tags, exercise, answers)")
    tags = [t for t in fields.get("tags", "").split(",") if t]
    metadata = {}
    if "exercise" in fields:
        exercise = unquote(fields["exercise"])
        if not EXERCISE_ID.match(exercise):
            raise DraftError(f"line {number}: exercise={exercise} must be a lesson id, a dot and a number, such as 02.3")
        if kind == "markdown":
            if "exercise" not in tags:
                raise DraftError(f"line {number}: an exercise prompt (markdown with exercise=) must be tagged exercise")
            if "answers" in fields:
                raise DraftError(f"line {number}: answers= belongs on the solution cell, not the prompt")
            metadata = {"exercise": exercise}
        else:
            if "solution" not in tags:
                raise DraftError(f"line {number}: a code cell with exercise= is a solution and must be tagged solution")
            if "answers" not in fields:
                raise DraftError(f"line {number}: a solution needs answers=... (the answer strings it reveals, separated by |)")
            answers = [unquote(a) for a in fields["answers"].split("|")]
            if any(a.strip() == "" for a in answers):
                raise DraftError(f"line {number}: answers= has an empty answer")
            metadata = {"exercise": exercise, "role": "solution", "answers": answers}
    elif "answers" in fields:
        raise DraftError(f"line {number}: answers= needs exercise= on the same marker")
    return kind, tags, metadata


def parse(text):
    cells = []
    current = None  # (kind, tags, metadata, lines)

    def flush():
        if current is None:
            return
        kind, tags, metadata, lines = current
        source = "\n".join(lines).strip("\n")
        cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
        if tags:
            cell.metadata["tags"] = tags
        if metadata:
            cell.metadata["bitbound"] = metadata
        cells.append(cell)

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# %%"):
            flush()
            kind, tags, metadata = parse_marker(line, number)
            current = (kind, tags, metadata, [])
        elif current is not None:
            current[3].append(line)
        elif line.strip():
            raise DraftError(f"line {number}: text before the first cell marker")
    flush()
    return cells


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        try:
            cells = parse(f.read())
        except DraftError as e:
            print(f"{sys.argv[1]}: {e}", file=sys.stderr)
            sys.exit(1)
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
