"""Fuzz baselines for seqlearn.plotting.derivatives."""
import numpy as np

from fuzz_baselines import fixed
from seqlearn import derivatives as d

_M = np.array([10.0, 60.0, 420.0])
_BOOK = d.random_book(50, seed=1)
_T = d.grace_tradeoff(_BOOK, [0.0, 3600.0], n_scenarios=20, minutes=420.0, jump_mean=-0.1)

BASELINES = {
    "plot_gap_probability": dict(minutes=_M, curves={"HF 1": d.gap_probability(1.0, 0.8, _M)}),
    "plot_grace_tradeoff": dict(tradeoffs=fixed({"a": _T}, "model results"),
                                marks={"v3.7": ("a", 0.0)}, unit="USD", scale=1.0),
    "plot_hedging_error": dict(minutes=[30.0, 120.0],
                               errors=d.hedging_error([30.0, 120.0], n_paths=100, seed=1),
                               premium=9.0),
    "plot_outage_addon": dict(labels=["a", "b"], expected=[1.0, 2.0], es=[3.0, 4.0],
                              unit="% of premium"),
}
