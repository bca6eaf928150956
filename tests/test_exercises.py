"""The self-check helpers: right answers pass, wrong ones get a hint, wrong types never crash."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st

from seqlearn.exercises import Feedback, check_choice, check_function, check_number


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
