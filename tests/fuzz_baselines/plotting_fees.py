"""Fuzz baselines for seqlearn.plotting.fees."""
from fuzz_baselines import fixed
from seqlearn import fees

_PATH = fees.simulate_blob_market(300, fork="osaka", seed=1)
_POLICY = fees.batch_policy(5.0, 120.0, [10.0, 100.0], blob_base_fee_wei=1e8,
                            base_fee_per_gas=1e9)
_PRICER = fees.simulate_arbitrum_pricer([10**6] * 4, [10**15] * 4)

BASELINES = {
    "plot_fork_schedule": dict(n_full=4, n_empty=4),
    "plot_blob_market": dict(paths=fixed({"osaka": _PATH}, "model results"),
                             base_fee_per_gas=1e9, window=10),
    "plot_breakeven": dict(base_fees_gwei=[0.1, 1.0, 10.0]),
    "plot_batch_policy": dict(results=fixed({"a": _POLICY}, "model results")),
    "plot_pricer": dict(path=fixed(_PRICER, "a model result"), units=[10**6] * 4),
}
