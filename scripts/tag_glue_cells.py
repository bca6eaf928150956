"""Keep glue plumbing out of sight: tag glue-only cells `remove-cell`, split mixed cells.

Usage: python scripts/tag_glue_cells.py [--check] [book/NN_x.ipynb ...]

With no paths, every chapter listed in ``_toc.yml`` is processed. The house style says that
cells which only ``glue(...)`` numbers into the prose are tagged ``remove-cell`` (hidden on the
web page and left out of the generated notebooks; nbval still runs and checks them) and that
model code cells do not call ``glue``. This script makes a chapter so:

- a code cell whose every top-level statement is glue plumbing gets the tag ``remove-cell``;
- a code cell that mixes model code and glue is split in two: the model statements stay in
  the cell, the glue statements move to a new cell right after it, tagged ``remove-cell``.
  The stored outputs move with them (glue records go to the new cell, everything else stays),
  so nbval still passes without re-executing. A split is refused (and reported) when a glue
  statement reads a name that a later statement of the same cell changes.

A statement is glue plumbing when it contains a call to ``glue`` and every simple statement in
it is such a call or an assignment (for example a ``for`` loop over keys that computes a value
and glues it). A cell already tagged ``remove-cell`` may also hold top-level assignments that
compute what it glues. The script is idempotent: a second run changes nothing. ``--check`` changes no
file and exits 1 if a run would.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
TAG = "remove-cell"
GLUE_MIME = "application/papermill.record/"


def toc_chapters(root: Path = ROOT) -> list[Path]:
    """Every notebook listed in ``_toc.yml``, in reading order."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files: list[str] = []

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return [root / f"{f}.ipynb" for f in files if (root / f"{f}.ipynb").exists()]


def _is_glue_call(node: ast.AST) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id == "glue")


def _simple_statements(stmt: ast.stmt):
    """The simple statements inside a (possibly compound) statement."""
    bodies = [getattr(stmt, name, None) for name in ("body", "orelse", "finalbody")]
    if any(isinstance(b, list) and b for b in bodies) and not isinstance(
            stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        for body in bodies:
            for child in body or []:
                yield from _simple_statements(child)
    else:
        yield stmt


def is_glue_statement(stmt: ast.stmt) -> bool:
    simple = list(_simple_statements(stmt))
    return (any(_is_glue_call(s) for s in simple)
            and all(_is_glue_call(s) or isinstance(s, (ast.Assign, ast.AnnAssign))
                    for s in simple))


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _names(stmt: ast.AST, ctx) -> set[str]:
    """Names read (ctx=ast.Load) or bound (ast.Store) by a statement, outside the private
    scopes of comprehensions and lambdas."""
    found, todo = set(), [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ctx):
            found.add(node.id)
        if isinstance(node, _COMPREHENSIONS + (ast.Lambda,)) and ctx is ast.Store:
            continue
        todo.extend(ast.iter_child_nodes(node))
    return found


def _reads_before_binding(stmt: ast.stmt) -> set[str]:
    """Names a glue statement needs from before it (loop targets it binds itself excluded)."""
    own = set()
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        own = _names(stmt.target, ast.Store)
    return _names(stmt, ast.Load) - own


def _split_loop(stmt: ast.stmt, source: str) -> tuple[str, str] | None:
    """Split a flat ``for`` loop that mixes glue with model code into two loops.

    The model loop keeps every statement but the glue calls; the glue loop keeps the
    assignments and the glue calls. Only loops over a name or a literal are split, so
    that iterating twice sees the same items.
    """
    if not (isinstance(stmt, ast.For) and not stmt.orelse
            and isinstance(stmt.iter, (ast.Name, ast.Tuple, ast.List))
            and all(isinstance(s, (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign))
                    for s in stmt.body)
            and not any(isinstance(s, ast.AugAssign) for s in stmt.body
                        if not _is_glue_call(s))):
        return None
    lines = source.splitlines()
    header = "\n".join(lines[stmt.lineno - 1:stmt.body[0].lineno - 1])
    body = ["\n".join(lines[s.lineno - 1:s.end_lineno]) for s in stmt.body]
    model = [b for s, b in zip(stmt.body, body) if not _is_glue_call(s)]
    glue = [b for s, b in zip(stmt.body, body)
            if _is_glue_call(s) or isinstance(s, (ast.Assign, ast.AnnAssign))]
    if all(isinstance(s, (ast.Assign, ast.AnnAssign)) for s in stmt.body
           if not _is_glue_call(s)):
        return None
    return "\n".join([header, *model]), "\n".join([header, *glue])


def _is_glue_output(out) -> bool:
    return any(k.startswith(GLUE_MIME) for k in out.get("data", {}))


def _merge_streams(outputs: list) -> list:
    merged: list = []
    for out in outputs:
        if (merged and out.get("output_type") == "stream"
                and merged[-1].get("output_type") == "stream"
                and merged[-1].get("name") == out.get("name")):
            merged[-1]["text"] = merged[-1]["text"] + out["text"]
        else:
            merged.append(out)
    return merged


def _segments(source: str, stmts: list[ast.stmt]) -> list[str]:
    """Source text of each statement, with the comment lines just above it."""
    lines = source.splitlines()
    starts = [s.lineno - 1 for s in stmts]
    # comments and blank lines above a statement belong to it
    for i, s in enumerate(stmts):
        prev_end = stmts[i - 1].end_lineno if i else 0
        j = starts[i]
        while j - 1 >= prev_end and lines[j - 1].lstrip().startswith("#"):
            j -= 1
        starts[i] = j
    return ["\n".join(lines[starts[i]:s.end_lineno]) for i, s in enumerate(stmts)]


def process(nb) -> tuple[bool, list[str]]:
    """Tag and split the cells of one notebook in place; return (changed, problems)."""
    changed, problems, cells = False, [], []
    in_solution = False
    for index, cell in enumerate(nb.cells):
        cells.append(cell)
        if cell.cell_type == "markdown" and "{solution-start}" in cell.source:
            in_solution = True
        elif cell.cell_type == "markdown" and "{solution-end}" in cell.source:
            in_solution = False
        tags_now = cell.metadata.get("tags", [])
        if in_solution and TAG in tags_now and "solution" not in tags_now:
            # a glue cell inside a solution belongs to the solution (folded, removed)
            cell.metadata["tags"] = [*tags_now, "solution"]
            changed = True
        if cell.cell_type != "code" or "glue(" not in cell.source:
            continue
        tags = cell.metadata.get("tags", [])
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            problems.append(f"cell {index}: does not parse")
            continue
        stmts = tree.body
        glue_flags = [is_glue_statement(s) for s in stmts]
        segs = _segments(cell.source, stmts)
        # a flat loop that renders a table and glues each row splits into two loops
        extra_glue: dict[int, str] = {}
        for i, stmt in enumerate(stmts):
            if glue_flags[i] or not any(_is_glue_call(s) for s in _simple_statements(stmt)):
                continue
            split = _split_loop(stmt, cell.source)
            if split is None:
                problems.append(f"cell {index}: glue inside a statement that does more "
                                f"(line {stmt.lineno}); split it by hand")
                continue
            seg_lines = segs[i].splitlines()
            above = seg_lines[:len(seg_lines) - (stmt.end_lineno - stmt.lineno + 1)]
            later = set().union(set(), *(_names(s, ast.Store) for s in stmts[i + 1:]))
            if (_names(stmt, ast.Load) - _names(stmt, ast.Store)) & later:
                problems.append(f"cell {index}: glue loop at line {stmt.lineno} reads names "
                                "changed later in the cell; split it by hand")
                continue
            segs[i] = "\n".join([*above, split[0]])
            extra_glue[i] = split[1]
        if not any(glue_flags) and not extra_glue:
            continue
        if all(glue_flags) and not extra_glue:
            if TAG not in tags:
                cell.metadata["tags"] = [*tags, TAG]
                changed = True
            continue
        if TAG in tags:
            # a hidden glue cell may compute the values it glues (assignments); anything
            # else (a print, a figure, a call for its effect) would be hidden model code
            if not all(g or isinstance(st, (ast.Assign, ast.AnnAssign, ast.FunctionDef))
                       for st, g in zip(stmts, glue_flags)):
                problems.append(f"cell {index}: tagged {TAG} but holds model code")
            continue
        # mixed cell: may every glue statement move below the rest of the cell?
        blocked = []
        for i, (stmt, is_glue) in enumerate(zip(stmts, glue_flags)):
            if not is_glue:
                continue
            later = set().union(set(), *(_names(s, ast.Store) for s, g in
                                  zip(stmts[i + 1:], glue_flags[i + 1:]) if not g))
            if _reads_before_binding(stmt) & later:
                blocked.append(stmt.lineno)
        if blocked:
            problems.append(f"cell {index}: glue at line(s) {blocked} reads names changed "
                            "later in the cell; split it by hand")
            continue
        model_src = "\n".join(s for s, g in zip(segs, glue_flags) if not g).strip("\n")
        glue_src = "\n".join(s if g else extra_glue[i]
                             for i, (s, g) in enumerate(zip(segs, glue_flags))
                             if g or i in extra_glue).strip("\n")
        outputs = cell.get("outputs", [])
        glue_cell = nbformat.v4.new_code_cell(glue_src)
        glue_cell.id = (cell.get("id") or f"cell{index}")[:56] + "-glue"
        # a glue cell split from a solution's cell stays in the solution
        glue_cell.metadata["tags"] = [TAG] + [t for t in tags if t == "solution"]
        glue_cell.execution_count = cell.execution_count
        glue_cell.outputs = [o for o in outputs if _is_glue_output(o)]
        cell.outputs = _merge_streams([o for o in outputs if not _is_glue_output(o)])
        cell.source = model_src
        cells.append(glue_cell)
        changed = True
    if changed:
        nb.cells = cells
        count = 0
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.execution_count is not None:
                count += 1
                cell.execution_count = count
                for out in cell.get("outputs", []):
                    if out.get("output_type") == "execute_result":
                        out["execution_count"] = count
    return changed, problems


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or toc_chapters()
    status = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        changed, problems = process(nb)
        for p in problems:
            print(f"{path}: {p}")
        if changed:
            if check:
                print(f"{path}: glue cells would change")
                status = 1
            else:
                nbformat.validate(nb)
                nbformat.write(nb, path)
                print(f"{path}: glue cells tagged/split")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
