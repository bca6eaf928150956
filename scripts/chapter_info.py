"""What the instructor guide and the assignments need to know about each chapter, read from
the chapter notebooks themselves (so nothing is typed twice and nothing drifts).

- ``chapters()``: the chapter notebooks ``book/NN_*.ipynb`` in order;
- ``info(path)``: number, title, label, prerequisites (chapter labels from the
  "Prerequisites" cell), time estimates (minutes to read and run, minutes for exercises)
  and the exercises;
- each exercise: number ("3.2"), label, title, kind (``coding``, ``calculation``,
  ``choice`` or ``open``), difficulty, prompt (Markdown), the student template cells, the
  solution code cells, and the self-check calls found in the template;
- ``glue_values(nb)`` and ``resolve_markdown(text, values)``: glued numbers written into
  text (a fallback until the reader/student notebook generator is available).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"

EXERCISE = re.compile(r"```\{exercise\}[ \t]*(?P<title>[^\n]*)\n(?P<opts>(?::[^\n]*\n)*)"
                      r"(?P<body>.*?)\n```", re.S)
LABEL = re.compile(r"^:label:\s*(\S+)", re.M)
DIFFICULTY = re.compile(r"^:class:.*\b(easy|medium|hard)\b", re.M)
REF = re.compile(r"\{ref\}`(?:[^`<]*<)?(ch-[a-z0-9-]+)>?`")
GLUE = re.compile(r"\{glue(?::text)?\}`(?P<key>[^`:]+)(?::(?P<spec>[^`]*))?`")
ROLE = re.compile(r"\{(?:term|ref|numref|doc|prf:ref|cite|cite:t|cite:p)\}`([^`]*)`")


@dataclass
class Exercise:
    number: str
    label: str
    title: str
    kind: str
    difficulty: str
    prompt: str
    template: list[str] = field(default_factory=list)
    solution: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # source of each check_* call

    @property
    def gradable(self) -> bool:
        return bool(self.checks) and bool(self.solution)


@dataclass
class Chapter:
    path: Path
    number: int
    chapter_id: str
    label: str
    title: str
    prerequisites: list[str]
    minutes_read: int
    minutes_exercises: int | None
    exercises: list[Exercise]

    @property
    def minutes(self) -> int:
        return self.minutes_read + (self.minutes_exercises or 0)


def chapters() -> list[Path]:
    return sorted(BOOK.glob("[0-9][0-9]_*.ipynb"))


def _check_calls(source: str) -> list[str]:
    """Source of every ``...check_*(...)`` call at the top level of a cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name.startswith("check_"):
                calls.append(ast.get_source_segment(source, node))
    return calls


def _kind(template: list[str], body: str, checks: list[str]) -> str:
    if not template or not checks:
        return "open"
    code = "\n".join(template)
    if re.search(r"^def |^class ", code, re.M):
        return "coding"
    if re.search(r'"a", "b"|\(a\)|- \(a\)', code + body, re.I):
        return "choice"
    if re.search(r'None\s*#[^\n]*"', code):
        return "concept"
    return "calculation"


def time_estimate(text: str) -> tuple[int, int | None]:
    """(minutes to read and run, minutes for the exercises or None if included)."""
    t = re.sub(r"\ban hour\b", "60 minutes", text, flags=re.I)
    found = re.findall(r"(\d+)(?:\s+to\s+(\d+))?\s+(?:minutes|more|min\b)", t)
    if not found:
        raise ValueError(f"no time estimate in {text[:200]!r}")
    spans = [int(hi or lo) for lo, hi in found]
    if re.search(r"exercises included", t) or len(spans) == 1:
        return spans[0], None
    return spans[0], spans[1]


def info(path: Path) -> Chapter:
    nb = nbformat.read(path, as_version=4)
    head = nb.cells[0].source
    label = re.search(r"^\((ch-[a-z0-9-]+)\)=", head, re.M).group(1)
    title = re.search(r"^# (.+)$", head, re.M).group(1).strip()
    number = int(path.name[:2])
    prereq_cell = next((c.source for c in nb.cells[:6] if c.cell_type == "markdown"
                        and re.search(r"Prerequisites", c.source)), "")
    prereqs = list(dict.fromkeys(REF.findall(prereq_cell)))
    minutes_read, minutes_ex = time_estimate(prereq_cell)
    exercises: list[Exercise] = []
    current: Exercise | None = None
    in_solution = False
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown":
            m = EXERCISE.search(cell.source)
            if m:
                opts = m.group("opts")
                diff = DIFFICULTY.search(opts)
                current = Exercise(
                    number=f"{number}.{len(exercises) + 1}",
                    label=LABEL.search(opts).group(1), title=m.group("title").strip(),
                    kind="", difficulty=diff.group(1) if diff else "",
                    prompt=m.group("body").strip())
                exercises.append(current)
                in_solution = False
                continue
            if "{solution-start}" in cell.source:
                in_solution = True
                continue
            if "{solution-end}" in cell.source:
                in_solution = False
                continue
            if cell.source.lstrip().startswith("## ") and current is not None \
                    and not in_solution:
                current = None  # a new section ends the exercises
            continue
        if current is None or cell.cell_type != "code":
            continue
        if "solution" in tags or in_solution:
            current.solution.append(cell.source)
        elif "remove-cell" not in tags:
            current.template.append(cell.source)
            current.checks += _check_calls(cell.source)
    for ex in exercises:
        ex.kind = _kind(ex.template, ex.prompt, ex.checks)
    return Chapter(path=path, number=number, chapter_id=f"ch{number:02d}", label=label,
                   title=title, prerequisites=prereqs, minutes_read=minutes_read,
                   minutes_exercises=minutes_ex, exercises=exercises)


def glue_values(nb) -> dict[str, object]:
    """Every glued value of a notebook, from its stored outputs."""
    values = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            name = out.get("metadata", {}).get("scrapbook", {}).get("name")
            if not name:
                continue
            text = out.get("data", {}).get("application/papermill.record/text/plain")
            if text is None:
                continue
            try:
                values[name] = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                values[name] = text.strip("'\"")
    return values


def resolve_markdown(text: str, values: dict[str, object]) -> str:
    """Glued values written in; MyST roles reduced to their text."""

    def glue(m: re.Match) -> str:
        value = values[m.group("key")]
        spec = m.group("spec") or ""
        try:
            return format(value, spec)
        except (ValueError, TypeError):
            return str(value)

    text = GLUE.sub(glue, text)
    return ROLE.sub(lambda m: re.sub(r"\s*<[^>]*>$", "", m.group(1)), text)
