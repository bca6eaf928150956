"""Generate the notebooks readers and students open in Jupyter from the book's source.

Usage: python scripts/notebooks.py [OUTPUT_DIR]      (default: _build/notebooks)

Writes OUTPUT_DIR/reader/NN_x.ipynb and OUTPUT_DIR/student/NN_x.ipynb for every chapter
listed in ``_toc.yml``, and OUTPUT_DIR/README.md. The chapters in ``book/`` are written in
MyST for the web book; Jupyter renders plain Markdown only. The generated notebooks are what
the web page shows, in plain Markdown:

- every MyST block is parsed with myst-parser's own Markdown parser (markdown-it-py with the
  book's extensions), and only the directives, roles and targets it finds are rewritten;
- definitions, propositions and exercises get the web book's numbers ("Definition 3.2
  (Penalty schedule)", "Exercise 3.4 (The stake that deters)"): chapter numbers follow
  ``_toc.yml``, the counters run per chapter and per kind as sphinx-proof and
  sphinx-exercise number them; section headings are numbered as on the page;
- ``{glue:text}`` and ``{glue}`` are replaced by the values the executed chapter stored
  (myst-nb's own glue records and formatting), so every number of the prose and every input
  of an exercise is in the text;
- ``{ref}``, ``{numref}``, ``{prf:ref}``, ``{doc}``, ``{term}``, ``{cite}``, ``{func}`` and
  ``{mod}`` become text with links to the web page (same-chapter targets link inside the
  notebook), labels ``(x)=`` become HTML anchors;
- cells tagged ``remove-cell`` (glue plumbing) are left out, and the ``myst_nb`` import
  with them;
- the first cell installs seqlearn from the repository when it is missing (Colab, a
  JupyterHub without the image);
- an exercise's code cells get the imports of the chapter that they use, so that they run
  on a fresh kernel.

The reader version keeps the stored outputs and folds each solution: its text sits in a
``<details>`` block and its code cells are collapsed (click to open). The student version
drops the solutions and clears every stored output, including the verdicts of the blank
self-checks.

An unknown directive or role, or a glue key that the chapter did not store, stops the
generator with the chapter and the name: a new construct needs a rule here, not a silent
leftover.
"""

from __future__ import annotations

import ast
import copy
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml
from markdown_it.renderer import RendererHTML
from myst_nb.core.variables import format_plain_text
from myst_nb.ext.glue import extract_glue_data_cell
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "_build" / "notebooks"

ADMONITIONS = {"admonition", "note", "tip", "hint", "important", "warning", "caution",
               "attention", "danger", "error", "seealso", "margin", "sidebar", "epigraph",
               "dropdown", "topic"}
PROOF_KINDS = {"definition", "theorem", "lemma", "proposition", "corollary", "axiom",
               "conjecture", "criterion", "remark", "example", "property", "observation",
               "assumption", "notation", "algorithm"}
CODE_DIRECTIVES = {"code", "code-block", "sourcecode"}


class GenerationError(ValueError):
    """A construct the generator cannot turn into plain Markdown."""


# --------------------------------------------------------------------------------------
# The book: configuration, table of contents, labels
# --------------------------------------------------------------------------------------

def load_config(root: Path = ROOT) -> dict:
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}


def site_url(config: dict) -> str:
    """The web book's address: ``html.baseurl`` of _config.yml (the one place to set it)."""
    url = (config.get("html") or {}).get("baseurl") or ""
    return url.rstrip("/") + "/" if url else ""


def repository_url(config: dict) -> str:
    return ((config.get("repository") or {}).get("url") or "").rstrip("/")


def md_parser():
    return create_md_parser(MdParserConfig(enable_extensions={
        "dollarmath", "amsmath", "colon_fence", "deflist", "substitution"}), RendererHTML)


@dataclass
class Doc:
    name: str                      # toc path without suffix, e.g. "book/03_slashing"
    path: Path
    number: int | None             # chapter number, None for unnumbered pages
    title: str = ""

    @property
    def html(self) -> str:
        return self.name + ".html"

    @property
    def is_chapter(self) -> bool:
        return self.path.suffix == ".ipynb" and self.number is not None


@dataclass
class Target:
    doc: Doc
    kind: str                      # section, definition, exercise, figure, ...
    title: str = ""
    number: str = ""               # "3.2"; empty for sections


@dataclass
class Book:
    root: Path
    config: dict
    docs: list[Doc]
    labels: dict[str, Target] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)     # lower-case term -> anchor
    bib: dict[str, str] = field(default_factory=dict)       # key -> "Author (year)" parts

    @property
    def site(self) -> str:
        return site_url(self.config)

    def chapters(self) -> list[Doc]:
        return [d for d in self.docs if d.is_chapter]


def read_toc(root: Path = ROOT) -> list[Doc]:
    """Documents in reading order with the numbers the web book gives them.

    Jupyter Book numbers the chapters of ``numbered`` parts consecutively across parts
    (sphinx-multitoc-numbering)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docs: list[Doc] = []
    counter = 0

    def add(entry, numbered, top):
        nonlocal counter
        name = entry["file"]
        path = next((root / f"{name}{s}" for s in (".ipynb", ".md")
                     if (root / f"{name}{s}").exists()), root / f"{name}.md")
        number = None
        if numbered and top:
            counter += 1
            number = counter
        docs.append(Doc(name, path, number))
        for sub in entry.get("sections") or []:
            add(sub, False, False)

    docs.append(Doc(toc["root"], root / f"{toc['root']}.md", None))
    for part in toc.get("parts") or [{"chapters": toc.get("chapters") or []}]:
        for entry in part.get("chapters") or []:
            add(entry, bool(part.get("numbered")), True)
    return docs


def _markdown_sources(doc: Doc) -> list[tuple[str, dict]]:
    """(source, cell) pairs of a document's Markdown; code cells appear with their source."""
    if doc.path.suffix == ".ipynb":
        nb = nbformat.read(doc.path, as_version=4)
        return [(c.source, c) for c in nb.cells]
    text = doc.path.read_text(encoding="utf-8")
    return [(text, {"cell_type": "markdown", "source": text, "metadata": {}})]


def directive_parts(token) -> tuple[str, str, dict, str]:
    """(name, argument, options, body) of a fenced directive token."""
    info = token.info.strip()
    m = re.match(r"\{([^}]+)\}\s*(.*)", info)
    name, arg = m.group(1).strip(), m.group(2).strip()
    lines = token.content.split("\n")
    options: dict[str, str] = {}
    if lines and lines[0].strip() == "---":
        end = lines.index("---", 1)
        options = {k: str(v) for k, v in (yaml.safe_load("\n".join(lines[1:end])) or {}).items()}
        lines = lines[end + 1:]
    else:
        while lines and re.match(r"^:[\w-]+:", lines[0]):
            key, _, value = lines.pop(0)[1:].partition(":")
            options[key.strip()] = value.strip()
    return name, arg, options, "\n".join(lines).strip("\n")


def _proof_kind(name: str) -> str | None:
    if name.startswith("prf:"):
        kind = name[4:]
        return kind if kind in PROOF_KINDS else None
    return None


def index_book(root: Path = ROOT) -> Book:
    """Collect the labels, numbers, glossary terms and bibliography of the whole book."""
    config = load_config(root)
    book = Book(root, config, read_toc(root))
    md = md_parser()
    for doc in book.docs:
        counters: dict[str, int] = {}
        section = [0, 0, 0]
        pending: list[str] = []
        for source, cell in _markdown_sources(doc):
            if cell["cell_type"] == "code":
                fig = (cell.get("metadata", {}).get("mystnb") or {}).get("figure") or {}
                if fig.get("caption") and doc.number is not None:
                    counters["figure"] = counters.get("figure", 0) + 1
                    number = f"{doc.number}.{counters['figure']}"
                    if fig.get("name"):
                        book.labels[fig["name"]] = Target(doc, "figure", fig["caption"], number)
                continue
            for tok in md.parse(source):
                if tok.type == "myst_target":
                    pending.append(tok.content)
                elif tok.type == "heading_open":
                    pending.append("\0heading:" + tok.tag)
                elif tok.type == "inline" and pending and pending[-1].startswith("\0heading:"):
                    level = int(pending.pop()[-1])
                    title = _plain_inline(tok.content)
                    if level == 1 and not doc.title:
                        doc.title = title
                    for label in pending:
                        book.labels[label] = Target(doc, "section", title)
                    pending = []
                elif tok.type == "fence" and tok.info.strip().startswith("{"):
                    name, arg, options, body = directive_parts(tok)
                    kind = _proof_kind(name) or ("exercise" if name == "exercise" else None)
                    if kind and "nonumber" not in options and doc.number is not None:
                        counters[kind] = counters.get(kind, 0) + 1
                        number = f"{doc.number}.{counters[kind]}"
                    else:
                        number = ""
                    if options.get("label") and kind:
                        book.labels[options["label"]] = Target(doc, kind, arg, number)
                    if name == "glossary":
                        for line in body.splitlines():
                            if line and not line[0].isspace():
                                term = line.strip()
                                book.terms[term.lower()] = (
                                    "term-" + re.sub(r"[^A-Za-z0-9]+", "-", term).strip("-"))
                elif tok.type not in ("heading_close",) and pending and not pending[-1].startswith("\0"):
                    if tok.type not in ("myst_target",) and tok.map is not None:
                        # a label on a non-heading block: point at the page
                        for label in pending:
                            book.labels.setdefault(label, Target(doc, "block", doc.title))
                        pending = []
    _index_bibliography(book)
    return book


def _plain_inline(text: str) -> str:
    text = re.sub(r"\{[\w:-]+\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    return re.sub(r"[*_`]", "", text).strip()


def _index_bibliography(book: Book) -> None:
    bib = book.root / "references.bib"
    if not bib.exists():
        return
    from pybtex import errors
    from pybtex.database import parse_file
    errors.set_strict_mode(False)  # a repeated entry is the book build's to report
    data = parse_file(str(bib))
    for key, entry in data.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        if people:
            last = " ".join(people[0].last_names) or " ".join(people[0].first_names)
            who = last + (" et al." if len(people) > 2 else
                          f" and {' '.join(people[1].last_names)}" if len(people) == 2 else "")
        else:
            who = entry.fields.get("organization") or entry.fields.get("publisher") or \
                entry.fields.get("howpublished") or entry.fields.get("title", key)
        who = re.sub(r"[{}\\]", "", str(who))
        book.bib[key] = f"{who}|{entry.fields.get('year', 'n.d.')}"
    # the same author and year twice: 2026a, 2026b (in the order of the .bib file)
    groups: dict[str, list[str]] = {}
    for key, label in book.bib.items():
        groups.setdefault(label, []).append(key)
    for label, keys in groups.items():
        if len(keys) > 1:
            for letter, key in zip("abcdefghijklmnopqrstuvwxyz", keys):
                book.bib[key] = label + letter


# --------------------------------------------------------------------------------------
# Markdown conversion
# --------------------------------------------------------------------------------------

@dataclass
class Context:
    book: Book
    doc: Doc
    glue: dict[str, dict]          # key -> output data (mime -> value)
    section: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0, 0])
    quizzes: list[str] = field(default_factory=list)   # {quiz} directives met, in order

    def link(self, target: Target, label: str) -> str:
        if target.doc is self.doc:
            return f"#{label}"
        return f"{self.book.site}{target.doc.html}#{label}"

    def page(self, doc_html: str, anchor: str = "") -> str:
        return f"{self.book.site}{doc_html}" + (f"#{anchor}" if anchor else "")


def _split_role_text(content: str) -> tuple[str | None, str]:
    m = re.match(r"^(.*?)\s*<([^<>]+)>$", content, re.S)
    if m and m.group(1):
        return m.group(1).strip(), m.group(2).strip()
    return None, content.strip()


def _glue_text(ctx: Context, content: str, role: str) -> str:
    key, _, fmt = content.partition(":") if role != "glue:md" else (content, "", "")
    key = key.strip()
    if "::" in key:
        raise GenerationError(f"{ctx.doc.name}: glue from another document ({content})")
    if key not in ctx.glue:
        raise GenerationError(f"{ctx.doc.name}: glue key {key!r} was not stored by the chapter")
    data = ctx.glue[key]
    if role == "glue:md" or (role == "glue" and "text/markdown" in data):
        if "text/markdown" in data:
            return str(data["text/markdown"]).strip()
    if "text/plain" not in data:
        raise GenerationError(f"{ctx.doc.name}: glue key {key!r} has no text to paste")
    return format_plain_text(data["text/plain"], fmt)


def render_role(ctx: Context, name: str, content: str) -> str:
    """Plain Markdown for one MyST role."""
    book = ctx.book
    if name in ("glue", "glue:text", "glue:any", "glue:md"):
        return _glue_text(ctx, content, name)
    if name in ("ref", "numref", "prf:ref", "eq"):
        text, label = _split_role_text(content)
        target = book.labels.get(label)
        if target is None:
            raise GenerationError(f"{ctx.doc.name}: unknown label {label!r} in {{{name}}}")
        if text is None:
            if name == "ref" and target.kind == "section":
                text = target.title
            elif target.number:
                kind = "Fig." if target.kind == "figure" else target.kind.capitalize()
                text = f"{kind} {target.number}"
            else:
                text = target.title or label
        elif "%s" in text or "{number}" in text:
            text = text.replace("%s", target.number).replace("{number}", target.number)
        return f"[{text}]({ctx.link(target, label)})"
    if name == "doc":
        text, path = _split_role_text(content)
        rel = (Path(ctx.doc.name).parent / path).as_posix()
        doc = next((d for d in book.docs if d.name == rel or d.name == path.lstrip("/")), None)
        if doc is None:
            raise GenerationError(f"{ctx.doc.name}: unknown document {path!r}")
        return f"[{text or doc.title or path}]({ctx.page(doc.html)})"
    if name == "term":
        text, term = _split_role_text(content)
        anchor = book.terms.get(term.lower())
        if anchor is None:
            raise GenerationError(f"{ctx.doc.name}: {term!r} is not in the glossary")
        return f"[{text or term}]({ctx.page('book/glossary.html', anchor)})"
    if name.startswith("cite"):
        keys = [k.strip() for k in content.split(",") if k.strip()]
        parts = []
        for key in keys:
            if key not in book.bib:
                raise GenerationError(f"{ctx.doc.name}: unknown citation {key!r}")
            who, year = book.bib[key].split("|")
            url = ctx.page("book/bibliography.html")
            parts.append(f"[{who} ({year})]({url})" if name in ("cite:t", "cite:ts")
                         else f"[{who} {year}]({url})")
        return "; ".join(parts) if name.startswith("cite:t") else "(" + "; ".join(parts) + ")"
    if name in ("func", "meth", "class", "mod", "attr", "obj", "data", "py:func",
                "py:class", "py:mod", "py:meth"):
        text, target = _split_role_text(content)
        short = target.startswith("~")
        target = target.lstrip("~")
        shown = text or (target.rsplit(".", 1)[-1] if short else target)
        if name.endswith(("func", "meth")) and not text:
            shown += "()"
        parts = target.split(".")
        module = ".".join(parts[:2]) if len(parts) > 1 else target
        page = f"book/api/{parts[1]}.html" if len(parts) > 1 and parts[0] == "seqlearn" else ""
        anchor = f"module-{target}" if name.endswith("mod") else target
        return f"[`{shown}`]({ctx.page(page, anchor)})" if page else f"`{shown}`"
    if name in ("math",):
        return f"${content}$"
    if name in ("sub", "sup"):
        return f"<{name}>{content}</{name}>"
    if name in ("abbr",):
        return _split_role_text(content)[0] or content
    if name in ("kbd", "code", "samp", "file", "command", "program"):
        return f"`{content}`"
    if name in ("download",):
        text, path = _split_role_text(content)
        return text or path
    raise GenerationError(f"{ctx.doc.name}: no rule for the role {{{name}}}")


def _roles_in(tokens) -> list[tuple[str, str]]:
    found = []
    for tok in tokens:
        for child in tok.children or []:
            if child.type == "myst_role":
                found.append((child.meta["name"], child.content))
    return found


def _normal(content: str) -> str:
    return " ".join(content.split())


def _replace_roles(ctx: Context, text: str, roles: list[tuple[str, str]]) -> str:
    for name, content in roles:
        # the parser strips the indentation of continuation lines: match any whitespace
        body = r"\s+".join(re.escape(part) for part in content.split())
        pattern = re.compile(r"\{" + re.escape(name) + r"\}(`+)\s*" + body + r"\s*\1")
        repl = render_role(ctx, name, _normal(content))
        text, n = pattern.subn(lambda _m, r=repl: r, text, count=1)
        if not n:
            raise GenerationError(f"{ctx.doc.name}: cannot place {{{name}}}`{content}`")
    return text


def _number_heading(ctx: Context, level: int, line: str) -> str:
    if ctx.doc.number is None:
        return line
    ctx.section[level - 1] += 1
    for i in range(level, len(ctx.section)):
        ctx.section[i] = 0
    if level == 1:
        number = f"{ctx.doc.number}."
    else:
        number = ".".join([str(ctx.doc.number), *map(str, ctx.section[1:level])]) + "."
    return re.sub(r"^(\s*#+\s+)", lambda m: m.group(1) + number + " ", line, count=1)


def convert_markdown(ctx: Context, source: str) -> str:
    """Plain Markdown for one MyST source text (a cell, or a directive's body)."""
    md = md_parser()
    tokens = md.parse(source)
    lines = source.split("\n")
    out: list[str] = []
    pos = 0
    i = 0
    anchors: list[str] = []
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0 or tok.map is None:
            i += 1
            continue
        start, end = tok.map
        # find the matching close token of this top-level block
        j = i
        if tok.nesting == 1:
            depth = 0
            for j in range(i, len(tokens)):
                depth += tokens[j].nesting
                if depth == 0:
                    break
        block = tokens[i:j + 1]
        out.extend(lines[pos:start])
        text = "\n".join(lines[start:end])
        if tok.type == "myst_target":
            anchors.append(tok.content)
            text = None
        elif tok.type == "myst_line_comment":
            text = None
        elif tok.type == "fence" and tok.info.strip().startswith("{"):
            text = convert_directive(ctx, tok)
        elif tok.type in ("fence", "code_block", "math_block", "math_block_label",
                          "amsmath", "html_block"):
            pass
        else:
            text = _replace_roles(ctx, text, _roles_in(block))
            if tok.type == "heading_open":
                text = _number_heading(ctx, int(tok.tag[1]), text)
        if text is not None:
            if anchors:
                out.append("".join(f'<a id="{a}"></a>' for a in anchors))
                anchors = []
            out.append(text)
        pos = end
        i = j + 1
    out.extend(lines[pos:])
    if anchors:
        out.append("".join(f'<a id="{a}"></a>' for a in anchors))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.split("\n"))


def convert_directive(ctx: Context, tok) -> str:
    name, arg, options, body = directive_parts(tok)
    label = options.get("label")
    anchor = f'<a id="{label}"></a>' if label else ""
    inner = convert_markdown(ctx, body) if body else ""
    title = convert_markdown(ctx, arg) if arg else ""
    kind = _proof_kind(name)
    if kind or name == "exercise":
        kind = kind or "exercise"
        target = ctx.book.labels.get(label) if label else None
        number = target.number if target else ""
        head = " ".join(x for x in (kind.capitalize(), number) if x)
        if title:
            head += f" ({title})"
        if name == "exercise":
            return f"{anchor}\n\n### {head}\n\n{inner}".strip()
        return _quote(f"{anchor}**{head}.**\n\n{inner}")
    if name == "prf:proof":
        return f"*Proof.* {inner} $\\blacksquare$"
    if name in ADMONITIONS:
        heading = title if name in ("admonition", "dropdown", "topic", "sidebar") and title \
            else name.capitalize()
        if name == "seealso":
            heading = "See also"
        return _quote(f"{anchor}**{heading}**\n\n{inner}")
    if name in ("math",):
        return f"$$\n{body}\n$$"
    if name in CODE_DIRECTIVES:
        return f"```{arg}\n{body}\n```"
    if name in ("figure", "image"):
        alt = options.get("alt", "")
        src = arg if re.match(r"https?://", arg) else ctx.page(
            (Path(ctx.doc.name).parent / arg).as_posix())
        caption = f"\n\n*{inner}*" if inner else ""
        return f"{anchor}![{alt}]({src}){caption}"
    if name in ("glue:figure", "glue:math", "glue:md", "glue"):
        return _glue_text(ctx, arg, "glue:md" if name == "glue:md" else "glue")
    if name == "quiz":
        # the quick check becomes a code cell that shows it (seqlearn.quizzes), placed
        # right after this Markdown cell by generate()
        ctx.quizzes.append(arg.strip())
        return ""
    if name in ("bibliography", "tableofcontents", "toctree", "only"):
        return ""
    raise GenerationError(f"{ctx.doc.name}: no rule for the directive {{{name}}}")


# --------------------------------------------------------------------------------------
# Notebooks
# --------------------------------------------------------------------------------------

def glue_data(nb) -> dict[str, dict]:
    data = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for key, output in extract_glue_data_cell(copy.deepcopy(cell)):
                data[key] = dict(output.get("data", {}))
    return data


def _tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def _is_solution_marker(cell, which: str) -> bool:
    return cell.cell_type == "markdown" and "{solution-" + which + "}" in cell.source


def _defined_names(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            names.update(a.arg for a in node.args.args + node.args.kwonlyargs) \
                if not isinstance(node, ast.ClassDef) else None
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def free_names(source: str) -> set[str]:
    """Names a code cell reads but neither defines nor imports (builtins excluded)."""
    import builtins
    tree = ast.parse(source)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return used - _defined_names(tree) - set(dir(builtins))


def _imports(nb) -> dict[str, str]:
    """name -> import statement, from every import in the chapter's code cells.

    ``import a.b.c`` is kept under the key ``"a.b.c"`` too, so that a cell that uses
    ``b.c`` after ``from a import b`` also gets the statement that loads ``a.b.c``."""
    found: dict[str, str] = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or "solution" in _tags(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                for a in node.names:
                    if "." in a.name and not a.asname:
                        found.setdefault(a.name, f"import {a.name}")
                    found.setdefault((a.asname or a.name).split(".")[0],
                                     f"import {a.name}" + (f" as {a.asname}" if a.asname else ""))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    found.setdefault(a.asname or a.name, f"from {node.module} import {a.name}"
                                     + (f" as {a.asname}" if a.asname else ""))
                    found.setdefault("\0" + (a.asname or a.name), f"{node.module}.{a.name}")
    return found


def _with_imports(source: str, imports: dict[str, str]) -> str:
    try:
        missing = sorted(free_names(source))
    except SyntaxError:
        return source
    needed = []
    for name in missing:
        if name in imports and imports[name] not in needed:
            needed.append(imports[name])
            # submodules the chapter loads under that name (import a.b.c for b.c)
            module = imports.get("\0" + name)
            for key, statement in imports.items():
                if module and key.startswith(module + ".") and statement not in needed:
                    needed.append(statement)
    if not needed:
        return source
    needed.sort(key=lambda line: (line.startswith("from "), line))
    return "\n".join(needed) + "\n\n" + source


def _is_glue_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "glue")


def _only_glue(stmt: ast.stmt) -> bool:
    """A statement whose only effect is glue: a glue call, or a loop of glue calls and
    the assignments that compute what they glue."""
    if _is_glue_call(stmt):
        return True
    if isinstance(stmt, (ast.For, ast.If, ast.With)) and not getattr(stmt, "orelse", None):
        return any(_only_glue(s) for s in stmt.body) and all(
            _only_glue(s) or isinstance(s, (ast.Assign, ast.AnnAssign)) for s in stmt.body)
    return False


def _without_glue_plumbing(cells: list) -> list:
    """The chapter's cells without its ``remove-cell`` (glue) cells.

    A glue cell may also compute a value that a later cell uses; then its glue calls are
    removed and the rest is kept, collapsed, so that Run All still works."""
    kept = []
    for k, cell in enumerate(cells):
        if "remove-cell" not in _tags(cell):
            kept.append(cell)
            continue
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        rest = [st for st in tree.body if not _only_glue(st)]
        if not rest:
            continue
        bound = set().union(*(_defined_names(st) for st in rest))
        later = "\n".join(c.source for c in cells[k + 1:] if c.cell_type == "code"
                          and "remove-cell" not in _tags(c))
        try:
            used = {n.id for n in ast.walk(ast.parse(later)) if isinstance(n, ast.Name)}
        except SyntaxError:
            used = bound
        if not bound & used:
            continue
        lines = cell.source.split("\n")
        new = copy.deepcopy(cell)
        new.source = "\n".join("\n".join(lines[st.lineno - 1:st.end_lineno]) for st in rest)
        new.outputs = []
        new.metadata["tags"] = [t for t in _tags(cell) if t != "remove-cell"] + ["hidden"]
        new.metadata.setdefault("jupyter", {})["source_hidden"] = True
        kept.append(new)
    return kept


def _drop_glue_import(source: str) -> str:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    lines = source.split("\n")
    for node in reversed(tree.body):
        if isinstance(node, ast.ImportFrom) and node.module == "myst_nb":
            del lines[node.lineno - 1:node.end_lineno]
    return "\n".join(lines).strip("\n")


def _quiz_source(chapter: str) -> str:
    try:
        from seqlearn import quizzes
        return quizzes.notebook_source(chapter)
    except ImportError:  # pragma: no cover - seqlearn is installed where books are built
        return f'from seqlearn.quizzes import quiz\nquiz("{chapter}")'


def install_cell(book: Book):
    repo = repository_url(book.config)
    spec = f"seqlearn-book @ git+{repo}" if repo else "seqlearn-book"
    src = f'''# Set-up: installs seqlearn when it is missing (Colab, a fresh JupyterHub).
import importlib.util
import subprocess
import sys

SOURCE = "{spec}"
if importlib.util.find_spec("seqlearn") is None:
    print("seqlearn is not installed: installing", SOURCE)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", SOURCE],
                   check=True)'''
    cell = nbformat.v4.new_code_cell(src)
    cell.id = "setup-install"
    cell.metadata["tags"] = ["setup"]
    return cell


def _banner(book: Book, doc: Doc, version: str):
    other = "student" if version == "reader" else "reader"
    page = f"{book.site}{doc.html}"
    text = (f"*{'Reader' if version == 'reader' else 'Student'} notebook of chapter "
            f"{doc.number}, generated from the book's source.* "
            f"[Read it on the web]({page}) · [{other} version](../{other}/{doc.path.name})")
    if version == "reader":
        text += " · Solutions are folded: click *Solution* to open one."
    else:
        text += " · Solutions are not included: write your answer where it says `None`."
    cell = nbformat.v4.new_markdown_cell(text)
    cell.id = "banner"
    return cell


def _solution_cells(ctx: Context, exercise: str, cells: list, imports: dict) -> list:
    """A folded solution for the reader: its text in <details>, its code cells collapsed."""
    texts = [convert_markdown(ctx, c.source) for c in cells if c.cell_type == "markdown"]
    codes = [c for c in cells if c.cell_type == "code"]
    if texts:
        note = " The code is folded below it: click the dots (…) to show it." if codes else ""
        head = (f"<details>\n<summary><b>Solution to {exercise}</b> (click to open)"
                f"</summary>\n\n" + "\n\n".join(texts) + f"\n\n{note.strip()}\n</details>")
    else:
        head = (f"**Solution to {exercise}** (folded): click the dots (…) under this line "
                "to show the code and its output.")
    first = nbformat.v4.new_markdown_cell(head)
    first.metadata["tags"] = ["solution"]
    out = [first]
    for cell in codes:
        new = copy.deepcopy(cell)
        new.metadata.pop("execution", None)
        new.source = _with_imports(new.source, imports)
        new.metadata.setdefault("jupyter", {}).update(
            {"source_hidden": True, "outputs_hidden": True})
        out.append(new)
    return out


def generate(book: Book, doc: Doc, version: str):
    """The reader or student notebook of one chapter."""
    assert version in ("reader", "student")
    nb = nbformat.read(doc.path, as_version=4)
    ctx = Context(book, doc, glue_data(nb))
    imports = _imports(nb)
    out = nbformat.v4.new_notebook()
    out.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    out.metadata["seqlearn"] = {"chapter": doc.number, "version": version,
                                "source": doc.path.relative_to(book.root).as_posix()}
    cells = [_banner(book, doc, version), install_cell(book)]
    in_exercise = False            # code cells after an exercise, until its solution
    figure = 0
    source = _without_glue_plumbing(nb.cells)
    # the myst_nb import goes when no cell left calls glue (myst-nb is a build tool)
    drop_glue_import = not any(c.cell_type == "code" and "glue(" in c.source for c in source)
    k = 0
    while k < len(source):
        cell = source[k]
        if _is_solution_marker(cell, "start"):
            end = next((m for m in range(k + 1, len(source))
                        if _is_solution_marker(source[m], "end")), None)
            if end is None:
                raise GenerationError(f"{doc.name}: {{solution-start}} without its end")
            label = re.search(r"\{solution-start\}\s*(\S+)", cell.source)
            target = book.labels.get(label.group(1)) if label else None
            if target is None:
                raise GenerationError(f"{doc.name}: solution of an unknown exercise")
            if version == "reader":
                cells.extend(_solution_cells(ctx, f"Exercise {target.number}",
                                             source[k + 1:end], imports))
            in_exercise = False
            k = end + 1
            continue
        k += 1
        new = copy.deepcopy(cell)
        new.metadata.pop("execution", None)
        if cell.cell_type == "markdown":
            ctx.quizzes.clear()
            new.source = convert_markdown(ctx, cell.source)
            if "{exercise}" in cell.source:
                in_exercise = True
            if new.source.strip():
                cells.append(new)
            for chapter in ctx.quizzes:
                quiz = nbformat.v4.new_code_cell(_quiz_source(chapter))
                quiz.metadata["tags"] = ["quiz"]
                cells.append(quiz)
            continue
        if drop_glue_import:
            new.source = _drop_glue_import(new.source)
        if in_exercise:
            new.source = _with_imports(new.source, imports)
        if version == "student":
            new.outputs = []
            new.execution_count = None
        cells.append(new)
        fig = (cell.metadata.get("mystnb") or {}).get("figure") or {}
        if fig.get("caption"):
            figure += 1
            name = fig.get("name")
            anchor = f'<a id="{name}"></a>' if name else ""
            cap = nbformat.v4.new_markdown_cell(
                f"{anchor}*Fig. {doc.number}.{figure}. "
                f"{convert_markdown(ctx, fig['caption'])}*")
            cap.metadata["tags"] = ["caption"]
            cells.append(cap)
    # cell ids must be unique
    seen = set()
    for k, cell in enumerate(cells):
        cid = str(cell.get("id") or f"c{k}")
        while cid in seen:
            cid = f"{cid[:60]}-{k}"
        seen.add(cid)
        cell["id"] = cid
    if version == "student":
        out.metadata.pop("widgets", None)
    out.cells = cells
    nbformat.validate(out)
    return out


def readme(book: Book) -> str:
    rows = [f"| {d.number} | {d.title} | [reader](reader/{d.path.name}) "
            f"| [student](student/{d.path.name}) |" for d in book.chapters()]
    return "\n".join([
        "# The chapters as notebooks",
        "",
        "Generated from the book's source by `scripts/notebooks.py` (`make notebooks`);",
        "do not edit them here: edit `book/` and generate again.",
        "",
        "- **reader/**: the chapter as the web page shows it, with its outputs; solutions are",
        "  folded (click *Solution* to open one). Choose *Run > Run All Cells* to run it live",
        "  and move the sliders of the explorers.",
        "- **student/**: the same chapter without solutions and without stored outputs, for",
        "  handing out; write your answer where an exercise says `None` and run its cell.",
        "",
        "| Chapter | Title | Reader | Student |",
        "|---:|---|---|---|",
        *rows,
        "",
        f"Web book: {book.site or '(set html.baseurl in _config.yml)'}",
        "",
    ])


def write_all(out_dir: Path = DEFAULT_OUT, root: Path = ROOT) -> dict[str, list[Path]]:
    book = index_book(root)
    written: dict[str, list[Path]] = {"reader": [], "student": []}
    for version in written:
        (out_dir / version).mkdir(parents=True, exist_ok=True)
    for doc in book.chapters():
        for version in written:
            nb = generate(book, doc, version)
            target = out_dir / version / doc.path.name
            nbformat.write(nb, target)
            written[version].append(target)
    (out_dir / "README.md").write_text(readme(book), encoding="utf-8")
    return written


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and sys.argv[1].startswith("-")):
        sys.exit(__doc__)
    out = Path(sys.argv[1]) if len(sys.argv) == 2 else DEFAULT_OUT
    try:
        result = write_all(out)
    except GenerationError as exc:
        sys.exit(f"notebooks.py: {exc}")
    for version, paths in result.items():
        print(f"{version}: {len(paths)} notebooks in {out / version}")
