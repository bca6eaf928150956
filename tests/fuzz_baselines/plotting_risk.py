"""Fuzz baselines for seqlearn.plotting.risk."""
import numpy as np

from seqlearn import collateral as c
from seqlearn import risk

_Q = np.linspace(0, 5e6, 20)
_SIM = dict(n_paths=50, n_epochs=5, n_sequencers=2, stake=100.0, price=1.0, mu=0.0,
            sigma=0.6, slash_fraction=0.1, jump=0.05, reward=0.0, seed=1)
_A = risk.simulate_collateral(p_fault=0.01, **_SIM)
_B = risk.simulate_collateral(p_fault=0.1, **_SIM)
_L = {"a": _A.collateral_losses, "b": _B.collateral_losses}
_CM = c.CollateralModel(loss=1.0, price=1.0, volatility=0.6, fault_rate=0.2, jump=0.25)

BASELINES = {
    "plot_liquidation_value": dict(quantities=_Q,
                                   values={"thin": c.liquidation_value(_Q, 1.0,
                                                                       c.Market(1e5))},
                                   price=1.0, token="tokens", currency="USD"),
    "plot_scenario_risk": dict(labels=["a", "b"], expected=[1.0, 2.0], var=[2.0, 3.0],
                               es=[3.0, 4.0], alpha=0.05),
    "plot_wrong_way": dict(results={"a": _A, "b": _B}),
    "plot_loss_tail": dict(losses=_L, var={k: risk.value_at_risk(v, 0.05)
                                           for k, v in _L.items()},
                           es={k: risk.expected_shortfall(v, 0.05) for k, v in _L.items()},
                           alpha=0.05),
    "plot_frontier": dict(report=c.collateral_report(_CM, alpha=0.05, alphas=(0.2, 0.1),
                                                     n_paths=200), currency="USD"),
}
