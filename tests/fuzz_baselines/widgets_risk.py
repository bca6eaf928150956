"""Fuzz baselines for seqlearn.widgets.risk."""
from seqlearn.widgets import risk as w

BASELINES = {
    "render": dict(w.DEFAULTS),
    "risk_explorer": dict(),
}
