"""The benchmark scripts run and print their lines (their numbers are not judged here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_explorer_benchmark_covers_every_explorer(capsys):
    bench = _load("bench_explorers")
    bench.main(repeats=1)
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split()[0] for line in lines] == list(bench.EXPLORERS)
    assert all("(target 100 ms, ratio " in line for line in lines)
    widgets = {p.stem for p in (BENCH.parent / "seqlearn" / "widgets").glob("*.py")} - {"__init__"}
    assert widgets == set(bench.EXPLORERS), "an explorer is missing from the benchmark"
