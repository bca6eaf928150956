"""Fuzz baselines for seqlearn.widgets.optimistic."""
from seqlearn.widgets import optimistic as w

BASELINES = {
    "render": dict(w.DEFAULTS),
    "window_explorer": dict(),
}
