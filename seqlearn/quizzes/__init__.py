"""Quick checks (quizzes) for every chapter: data, a checker, and HTML for pages and notebooks.

Each chapter's questions are data in ``seqlearn.quizzes.chNN`` (``QUESTIONS``, a list of
dicts). A question is either a multiple choice::

    dict(id="ch04-rounds", kind="choice", question="...", options=["...", "..."],
         answer=1, explain="why, shown after any answer")

or a number::

    dict(id="ch04-bond", kind="number", question="...", answer=3600, rel_tol=0.01,
         unit="ETH", explain="...")

Numeric answers are computed with seqlearn (params or models), never typed in, so a quiz
agrees with the book's numbers. The same HTML serves the web page (the ``{quiz}``
directive of ``_ext/quiz.py``) and the notebooks (:func:`quiz`); a small script
(``static/quiz.js``) checks an answer in the browser, with no kernel, and writes the
verdict and the reason into a live region that screen readers announce.

Examples
--------
>>> "ch01" in chapters()
True
>>> q = questions("ch04")[0]
>>> is_correct(q, q["answer"])
True
>>> is_correct(dict(kind="number", answer=100.0, rel_tol=0.01), "100.9")
True
"""

from __future__ import annotations

import html
import importlib
import math
import pkgutil
import re
from pathlib import Path
from typing import Any

from seqlearn import validation as v

__all__ = [
    "KINDS",
    "STATIC_DIR",
    "chapters",
    "questions",
    "validate_question",
    "is_correct",
    "format_answer",
    "to_html",
    "to_text",
    "script",
    "Quiz",
    "quiz",
    "directive",
    "notebook_source",
]

#: The kinds of question a quiz can hold.
KINDS: tuple[str, ...] = ("choice", "number")
#: Folder of the browser script and style sheet (``quiz.js``, ``quiz.css``).
STATIC_DIR: Path = Path(__file__).resolve().parent / "static"

_CHAPTER = re.compile(r"ch\d\d")
_ID = re.compile(r"ch\d\d-[a-z0-9-]+")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", re.IGNORECASE)
_LETTERS = "abcdefghij"


def chapters() -> list[str]:
    """The chapters that have quiz data (``"ch01"``, ...), in order.

    Returns
    -------
    list of str
        Names of the modules ``seqlearn.quizzes.chNN`` that exist.

    Examples
    --------
    >>> chapters()[:2]
    ['ch01', 'ch02']
    """
    return sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                  if _CHAPTER.fullmatch(m.name))


def _chapter(chapter: Any) -> str:
    name = v.text("chapter", chapter)
    if not _CHAPTER.fullmatch(name):
        raise v.fail("chapter", "a chapter name such as 'ch03'", chapter)
    return v.option("chapter", name, chapters())


def validate_question(q: Any) -> dict[str, Any]:
    """Check one question's data and return it with defaults filled in.

    Parameters
    ----------
    q : dict
        A question as described in the module docstring.

    Returns
    -------
    dict
        A new dict; numbers get ``rel_tol`` (default 0.01), ``abs_tol`` (0) and ``unit``
        (``""``).

    Raises
    ------
    ValueError, TypeError
        If a field is missing or of the wrong kind.

    Examples
    --------
    >>> validate_question(dict(id="ch01-x", kind="number", question="How many?",
    ...                        answer=2, explain="Two."))["rel_tol"]
    0.01
    """
    q = dict(v.instance("question", q, dict))
    qid = v.text("id", q.get("id"))
    if not _ID.fullmatch(qid):
        raise v.fail("id", "of the form 'chNN-some-name'", qid)
    v.text("question", q.get("question"))
    v.text("explain", q.get("explain"))
    q.update(_minimal(q))
    return q


def questions(chapter: str) -> list[dict[str, Any]]:
    """The checked questions of one chapter.

    Parameters
    ----------
    chapter : str
        ``"ch01"`` ... (see :func:`chapters`).

    Returns
    -------
    list of dict
        Each question validated by :func:`validate_question`.

    Raises
    ------
    ValueError
        If the chapter has no quiz data, or two questions share an id.

    Examples
    --------
    >>> len(questions("ch01")) >= 4
    True
    """
    name = _chapter(chapter)
    module = importlib.import_module(f"{__name__}.{name}")
    qs = [validate_question(q) for q in module.QUESTIONS]
    ids = [q["id"] for q in qs]
    if len(set(ids)) != len(ids):
        raise v.fail("QUESTIONS", "questions with distinct ids", ids)
    if any(not i.startswith(name + "-") for i in ids):
        raise v.fail("QUESTIONS", f"ids that start with '{name}-'", ids)
    return qs


def _parse_number(response: Any) -> float | None:
    if isinstance(response, bool):
        return None
    if isinstance(response, (int, float)):
        try:
            x = float(response)
        except OverflowError:
            return None
        return x if math.isfinite(x) else None
    text = re.sub(r"[\s,_]", "", str(response))
    if not _NUMBER.fullmatch(text):
        return None
    x = float(text)
    return x if math.isfinite(x) else None


def _minimal(q: Any) -> dict[str, Any]:
    """The fields that checking and showing an answer need, validated."""
    q = v.instance("question", q, dict)
    kind = v.option("kind", q.get("kind"), KINDS)
    out: dict[str, Any] = {"kind": kind}
    if kind == "choice":
        options = q.get("options")
        if not isinstance(options, (list, tuple)) or not 2 <= len(options) <= 10:
            raise v.fail("options", "a list of 2 to 10 strings", options)
        out["options"] = [v.text("option", o) for o in options]
        out["answer"] = v.integer("answer", q.get("answer"), lo=0, hi=len(options) - 1)
    else:
        out["answer"] = v.real("answer", q.get("answer"))
        out["rel_tol"] = v.nonnegative("rel_tol", q.get("rel_tol", 0.01), hi=1.0)
        out["abs_tol"] = v.nonnegative("abs_tol", q.get("abs_tol", 0.0), hi=1e300)
        out["unit"] = v.text("unit", q.get("unit", ""), allow_empty=True)
    return out


def is_correct(question: dict[str, Any], response: Any) -> bool:
    """Whether ``response`` answers ``question`` (the rule that ``quiz.js`` applies).

    A choice is right when the response is the index of the right option (or its letter,
    ``"a"``, ``"b"``, ...). A number is right within ``rel_tol`` of the answer (or
    ``abs_tol``); thousands separators and spaces in a typed number are ignored.

    Parameters
    ----------
    question : dict
        A question (see :func:`validate_question`).
    response : object
        The reader's answer.

    Returns
    -------
    bool

    Examples
    --------
    >>> q = dict(kind="choice", answer=1, options=["x", "y"])
    >>> is_correct(q, "b"), is_correct(q, 0)
    (True, False)
    >>> is_correct(dict(kind="number", answer=19.2, rel_tol=0.01), "19.2")
    True
    """
    q = _minimal(question)
    if q["kind"] == "choice":
        if isinstance(response, str) and len(response) == 1 and response.isalpha():
            response = _LETTERS.find(response.lower())
        return (isinstance(response, int) and not isinstance(response, bool)
                and response == q["answer"])
    x = _parse_number(response)
    if x is None:
        return False
    return math.isclose(x, q["answer"], rel_tol=q["rel_tol"], abs_tol=q["abs_tol"])


def format_answer(question: dict[str, Any]) -> str:
    """The right answer as a reader sees it: ``"(b) text"`` or ``"19.2 hours"``.

    Parameters
    ----------
    question : dict
        A validated question.

    Returns
    -------
    str

    Examples
    --------
    >>> format_answer(dict(kind="number", answer=19.2, unit="hours"))
    '19.2 hours'
    >>> format_answer(dict(kind="choice", answer=0, options=["yes", "no"]))
    '(a) yes'
    """
    q = _minimal(question)
    if q["kind"] == "choice":
        i = q["answer"]
        return f"({_LETTERS[i]}) {q['options'][i]}"
    x = q["answer"]
    shown = f"{x:,.0f}" if 1e3 <= abs(x) < 1e15 else f"{x:.4g}"
    return f"{shown} {q['unit']}".strip()


def _esc(text: str) -> str:
    return html.escape(str(text), quote=True)


def _question_html(q: dict[str, Any], n: int) -> str:
    qid = _esc(q["id"])
    data = (f'data-kind="{q["kind"]}" data-answer="{_esc(repr(q["answer"]))}" '
            f'data-explain="{_esc(q["explain"])}" '
            f'data-solution="{_esc(format_answer(q))}"')
    out = [f'<form class="sq-q" id="quiz-{qid}" {data} novalidate>']
    if q["kind"] == "choice":
        out.append(f'<fieldset><legend><span class="sq-n">{n}.</span> '
                   f'{_esc(q["question"])}</legend>')
        for i, option in enumerate(q["options"]):
            oid = f"quiz-{qid}-{i}"
            out.append(f'<div class="sq-option"><input type="radio" name="quiz-{qid}" '
                       f'id="{oid}" value="{i}"><label for="{oid}">'
                       f'({_LETTERS[i]}) {_esc(option)}</label></div>')
        out.append("</fieldset>")
    else:
        unit = _esc(q["unit"])
        out.append(f'<data class="sq-tol" value="{q["rel_tol"]!r} {q["abs_tol"]!r}"></data>')
        out.append(f'<p class="sq-prompt"><label for="quiz-{qid}-in"><span class="sq-n">'
                   f'{n}.</span> {_esc(q["question"])}</label></p>')
        described = f' aria-describedby="quiz-{qid}-unit"' if unit else ""
        out.append(f'<p class="sq-number"><input type="text" inputmode="decimal" '
                   f'autocomplete="off" id="quiz-{qid}-in"{described}>')
        if unit:
            out.append(f' <span class="sq-unit" id="quiz-{qid}-unit">{unit}</span>')
        out.append("</p>")
    out.append('<p class="sq-actions"><button type="submit" class="sq-check">Check'
               '</button></p>')
    out.append('<p class="sq-feedback" role="status" aria-live="polite"></p>')
    out.append("</form>")
    return "".join(out)


def script() -> str:
    """The browser script and style as inline ``<style>``/``<script>`` (for notebooks).

    Returns
    -------
    str

    Examples
    --------
    >>> script().startswith("<style>")
    True
    """
    css = (STATIC_DIR / "quiz.css").read_text(encoding="utf-8")
    js = (STATIC_DIR / "quiz.js").read_text(encoding="utf-8")
    return f"<style>{css}</style><script>{js}</script>"


def to_html(chapter: str, *, inline_script: bool = False) -> str:
    """The quiz of one chapter as an HTML fragment.

    Parameters
    ----------
    chapter : str
        ``"ch01"`` ...
    inline_script : bool, optional
        Add the script and style inline (for a notebook); the web page loads them as
        files instead.

    Returns
    -------
    str
        A ``<section class="sq-quiz">`` with one form per question.

    Examples
    --------
    >>> '<section class="sq-quiz"' in to_html("ch02")
    True
    """
    name = _chapter(chapter)
    inline = v.boolean("inline_script", inline_script)
    body = "".join(_question_html(q, i) for i, q in enumerate(questions(name), 1))
    head = (f'<section class="sq-quiz" data-chapter="{name}" aria-label="Quick check">'
            '<p class="sq-intro">Answer, then press <em>Check</em> (or Enter). The reason '
            'is shown after any answer; nothing is recorded.</p>')
    return head + body + "</section>" + (script() if inline else "")


def to_text(chapter: str) -> str:
    """The quiz as plain text with the answers at the end (for print and the PDF).

    Parameters
    ----------
    chapter : str
        ``"ch01"`` ...

    Returns
    -------
    str

    Examples
    --------
    >>> "Answers" in to_text("ch03")
    True
    """
    qs = questions(_chapter(chapter))
    lines = []
    for i, q in enumerate(qs, 1):
        unit = f" ({q['unit']})" if q["kind"] == "number" and q["unit"] else ""
        lines.append(f"{i}. {q['question']}{unit}")
        if q["kind"] == "choice":
            lines += [f"   ({_LETTERS[j]}) {o}" for j, o in enumerate(q["options"])]
    lines.append("")
    lines.append("Answers")
    lines += [f"{i}. {format_answer(q).rstrip('.')}. {q['explain']}"
              for i, q in enumerate(qs, 1)]
    return "\n".join(lines)


class Quiz:
    """A chapter's quiz that displays itself in Jupyter (HTML with its script).

    Parameters
    ----------
    chapter : str
        ``"ch01"`` ...

    Examples
    --------
    >>> Quiz("ch01")  # doctest: +ELLIPSIS
    Quick check for ch01: ... questions (open in Jupyter to answer them)
    """

    def __init__(self, chapter: str) -> None:
        self.chapter = _chapter(chapter)

    def _repr_html_(self) -> str:
        return to_html(self.chapter, inline_script=True)

    def __repr__(self) -> str:
        return (f"Quick check for {self.chapter}: {len(questions(self.chapter))} questions "
                "(open in Jupyter to answer them)")


def quiz(chapter: str) -> Quiz:
    """Show a chapter's quiz in a notebook: ``quiz("ch03")`` as the last line of a cell.

    Parameters
    ----------
    chapter : str
        ``"ch01"`` ...

    Returns
    -------
    Quiz
        Displays as the interactive quiz.

    Examples
    --------
    >>> quiz("ch02").chapter
    'ch02'
    """
    return Quiz(chapter)


def directive(chapter: str) -> str:
    """The Markdown cell source that puts a chapter's quiz on the web page.

    Parameters
    ----------
    chapter : str
        ``"ch01"`` ...

    Returns
    -------
    str

    Examples
    --------
    >>> print(directive("ch01"))
    ## Quick check
    <BLANKLINE>
    ```{quiz} ch01
    ```
    """
    return f"## Quick check\n\n```{{quiz}} {_chapter(chapter)}\n```"


def notebook_source(chapter: str) -> str:
    """The code cell source that shows a chapter's quiz in a generated notebook.

    Notebook generators replace the ``{quiz}`` directive cell by a Markdown heading and
    a code cell with this source.

    Parameters
    ----------
    chapter : str
        ``"ch01"`` ...

    Returns
    -------
    str

    Examples
    --------
    >>> print(notebook_source("ch05"))
    from seqlearn.quizzes import quiz
    quiz("ch05")
    """
    return f'from seqlearn.quizzes import quiz\nquiz("{_chapter(chapter)}")'
