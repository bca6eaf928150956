"""Run every benchmark in this folder and print its lines.

Each ``bench_*.py`` has a ``main()`` that measures in one run and prints ratios against its
target (speed targets are benchmarks, not tests: a slow machine must not fail the suite).
Usage: python benchmarks/run_all.py [--full]   (--full adds the slow million-path run)
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.name}", flush=True)
        if "argv" in inspect.signature(module.main).parameters:
            module.main(argv=argv)
        else:
            module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
