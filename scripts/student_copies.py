"""Write student copies of every chapter: solution cells removed, exercises kept.

Usage: python scripts/student_copies.py OUTPUT_DIR

A solution is every cell tagged ``solution``: the ``{solution-start}`` and
``{solution-end}`` markdown cells and everything between them (the test suite checks that
the chapters tag them so). Removal is done by nbconvert's TagRemovePreprocessor.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbconvert import NotebookExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent


def chapters() -> list[Path]:
    return sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))


def write_student_copies(out_dir: Path) -> list[Path]:
    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = ("solution",)
    exporter = NotebookExporter(config=config)
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in chapters():
        body, _ = exporter.from_filename(str(path))
        target = out_dir / path.name
        target.write_text(body, encoding="utf-8")
        nbformat.validate(nbformat.reads(body, as_version=4))
        written.append(target)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for p in write_student_copies(Path(sys.argv[1])):
        print(f"wrote {p}")
