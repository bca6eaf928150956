"""Fuzz baselines for seqlearn.widgets.shared."""
from seqlearn.widgets import shared as w

BASELINES = {
    "render": dict(w.DEFAULTS),
    "shared_explorer": dict(),
}
