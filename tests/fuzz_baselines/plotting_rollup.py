"""Fuzz baselines for seqlearn.plotting.rollup."""
from seqlearn import rollup

_WL = rollup.poisson_workload(rate=1.0, duration=120.0, seed=1)
_A = rollup.simulate(_WL, rollup.RollupConfig(outage=(10.0, 40.0)))
_B = rollup.simulate(_WL, rollup.RollupConfig(policy="priority_fee", batch_interval=30.0))

BASELINES = {
    "plot_ordering": dict(results={"fcfs": _A, "priority": _B}, n_bins=5, most_points=200,
                          floor=0.001),
    "plot_latency_ecdf": dict(results={"a": _A, "b": _B}, floor=0.001),
    "plot_outage_timeline": dict(results=_A, unit="min", most_points=300),
    "plot_cost_latency": dict(results={60.0: _A, 30.0: _B}),
    "plot_rollup_explorer": dict(result=_A, unit="min"),
}
