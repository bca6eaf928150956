"""Fuzz baselines for seqlearn.widgets.fees."""
from seqlearn.widgets import fees as w

BASELINES = {
    "day": dict(w.DEFAULTS),
    "render": dict(w.DEFAULTS),
    "blob_fee_explorer": dict(),
}
