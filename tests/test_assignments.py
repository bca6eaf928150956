"""Autograded assignments (Otter-Grader): built from the book's own exercises and graded
offline, without Docker.

For chapter 3 the assignment is built, then three submissions are graded with
``otter run`` (what an instructor runs): the solution notebook gets full marks, the blank
student notebook gets zero, and a notebook with one wrong answer loses exactly that
question's point.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import chapter_info as ci  # noqa: E402
import make_assignments as ma  # noqa: E402

OTTER = Path(sys.executable).with_name("otter")
CHAPTER = "ch03"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignments")
    ma.build(out, [CHAPTER])
    return out / CHAPTER


def grade(built: Path, nb, workdir: Path) -> dict[str, float]:
    """Scores by question from ``otter run`` on one submission (named as the assignment)."""
    workdir.mkdir()
    sub = workdir / f"{CHAPTER}.ipynb"
    nbformat.write(nb, sub)
    out = workdir / "out"
    out.mkdir()
    done = subprocess.run([str(OTTER), "run", "-a", str(built / "autograder" /
                          f"{CHAPTER}-autograder.zip"), str(sub), "-o", str(out), "--no-logo"],
                          capture_output=True, text=True, cwd=workdir, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    results = json.loads((out / "results.json").read_text())
    return {t["name"]: t["score"] for t in results["tests"] if t["name"] != "Public Tests"}


def _questions():
    chapter = ci.info(next(p for p in ci.chapters() if p.name.startswith(CHAPTER[2:])))
    return [ex for ex in chapter.exercises if ex.gradable]


def test_solution_gets_full_marks(built, tmp_path):
    nb = nbformat.read(built / "autograder" / f"{CHAPTER}.ipynb", as_version=4)
    scores = grade(built, nb, tmp_path / "solution")
    assert scores == {ex.label: 1.0 for ex in _questions()}


def test_blank_student_copy_gets_zero(built, tmp_path):
    nb = nbformat.read(built / "student" / f"{CHAPTER}.ipynb", as_version=4)
    scores = grade(built, nb, tmp_path / "blank")
    assert scores == {ex.label: 0.0 for ex in _questions()}


def test_one_wrong_answer_loses_that_question(built, tmp_path):
    nb = nbformat.read(built / "autograder" / f"{CHAPTER}.ipynb", as_version=4)
    wrong = "ex-ch03-deterrent"
    # the answer cell of that question: the student's template with a wrong number
    template = next(ex.template for ex in _questions() if ex.label == wrong)
    cell = next(c for c in nb.cells if c.cell_type == "code"
                and "check_deterrent_stake" in c.source
                and "otter_assign_solution_cell" in c.metadata.get("tags", []))
    cell.source = "\n".join(template).replace("answer = None", "answer = 100_000")
    scores = grade(built, nb, tmp_path / "wrong")
    expected = {ex.label: 1.0 for ex in _questions()}
    expected[wrong] = 0.0
    assert scores == expected


def test_student_copy_holds_no_solution(built):
    nb = nbformat.read(built / "student" / f"{CHAPTER}.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells)
    for ex in _questions():
        for sol in ex.solution:
            shown = "\n".join(ex.template)  # the prompt the student is meant to see
            body = [line for line in sol.splitlines() if line.strip() not in shown]
            assert not any(line in text for line in body if len(line) > 25), ex.label
        assert f'grader.check("{ex.label}")' in text
    assert "{glue" not in text and "{exercise}" not in text
    assert (built / "autograder" / f"{CHAPTER}-autograder.zip").exists()


def test_every_chapter_exports():
    for path in ci.chapters():
        nb, chapter = ma.assign_notebook(path)
        gradable = [ex for ex in chapter.exercises if ex.gradable]
        assert gradable, chapter.chapter_id
        assert sum("BEGIN QUESTION" in c.source for c in nb.cells) == len(gradable)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "{glue" not in text, chapter.chapter_id
