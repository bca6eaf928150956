"""Quizzes: every chapter's data is well formed, answers agree with the models, the HTML is
accessible markup, and the insertion script is idempotent."""

from __future__ import annotations

import html
import importlib
import math
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, strategies as st

from seqlearn import optimistic, params, quizzes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import insert_quizzes  # noqa: E402

CHAPTERS = quizzes.chapters()
ALL = [q for c in CHAPTERS for q in quizzes.questions(c)]


def test_chapters_one_to_six_have_quizzes():
    assert {"ch01", "ch02", "ch03", "ch04", "ch05", "ch06"} <= set(CHAPTERS)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_data(chapter):
    qs = quizzes.questions(chapter)
    assert len(qs) >= 4
    assert {q["kind"] for q in qs} <= set(quizzes.KINDS)
    for q in qs:
        assert q["id"].startswith(chapter + "-")
        assert len(q["explain"]) > 20
        # the right answer is accepted, in the form a reader types it
        if q["kind"] == "choice":
            assert quizzes.is_correct(q, q["answer"])
            wrong = (q["answer"] + 1) % len(q["options"])
            assert not quizzes.is_correct(q, wrong)
        else:
            assert math.isfinite(q["answer"])
            assert quizzes.is_correct(q, f"{q['answer']:,.10g}")
            assert not quizzes.is_correct(q, q["answer"] * 1.5 + 1)


def test_ids_unique_across_book():
    ids = [q["id"] for c in CHAPTERS for q in quizzes.questions(c)]
    assert len(ids) == len(set(ids))


def test_numeric_answers_come_from_seqlearn():
    # A protocol upgrade changes params; the quiz follows. Spot checks of three chapters.
    ch01 = {q["id"]: q for q in quizzes.questions("ch01")}
    assert ch01["ch01-arb-delay"]["answer"] == pytest.approx(
        params.value("arbitrum.delay_blocks") * 12 / 3600)
    ch04 = {q["id"]: q for q in quizzes.questions("ch04")}
    assert ch04["ch04-bold-bond"]["answer"] == params.value("arbitrum.bold.assertion_stake")
    assert ch04["ch04-rounds"]["answer"] == 20  # ceil(log2 10^6)
    ch05 = {q["id"]: q for q in quizzes.questions("ch05")}
    assert ch05["ch05-survival"]["answer"] == pytest.approx((1 - 1e-4) ** 50_400)
    assert ch05["ch05-interest"]["answer"] == pytest.approx(
        100_000 * math.expm1(0.05 * 7 / 365))
    assert optimistic.days_to_blocks(7) == 50_400


def test_number_parsing():
    q = dict(kind="number", answer=67682.19, rel_tol=0.01)
    for typed in ("67682", "67,682", " 67 682 ", "6.77e4", "+67682.19"):
        assert quizzes.is_correct(q, typed), typed
    for typed in ("", "abc", "67682 USD", "--1", None, True, float("nan"), 10**400):
        assert not quizzes.is_correct(q, typed), typed


@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.none()))
def test_is_correct_never_raises_on_a_response(response):
    for q in ALL:
        assert quizzes.is_correct(q, response) in (True, False)


def test_bad_data_is_refused():
    good = dict(id="ch01-x", kind="choice", question="Q?", options=["a", "b"], answer=0,
                explain="Because.")
    quizzes.validate_question(good)
    for change in (dict(answer=2), dict(kind="essay"), dict(options=["only"]),
                   dict(id="x"), dict(explain=""), dict(answer=True)):
        with pytest.raises((ValueError, TypeError)):
            quizzes.validate_question({**good, **change})
    with pytest.raises(ValueError, match="chapter"):
        quizzes.questions("ch99")
    with pytest.raises(ValueError, match="chapter"):
        quizzes.to_html("../etc")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_html_is_labelled_and_escaped(chapter):
    page = quizzes.to_html(chapter)
    qs = quizzes.questions(chapter)
    assert page.count("<form") == len(qs)
    assert page.count('role="status"') == len(qs)
    assert page.count('aria-live="polite"') == len(qs)
    assert page.count('type="submit"') == len(qs)
    # every input has a label that points at it
    for input_id in re.findall(r'<input [^>]*id="([^"]+)"', page):
        assert f'<label for="{input_id}">' in page
    # every question's text and reason is on the page, escaped
    for q in qs:
        assert html.escape(q["question"], quote=True) in page
        assert html.escape(q["explain"], quote=True) in page
    assert "<script" not in page
    assert "<script>" in quizzes.to_html(chapter, inline_script=True)


def test_text_form_has_answers():
    text = quizzes.to_text("ch04")
    questions, answers = text.split("\nAnswers\n")
    assert "20 rounds" in answers
    assert "20 rounds" not in questions


def test_notebook_display():
    q = quizzes.quiz("ch03")
    assert "<form" in q._repr_html_() and "<script>" in q._repr_html_()
    assert "ch03" in repr(q)


def _chapter_nb(tmp_path, with_quiz=False):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"),
                nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_markdown_cell("## Exercises\n\nDo this."),
                nbformat.v4.new_markdown_cell("## Summary")]
    path = tmp_path / "03_slashing.ipynb"
    nbformat.write(nb, path)
    return path


def test_insert_is_idempotent_and_placed_before_exercises(tmp_path):
    path = _chapter_nb(tmp_path)
    assert insert_quizzes.main([str(path)]) == 0
    once = path.read_text()
    assert insert_quizzes.main(["--check", str(path)]) == 0
    assert insert_quizzes.main([str(path)]) == 0
    assert path.read_text() == once
    nb = nbformat.read(path, as_version=4)
    sources = [c.source for c in nb.cells]
    i = next(i for i, s in enumerate(sources) if "```{quiz} ch03" in s)
    assert sources[i + 1].startswith("## Exercises")
    assert sum("{quiz}" in s for s in sources) == 1
    # a quiz cell moved elsewhere by an edit is put back, not duplicated
    cell = nb.cells.pop(i)
    nb.cells.insert(0, cell)
    nb.cells.append(nbformat.v4.new_markdown_cell("```{quiz} ch03\n```"))
    nbformat.write(nb, path)
    assert insert_quizzes.main(["--check", str(path)]) == 1
    insert_quizzes.main([str(path)])
    assert path.read_text() == once


def test_insert_skips_chapters_without_data(tmp_path):
    path = _chapter_nb(tmp_path)
    target = tmp_path / "99_future.ipynb"
    path.rename(target)
    before = target.read_text()
    assert insert_quizzes.main([str(target)]) == 0
    assert target.read_text() == before


def test_book_chapters_hold_their_quiz():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "insert_quizzes.py"),
                          "--check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def test_instructor_guide_reads_every_chapter():
    """The guide's facts come from the notebooks: every chapter parses, with a time
    estimate, known prerequisites and exercises; every rated exercise exists."""
    import yaml

    import chapter_info as ci

    chapters = [ci.info(p) for p in ci.chapters()]
    labels = {c.label for c in chapters}
    exercises = {e.label for c in chapters for e in c.exercises}
    for c in chapters:
        assert 15 <= c.minutes_read <= 240, c.chapter_id
        assert set(c.prerequisites) <= labels - {c.label}, c.chapter_id
        assert c.exercises and all(e.kind for e in c.exercises), c.chapter_id
    rated = yaml.safe_load((ROOT / "book" / "instructor" / "difficulty.yml").read_text())
    assert set(rated) <= exercises, set(rated) - exercises
    assert set(rated.values()) <= {"easy", "medium", "hard"}
