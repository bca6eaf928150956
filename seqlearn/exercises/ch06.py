"""Self-checks for the exercises of the chapter on collateral risk.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.collateral` and
:mod:`seqlearn.risk`, so the answer key is the tested model.

Examples
--------
>>> check_wrong_way("b")
Correct.
>>> check_liquidation_value(expected_liquidation_value())
Correct.
>>> check_sample_var("fifteen")
Not yet: expected a number, got str.
Hint: the value-at-risk is a quantile: how many of the 20 losses may lie
above it?
"""

from __future__ import annotations

import math
from typing import Any

from seqlearn import collateral, risk
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "check_wrong_way",
    "SALE",
    "expected_liquidation_value",
    "check_liquidation_value",
    "LOSSES",
    "ALPHA",
    "check_sample_var",
    "check_sample_es",
    "TOKENS_FOR_CASES",
    "check_tokens_for",
]


def check_wrong_way(answer: Any) -> Feedback:
    """Exercise 1: which collateral carries wrong-way risk (one letter, a to d)."""
    return check_choice(answer, "b", options="abcd",
                        hint="ask whether the event that calls on the collateral also moves "
                             "the price of the asset it is made of")


#: The forced one-day sale of exercise 2 (tokens, tokens a day, impact, USD, haircut).
SALE: dict[str, float] = {"quantity": 4_000_000, "daily_volume": 1_000_000, "impact": 0.1,
                          "price": 2.0, "haircut": 0.02}


def expected_liquidation_value() -> float:
    """Exercise 2: the proceeds of :data:`SALE`, in USD."""
    m = collateral.Market(daily_volume=SALE["daily_volume"], impact=SALE["impact"],
                          haircut=SALE["haircut"])
    return float(collateral.liquidation_value(SALE["quantity"], SALE["price"], m))


def check_liquidation_value(answer: Any) -> Feedback:
    """Exercise 2: money raised (USD) by the forced sale :data:`SALE`."""
    return check_number(answer, expected_liquidation_value(), rel_tol=1e-3,
                        hint="selling pushes the price down as the sale goes on: the "
                             "proceeds use the average price over the sale, not the first",
                        mistakes=[(SALE["quantity"] * SALE["price"] * (1 - SALE["haircut"]),
                                   "the sale is priced at the first price: selling moves "
                                   "the price down as it goes"),
                                  (SALE["quantity"] * SALE["price"],
                                   "the market value is taken as the proceeds: the haircut "
                                   "and the price impact are left out")])


#: The provider's losses over 20 simulated years in exercise 3 (% of the stake).
LOSSES: tuple[float, ...] = (3, -2, 7, 1, 0, 12, 4, -1, 2, 25, 5, 6, 1, 9, 3, 40, 2, 0, 8, 15)
#: The tail probability of exercise 3.
ALPHA: float = 0.1


def check_sample_var(answer: Any) -> Feedback:
    """Exercise 3: the 90% value-at-risk of :data:`LOSSES` (in %)."""
    return check_number(answer, risk.value_at_risk(list(LOSSES), ALPHA), rel_tol=1e-9,
                        hint="the value-at-risk is a quantile: how many of the 20 losses "
                             "may lie above it?")


def check_sample_es(answer: Any) -> Feedback:
    """Exercise 3: the 90% expected shortfall of :data:`LOSSES` (in %)."""
    return check_number(answer, risk.expected_shortfall(list(LOSSES), ALPHA), rel_tol=1e-9,
                        hint="the expected shortfall looks beyond the value-at-risk: "
                             "average what lies in the tail")


#: The cases (amount USD, price USD, daily volume in tokens, impact) of exercise 4.
TOKENS_FOR_CASES: tuple[tuple[float, float, float, float], ...] = (
    (1e6, 1.0, 1e6, 0.1),
    (5e6, 2.0, 1e6, 0.1),
    (2.5e5, 0.5, 2e5, 0.3),
    (1e6, 1.0, 1e12, 0.05),
    (1e9, 1.0, 1e6, 0.5),
)


def _close_or_both_inf(got: Any, want: float) -> bool:
    try:
        g = float(got)
    except (TypeError, ValueError):
        return False
    if math.isinf(want):
        return math.isinf(g) and g > 0
    return math.isfinite(g) and math.isclose(g, want, rel_tol=1e-6)


def check_tokens_for(fn: Any) -> Feedback:
    """Exercise 4: ``fn(amount, price, daily_volume, impact)`` returns the fewest tokens whose
    one-day sale (no haircut) raises ``amount``, or ``math.inf`` when none does."""
    cases = [((a, p, v, eta), float(collateral.tokens_to_raise(
        a, p, collateral.Market(daily_volume=v, impact=eta)))) for a, p, v, eta in TOKENS_FOR_CASES]
    return check_function(fn, cases, compare=_close_or_both_inf,
                          hint="more tokens raise more money only up to a point: find "
                               "where the proceeds stop growing, and search below it")
