"""Fuzz baselines for seqlearn.widgets.rollup."""
from seqlearn.widgets import rollup as w

BASELINES = {
    "simulate_setting": dict(w.DEFAULTS),
    "render": dict(w.DEFAULTS),
    "rollup_explorer": dict(),
}
