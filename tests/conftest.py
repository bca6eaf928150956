"""Test-suite hooks: print the fuzz test's summary (tests/test_fuzz_api.py) at the end."""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

REPORT = Path(__file__).resolve().parents[1] / "_build" / "fuzz-report.json"
RUN = "SEQLEARN_FUZZ_RUN"


def pytest_configure(config):
    # One id per run, set in the controller before any xdist worker starts (workers inherit
    # the environment), so that the summary shows only this run's report.
    if not hasattr(config, "workerinput"):
        os.environ[RUN] = uuid.uuid4().hex


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    try:
        data = json.loads(REPORT.read_text())
    except (OSError, ValueError):
        return
    if data.get("run") != os.environ.get(RUN):
        return  # written by another run
    terminalreporter.write_sep("-", "fuzz test of the public API")
    terminalreporter.write_line(
        f"{data['calls']:,} calls to {data['callables']} callables "
        f"({data['accepted']:,} returned, {data['rejected']:,} rejected with "
        f"ValueError/TypeError) in {data['seconds_wall']:.0f} s "
        f"({data['seconds_in_calls']:.0f} s in the calls), "
        f"{data['failures']} failing callable(s); report: "
        f"{REPORT.relative_to(REPORT.parents[1])}")
