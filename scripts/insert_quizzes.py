"""Put each chapter's quick check (quiz) into its notebook, just before the exercises.

Usage: python scripts/insert_quizzes.py [--check] [NOTEBOOK ...]

For every chapter notebook ``book/NN_*.ipynb`` whose quiz data exists
(``seqlearn/quizzes/chNN.py``), the script makes sure there is exactly one Markdown cell
tagged ``quiz`` holding ``## Quick check`` and the ``{quiz}`` directive, placed before the
``## Exercises`` heading (or before ``## Summary`` if a chapter has no exercises). It is
idempotent: run it again after chapters change and it changes nothing that is already
right; chapters without quiz data are skipped. The cell is Markdown, so stored outputs are
untouched and nothing needs re-executing. ``--check`` writes nothing and exits 1 if a
notebook would change.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from seqlearn import quizzes  # noqa: E402

TAG = "quiz"
ANCHORS = ("## Exercises", "## Summary")


def _is_quiz_cell(cell) -> bool:
    return cell.cell_type == "markdown" and (
        TAG in cell.metadata.get("tags", []) or "```{quiz}" in cell.source)


def place_quiz(nb, chapter: str) -> bool:
    """Insert or update the quiz cell of ``nb`` in place; return whether it changed."""
    source = quizzes.directive(chapter)
    before = nbformat.writes(nb)
    found = [i for i, c in enumerate(nb.cells) if _is_quiz_cell(c)]
    for i in reversed(found[1:]):
        del nb.cells[i]
    anchor = None
    for heading in ANCHORS:
        anchor = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
                       and not _is_quiz_cell(c)
                       and c.source.lstrip().startswith(heading)), None)
        if anchor is not None:
            break
    if anchor is None:
        raise ValueError(f"{chapter}: no '## Exercises' or '## Summary' heading")
    if found:
        cell = nb.cells[found[0]]
        if found[0] != anchor - 1:
            del nb.cells[found[0]]
            anchor = anchor - 1 if found[0] < anchor else anchor
            nb.cells.insert(anchor, cell)
    else:
        cell = nbformat.v4.new_markdown_cell(source)
        cell.id = f"quiz-{chapter}"
        nb.cells.insert(anchor, cell)
    cell.source = source
    tags = cell.metadata.setdefault("tags", [])
    if TAG not in tags:
        tags.append(TAG)
    return nbformat.writes(nb) != before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 "
                        "if a notebook would change")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
    have = set(quizzes.chapters())
    stale = []
    for path in paths:
        m = re.match(r"(\d\d)_", path.name)
        chapter = f"ch{m.group(1)}" if m else None
        if chapter not in have:
            print(f"skip {path.name}: no seqlearn/quizzes/{chapter}.py")
            continue
        nb = nbformat.read(path, as_version=4)
        if place_quiz(nb, chapter):
            stale.append(path)
            if not args.check:
                nbformat.write(nb, path)
                print(f"quiz placed in {path.name}")
        else:
            print(f"ok   {path.name}")
    if args.check and stale:
        print("would change: " + ", ".join(p.name for p in stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
