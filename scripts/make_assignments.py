"""Export each chapter's self-checked exercises to an Otter-Grader assignment.

Usage: python scripts/make_assignments.py [OUT_DIR] [--chapters ch03 ...] [--run-tests]

For every chapter notebook this writes, under OUT_DIR (default ``_build/assignments``):

- ``source/chNN.ipynb``: the Otter "assign" notebook, built from the book's own cells: the
  exercise text (glued numbers written in), the student template cell as the prompt, the
  book's solution cells as the solution, and one test per self-check call of the
  template, which re-runs the same ``seqlearn.exercises`` check (no answer is copied);
- ``chNN/student/chNN.ipynb``: what students get (solutions replaced by the templates,
  with ``grader.check`` cells after each question);
- ``chNN/autograder/``: the instructor's solution notebook, the tests and
  ``chNN-autograder_*.zip``, which ``otter run -a <zip> <submission.ipynb>`` uses to grade
  locally (no Docker) and which uploads to Gradescope as an Otter autograder.

Only exercises with a self-check and a solution are exported (coding, calculation, choice
and concept questions, one point each); open-ended ones stay in the book and the
instructor guide. Names a solution needs from earlier in its chapter (set-up cells) are
found by running the solutions and are copied, in chapter order, into the assignment's
set-up cell.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chapter_info as ci  # noqa: E402

ROOT = ci.ROOT
OTTER = Path(sys.executable).with_name("otter")


class _DropGlue(ast.NodeTransformer):
    """Remove ``glue(...)`` calls and ``from myst_nb import glue`` (book plumbing)."""

    def visit_Expr(self, node):
        call = node.value
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "glue":
            return None
        return node

    def visit_ImportFrom(self, node):
        return None if node.module == "myst_nb" else node

    def generic_visit(self, node):
        super().generic_visit(node)
        for name in ("body", "orelse"):
            body = getattr(node, name, None)
            if isinstance(body, list) and name == "body" and not body:
                body.append(ast.Pass())
        return node


def _strip_glue(source: str) -> str:
    tree = _DropGlue().visit(ast.parse(source))
    tree.body = [n for n in tree.body if not (
        isinstance(n, (ast.For, ast.If)) and all(isinstance(b, ast.Pass) for b in n.body))]
    return ast.unparse(ast.fix_missing_locations(tree)) if tree.body else ""


def _drop_glue_lines(source: str) -> str:
    """Remove top-level ``glue(...)`` statements, keeping the rest of the text as written."""
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in reversed(tree.body):
        if (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", "") == "glue"):
            del lines[node.lineno - 1:node.end_lineno]
    return "\n".join(lines)


def _binds(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        for t in targets:
            names |= {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
    return names


def setup_cells(nb, chapter: ci.Chapter) -> list[str]:
    """The chapter cells that the exported solutions need, in chapter order."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    first_ex = next(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
                    and c.source.lstrip().startswith("## Exercises"))
    exported = {s for ex in chapter.exercises if ex.gradable for s in ex.template + ex.solution}
    chosen = {code[0][0]}
    # cells of the exercise section that are not an exercise's own (their set-up)
    chosen |= {i for i, c in code if i > first_ex and c.source not in exported
               and "solution" not in c.metadata.get("tags", [])
               and not any(c.source in ex.template for ex in chapter.exercises)}
    candidates = [(i, c) for i, c in code if i < first_ex
                  and "nbval-ignore-output" not in c.metadata.get("tags", [])]
    for _ in range(20):
        src = [_strip_glue(nb.cells[i].source) for i in sorted(chosen)]
        missing = _missing_name(src, [[_drop_glue_lines(s) for s in ex.solution]
                                      for ex in chapter.exercises if ex.gradable])
        if missing is None:
            return [s for s in src if s.strip()]
        definer = next((i for i, c in candidates if missing in _binds(c.source)), None)
        if definer is None or definer in chosen:
            raise RuntimeError(f"{chapter.chapter_id}: a solution needs {missing!r}, which no "
                               "earlier cell of the chapter defines")
        chosen.add(definer)
    raise RuntimeError(f"{chapter.chapter_id}: set-up does not converge")


def _missing_name(setup: list[str], solutions: list[list[str]]) -> str | None:
    import matplotlib

    matplotlib.use("Agg")
    env: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            exec(compile("\n".join(setup), "<setup>", "exec"), env)  # noqa: S102
        except NameError as exc:
            return exc.name
        for cells in solutions:
            try:
                exec(compile("\n".join(cells), "<solution>", "exec"), dict(env))  # noqa: S102
            except NameError as exc:
                return exc.name
    return None


def _raw(text: str):
    return nbformat.v4.new_raw_cell(text)


def _solution_cell(solution: list[str], template: list[str]) -> str:
    prompt = "\n".join(template).rstrip()
    if '"""' in prompt:
        raise ValueError("a template cell holds triple quotes; Otter's prompt block cannot")
    code = "\n\n".join(_drop_glue_lines(s).rstrip() for s in solution)
    return ("# BEGIN SOLUTION NO PROMPT\n" + code
            + "\n# END SOLUTION\n" + '""" # BEGIN PROMPT\n' + prompt + '\n"""; # END PROMPT')


def _test_cell(chapter_id: str, call: str) -> str:
    m = re.match(r"(?:[\w.]+\.)?(check_\w+)\((.*)\)\s*$", call, re.S)
    if not m:
        raise ValueError(f"cannot read the self-check call {call!r}")
    name, args = m.groups()
    return (f"from seqlearn.exercises import {chapter_id} as _checks\n"
            f"_verdict = _checks.{name}({args})\n"
            f"assert _verdict, _verdict.message")


def assign_notebook(path: Path) -> tuple[nbformat.NotebookNode, ci.Chapter]:
    """The Otter source notebook of one chapter."""
    chapter = ci.info(path)
    nb = nbformat.read(path, as_version=4)
    values = ci.glue_values(nb)
    config = {
        "name": chapter.chapter_id,
        "init_cell": True,
        "check_all_cell": False,  # a final check_all would grade every
        # question against the last value of a shared name such as `answer`
        "export_cell": False,
        "run_tests": False,
        "generate": {"pdf": False, "filtering": False, "show_hidden": True},
        "requirements": "requirements.txt",
        "overwrite_requirements": False,
        "tests": {"files": False},
        "show_question_points": True,
    }
    cells = [_raw("# ASSIGNMENT CONFIG\n" + json.dumps(config, indent=1)),
             nbformat.v4.new_markdown_cell(
                 f"# Chapter {chapter.number} assignment: {chapter.title}\n\n"
                 "Answer each exercise in its cell: replace `None` (or the body of the "
                 "function) with your answer, run the cell, then run the `grader.check` "
                 "cell under it. Each exercise is worth one point; the self-check in "
                 "the cell and the grader test are the same check. Run the set-up cell "
                 "first."),
             nbformat.v4.new_code_cell(
                 "# Set-up from the chapter: run this cell first.\n"
                 + "\n\n".join(setup_cells(nb, chapter)))]
    for ex in chapter.exercises:
        if not ex.gradable:
            continue
        prompt = ci.resolve_markdown(ex.prompt, values)
        cells += [
            _raw(f"# BEGIN QUESTION\nname: {ex.label}\npoints: 1"),
            nbformat.v4.new_markdown_cell(
                f"## Exercise {ex.number}: {ex.title}\n\n{prompt}"),
            _raw("# BEGIN SOLUTION"),
            nbformat.v4.new_code_cell(_solution_cell(ex.solution, ex.template)),
            _raw("# END SOLUTION"),
            _raw("# BEGIN TESTS"),
            *[nbformat.v4.new_code_cell(_test_cell(chapter.chapter_id, call))
              for call in ex.checks],
            _raw("# END TESTS"),
            _raw("# END QUESTION"),
        ]
    out = nbformat.v4.new_notebook(cells=cells)
    out.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                               "language": "python"}
    out.metadata.language_info = {"name": "python"}
    return out, chapter


def _requirements(dest: Path) -> Path:
    """The autograder's requirements: seqlearn's runtime dependencies, pinned as in
    requirements.txt. (Gradescope also needs seqlearn itself: see the instructor guide.)"""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower()] = line.strip()
    lines = [pins.get(n, n) for n in ("numpy", "matplotlib", "ipywidgets")]
    path = dest / "requirements.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def build(out_dir: Path, only: list[str] | None = None, run_tests: bool = False) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    src_dir = out_dir / "source"
    src_dir.mkdir(exist_ok=True)
    made = []
    for path in ci.chapters():
        chapter_id = f"ch{path.name[:2]}"
        if only and chapter_id not in only:
            continue
        nb, chapter = assign_notebook(path)
        if not any(ex.gradable for ex in chapter.exercises):
            print(f"skip {chapter_id}: no self-checked exercise")
            continue
        work = src_dir / chapter_id
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        source = work / f"{chapter_id}.ipynb"
        nbformat.write(nb, source)
        _requirements(work)
        dist = out_dir / chapter_id
        shutil.rmtree(dist, ignore_errors=True)
        cmd = [str(OTTER), "assign", "-v", source.name, str(dist.resolve())]
        if not run_tests:
            cmd.append("--no-run-tests")
        done = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"otter assign failed for {chapter_id}:\n{done.stdout}\n{done.stderr}")
        zips = sorted((dist / "autograder").glob("*.zip"))
        if zips:  # a stable name (otter stamps the time into it)
            stable = dist / "autograder" / f"{chapter_id}-autograder.zip"
            zips[-1].rename(stable)
            zips = [stable]
        print(f"{chapter_id}: {sum(ex.gradable for ex in chapter.exercises)} questions -> "
              f"{dist / 'student' / source.name}, {zips[-1].name if zips else 'no zip'}")
        made.append(dist)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path, default=ROOT / "_build" / "assignments")
    parser.add_argument("--chapters", nargs="*")
    parser.add_argument("--run-tests", action="store_true",
                        help="let otter assign run the tests against the solutions")
    args = parser.parse_args(argv)
    build(args.out_dir, args.chapters, args.run_tests)
    return 0


if __name__ == "__main__":
    sys.exit(main())
