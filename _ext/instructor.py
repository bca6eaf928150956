"""Directives of the instructor guide, generated from the chapter notebooks (nothing typed
twice, so nothing drifts):

- ``{chapter-overview}``: each chapter's prerequisites, time estimates and exercises by kind;
- ``{prerequisite-graph}``: which chapter needs which (a drawing and the same as a list);
- ``{course-plans}``: a one-week module, a four-week unit and a full term, packed from the
  chapters' times in prerequisite order;
- ``{exercise-guide}``: per chapter, every exercise with its kind, difficulty, whether the
  autograder grades it, and a suggested assignment;
- ``{student-archive}``: a link to the archive of every chapter's student notebook, which
  the HTML build writes to ``_downloads/seqlearn-student-notebooks.zip``.

The facts come from ``scripts/chapter_info.py`` (time estimates and prerequisites from each
chapter's "Prerequisites and time" cell, exercises from its ``{exercise}`` directives) and
difficulty from ``book/instructor/difficulty.yml``.
"""

from __future__ import annotations

import math
import sys
import zipfile
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import chapter_info as ci  # noqa: E402

ARCHIVE = "seqlearn-student-notebooks.zip"
SESSION_MIN = 90
PLANS = (
    # name, sessions, sessions per week, description
    ("One-week module", 5, 5, "five daily sessions of 90 minutes"),
    ("Four-week unit", 12, 3, "three sessions of 90 minutes a week for four weeks"),
    ("Full term", 24, 2, "two sessions of 90 minutes a week for twelve weeks"),
)


def _chapters(directive: SphinxDirective | None = None) -> list[ci.Chapter]:
    paths = ci.chapters()
    if directive is not None:  # rebuild the guide when a chapter or its reader changes
        for p in [*paths, ROOT / "book" / "instructor" / "difficulty.yml",
                  Path(ci.__file__), Path(__file__)]:
            directive.env.note_dependency(str(p))
    key = tuple((p, p.stat().st_mtime_ns) for p in paths)
    if key not in _CACHE:  # four directives on one page read the same notebooks
        _CACHE.clear()
        _CACHE[key] = [ci.info(p) for p in paths]
    return _CACHE[key]


_CACHE: dict[tuple, list[ci.Chapter]] = {}


def _difficulty() -> dict[str, str]:
    path = ROOT / "book" / "instructor" / "difficulty.yml"
    return yaml.safe_load(path.read_text()) or {}


def _ref(label: str, text: str) -> nodes.Node:
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=label,
                                refexplicit=True, refwarn=True)
    ref += nodes.inline("", text)
    return ref


def _para(*parts) -> nodes.paragraph:
    p = nodes.paragraph()
    for part in parts:
        p += part if isinstance(part, nodes.Node) else nodes.Text(str(part))
    return p


def _table(headers: list[str], rows: list[list], widths: list[int] | None = None):
    table = nodes.table(classes=["colwidths-auto"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for w in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=w)
    head = nodes.thead()
    group += head
    row = nodes.row()
    for h in headers:
        row += nodes.entry("", _para(h))
    head += row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for c in cells:
            row += nodes.entry("", c if isinstance(c, nodes.Element) else _para(c))
        body += row
    return table


def _chapter_name(ch: ci.Chapter) -> nodes.paragraph:
    return _para(_ref(ch.label, f"{ch.number}. {ch.title}"))


def _kinds(ch: ci.Chapter) -> str:
    counts: dict[str, int] = {}
    for ex in ch.exercises:
        counts[ex.kind] = counts.get(ex.kind, 0) + 1
    return ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))


def _minutes(ch: ci.Chapter) -> tuple[str, str]:
    ex = "included" if ch.minutes_exercises is None else f"{ch.minutes_exercises}"
    return f"{ch.minutes_read}", ex


class ChapterOverview(SphinxDirective):
    def run(self):
        chs = _chapters(self)
        by_label = {c.label: c for c in chs}
        rows = []
        for ch in chs:
            pre = _para()
            for i, label in enumerate(ch.prerequisites):
                if i:
                    pre += nodes.Text(", ")
                pre += _ref(label, f"ch. {by_label[label].number}" if label in by_label
                            else label)
            if not ch.prerequisites:
                pre += nodes.Text("none")
            read, ex = _minutes(ch)
            rows.append([_chapter_name(ch), pre, read, ex,
                         f"{len(ch.exercises)} ({_kinds(ch)})",
                         f"{sum(e.gradable for e in ch.exercises)}"])
        total = sum(c.minutes for c in chs)
        table = _table(["Chapter", "Needs", "Read and run (min)", "Exercises (min)",
                        "Exercises (by kind)", "Autograded"], rows, [30, 12, 10, 10, 28, 10])
        note = _para(f"{len(chs)} chapters, about {total / 60:.1f} hours in all with their "
                     f"exercises; {sum(len(c.exercises) for c in chs)} exercises, "
                     f"{sum(e.gradable for c in chs for e in c.exercises)} of them graded "
                     "by the autograder.")
        return [table, note]


def _layers(chs: list[ci.Chapter]) -> dict[str, int]:
    by_label = {c.label: c for c in chs}
    depth: dict[str, int] = {}

    def d(label: str) -> int:
        if label not in depth:
            pres = [p for p in by_label[label].prerequisites if p in by_label]
            depth[label] = 1 + max((d(p) for p in pres), default=-1)
        return depth[label]

    for c in chs:
        d(c.label)
    return depth


def _reduced(chs: list[ci.Chapter]) -> dict[str, list[str]]:
    """Prerequisites without the ones implied by another (transitive reduction), so the
    drawing shows only direct dependencies; the list under it keeps every one."""
    by_label = {c.label: c for c in chs}

    def ancestors(label: str) -> set[str]:
        out: set[str] = set()
        for p in by_label[label].prerequisites:
            if p in by_label:
                out |= {p} | ancestors(p)
        return out

    reduced = {}
    for c in chs:
        pres = [p for p in c.prerequisites if p in by_label]
        reduced[c.label] = [p for p in pres
                            if not any(p in ancestors(q) for q in pres if q != p)]
    return reduced


def _svg(chs: list[ci.Chapter]) -> str:
    depth = _layers(chs)
    direct = _reduced(chs)
    layers: dict[int, list[ci.Chapter]] = {}
    for c in chs:
        layers.setdefault(depth[c.label], []).append(c)
    w, h, gx, gy = 150, 44, 40, 36
    ncol = max(len(v) for v in layers.values())
    width = ncol * (w + gx) + 3 * gx
    height = len(layers) * (h + gy) + gy
    pos = {}
    for layer, members in sorted(layers.items()):
        def centre(c, known=dict(pos)):
            xs = [known[p][0] for p in c.prerequisites if p in known]
            return (sum(xs) / len(xs) if xs else 0.0, c.number)
        members.sort(key=centre)
        offset = (width - len(members) * (w + gx) + gx) / 2
        for i, c in enumerate(members):
            pos[c.label] = (offset + i * (w + gx), gy + layer * (h + gy))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'width="{width}" role="img" aria-labelledby="prereq-title" class="sq-prereq">'
           '<title id="prereq-title">Prerequisite graph of the chapters (direct '
           'prerequisites only); the full list follows.</title>'
           '<defs><marker id="arr" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
           'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/>'
           '</marker></defs>']
    for c in chs:
        x2, y2 = pos[c.label]
        for p in direct[c.label]:
            if p in pos:
                x1, y1 = pos[p]
                ax, ay, bx, by = x1 + w / 2, y1 + h, x2 + w / 2, y2
                if depth[c.label] - depth[p] > 1:  # bend around the layers between
                    left = x2 + w / 2 < width / 2
                    ax, bx = (x1, x2) if left else (x1 + w, x2 + w)
                    cx = (min(ax, bx) - 1.5 * gx) if left else (max(ax, bx) + 1.5 * gx)
                    out.append(f'<path d="M{ax},{ay - h / 2} Q{cx},{(ay + by) / 2} '
                               f'{bx},{by + h / 2}" fill="none" stroke="#333" '
                               'stroke-width="1.5" marker-end="url(#arr)"/>')
                    continue
                out.append(f'<line x1="{ax}" y1="{ay}" x2="{bx}" y2="{by}" stroke="#333" '
                           'stroke-width="1.5" marker-end="url(#arr)"/>')
    for c in chs:
        x, y = pos[c.label]
        title = c.title if len(c.title) <= 22 else c.title[:21] + "\u2026"
        out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="#eef3fb" '
                   f'stroke="#1a4d8f"/><text x="{x + w / 2}" y="{y + 18}" '
                   f'text-anchor="middle" font-size="13" fill="#111">Chapter {c.number}</text>'
                   f'<text x="{x + w / 2}" y="{y + 35}" text-anchor="middle" font-size="12" '
                   f'fill="#111">{title}</text>')
    out.append("</svg>")
    return "".join(out)


class PrerequisiteGraph(SphinxDirective):
    def run(self):
        chs = _chapters(self)
        by_label = {c.label: c for c in chs}
        figure = nodes.raw("", f'<figure class="sq-prereq-figure">{_svg(chs)}</figure>',
                           format="html")
        items = nodes.bullet_list()
        for c in chs:
            p = _para(_ref(c.label, f"Chapter {c.number} ({c.title})"), " needs ")
            pres = [by_label[x] for x in c.prerequisites if x in by_label]
            if not pres:
                p += nodes.Text("no earlier chapter")
            for i, pc in enumerate(pres):
                if i:
                    p += nodes.Text(" and ")
                p += _ref(pc.label, f"Chapter {pc.number}")
            p += nodes.Text(".")
            items += nodes.list_item("", p)
        return [figure, items]


def _sessions(c: ci.Chapter) -> int:
    return max(1, math.ceil(c.minutes / SESSION_MIN))


def _closure(chs: list[ci.Chapter], sessions: int) -> list[ci.Chapter]:
    """Chapters in order, each taken if its prerequisites are in and its sessions fit."""
    chosen: list[ci.Chapter] = []
    used = 0
    known = {y.label for y in chs}
    for c in chs:
        have = {x.label for x in chosen}
        if all(p in have for p in c.prerequisites if p in known) \
                and used + _sessions(c) <= sessions:
            chosen.append(c)
            used += _sessions(c)
    return chosen


def _plan_table(chosen: list[ci.Chapter], sessions: int, per_week: int):
    """Chapters packed into 90-minute sessions, in order; left-over sessions are for
    open-ended exercises and review."""
    rows, session = [], 0
    for c in chosen:
        n = _sessions(c)
        first = session + 1
        session += n
        when = (f"session {first}" if n == 1 else f"sessions {first}\u2013{session}")
        week = (first - 1) // per_week + 1
        graded = [e.number for e in c.exercises if e.gradable]
        rows.append([when, f"week {week}", _chapter_name(c), f"{c.minutes}",
                     f"assignment {c.chapter_id} ({len(graded)} autograded)"])
    if session < sessions:
        weeks = f"weeks {session // per_week + 1}\u2013{(sessions - 1) // per_week + 1}"
        rows.append([f"sessions {session + 1}\u2013{sessions}", weeks, _para(
            "Open-ended exercises, a project and review"), "", "written exercises"])
    return _table(["When", "Week", "Chapter", "Minutes", "Assignment"], rows,
                  [14, 8, 36, 10, 28])


class CoursePlans(SphinxDirective):
    def run(self):
        chs = _chapters(self)
        out = []
        for name, sessions, per_week, what in PLANS:
            chosen = _closure(chs, sessions)
            section = nodes.rubric("", name)
            left = [c for c in chs if c not in chosen]
            text = (f"{what.capitalize()} ({sessions * SESSION_MIN / 60:.1f} hours). "
                    f"{len(chosen)} of {len(chs)} chapters fit, taken in order with their "
                    "prerequisites.")
            if left:
                text += (" Left out: " + ", ".join(f"chapter {c.number}" for c in left)
                         + "; they can be set as reading.")
            out += [section, _para(text), _plan_table(chosen, sessions, per_week)]
        return out


def _suggest(ch: ci.Chapter, diff: dict[str, str]) -> str:
    graded = [e for e in ch.exercises if e.gradable]
    hard = [e for e in ch.exercises if not e.gradable]
    text = (f"Homework: assignment {ch.chapter_id} "
            f"(exercises {', '.join(e.number for e in graded)}, autograded).")
    if hard:
        text += (f" Written or in class: exercise {hard[0].number}, discussed against the "
                 "sample answer in the reader notebook.")
    return text


class ExerciseGuide(SphinxDirective):
    def run(self):
        diff = _difficulty()
        out = []
        for ch in _chapters(self):
            out.append(nodes.rubric("", f"Chapter {ch.number}: {ch.title}"))
            rows = []
            for e in ch.exercises:
                level = e.difficulty or diff.get(e.label, "not rated")
                rows.append([_para(_ref(e.label, f"Exercise {e.number}"), f" {e.title}"),
                             e.kind, level, "yes" if e.gradable else "no (written)"])
            out.append(_table(["Exercise", "Kind", "Difficulty", "Autograded"], rows,
                              [50, 16, 16, 18]))
            out.append(_para(_suggest(ch, diff)))
        return out


class StudentArchive(SphinxDirective):
    def run(self):
        link = nodes.raw("", f'<p><a class="sq-download" href="../../_downloads/{ARCHIVE}" '
                         f'download>Download the student notebooks of every chapter '
                         f'({ARCHIVE})</a></p>', format="html")
        other = addnodes.only(expr="not html")
        other += _para(f"The archive {ARCHIVE} is on the book's web site, next to this "
                       "guide; `make classroom` writes it too.")
        return [link, other]


def write_archive(app, exception):
    """After an HTML build: every chapter's student notebook in one zip (the student
    version of ``scripts/notebooks.py``: plain Markdown, numbers written in, no solutions,
    no outputs, the quick check as a code cell).

    The notebooks and their README are the ones ``offline_assets`` wrote to
    ``_static/notebooks/student`` just before (its handler is registered first), so the
    chapters are not generated a second time.
    """
    if exception is not None or app.builder.format != "html":
        return
    pdf = Path(app.outdir).parent / "latex" / "seqlearn.pdf"  # from `make pdf`, if run
    if pdf.exists():
        (Path(app.outdir) / "_downloads").mkdir(parents=True, exist_ok=True)
        (Path(app.outdir) / "_downloads" / pdf.name).write_bytes(pdf.read_bytes())
    target = Path(app.outdir) / "_downloads" / ARCHIVE
    target.parent.mkdir(parents=True, exist_ok=True)
    student = Path(app.outdir) / "_static" / "notebooks" / "student"
    written = sorted(student.glob("*.ipynb")) + [student / "README.md"]
    if len(written) < 2:
        raise RuntimeError(f"no student notebooks in {student}: offline_assets must run first")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for p in written:
            info = zipfile.ZipInfo(f"seqlearn-student/{p.name}", (2026, 1, 1, 0, 0, 0))
            z.writestr(info, p.read_bytes(), zipfile.ZIP_DEFLATED)


def setup(app):
    app.add_directive("chapter-overview", ChapterOverview)
    app.add_directive("prerequisite-graph", PrerequisiteGraph)
    app.add_directive("course-plans", CoursePlans)
    app.add_directive("exercise-guide", ExerciseGuide)
    app.add_directive("student-archive", StudentArchive)
    app.connect("build-finished", write_archive)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
