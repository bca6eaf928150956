"""Fuzz baselines for seqlearn.plotting.staking."""
import numpy as np

from seqlearn import staking

_REG = staking.StakingRegistry(min_stake=20, max_stake=100, unbonding_period=86_400)
_REG.bond("a", 50, now=0)
_REG.request_unbond("a", 50, now=3 * 86_400)
_T, _V = staking.stake_value_paths(20_000, 40.0, volatility=0.6, days=30, n_paths=8)
_RATES = np.linspace(0.0, 0.1, 5)

BASELINES = {
    "plot_stake_timeline": dict(history=staking.balance_history(_REG.events),
                                events=_REG.events, unit="tokens", decimals=0,
                                until=10 * 86_400.0),
    "plot_stake_value": dict(days=_T, values=_V, stake=20_000.0, unit="METIS",
                             currency="USD", n_show=4, band=(5.0, 95.0)),
    "plot_capital_cost": dict(rates=_RATES,
                              curve=staking.capital_cost(20_000, 40.0, _RATES,
                                                         unbonding_days=14),
                              rate=0.05, point=staking.capital_cost(20_000, 40.0, 0.05,
                                                                    unbonding_days=14),
                              currency="USD"),
}
