"""Fuzz baselines for seqlearn.plotting.economics."""
from fuzz_baselines import fixed
from seqlearn import economics

_TB = economics.simulate_timeboost(200, seed=1)

BASELINES = {
    "plot_pnl": dict(pnl=fixed(economics.daily_pnl(), "a model result"), title="a day"),
    "plot_pnl_curve": dict(curve=fixed(economics.pnl_curve(economics.ChainDay(),
                                                           [1, 10**6]), "a model result")),
    "plot_timeboost": dict(tb=fixed(_TB, "a model result"), bins=10),
    "plot_policies": dict(cmp=fixed(economics.compare_ordering_policies(_TB),
                                    "a model result")),
}
