"""The book as one PDF (``make pdf``), read back with poppler-utils.

Checks that the page count is sane, that every chapter title and every figure made it in,
that no reference is left unresolved ("??"), that the quick checks are printed with their
answers, and that every font is embedded. Run with ``make pdf-test`` (``.ci/run`` runs it
after ``make test``); the PDF is ``_build/latex/seqlearn.pdf`` or ``$SEQLEARN_PDF``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import chapter_info as ci  # noqa: E402

PDF = Path(os.environ.get("SEQLEARN_PDF", ROOT / "_build" / "latex" / "seqlearn.pdf"))


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def text() -> str:
    if not PDF.exists():
        pytest.fail(f"no PDF at {PDF}: run `make pdf` first", pytrace=False)
    return _run("pdftotext", "-layout", str(PDF), "-")


def _flat(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00ad", "")).replace("- ", "")


def test_page_count():
    info = _run("pdfinfo", str(PDF))
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    chapters = len(ci.chapters())
    # about 25 to 60 pages a chapter, plus front matter, glossary, API and bibliography
    assert 20 * chapters <= pages <= 80 * chapters + 150, pages


def test_every_chapter_title(text):
    flat = _flat(text)
    missing = [c.title for c in map(ci.info, ci.chapters()) if c.title not in flat]
    assert not missing
    for extra in ("Glossary", "Bibliography", "Teaching with this book"):
        assert extra in flat, extra


def _figures_in_chapters() -> int:
    """Image outputs the page shows: PNG outputs of cells not removed from the page."""
    n = 0
    for path in ci.chapters():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            tags = set(cell.metadata.get("tags", []))
            if cell.cell_type != "code" or tags & {"remove-cell", "remove-output"}:
                continue
            n += sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
    return n


def test_every_figure():
    listed = _run("pdfimages", "-list", str(PDF)).splitlines()[2:]
    images = [line for line in listed if line.split()[2] == "image"]
    assert len(images) >= _figures_in_chapters(), (len(images), _figures_in_chapters())


def test_figures_are_numbered(text):
    flat = _flat(text)
    for chapter in map(ci.info, ci.chapters()):
        if f"Fig. {chapter.number}.1" not in flat:
            assert f"Figure {chapter.number}.1" in flat, chapter.title


def test_no_unresolved_reference(text):
    lines = [line.strip() for line in text.splitlines() if "??" in line]
    assert not lines


def test_quick_checks_and_solutions_printed(text):
    flat = _flat(text)
    assert flat.count("Answers to the quick check") >= 6
    # exercises are numbered as on the web page (chapter.n), with their solutions
    assert "Exercise 3.1 (The Bellatrix correlation penalty)" in flat
    assert "Solution to Exercise 3.1" in flat
    assert not re.search(r"Exercise \d+\.\d+\.\d+", flat)


def test_fonts_embedded():
    rows = _run("pdffonts", str(PDF)).splitlines()[2:]
    assert rows
    not_embedded = [r for r in rows if r.split()[-5] != "yes"]
    assert not not_embedded
