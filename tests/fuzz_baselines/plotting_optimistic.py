"""Fuzz baselines for seqlearn.plotting.optimistic."""
import numpy as np

from seqlearn import optimistic as op

_D = np.linspace(0, 10, 11)
_S = op.survival_probability(op.days_to_blocks(_D), 3, 0.1)

BASELINES = {
    "plot_survival": dict(days=_D, curves={"3 watchers": _S}, floor=1e-12,
                          marks={"7 days": 7.0}, title="t"),
    "plot_censorship_cost": dict(days=_D, costs={"a": _D * 2 + 1}, unit="ETH", value=10.0,
                                 marks={"7 days": 7.0},
                                 slack=(np.linspace(0.1, 0.9, 5), np.linspace(1.0, 5.0, 5)),
                                 slack_marks=(1.0,), title="t"),
    "plot_margin": dict(delay_days=_D, margins={"a": _D + 1.0}, unit="USD",
                        marks={"7 days": 7.0}, title="t"),
    "plot_window_tradeoff": dict(result=op.window_tradeoff(7, 3, 1e-4, points=21),
                                 floor=1e-12),
}
