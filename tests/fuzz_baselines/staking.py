"""Fuzz baselines for seqlearn.staking."""
from fractions import Fraction

from fuzz_baselines import fixed, fresh
from seqlearn import staking


def _registry():
    reg = staking.StakingRegistry(min_stake=20, max_stake=100, unbonding_period=10,
                                  reporter_reward_fraction=Fraction(1, 10))
    reg.bond("alice", 50, now=0)
    reg.request_unbond("alice", 20, now=5)
    return reg


_REG = _registry()
_HIST = staking.balance_history(_REG.events)
RESULT = "a result type: built by the model, not from user input"

SKIP = {"SlashResult": RESULT, "Totals": RESULT, "BalanceHistory": RESULT,
        "CapitalCost": RESULT}

BASELINES = {
    "Event": dict(time=86_400, sequencer="seq", kind="bond", amount=25 * 10**17),
    "StakingRegistry": dict(min_stake=20, max_stake=100, unbonding_period=10,
                            reporter_reward_fraction=Fraction(1, 10), decimals=18),
    "StakingRegistry.from_params": dict(protocol="metis"),
    "StakingRegistry.bond": dict(self=fresh(_registry), sequencer="bob", amount=30, now=6),
    "StakingRegistry.request_unbond": dict(self=fresh(_registry), sequencer="alice",
                                           amount=10, now=6),
    "StakingRegistry.withdraw": dict(self=fresh(_registry), sequencer="alice", now=20),
    "StakingRegistry.slash": dict(self=fresh(_registry), sequencer="alice", now=6,
                                  reason="equivocation", fraction=Fraction(1, 2),
                                  reporter="bob"),
    "StakingRegistry.bonded": dict(self=fresh(_registry), sequencer="alice"),
    "StakingRegistry.withdrawable": dict(self=fresh(_registry), sequencer="alice", now=20),
    "balance_history": dict(events=_REG.events, sequencer="alice"),
    "describe_events": dict(events=_REG.events, decimals=0, unit="METIS",
                            time_unit=86_400),
    "to_units": dict(amount="1.5", decimals=6),
    "from_units": dict(units=1_500_000, decimals=6),
    "capital_cost": dict(stake=20_000, price=40.0, opportunity_rate=0.05,
                         staking_yield=0.01, unbonding_days=21.0, years=1.0),
    "stake_value_paths": dict(stake=20_000, price0=40.0, volatility=0.6, drift=0.0,
                              days=30, n_paths=4, seed=0),
}
