"""Self-checks for the exercises of the chapter on sequencer risk for derivatives.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.derivatives`, so the
answer key is the tested model.

Examples
--------
>>> check_sentinel("c")
Correct.
>>> check_gap(expected_gap())
Correct.
>>> check_stop_slippage(expected_stop_slippage())
Correct.
"""

from __future__ import annotations

import math
from typing import Any

from seqlearn import derivatives
from seqlearn.exercises import (Feedback, _as_number, check_choice, check_function,
                                check_number)

__all__ = [
    "check_sentinel",
    "GAP",
    "expected_gap",
    "check_gap",
    "STOP",
    "expected_stop_slippage",
    "check_stop_slippage",
    "CASCADE_CASES",
    "check_cascade",
    "HEDGE",
    "expected_frozen_hedge_loss",
    "check_frozen_hedge_loss",
]


def check_sentinel(answer: Any) -> Feedback:
    """Exercise 1: what Aave v3.6's sentinel does one minute after a restart (a to d)."""
    return check_choice(answer, "c", options="abcd",
                        hint="two conditions are joined by 'or' in the liquidation rule: "
                             "which loans does the first one let through?")


#: Exercise 2: a loan at health factor 1.00 when Arbitrum stopped for 420 minutes (the
#: low estimate for January 2022), in an asset with 80 % annual volatility; the
#: threshold is Aave v3.6's 0.95.
GAP: dict[str, float] = {"health_factor": 1.0, "vol": 0.8, "minutes": 420.0,
                         "threshold": 0.95}


def expected_gap() -> float:
    """Exercise 2: probability that the loan of :data:`GAP` reopens below the threshold."""
    return float(derivatives.gap_probability(GAP["health_factor"], GAP["vol"],
                                             GAP["minutes"], threshold=GAP["threshold"]))


def check_gap(answer: Any) -> Feedback:
    """Exercise 2: the probability of :func:`expected_gap` (a number in [0, 1])."""
    return check_number(answer, expected_gap(), rel_tol=0.02,
                        hint="the log of the price ratio over the outage is normal; how "
                             "many of its standard deviations lie between the health "
                             "factor and the threshold?")


#: Exercise 3: a long position's stop-loss at 97 on a price of 100, 80 % volatility,
#: a 420-minute outage (Arbitrum, January 2022, low end).
STOP: dict[str, float] = {"spot": 100.0, "level": 97.0, "vol": 0.8, "minutes": 420.0}


def expected_stop_slippage() -> float:
    """Exercise 3: expected slippage below the stop level per unit, E[(L - S_D)^+]."""
    g = derivatives.stop_gap(STOP["spot"], STOP["level"], STOP["vol"], STOP["minutes"])
    return float(g.expected_slippage)


def check_stop_slippage(answer: Any) -> Feedback:
    """Exercise 3: the expected slippage of :data:`STOP` (price units per unit held)."""
    return check_number(answer, expected_stop_slippage(), rel_tol=0.01,
                        hint="(L - S_D)^+ is the payoff of a put struck at the stop level "
                             "on the price at restart")


#: Exercise 4: cases (health factors, collateral per loan, restart price ratio) for a
#: cascade in a market of 1,000 tokens a day with impact coefficient 0.5.
CASCADE_CASES: tuple[tuple[tuple[float, ...], float, float], ...] = (
    ((0.99, 1.02, 1.5), 100.0, 1.0),
    ((1.01, 1.05, 1.2, 1.3), 50.0, 0.98),
    ((1.2, 1.3), 100.0, 1.0),
    ((0.9, 0.95, 1.0, 1.1, 1.2, 1.4), 30.0, 1.0),
)
_CASCADE_MARKET = dict(daily_volume=1000.0, impact=0.5)


def _cascade_count(health: tuple[float, ...], size: float, ratio: float) -> int:
    from seqlearn import collateral

    book = derivatives.Book(health=list(health), collateral=[size] * len(health),
                            market=collateral.Market(**_CASCADE_MARKET))
    liq, _ = derivatives.cascade(book, ratio)
    return int(liq.sum())


def check_cascade(fn: Any) -> Feedback:
    """Exercise 4: ``fn(health, size, ratio)`` returns how many loans the cascade takes."""
    cases = [((list(h), s, r), _cascade_count(h, s, r)) for h, s, r in CASCADE_CASES]
    return check_function(fn, cases,
                          hint="liquidate every loan below 1, recompute the price from "
                               "all tokens sold so far, and repeat until no new loan "
                               "falls; each liquidation sells 84% of the collateral")


#: Exercise 5: a market maker short one 30-day at-the-money call (spot 100, volatility
#: 80 %), delta-hedged, when the sequencer stops; at restart 120 minutes later the price
#: is 95.
HEDGE: dict[str, float] = {"spot": 100.0, "strike": 100.0, "vol": 0.8, "days": 30.0,
                           "minutes": 120.0, "restart_price": 95.0}


def expected_frozen_hedge_loss() -> float:
    """Exercise 5: the hedger's loss per option at restart (negative: a gain)."""
    t = HEDGE["days"] / 365.0
    g = derivatives.greeks(HEDGE["spot"], HEDGE["strike"], HEDGE["vol"], t)
    left = t - HEDGE["minutes"] / derivatives.MINUTES_PER_YEAR
    after = derivatives.black_scholes(HEDGE["restart_price"], HEDGE["strike"],
                                      HEDGE["vol"], left)
    return float(after - g.price - g.delta * (HEDGE["restart_price"] - HEDGE["spot"]))


def check_frozen_hedge_loss(answer: Any) -> Feedback:
    """Exercise 5: the loss of :func:`expected_frozen_hedge_loss` (price units)."""
    want = expected_frozen_hedge_loss()
    got = _as_number(answer)
    if got is not None and math.isclose(got, -want, rel_tol=0.02):
        return check_number(answer, want, rel_tol=0.02,
                            hint="the sign is the other way round: a loss is positive")
    return check_number(answer, want, rel_tol=0.02,
                        hint="value the call again at the restart price with the time "
                             "left, and subtract what the frozen delta hedge earned")
