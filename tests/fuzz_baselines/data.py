"""Fuzz baselines for seqlearn.data."""

BASELINES = {
    "outages": dict(),
    "OutageRecord": dict(chain="Arbitrum One", date="2023-12-15", minutes=78.0,
                         approximate=False, cause="inscriptions", source="status page",
                         confidence="H"),
}
