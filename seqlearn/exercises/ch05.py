"""Self-checks for the exercises of the chapter on optimistic systems.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. The expected values are computed with :mod:`seqlearn.optimistic` and
:mod:`seqlearn.params`, so they follow the registry.

Examples
--------
>>> check_watchers("b")
Correct.
>>> check_locked_cost("lots")
Not yet: expected a number, got str.
Hint: the money earns nothing while it waits: what would it have earned at
the rate over the delay (in years)?
"""

from __future__ import annotations

from typing import Any

from seqlearn import optimistic, params
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "LOCKED_AMOUNT",
    "LP_AMOUNT",
    "LP_P_OVERTURN",
    "LP_MARGIN",
    "check_watchers",
    "expected_locked_cost",
    "check_locked_cost",
    "expected_lp_fee",
    "check_lp_fee",
    "check_margin_function",
]

#: Exercise 2: a withdrawal of this many US dollars waits the OP Stack proof maturity delay.
LOCKED_AMOUNT: float = 10_000_000.0
#: Exercise 3: a fast exit of this many US dollars from Arbitrum One.
LP_AMOUNT: float = 1_000_000.0
#: Exercise 3: probability that the withdrawal the provider buys never pays out.
LP_P_OVERTURN: float = 1e-4
#: Exercise 3: the provider's margin as a fraction of the amount (5 basis points).
LP_MARGIN: float = 5e-4


def check_watchers(answer: Any) -> Feedback:
    """Exercise 1: doubling the number of independent watchers does what to survival?

    Options: (a) halves it, (b) squares it, (c) leaves it unchanged, (d) doubles it.
    """
    return check_choice(answer, "b", options="abcd",
                        hint="each watcher misses independently: what happens to a "
                             "probability of all missing when there are twice as many?",
                        mistakes=[("d", "survival is a probability that every watcher "
                                        "misses: it does not grow, it shrinks")])


def expected_locked_cost() -> float:
    """Interest forgone on ``LOCKED_AMOUNT`` over the OP proof maturity delay at the BoLD rate."""
    days = params.seconds_to_days(params.value("op.proof_maturity_delay"))
    return float(optimistic.locked_capital_cost(LOCKED_AMOUNT, params.value("arbitrum.bold.econ_rate"),
                                                days))


def check_locked_cost(answer: Any) -> Feedback:
    """Exercise 2: forgone interest in USD (continuous or simple compounding both pass)."""
    return check_number(answer, expected_locked_cost(), rel_tol=1e-3,
                        hint="the money earns nothing while it waits: what would it have "
                             "earned at the rate over the delay (in years)?")


def expected_lp_fee() -> float:
    """Break-even fee plus margin for ``LP_AMOUNT`` over Arbitrum One's challenge period."""
    delay = next(d.days for d in optimistic.withdrawal_delays()
                 if d.system == "Arbitrum One" and d.case == "unchallenged")
    fee = optimistic.lp_fee(LP_AMOUNT, params.value("arbitrum.bold.econ_rate"), delay,
                            p_overturn=LP_P_OVERTURN, margin=LP_MARGIN)
    return float(fee.total)


def check_lp_fee(answer: Any) -> Feedback:
    """Exercise 3: the provider's fee in USD."""
    return check_number(answer, expected_lp_fee(), rel_tol=2e-3,
                        hint="the provider pays now and is paid back after the challenge "
                             "period, unless the withdrawal is overturned; then it adds "
                             "its margin")


def check_margin_function(fn: Any) -> Feedback:
    """Exercise 4: ``fn(notional, volatility, delay_days, confidence)`` gives the normal margin."""
    cases = []
    for args in ((1_000_000.0, 0.6, 7.0, 0.99), (10e6, 0.8, 14.73, 0.99),
                 (250_000.0, 0.3, 1.0, 0.95), (5e6, 0.6, 0.0, 0.99)):
        n, s, d, c = args
        cases.append((args, float(optimistic.settlement_margin(n, s, d, confidence=c).margin)))
    return check_function(fn, cases,
                          hint="the price moves with a volatility that grows with the "
                               "square root of time; the confidence picks a quantile of "
                               "the normal distribution (statistics.NormalDist)")
