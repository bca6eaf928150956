"""Make references to exercises resolve in the PDF.

sphinx-exercise 1.2.1 labels an exercise in LaTeX as ``exercise:<label>``, while Sphinx's
cross-references point at ``<docname>:<label>``; every reference to an exercise then prints
"??" in the PDF. For the LaTeX builder only, this adds the label Sphinx expects next to
each exercise (solutions have theirs).
"""

from __future__ import annotations

from docutils import nodes
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node


def _add_labels(app, doctree, docname):
    if app.builder.format != "latex":
        return
    for node in list(doctree.findall(lambda n: isinstance(
            n, (exercise_enumerable_node, exercise_node)))):
        # sphinx-exercise records the chapter each node comes from
        owner = node.get("docname") or docname
        names = set(node.get("ids", []))
        if node.get("label"):
            names.add(node["label"])
        numbers = app.env.toc_fignumbers.get(owner, {}).get("exercise", {})
        number = next((numbers[n] for n in sorted(names) if n in numbers), None)
        # \ref prints the exercise's number, as the web page does
        current = (r"\makeatletter\def\@currentlabel{%s}\makeatother"
                   % ".".join(map(str, number))) if number else ""
        labels = "".join(
            rf"\label{{\detokenize{{{owner}:{name}}}}}" for name in sorted(names))
        if labels:
            node.parent.insert(node.parent.index(node), nodes.raw(
                "", "{" + current + r"\phantomsection" + labels + "}\n", format="latex"))


def _renumber(app, env):
    """Number exercises "chapter.n" in the PDF, as on the web page.

    With the book's parts, sphinx-jupyterbook-latex sets ``numfig_secnum_depth = 2`` for
    LaTeX (so that equations carry the chapter number), which numbers exercises by section
    ("3.9.1"). Here each chapter's exercises are renumbered 1, 2, ... in their order.
    """
    if app.builder.format != "latex":
        return
    for numbers in env.toc_fignumbers.values():
        exercises = numbers.get("exercise")
        if not exercises:
            continue
        per_chapter: dict[int, int] = {}
        for node_id, number in sorted(exercises.items(), key=lambda kv: kv[1]):
            k = per_chapter[number[0]] = per_chapter.get(number[0], 0) + 1
            exercises[node_id] = (number[0], k)


def setup(app):
    app.connect("env-check-consistency", _renumber)
    app.connect("doctree-resolved", _add_labels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
