"""Self-check functions for the exercises.

Every check returns a :class:`Feedback`, which shows as a short verdict in a notebook
and is truthy when the answer is right. The verdict is wrapped to the book's code column
(:data:`WIDTH` characters), with the hint, if any, on its own line. Checks never raise on
a wrong *answer*, whatever its type: a student who passes a string where a number is
expected is told so.

A blank answer (``None``, the value every exercise cell starts with) is told
:data:`BLANK`: "you have not answered yet: replace None with your answer".

Chapter modules (``seqlearn.exercises.ch01`` ...) hold the checks for each chapter's
exercises and are built from the helpers here.

Examples
--------
>>> check_number(6.36, 6.4, rel_tol=0.02, hint="blocks x 12 s")
Correct.
>>> check_number("six", 6.4, hint="blocks x 12 s")
Not yet: expected a number, got str.
Hint: blocks x 12 s
>>> bool(check_choice("b", "B", options="abc"))
True
>>> check_number(None, 6.4)
Not yet: you have not answered yet: replace None with your answer.

Hints point at the idea; the formula and the value belong in the solution. A check can
also name a common mistake when it sees one (``mistakes``):

>>> check_number(100_000, 111_111.1, mistakes=[(100_000, "the reporter's share is "
...                                               "missing")])
Not yet: 100,000 is what you get when the reporter's share is missing.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from numbers import Real
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from seqlearn import validation as v

__all__ = ["WIDTH", "BLANK", "Feedback", "check_number", "check_choice", "check_function"]

#: Verdicts are wrapped to this many characters, the width of the book's code column.
WIDTH: int = 76

#: What a blank answer (``None``) is told.
BLANK: str = "you have not answered yet: replace None with your answer"

#: Longest repr of a student's value quoted in a verdict.
_SHOWN = 300

_HINT = re.compile(r"\s*Hint: ")


def _fit(text: str) -> str:
    """One pass of the layout: collapse whitespace, wrap verdict and hint separately."""
    text = " ".join(text.split())
    verdict, *hint = _HINT.split(text, maxsplit=1)
    parts = [verdict] if verdict else []
    if hint:
        parts.append("Hint: " + hint[0])
    return "\n".join(textwrap.fill(part, width=WIDTH, break_long_words=False,
                                    break_on_hyphens=False) for part in parts)


@dataclass(frozen=True)
class Feedback:
    """The verdict of a self-check: ``correct`` and a message for the student.

    The message is laid out for the book's code column when the object is made: runs of
    whitespace become single spaces, the text before the first ``"Hint: "`` (the verdict)
    and the hint are each wrapped to :data:`WIDTH` characters (words are never broken, so
    only a single longer word can make a line longer), and the hint starts a new line.
    Laying out a laid-out message again changes nothing.

    Examples
    --------
    >>> Feedback(False, "Not yet: 3 is too low.   Hint: add one")
    Not yet: 3 is too low.
    Hint: add one
    >>> Feedback(True, "Correct.")
    Correct.
    """

    correct: bool
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "correct", v.boolean("correct", self.correct))
        text = v.text("message", self.message, allow_empty=True)
        # One pass is already stable, except when the verdict ends in "Hint:" glued to the
        # real "Hint: " (as in "xHint:Hint: y"): the new line between them then reads as a
        # space the next time. Each further pass moves the split left, so this ends.
        while (fitted := _fit(text)) != text:
            text = fitted
        object.__setattr__(self, "message", text)

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return self.message


def _ok(detail: str = "") -> Feedback:
    return Feedback(True, "Correct." + (f" {detail}" if detail else ""))


def _not_yet(reason: str, hint: str) -> Feedback:
    msg = f"Not yet: {reason}."
    if hint:
        msg += f" Hint: {hint}"
    return Feedback(False, msg)


def _as_number(answer: Any) -> float | None:
    """``answer`` as a float (integers beyond the float range become +/-inf), or ``None``
    for NaN and for anything that is not a real number."""
    if isinstance(answer, bool) or not isinstance(answer, Real):
        try:  # numpy scalars and 0-d arrays
            answer = answer.item()  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - anything a student hands in
            return None
        if isinstance(answer, bool) or not isinstance(answer, Real):
            return None
    try:
        x = float(answer)
    except OverflowError:  # an int beyond the float range
        x = math.inf if answer > 0 else -math.inf
    except Exception:  # noqa: BLE001 - exotic Real subclasses
        return None
    return None if math.isnan(x) else x


def _shown(value: Any) -> str:
    """A student's value for a verdict: its repr, cut short, never raising."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**300:
        return f"an integer of about {value.bit_length() * math.log10(2):.0f} digits"
    return v.describe(value, _SHOWN)


def _said(exc: BaseException) -> str:
    """``str(exc)``, cut short, never raising."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - a broken __str__
        text = type(exc).__name__
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _blank(hint: str) -> Feedback:
    return _not_yet(BLANK, hint)


def _mistake_pairs(mistakes: Any, value_check: Callable[[str, Any], Any]) -> list[tuple]:
    """``mistakes`` validated: a sequence of ``(value, what went wrong)`` pairs."""
    if isinstance(mistakes, (str, bytes)) or not isinstance(mistakes, Sequence):
        raise v.fail("mistakes", "a sequence of (value, explanation) pairs", mistakes,
                     TypeError)
    v.count("len(mistakes)", len(mistakes), lo=0, hi=1000)
    pairs = []
    for i, pair in enumerate(mistakes):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise v.fail(f"mistakes[{i}]", "a pair (value, explanation)", pair, TypeError)
        pairs.append((value_check(f"mistakes[{i}][0]", pair[0]),
                      v.text(f"mistakes[{i}][1]", pair[1])))
    return pairs


def check_number(answer: Any, expected: float, *, rel_tol: float = 1e-3,
                 abs_tol: float = 0.0, hint: str = "",
                 mistakes: Sequence[tuple[float, str]] = ()) -> Feedback:
    """Check a numeric answer against ``expected`` within a tolerance.

    ``mistakes`` lists ``(value, what went wrong)`` pairs: an answer within the same
    tolerance of such a value is told ``"<answer> is what you get when <what went wrong>"``
    instead of "too high" or "too low" (and no hint: the explanation is the hint).

    Examples
    --------
    >>> check_number(10**400, 6.4)
    Not yet: an integer of about 400 digits is too high.
    >>> check_number(69_120, 19.2, mistakes=[(69_120, "the time is left in seconds")])
    Not yet: 69,120 is what you get when the time is left in seconds.
    """
    expected = v.real("expected", expected, allow_inf=True)
    rel_tol = v.nonnegative("rel_tol", rel_tol)
    abs_tol = v.nonnegative("abs_tol", abs_tol)
    hint = v.text("hint", hint, allow_empty=True)
    pairs = _mistake_pairs(mistakes, lambda name, x: v.real(name, x))
    if answer is None:
        return _blank(hint)
    x = _as_number(answer)
    if x is None:
        return _not_yet(f"expected a number, got {type(answer).__name__}", hint)
    if x == expected or math.isclose(x, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return _ok()
    for value, why in pairs:
        if x == value or math.isclose(x, value, rel_tol=rel_tol, abs_tol=abs_tol):
            return _not_yet(f"{x:,.10g} is what you get when {why}", "")
    direction = "too high" if x > expected else "too low"
    shown = f"{x:g}" if math.isfinite(x) else _shown(answer)
    return _not_yet(f"{shown} is {direction}", hint)


def check_choice(answer: Any, expected: str, *, options: Iterable[str],
                 hint: str = "", mistakes: Sequence[tuple[str, str]] = ()) -> Feedback:
    """Check a multiple-choice answer (case-insensitive letter or word).

    ``mistakes`` lists ``(option, why it is not the best answer)`` pairs for the tempting
    wrong options; choosing one is told why, instead of the general hint.

    Examples
    --------
    >>> check_choice("a", "b", options="ab", mistakes=[("a", "it came first")])
    Not yet: 'a' is not the best answer: it came first.
    """
    expected = v.text("expected", expected)
    if isinstance(options, (str, bytes)):
        options = list(options)
    if not isinstance(options, Iterable) or isinstance(options, bytes):
        raise v.fail("options", "an iterable of strings", options, TypeError)
    opts = [v.text("options", o).lower() for o in options]
    if expected.lower() not in opts:
        raise v.fail("expected", f"one of the options {opts}", expected)
    hint = v.text("hint", hint, allow_empty=True)
    why_not = {o.lower(): why for o, why in _mistake_pairs(mistakes, v.text)}
    if answer is None:
        return _blank(hint)
    if not isinstance(answer, str):
        return _not_yet(f"expected one of {opts} as a string, got {type(answer).__name__}", hint)
    a = answer.strip().lower()
    if a not in opts:
        return _not_yet(f"{_shown(answer)} is not one of the options {opts}", hint)
    if a != expected.lower() and a in why_not:
        return _not_yet(f"{answer!r} is not the best answer: {why_not[a]}", "")
    return _ok() if a == expected.lower() else _not_yet(f"{answer!r} is not the best answer", hint)


def _same(got: Any, want: Any) -> bool:
    """The default comparison: numbers within 1e-6, arrays element-wise, else ``==``."""
    g, w = _as_number(got), _as_number(want)
    if g is not None and w is not None:
        return g == w or math.isclose(g, w, rel_tol=1e-6, abs_tol=1e-12)
    if isinstance(got, np.ndarray) or isinstance(want, np.ndarray):
        ga, wa = np.asarray(got), np.asarray(want)
        if ga.shape != wa.shape:
            return False
        if ga.dtype.kind in "iuf" and wa.dtype.kind in "iuf":
            return bool(np.allclose(ga, wa, rtol=1e-6, atol=1e-12, equal_nan=False))
        return bool(np.array_equal(ga, wa))
    return bool(got == want)


def check_function(fn: Any, cases: Sequence[tuple[tuple, Any]], *,
                   compare: Callable[[Any, Any], bool] | None = None,
                   hint: str = "", show_expected: bool = True) -> Feedback:
    """Call a student's function on each ``(args, expected)`` case and compare results.

    With ``show_expected=False`` a wrong result is reported without the expected value,
    for exercises whose answer *is* that value (the check must not give it away).

    ``compare`` defaults to ``math.isclose`` for numbers, an element-wise comparison for
    arrays and ``==`` otherwise. Nothing the student's code does propagates: exceptions in
    the call or in the comparison, arrays where a number is expected and numbers beyond the
    float range all become feedback.

    Examples
    --------
    >>> import numpy as np
    >>> check_function(lambda x: np.array([x, x]), [((1,), 1)])
    Not yet: for input (1,) it returned array([1, 1]), expected 1.
    >>> check_function(lambda x: 3, [((1,), 2)], show_expected=False)
    Not yet: for input (1,) it returned 3, which is not right.
    """
    if isinstance(cases, (str, bytes)) or not isinstance(cases, Sequence) or not cases:
        raise v.fail("cases", "a non-empty sequence of (args, expected) pairs", cases,
                     TypeError)
    for i, case in enumerate(cases):
        if not (isinstance(case, tuple) and len(case) == 2 and isinstance(case[0], tuple)):
            raise v.fail(f"cases[{i}]", "a pair (args tuple, expected)", case, TypeError)
    if compare is not None and not callable(compare):
        raise v.fail("compare", "a function of (got, want) or None", compare, TypeError)
    hint = v.text("hint", hint, allow_empty=True)
    show_expected = v.boolean("show_expected", show_expected)
    if fn is None:
        return _blank(hint)
    if not callable(fn):
        return _not_yet(f"expected a function, got {type(fn).__name__}", hint)

    def wanted(want: Any) -> str:
        return f"expected {_shown(want)}" if show_expected else "which is not right"

    for args, want in cases:
        try:
            got = fn(*args)
        except Exception as exc:  # noqa: BLE001 - any student error becomes feedback
            return _not_yet(f"calling it with {_shown(args)} raised "
                            f"{type(exc).__name__}: {_said(exc)}", hint)
        if got is None and want is not None:
            return _not_yet(f"for input {_shown(args)} it returned None, {wanted(want)}",
                            hint)
        try:
            ok = bool(compare(got, want)) if compare is not None else _same(got, want)
        except Exception as exc:  # noqa: BLE001 - e.g. an object whose == raises
            return _not_yet(f"for input {_shown(args)} it returned {_shown(got)}, which "
                            "cannot be compared with the "
                            + (f"expected {_shown(want)}" if show_expected else "answer")
                            + f" ({type(exc).__name__})", hint)
        if not ok:
            return _not_yet(f"for input {_shown(args)} it returned {_shown(got)}, "
                            f"{wanted(want)}", hint)
    return _ok(f"All {len(cases)} cases pass.")
