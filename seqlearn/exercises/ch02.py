"""Self-checks for the exercises of the chapter on sequencer collateral.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.staking`, whose
registry reads Metis's limits from :mod:`seqlearn.params`.

Examples
--------
>>> check_exit_dodge("b")
Correct.
>>> check_capital_cost(None)
Not yet: you have not answered yet: replace None with your answer.
Hint: the capital earns nothing while locked, and it stays locked for the
exit delay too
>>> check_withdrawable(expected_withdrawable())
Correct.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from seqlearn import validation as v
from seqlearn import params
from seqlearn.exercises import Feedback, check_choice, check_function, check_number
from seqlearn.staking import SECONDS_PER_DAY, StakingRegistry, capital_cost, from_units, to_units

__all__ = [
    "EXIT_DODGE_OPTIONS",
    "check_exit_dodge",
    "PRICE_USD",
    "OPPORTUNITY_RATE",
    "expected_capital_cost",
    "check_capital_cost",
    "WITHDRAW_SCENARIO",
    "expected_withdrawable",
    "check_withdrawable",
    "BREAKEVEN_CASES",
    "breakeven_yield_reference",
    "check_breakeven_yield",
]

# --- Exercise 1 (concept) ---------------------------------------------------------------
#: The options of exercise 1 (what happens to a slash that reaches unbonding stake).
EXIT_DODGE_OPTIONS: dict[str, str] = {
    "a": "Nothing: the stake has left the bonded pool, so it cannot be slashed.",
    "b": "Half of the 30,000 METIS is slashed from the unbonding queue; the rest is "
         "released on day 21.",
    "c": "The unbonding request is cancelled and the stake is bonded again.",
    "d": "The slash waits until day 21 and is then taken from the withdrawal.",
}


def check_exit_dodge(answer: Any) -> Feedback:
    """Exercise 1. a fault is proven on day 5 of a 21-day unbonding of the whole stake."""
    return check_choice(answer, "b", options=EXIT_DODGE_OPTIONS,
                        hint="is stake that is leaving still at stake?",
                        mistakes=[("a", "unbonding stake can still be slashed: otherwise a "
                                        "sequencer would unbond just before its fault is "
                                        "proven")])


# --- Exercise 2 (calculation) -------------------------------------------------------------
#: The METIS price of exercise 2, in USD (an illustration, not a market quote).
PRICE_USD: float = 20.0
#: The sequencer's opportunity cost of capital in exercise 2, a year.
OPPORTUNITY_RATE: float = 0.06


def expected_capital_cost() -> float:
    """Exercise 2. cost (USD) of one year at Metis's minimum lock, no staking yield."""
    c = capital_cost(float(params.value("metis.min_lock")), PRICE_USD, OPPORTUNITY_RATE,
                     staking_yield=0.0, unbonding_days=float(params.value("metis.exit_delay")),
                     years=1.0)
    return float(c.total)


def check_capital_cost(answer: Any) -> Feedback:
    """Exercise 2. a year of Metis's minimum lock plus its exit delay, in USD."""
    want = expected_capital_cost()
    stake_usd = float(params.value("metis.min_lock")) * PRICE_USD
    return check_number(answer, want, rel_tol=1e-3,
                        hint="the capital earns nothing while locked, and it stays locked "
                             "for the exit delay too",
                        mistakes=[(stake_usd * OPPORTUNITY_RATE,
                                   "the exit delay is left out: the capital is still locked "
                                   "while it waits to leave")])


# --- Exercise 3 (coding with the registry) ------------------------------------------------
#: The scenario of exercise 3, in whole METIS and days.
WITHDRAW_SCENARIO: dict[str, Any] = {
    "bond": 50_000, "bond_day": 0,
    "unbond": 30_000, "unbond_day": 1,
    "slash_fraction": Fraction(3, 5), "slash_day": 10,
    "reporter_reward_fraction": Fraction(1, 10),
    "withdraw_day": 22,
}


def expected_withdrawable() -> float:
    """Exercise 3. METIS the sequencer withdraws on day 22, computed with the registry."""
    s = WITHDRAW_SCENARIO
    reg = StakingRegistry.from_params("metis",
                                      reporter_reward_fraction=s["reporter_reward_fraction"])
    reg.bond("seq", to_units(s["bond"]), now=s["bond_day"] * SECONDS_PER_DAY)
    reg.request_unbond("seq", to_units(s["unbond"]), now=s["unbond_day"] * SECONDS_PER_DAY)
    reg.slash("seq", now=s["slash_day"] * SECONDS_PER_DAY, reason="exercise",
              fraction=s["slash_fraction"], reporter="watcher")
    paid = reg.withdraw("seq", now=s["withdraw_day"] * SECONDS_PER_DAY)
    return float(from_units(paid))


def check_withdrawable(answer: Any) -> Feedback:
    """Exercise 3. METIS withdrawn on day 22 (whole tokens; smallest units also accepted)."""
    want = expected_withdrawable()
    if isinstance(answer, int) and not isinstance(answer, bool) and answer == to_units(
            int(want)):
        return check_number(want, want)
    return check_number(answer, want, rel_tol=0, abs_tol=1e-6,
                        hint="where does a slash take stake from first: the bonded pool or "
                             "the queue of stake that is leaving?")


# --- Exercise 4 (coding a function) -------------------------------------------------------
#: The test cases of exercise 4, as ``(opportunity_rate, unbonding_days, years)``.
BREAKEVEN_CASES: tuple[tuple[float, float, float], ...] = (
    (0.05, 21.0, 1.0),
    (0.05, 0.0, 1.0),
    (0.10, 7.0, 2.0),
    (0.0, 21.0, 1.0),
    (0.08, 365.0, 0.5),
)


def breakeven_yield_reference(opportunity_rate: float, unbonding_days: float,
                              years: float) -> float:
    """Exercise 4. the staking yield at which collateral costs nothing over the tenure."""
    r = v.real("opportunity_rate", opportunity_rate, lo=-1.0, hi=10.0)
    d = v.nonnegative("unbonding_days", unbonding_days, hi=1e6)
    t = v.positive("years", years, hi=1e6)
    return r * (1.0 + d / (365.0 * t))


def check_breakeven_yield(fn: Any) -> Feedback:
    """Exercise 4. ``fn(opportunity_rate, unbonding_days, years)`` -> break-even yield."""
    cases = [(args, breakeven_yield_reference(*args)) for args in BREAKEVEN_CASES]
    return check_function(fn, cases,
                          hint="at the break-even yield the staking income exactly pays "
                               "for the capital tied up, including during the exit delay")
