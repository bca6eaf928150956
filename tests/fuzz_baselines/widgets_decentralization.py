"""Fuzz baselines for seqlearn.widgets.decentralization."""
from seqlearn.widgets import decentralization as w

BASELINES = {
    "render": dict(w.DEFAULTS),
    "decentralization_explorer": dict(),
}
