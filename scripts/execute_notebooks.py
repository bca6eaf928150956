"""Re-execute chapter notebooks in place, storing outputs without timestamps.

Usage: python scripts/execute_notebooks.py book/01_sequencers.ipynb [more.ipynb ...]

nbval then checks that the stored outputs are exactly what the code produces. Timing
metadata is not recorded, so re-running an unchanged notebook leaves the file unchanged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nb.metadata.pop("widgets", None)  # widget state is not stored: the page shows a static figure
    for cell in nb.cells:
        # A live explorer's output is a widget view with a random model id: it cannot be
        # checked and would change the file on every run, so it is not stored.
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            cell.outputs = []
    nbformat.write(nb, path)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        print(f"executing {arg}", flush=True)
        execute(Path(arg))
