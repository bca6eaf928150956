"""Fuzz baselines for seqlearn.widgets.economics."""
from seqlearn.widgets import economics as w

BASELINES = {
    "chain_day": dict(w.DEFAULTS),
    "render": dict(w.DEFAULTS),
    "pnl_explorer": dict(),
}
