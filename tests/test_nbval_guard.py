"""nbval really guards the stored outputs: a hand-edited output must fail it.

Runs nbval in a subprocess on a small notebook that uses seqlearn, once with the output the
code produces and once with that output edited by hand.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _notebook(stored: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell('from seqlearn import params\nparams.value("metis.min_lock")')
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": stored},
                                           execution_count=1)]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", str(path), "-p", "no:cacheprovider",
         "-o", "addopts=", "-q", "--rootdir", str(path.parent)],
        capture_output=True, text=True, cwd=path.parent, timeout=300)


@pytest.mark.parametrize("stored, should_pass", [("20000", True), ("20001", False)])
def test_nbval_catches_an_edited_output(tmp_path, stored, should_pass):
    path = tmp_path / "guard.ipynb"
    nbformat.write(_notebook(stored), path)
    result = _nbval(path)
    assert (result.returncode == 0) is should_pass, result.stdout[-2000:]
