"""Fuzz baselines for seqlearn.widgets.fraudproof."""
from seqlearn.widgets import fraudproof as w

BASELINES = {
    "render": dict(w.DEFAULTS),
    "bisection_explorer": dict(),
}
