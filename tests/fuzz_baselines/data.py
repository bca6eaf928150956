"""Fuzz baselines for seqlearn.data."""

SKIP = {"OutageRecord": "a record built by outages() from the bundled CSV (its loader "
                        "checks every row), not from user input"}
BASELINES = {
    "outages": dict(),
}
