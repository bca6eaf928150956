"""Fuzz baselines for seqlearn.plotting.shared."""
from fuzz_baselines import fixed
from seqlearn import shared as sh

_Q, _S = [0.9, 0.9], [0.9, 0.6]

BASELINES = {
    "plot_regimes": dict(
        outcomes=fixed([sh.bundle_outcome(_Q, _S, r) for r in sh.REGIMES],
                       "model results, not user input"),
        arbitrages=fixed(sh.compare_regimes(_Q, _S, 1.0, [0.5, 0.5]),
                         "model results, not user input")),
    "plot_latency": dict(contests=fixed([sh.latency_contest(n, 1.0) for n in (2, 3)],
                                        "model results, not user input")),
    "plot_outages": dict(c=fixed(sh.common_mode_outage(3, 0.01),
                                 "a model result, not user input")),
    "plot_espresso_rewards": dict(points=20),
}
