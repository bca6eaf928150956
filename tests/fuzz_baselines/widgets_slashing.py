"""Fuzz baselines for seqlearn.widgets.slashing."""
from seqlearn.widgets import slashing as w

BASELINES = {
    "render": dict(w.DEFAULTS),
    "deterrence_explorer": dict(),
}
