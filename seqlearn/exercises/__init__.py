"""Self-check functions for the exercises.

Every check returns a :class:`Feedback`, which shows as a short verdict in a notebook
and is truthy when the answer is right. The verdict is wrapped to the book's code column
(:data:`WIDTH` characters), with the hint, if any, on its own line. Checks never raise on
a wrong *answer*, whatever its type: a student who passes a string where a number is
expected is told so.

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
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from numbers import Real
from typing import Any, Callable, Iterable, Sequence

__all__ = ["WIDTH", "Feedback", "check_number", "check_choice", "check_function"]

#: Verdicts are wrapped to this many characters, the width of the book's code column.
WIDTH: int = 76

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
        text = str(self.message)
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
    if isinstance(answer, bool) or not isinstance(answer, Real):
        try:  # numpy scalars and 0-d arrays
            answer = answer.item()  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            return None
        if isinstance(answer, bool) or not isinstance(answer, Real):
            return None
    x = float(answer)
    return x if math.isfinite(x) else None


def check_number(answer: Any, expected: float, *, rel_tol: float = 1e-3,
                 abs_tol: float = 0.0, hint: str = "") -> Feedback:
    """Check a numeric answer against ``expected`` within a tolerance."""
    x = _as_number(answer)
    if x is None:
        return _not_yet(f"expected a number, got {type(answer).__name__}", hint)
    if math.isclose(x, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return _ok()
    direction = "too high" if x > expected else "too low"
    return _not_yet(f"{x:g} is {direction}", hint)


def check_choice(answer: Any, expected: str, *, options: Iterable[str],
                 hint: str = "") -> Feedback:
    """Check a multiple-choice answer (case-insensitive letter or word)."""
    opts = [str(o).lower() for o in options]
    if not isinstance(answer, str):
        return _not_yet(f"expected one of {opts} as a string, got {type(answer).__name__}", hint)
    a = answer.strip().lower()
    if a not in opts:
        return _not_yet(f"{answer!r} is not one of the options {opts}", hint)
    return _ok() if a == expected.lower() else _not_yet(f"{answer!r} is not the best answer", hint)


def check_function(fn: Any, cases: Sequence[tuple[tuple, Any]], *,
                   compare: Callable[[Any, Any], bool] | None = None,
                   hint: str = "") -> Feedback:
    """Call a student's function on each ``(args, expected)`` case and compare results.

    ``compare`` defaults to ``math.isclose`` for numbers and ``==`` otherwise.
    Exceptions raised by the student's code are reported, not propagated.
    """
    if not callable(fn):
        return _not_yet(f"expected a function, got {type(fn).__name__}", hint)

    def same(got: Any, want: Any) -> bool:
        if compare is not None:
            return bool(compare(got, want))
        g, w = _as_number(got), _as_number(want)
        if g is not None and w is not None:
            return math.isclose(g, w, rel_tol=1e-6, abs_tol=1e-12)
        return bool(got == want)

    for args, want in cases:
        try:
            got = fn(*args)
        except Exception as exc:  # noqa: BLE001 - any student error becomes feedback
            return _not_yet(f"calling it with {args!r} raised {type(exc).__name__}: {exc}", hint)
        if not same(got, want):
            return _not_yet(f"for input {args!r} it returned {got!r}, expected {want!r}", hint)
    return _ok(f"All {len(cases)} cases pass.")
