"""The self-check helpers: right answers pass, wrong ones get a hint, wrong types never crash."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from seqlearn.exercises import WIDTH, Feedback, check_choice, check_function, check_number


def test_number_right_and_wrong():
    assert check_number(19.2, 19.2)
    fb = check_number(24, 19.2, hint="use 12-second slots")
    assert not fb and "too high" in fb.message and "12-second" in fb.message
    assert "too low" in check_number(1, 19.2).message


def test_number_accepts_numpy_scalars_and_tolerance():
    assert check_number(np.float64(6.36), 6.4, rel_tol=0.01)
    assert check_number(np.array(3.0), 3)
    assert not check_number(6.0, 6.4, rel_tol=0.01)


@given(st.one_of(st.text(), st.none(), st.lists(st.integers()), st.booleans(),
                 st.just(float("nan")), st.just(float("inf")), st.dictionaries(st.text(), st.text())))
def test_number_never_crashes_on_wrong_types(answer):
    fb = check_number(answer, 1.0)
    assert isinstance(fb, Feedback) and not fb
    assert fb.message.startswith("Not yet")


def test_choice():
    assert check_choice(" B ", "b", options="abc")
    assert "not one of the options" in check_choice("d", "b", options="abc").message
    assert "as a string" in check_choice(2, "b", options="abc").message
    assert not check_choice("a", "b", options="abc")


def test_function_cases_and_student_errors():
    cases = [((2,), 4), ((3,), 9)]
    assert check_function(lambda x: x * x, cases)
    wrong = check_function(lambda x: x + x, cases)
    assert not wrong and "for input (3,)" in wrong.message
    boom = check_function(lambda x: 1 / 0, cases)
    assert not boom and "ZeroDivisionError" in boom.message
    assert "expected a function" in check_function(42, cases).message


def test_feedback_repr_is_the_message():
    fb = check_number(1, 1)
    assert repr(fb) == "Correct." and fb.correct


def test_feedback_puts_the_hint_on_its_own_line_and_wraps_to_the_column():
    fb = check_number("six", 6.4, hint="blocks x 12 s")
    assert fb.message == "Not yet: expected a number, got str.\nHint: blocks x 12 s"
    long = check_function(lambda x: "word " * 40, [((1,), 2)], hint="return a number " * 8)
    lines = long.message.splitlines()
    assert len(lines) > 2 and max(map(len, lines)) <= WIDTH == 76
    hint_at = [i for i, line in enumerate(lines) if line.startswith("Hint: ")]
    assert len(hint_at) == 1 and hint_at[0] > 0
    assert " ".join(lines[hint_at[0]:]) == "Hint: " + " ".join(["return a number"] * 8)


def test_feedback_collapses_whitespace_and_keeps_long_words_whole():
    assert Feedback(False, "  Not yet:\t3 is\n\n too low.  Hint:\nadd  one ").message == (
        "Not yet: 3 is too low.\nHint: add one")
    word = "x" * 90
    fb = Feedback(False, f"Not yet: {word} is wrong. Hint: {word}")
    assert fb.message.splitlines() == ["Not yet:", word, "is wrong.", "Hint:", word]
    assert Feedback(True, "Correct.").message == "Correct."
    assert Feedback(False, "Hint: only a hint").message == "Hint: only a hint"


def test_feedback_is_idempotent_when_the_verdict_ends_in_hint_colon():
    # "Hint:" glued to the real "Hint: " becomes a second split point once the new line
    # between them reads as a space; the layout must settle on the earlier one at once.
    once = Feedback(False, "aHint:Hint: b").message
    assert Feedback(False, once).message == once == "a\nHint: Hint: b"


_words = st.text(alphabet=st.sampled_from("ab:H int.,\t\n\u00a0"), max_size=30)
_messages = st.lists(st.one_of(_words, st.just("Hint: "), st.just(" Hint:"),
                               st.text(min_size=70, max_size=120)), max_size=12).map("".join)


@given(_messages, st.booleans())
def test_feedback_layout_is_idempotent(message, correct):
    once = Feedback(correct, message).message
    assert Feedback(correct, once).message == once


@given(_messages)
def test_feedback_lines_fit_unless_one_word_is_longer(message):
    text = Feedback(False, message).message
    for line in text.splitlines():
        assert len(line) <= WIDTH or " " not in line, line         # one long word
        assert line == line.strip() and "  " not in line
    assert "".join(text.split()) == "".join(message.split())     # only whitespace changes


# --- Issue 7: a self-check never raises, whatever the student hands it -------------------

def test_check_function_array_result_is_feedback_not_an_exception():
    import numpy as np
    fb = check_function(lambda x: np.array([x, x]), [((1,), 1)])
    assert not fb and "returned array([1, 1])" in fb.message
    assert check_function(lambda x: np.array([x, 2 * x]), [((1,), np.array([1, 2]))])


def test_check_function_comparison_that_raises_is_feedback():
    class Weird:
        def __eq__(self, other):
            raise RuntimeError("no ==")

        __hash__ = object.__hash__

    fb = check_function(lambda: Weird(), [((), "x")])
    assert not fb and "cannot be compared" in fb.message
    fb = check_function(lambda: 1, [((), 1)], compare=lambda g, w: 1 / 0)
    assert not fb and "ZeroDivisionError" in fb.message


def test_ints_beyond_the_float_range_are_feedback():
    assert "too high" in check_number(10**400, 6.4).message
    assert "too low" in check_number(-10**400, 6.4).message
    fb = check_function(lambda: 10**400, [((), 1.0)])
    assert not fb


def test_blank_answer_gets_the_friendly_message():
    for fb in (check_number(None, 1.0), check_choice(None, "a", options="ab"),
               check_function(None, [((), 1)])):
        assert not fb
        assert fb.message == "Not yet: you have not answered yet: replace None with your answer."
    fb = check_number(None, 1.0, hint="think")
    assert fb.message.endswith("answer.\nHint: think")
    from seqlearn.exercises import ch04
    assert "replace None" in ch04.check_one_step(None).message
    assert "replace None" in ch04.check_block_rounds(None, 9).message


# --- hints point at the idea; feedback names common mistakes (issue 8) -------------------

import importlib  # noqa: E402
import inspect  # noqa: E402
import re  # noqa: E402

CHAPTER_CHECKS = [
    (name, fn)
    for n in range(1, 7)
    for name, fn in vars(importlib.import_module(f"seqlearn.exercises.ch{n:02d}")).items()
    if name.startswith("check_") and callable(fn)
    and fn.__module__ == f"seqlearn.exercises.ch{n:02d}"
]
FORMULA = re.compile(r"[=*^/]|\bx\b|sqrt|exp\(|\d\s*[-+]\s*\d|//")


@pytest.mark.parametrize("name, fn", CHAPTER_CHECKS, ids=[n for n, _ in CHAPTER_CHECKS])
def test_first_hint_points_at_the_idea_not_the_formula(name, fn):
    n_args = len(inspect.signature(fn).parameters)
    fb = fn(*(["not an answer"] * n_args))
    assert not fb.correct
    hint = fb.message.partition("Hint:")[2]
    assert hint.strip(), f"{name} gives no hint for a wrong answer"
    assert not FORMULA.search(hint), f"{name}'s hint gives a formula away: {hint!r}"


def test_deterrent_stake_without_the_reporter_share_is_named():
    from seqlearn.exercises import ch03
    fb = ch03.check_deterrent_stake(100_000)
    assert not fb.correct
    text = " ".join(fb.message.split())
    assert "100,000" in text and "reporter's share" in text
    assert "Hint" not in fb.message


def test_a_tempting_option_is_told_why_not():
    from seqlearn.exercises import ch03
    fb = ch03.check_electra_reason("d")
    assert not fb.correct and "different Electra change" in " ".join(fb.message.split())


def test_a_value_exercise_does_not_print_its_answer():
    from seqlearn.exercises import ch01
    fb = ch01.check_median_soft_latency(lambda result: -1.0)
    text = " ".join(fb.message.split())
    assert not fb.correct and "expected" not in text and "not right" in text


def test_mistakes_are_validated():
    with pytest.raises(TypeError, match="mistakes"):
        check_number(1, 2, mistakes="oops")
    with pytest.raises(TypeError, match=r"mistakes\[0\]"):
        check_number(1, 2, mistakes=[1])
