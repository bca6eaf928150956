"""Checks on the chapter notebooks themselves: structure, hygiene and student copies.

nbval (run over book/ by pytest) checks that the stored outputs are what the code
produces; these tests check what nbval does not.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "book").glob("[0-9][0-9]_*.ipynb"))
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip"}

spec = importlib.util.spec_from_file_location("student_copies", ROOT / "scripts/student_copies.py")
student_copies = importlib.util.module_from_spec(spec)
spec.loader.exec_module(student_copies)


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def _tags(cell) -> set[str]:
    return set(cell.metadata.get("tags", []))


def test_there_are_chapters():
    assert len(CHAPTERS) >= 2


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_solution_blocks_are_tagged(path):
    """Every cell from {solution-start} to {solution-end} is tagged `solution`,
    so that the student copies can drop them with nbconvert's tag removal."""
    inside = False
    n_blocks = 0
    for i, cell in enumerate(_read(path).cells):
        src = cell.source
        if "{solution-start}" in src:
            inside, n_blocks = True, n_blocks + 1
        if inside:
            assert "solution" in _tags(cell), f"{path.name} cell {i} is inside a solution but not tagged"
        elif "solution" in _tags(cell):
            pytest.fail(f"{path.name} cell {i} is tagged solution outside a solution block")
        if "{solution-end}" in src:
            inside = False
    assert not inside, "unterminated solution block"
    assert n_blocks >= 4, f"{path.name} has {n_blocks} solutions; the template asks for >= 4 exercises"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_only_widget_cells_ignore_output(path):
    for i, cell in enumerate(_read(path).cells):
        ignored = _tags(cell) & IGNORE_TAGS
        if ignored:
            assert "explorer" in cell.source or "widgets" in cell.source, (
                f"{path.name} cell {i} ignores its output ({ignored}) but is not an explorer")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_outputs_are_stored_without_timestamps(path):
    nb = _read(path)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "notebook was not executed in full"
    assert not any("execution" in c.metadata for c in code), "timing metadata stored"
    for c in code:
        for out in c.get("outputs", []):
            assert out.get("output_type") != "error", f"{path.name} stores an error output"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_figures_have_caption_and_alt_text(path):
    for i, cell in enumerate(_read(path).cells):
        if cell.cell_type != "code" or "remove-output" in _tags(cell):
            continue
        has_image = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        if has_image:
            meta = cell.metadata.get("mystnb", {})
            assert meta.get("figure", {}).get("caption"), f"{path.name} cell {i}: figure without caption"
            assert meta.get("image", {}).get("alt"), f"{path.name} cell {i}: figure without alt text"


def test_student_copies_have_no_solutions(tmp_path):
    written = student_copies.write_student_copies(tmp_path)
    assert [p.name for p in written] == [p.name for p in CHAPTERS]
    for original, copy in zip(CHAPTERS, written):
        nb = _read(copy)
        nbformat.validate(nb)
        solution_code = [c.source.strip() for c in _read(original).cells
                         if "solution" in _tags(c) and c.cell_type == "code" and c.source.strip()]
        assert solution_code, f"{original.name} has no solution code to remove"
        text = "\n".join(c.source for c in nb.cells)
        assert "{solution-start}" not in text and "{solution-end}" not in text
        for src in solution_code:
            assert src not in text, f"solution code survived in the student copy of {original.name}"
        n_ex = len(re.findall(r"\{exercise\}", text))
        assert n_ex >= 4, f"student copy of {original.name} lost its exercises ({n_ex})"


# ------------------------------------------------------------------------------------------
# issue 7, part 1: the corrected claims stay corrected (text pins; the numbers behind them
# are pinned in test_data, test_params, test_rollup, test_fraudproof and test_collateral)
# ------------------------------------------------------------------------------------------
def _text(name: str) -> str:
    path = ROOT / "book" / name
    if path.suffix == ".ipynb":
        return "\n".join(c.source for c in _read(path).cells)
    return path.read_text(encoding="utf-8")


CORRECTED_TEXT = [
    # (file, text that must be there, text that must not come back)
    ("01_sequencers.ipynb", "forced-batch path was disabled", "None of the"),        # 1
    ("01_sequencers.ipynb", "outlasted the OP window", "Every documented outage was"),  # 1
    ("01_sequencers.ipynb", "up to version 3.6", "Aave v3\n{cite}`aavev3core` builds"),  # 2
    ("01_sequencers.ipynb", "removed the sentinel\nin version 3.7.0", None),            # 2
    ("01_sequencers.ipynb", "blocks averaged about 13 seconds", "the pre-merge average"),  # 3
    ("01_sequencers.ipynb", "press estimate of the hard halt", None),                    # 4
    ("04_optimistic_proofs.ipynb", "follows the same steps", "does the\nsame and returns wei"),  # 5
    ("04_optimistic_proofs.ipynb", "ch04_op_ext_step_h", None),                          # 6
    ("05_optimistic_systems.ipynb", "ch05_op_ext_step_h", None),                         # 6
    ("04_optimistic_proofs.ipynb", "teaching simplification", None),                     # 7
    ("glossary.md", "is a\n  teaching simplification", None),                             # 7
    ("04_optimistic_proofs.ipynb", "*refund* mode", None),                               # 8
    ("04_optimistic_proofs.ipynb", "ch04_op_weth_days", None),                           # 8
    ("06_collateral_risk.ipynb", "grace period that follows\na won challenge", None),    # 9
    ("01_sequencers.ipynb", "ch01_blob_op", "\\frac{b}{131{,}072}"),                    # 10
    ("03_slashing.ipynb", "only during an\ninactivity leak", "pays inactivity penalties instead"),  # 11
    ("glossary.md", "It need not stay below the initial penalty", "must stay below the penalty"),  # 11
    ("02_collateral.ipynb", "any\n  kind of proposer commitment", "for proposers of based\n  rollups"),  # 11
    ("02_collateral.ipynb", "block proposers vote", "slashes by a\n  vote of the committee"),  # 11
    ("03_slashing.ipynb", "block proposers vote 0 to 3", None),                          # 11
    ("01_sequencers.ipynb", "a lower bound", None),                                      # 11
    ("01_sequencers.ipynb", "holds the batch is *finalized*", "Once the batch is in an L1 block"),  # 11
]


@pytest.mark.parametrize("name, present, absent", CORRECTED_TEXT)
def test_issue7_corrections_stay_in_the_text(name, present, absent):
    text = _text(name)
    assert present in text
    if absent is not None:
        assert absent not in text
