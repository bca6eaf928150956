"""The ``{quiz}`` directive: a chapter's quick checks, answered on the page with no kernel.

```{quiz} ch03
```

puts the questions of ``seqlearn.quizzes.ch03`` on the page. HTML builders get the forms
of :func:`seqlearn.quizzes.to_html` and load ``quiz.js``/``quiz.css`` (copied from
``seqlearn/quizzes/static``); other builders (LaTeX for the PDF) get the questions as a
numbered list with the answers after them.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from seqlearn import quizzes


class QuizDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    option_spec = {"class": directives.class_option}

    def run(self):
        chapter = self.arguments[0].strip()
        try:
            html = quizzes.to_html(chapter)
        except (ValueError, TypeError) as exc:
            raise self.error(f"quiz {chapter!r}: {exc}")
        for module in ("seqlearn.quizzes", f"seqlearn.quizzes.{chapter}"):
            self.env.note_dependency(__import__(module, fromlist=["_"]).__file__)
        raw = nodes.raw("", html, format="html")
        printed = nodes.container(classes=["sq-quiz-print"])
        asked = nodes.enumerated_list(enumtype="arabic")
        given = nodes.enumerated_list(enumtype="arabic")
        for q in quizzes.questions(chapter):
            item = nodes.list_item()
            unit = f" ({q['unit']})" if q["kind"] == "number" and q["unit"] else ""
            item += nodes.paragraph("", q["question"] + unit)
            if q["kind"] == "choice":
                options = nodes.enumerated_list(enumtype="loweralpha")
                for option in q["options"]:
                    options += nodes.list_item("", nodes.paragraph("", option))
                item += options
            asked += item
            answer = quizzes.format_answer(q).rstrip(".")
            given += nodes.list_item("", nodes.paragraph(
                "", f"{answer}. {q['explain']}"))
        printed += asked
        printed += nodes.rubric("", "Answers to the quick check")
        printed += given
        only = addnodes.only(expr="not html")
        only += printed
        return [raw, only]


def _static_path(app, config):
    path = str(quizzes.STATIC_DIR)
    if path not in config.html_static_path:
        config.html_static_path.append(path)


def setup(app):
    app.add_directive("quiz", QuizDirective)
    app.connect("config-inited", _static_path)
    app.add_js_file("quiz.js")
    app.add_css_file("quiz.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
