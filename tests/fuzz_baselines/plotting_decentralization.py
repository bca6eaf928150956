"""Fuzz baselines for seqlearn.plotting.decentralization."""
import numpy as np

from fuzz_baselines import fixed
from seqlearn import decentralization as dz

BASELINES = {
    "plot_halt": dict(n=5, p_offline=0.05, shock_probability=0.01, shock_members=2,
                      max_n=8),
    "plot_concentration": dict(sets={"a": [3, 2, 1], "b": [1]}),
    "plot_censorship": dict(censor_shares=[0.0, 0.5], waits={"lottery": [2.0, 4.0]},
                            backstop_seconds=100.0),
    "plot_turns": dict(counts=np.array([1, 2, 2, 3]),
                       pmf=dz.turn_distribution([1, 1], 4, 0), label="A"),
    "plot_designs": dict(rows=fixed(dz.compare_designs(), "a model result, not user input")),
}
