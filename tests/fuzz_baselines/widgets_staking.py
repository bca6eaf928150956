"""Fuzz baselines for seqlearn.widgets.staking."""
from seqlearn.widgets import staking as w

BASELINES = {
    "render": dict(w.DEFAULTS),
    "capital_cost_explorer": dict(),
}
