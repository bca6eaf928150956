"""Test-suite hooks: print the fuzz test's summary (tests/test_fuzz_api.py) at the end."""
from __future__ import annotations

import json
import time
from pathlib import Path

REPORT = Path(__file__).resolve().parents[1] / "_build" / "fuzz-report.json"
_START = time.time()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Under xdist the fuzz test runs in a worker; the controller reads what it wrote.
    try:
        data = json.loads(REPORT.read_text())
    except (OSError, ValueError):
        return
    if data.get("written", 0) < _START:
        return  # a report from an earlier run
    terminalreporter.write_sep("-", "fuzz test of the public API")
    terminalreporter.write_line(
        f"{data['calls']:,} calls to {data['callables']} callables "
        f"({data['accepted']:,} returned, {data['rejected']:,} rejected with "
        f"ValueError/TypeError), {data['seconds_in_calls']:.1f} s in calls; "
        f"report: {REPORT.relative_to(REPORT.parents[1])}")
