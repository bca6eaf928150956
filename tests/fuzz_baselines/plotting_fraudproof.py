"""Fuzz baselines for seqlearn.plotting.fraudproof."""
from seqlearn import fraudproof as fp

_R = fp.simulate_dispute(1024, 300, clock=fp.ChessClock(3600.0, 60.0))

BASELINES = {
    "plot_bisection": dict(result=_R),
    "plot_clocks": dict(result=_R, unit="h"),
    "plot_op_bond_curve": dict(bonds_eth=[float(b) for b in fp.op_bond_curve()[:10] / 1e18],
                               split_depth=5),
    "plot_arity_tradeoff": dict(arities=[2, 4, 8], rounds=[20, 10, 7], n_steps=2**20),
}
