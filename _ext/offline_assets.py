"""Make the built site self-contained and its downloads the notebooks readers should get.

1. MathJax 3 is served from the site itself (``_static/mathjax/``), so the maths typesets
   with no network, also when ``_build/html/index.html`` is opened from disk. The files come
   from the npm package ``mathjax@3.2.2`` pinned in ``tests/browser/package.json``
   (``make book`` runs ``npm ci`` there); ``_config.yml`` points Sphinx's ``mathjax_path``
   at ``mathjax/tex-mml-chtml.js``. Without the package the build stops with that advice,
   rather than silently falling back to a CDN.
2. The page's download button offers ``_sources/<page>.ipynb``: that file is replaced by the
   chapter's *reader* notebook (plain Markdown, numbers and glued values written in,
   solutions folded; scripts/notebooks.py), and the student notebooks are published next to
   it under ``_static/notebooks/student/``.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

from sphinx.errors import ExtensionError

ROOT = Path(__file__).resolve().parent.parent
MATHJAX = ROOT / "tests" / "browser" / "node_modules" / "mathjax" / "es5"
# The one bundle the pages load, and the folders it loads components and fonts from.
MATHJAX_PARTS = ["tex-mml-chtml.js", "a11y", "adaptors", "input", "output", "sre", "ui"]


def _check_mathjax(app):
    if app.builder.format != "html":
        return
    if not (MATHJAX / "tex-mml-chtml.js").exists():
        raise ExtensionError(
            f"MathJax is missing ({MATHJAX}): the site serves its own copy so that it works "
            "offline. Run `make book`, or `npm ci` in tests/browser, first.")
    if str(app.config.mathjax_path).startswith("http"):
        raise ExtensionError("mathjax_path points at a CDN; _config.yml should set "
                             "sphinx.config.mathjax_path: mathjax/tex-mml-chtml.js")


def _load_generator():
    spec = importlib.util.spec_from_file_location("seqlearn_notebooks",
                                                  ROOT / "scripts" / "notebooks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["seqlearn_notebooks"] = module
    spec.loader.exec_module(module)
    return module


def _finish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    target = out / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src = MATHJAX / part
        if src.is_dir():
            shutil.copytree(src, target / part, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)
    gen = _load_generator()
    import nbformat
    book = gen.index_book(ROOT)
    for doc in book.chapters():
        reader = gen.generate(book, doc, "reader")
        nbformat.write(reader, out / "_sources" / f"{doc.name}.ipynb")
        student_dir = out / "_static" / "notebooks" / "student"
        student_dir.mkdir(parents=True, exist_ok=True)
        nbformat.write(gen.generate(book, doc, "student"), student_dir / doc.path.name)
    (out / "_static" / "notebooks" / "student" / "README.md").write_text(
        gen.readme(book), encoding="utf-8")


def setup(app):
    app.connect("builder-inited", _check_mathjax)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
