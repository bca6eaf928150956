"""The notebooks readers and students open in Jupyter (scripts/notebooks.py).

They are generated from the chapters in book/ for every chapter of _toc.yml. These tests
fail on what a reader would trip over: MyST syntax that Jupyter shows as raw text, a glued
number left out, an exercise without its number, a solution in a student copy, an exercise
cell that needs the chapter's earlier cells, stored outputs in a student copy.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("seqlearn_notebooks", ROOT / "scripts/notebooks.py")
gen = importlib.util.module_from_spec(spec)
sys.modules["seqlearn_notebooks"] = gen
spec.loader.exec_module(gen)

BOOK = gen.index_book(ROOT)
CHAPTERS = BOOK.chapters()

LEFTOVER_MYST = [
    (re.compile(r"\{[\w:-]+\}`"), "a MyST role"),
    (re.compile(r"^\s*(`{3,}|:{3,})\s*\{", re.M), "a MyST directive"),
    (re.compile(r"^\s*\([\w:.-]+\)=\s*$", re.M), "a MyST label"),
    (re.compile(r"^\s*:(label|class|name|nonumber):", re.M), "a directive option"),
    (re.compile(r"\{glue"), "a glue role"),
    (re.compile(r"^%\s", re.M), "a MyST comment"),
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("notebooks")
    written = gen.write_all(out, ROOT)
    return {version: {p.name: nbformat.read(p, as_version=4) for p in paths}
            for version, paths in written.items()}


def _source(path: Path):
    return nbformat.read(path, as_version=4)


def _markdown(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _count(nb, directive: str) -> int:
    return sum(len(re.findall(r"^\s*(?:`{3,}|:{3,})\s*\{" + re.escape(directive) + r"\}",
                              c.source, re.M))
               for c in nb.cells if c.cell_type == "markdown")


def test_every_chapter_of_the_toc_is_generated(generated):
    assert CHAPTERS, "no numbered chapter found in _toc.yml"
    for version in ("reader", "student"):
        assert sorted(generated[version]) == sorted(d.path.name for d in CHAPTERS)


@pytest.mark.parametrize("version", ["reader", "student"])
@pytest.mark.parametrize("doc", CHAPTERS, ids=lambda d: d.path.stem)
def test_no_myst_syntax_left(generated, doc, version):
    nb = generated[version][doc.path.name]
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for pattern, what in LEFTOVER_MYST:
            m = pattern.search(cell.source)
            assert m is None, (f"{version}/{doc.path.name} cell {i}: {what} left: "
                               f"{cell.source[max(0, m.start() - 40):m.end() + 40]!r}")


@pytest.mark.parametrize("version", ["reader", "student"])
@pytest.mark.parametrize("doc", CHAPTERS, ids=lambda d: d.path.stem)
def test_every_glued_value_is_in_the_text(generated, doc, version):
    source = _source(doc.path)
    keys = set(gen.glue_data(source))
    used = set(re.findall(r"\{glue(?::\w+)?\}`([^`:]+)", _markdown(source)))
    assert used <= keys, f"{doc.path.name} uses glue keys it never stores: {used - keys}"
    text = _markdown(generated[version][doc.path.name])
    for key in used:
        assert key not in text, f"{version}/{doc.path.name}: glue key {key} left in the text"


@pytest.mark.parametrize("version", ["reader", "student"])
@pytest.mark.parametrize("doc", CHAPTERS, ids=lambda d: d.path.stem)
def test_chapter_definitions_and_exercises_carry_their_numbers(generated, doc, version):
    nb = generated[version][doc.path.name]
    text = _markdown(nb)
    assert re.search(rf"^# {doc.number}\. \S", text, re.M), "chapter title without its number"
    source = _source(doc.path)
    n_ex = _count(source, "exercise")
    assert n_ex >= 1
    headings = re.findall(rf"^### Exercise {doc.number}\.(\d+) \(", text, re.M)
    assert headings == [str(k) for k in range(1, n_ex + 1)], (
        f"{doc.path.name}: exercise headings {headings}, expected 1..{n_ex}")
    n_def = _count(source, "prf:definition")
    found = re.findall(rf"\*\*Definition {doc.number}\.(\d+)", text)
    assert found == [str(k) for k in range(1, n_def + 1)]


@pytest.mark.parametrize("doc", CHAPTERS, ids=lambda d: d.path.stem)
def test_student_copy_has_no_solution_and_no_outputs(generated, doc):
    nb = generated["student"][doc.path.name]
    solution_code = [c.source.strip() for c in _source(doc.path).cells
                     if "solution" in c.metadata.get("tags", []) and c.cell_type == "code"
                     and c.source.strip()]
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for src in solution_code:
        body = [ln for ln in src.splitlines() if ln.strip() and not ln.startswith(
            ("import ", "from ", "exercises.", "answer = None", "#"))]
        assert not (body and "\n".join(body) in code), (
            f"solution code of {doc.path.name} in the student copy:\n{src[:300]}")
    assert "Solution to" not in _markdown(nb)
    assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells)
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, "stored output kept"


@pytest.mark.parametrize("version", ["reader", "student"])
@pytest.mark.parametrize("doc", CHAPTERS, ids=lambda d: d.path.stem)
def test_exercise_cells_run_on_a_fresh_kernel(generated, doc, version):
    """Every code cell between an exercise and its solution names only what it imports
    or defines itself (checked statically; the live test runs them)."""
    nb = generated[version][doc.path.name]
    in_exercise = False
    checked = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            if re.search(r"^### Exercise \d", cell.source, re.M):
                in_exercise = True
            elif cell.source.startswith(("## ", "<details>", "**Solution")) or \
                    "solution" in cell.metadata.get("tags", []):
                in_exercise = False
            continue
        if in_exercise:
            free = gen.free_names(cell.source)
            assert not free, (f"{version}/{doc.path.name} cell {i} needs {sorted(free)} "
                              "from earlier cells")
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("doc", CHAPTERS, ids=lambda d: d.path.stem)
def test_reader_copy_folds_solutions(generated, doc):
    nb = generated["reader"][doc.path.name]
    n_ex = _count(_source(doc.path), "solution-start")
    firsts = [c for c in nb.cells if c.cell_type == "markdown"
              and "solution" in c.metadata.get("tags", [])]
    assert len(firsts) == n_ex
    for c in firsts:
        assert c.source.startswith(("<details>", "**Solution to Exercise"))
        if c.source.startswith("<details>"):
            assert c.source.rstrip().endswith("</details>")
    for c in nb.cells:
        if c.cell_type == "code" and "solution" in c.metadata.get("tags", []):
            assert c.metadata["jupyter"]["source_hidden"] is True


@pytest.mark.parametrize("doc", CHAPTERS, ids=lambda d: d.path.stem)
def test_no_glue_plumbing_in_generated_code(generated, doc):
    for version in ("reader", "student"):
        code = "\n".join(c.source for c in generated[version][doc.path.name].cells
                         if c.cell_type == "code")
        if "glue(" not in code:
            assert "myst_nb" not in code, "myst_nb import kept without glue"


def test_unknown_constructs_stop_the_generator(tmp_path):
    """A construct without a rule is an error, never silent leftover text."""
    (tmp_path / "book").mkdir()
    (tmp_path / "_config.yml").write_text("html:\n  baseurl: https://example.org/b/\n")
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/intro\nparts:\n  - caption: A\n    numbered: true\n"
        "    chapters:\n      - file: book/01_a\n      - file: book/02_b\n")
    (tmp_path / "book/intro.md").write_text("# Intro\n")
    glue_out = nbformat.v4.new_output(
        "display_data", data={"application/papermill.record/text/plain": "1234.5"},
        metadata={"scrapbook": {"name": "k", "mime_prefix": "application/papermill.record/"}})
    for name, body in [("01_a", "(ch-a)=\n# A\n\nx"),
                       ("02_b", "(ch-b)=\n# B\n\n```{prf:definition} D\n:label: def-d\n\n"
                                "Value {glue:text}`k:,.1f`, see {ref}`ch-a`.\n```\n\n"
                                "```{exercise} E\n:label: ex-e\n\nUse {prf:ref}`def-d`.\n```")]:
        nb = nbformat.v4.new_notebook()
        code = nbformat.v4.new_code_cell("glue('k', 1234.5, display=False)",
                                         metadata={"tags": ["remove-cell"]})
        code.outputs = [glue_out]
        nb.cells = [nbformat.v4.new_markdown_cell(body), code]
        nbformat.write(nb, tmp_path / f"book/{name}.ipynb")
    book = gen.index_book(tmp_path)
    nb = gen.generate(book, book.chapters()[1], "student")
    text = _markdown(nb)
    assert "**Definition 2.1 (D).**" in text
    assert "Value 1,234.5, see [A](https://example.org/b/book/01_a.html#ch-a)" in text
    assert "### Exercise 2.1 (E)" in text and "[Definition 2.1](#def-d)" in text
    assert not any("glue(" in c.source for c in nb.cells)
    for bad, message in [("{foo}`x`", "role"), ("```{mystery}\nx\n```", "directive"),
                         ("{glue:text}`missing`", "glue key")]:
        nbx = nbformat.v4.new_notebook()
        nbx.cells = [nbformat.v4.new_markdown_cell("(ch-b)=\n# B\n\n" + bad)]
        nbformat.write(nbx, tmp_path / "book/02_b.ipynb")
        book = gen.index_book(tmp_path)
        with pytest.raises(gen.GenerationError, match=message):
            gen.generate(book, book.chapters()[1], "reader")
