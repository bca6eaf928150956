"""Self-checks for the exercises of the chapter on sequencer decentralization.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.decentralization`, so
the answer key is the tested model.

Examples
--------
>>> check_three_sequencers("a")
Correct.
>>> check_halt(expected_halt())
Correct.
>>> check_nakamoto("two")
Not yet: expected a number, got str.
Hint: sort the stakes from the largest and add them up until the sum is
strictly more than the threshold share of the total
"""

from __future__ import annotations

import math
from typing import Any

from seqlearn import decentralization as dz
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "check_three_sequencers",
    "COMMITTEE",
    "expected_halt",
    "check_halt",
    "STAKES",
    "check_nakamoto",
    "check_hhi",
    "WAIT_CASES",
    "check_mean_wait",
    "PRECONF",
    "expected_preconf_value",
    "check_preconf_value",
]


def check_three_sequencers(answer: Any) -> Feedback:
    """Exercise 1: how many of three equal Tendermint sequencers may be offline (a-d)."""
    return check_choice(answer, "a", options="abcd",
                        hint="a block needs strictly more than two thirds of the votes; "
                             "how many of three equal votes is that?")


#: The committee of exercise 2: size and probability that one member is offline.
COMMITTEE: dict[str, float] = {"n": 10, "p_offline": 0.02}


def expected_halt() -> float:
    """Exercise 2: the halt probability of :data:`COMMITTEE`."""
    return dz.committee_halt_probability(int(COMMITTEE["n"]), COMMITTEE["p_offline"])


def check_halt(answer: Any) -> Feedback:
    """Exercise 2: probability that :data:`COMMITTEE` cannot reach its quorum."""
    return check_number(answer, expected_halt(), rel_tol=1e-3,
                        hint="find the quorum first; the committee halts when more members "
                             "than n minus the quorum are offline at once")


#: The stake distribution of exercise 3 (in thousands of tokens).
STAKES: tuple[int, ...] = (250, 150, 150, 150, 150, 150, 100, 100)


def check_nakamoto(answer: Any) -> Feedback:
    """Exercise 3: the Nakamoto coefficient of :data:`STAKES` at one third."""
    return check_number(answer, dz.nakamoto_coefficient(list(STAKES)), rel_tol=0.0,
                        hint="sort the stakes from the largest and add them up until the "
                             "sum is strictly more than the threshold share of the total")


def check_hhi(answer: Any) -> Feedback:
    """Exercise 3: the Herfindahl-Hirschman index of :data:`STAKES` (between 0 and 1)."""
    want = dz.hhi(list(STAKES))
    x = answer
    if isinstance(x, (int, float)) and not isinstance(x, bool) and x > 1.5:
        return check_number(x, want, rel_tol=1e-6,
                            hint="give the index on the 0-1 scale, not times 10,000")
    return check_number(x, want, rel_tol=1e-6,
                        hint="square each holder's share of the total and add the squares")


#: Cases (censoring share, slot seconds, backstop seconds) of exercise 4.
WAIT_CASES: tuple[tuple[float, float, float], ...] = (
    (0.0, 2.0, 3600.0),
    (0.5, 2.0, 3600.0),
    (0.9, 12.0, 60.0),
    (0.99, 2.0, 10.0),
    (1.0, 2.0, 86400.0),
)


def _reference_wait(c: float, slot: float, backstop: float) -> float:
    if c >= 1.0:
        return backstop
    return dz.censorship_wait([c, 1.0 - c] if c > 0 else [1.0], [0] if c > 0 else [],
                              slot_seconds=slot, forced_inclusion_seconds=backstop
                              ).mean_seconds


def check_mean_wait(fn: Any) -> Feedback:
    """Exercise 4: ``fn(c, slot, backstop)`` returns the mean time to inclusion (s) under a
    stake-weighted lottery in which a share ``c`` of the stake censors."""
    cases = [((c, s, f), _reference_wait(c, s, f)) for c, s, f in WAIT_CASES]
    return check_function(fn, cases,
                          compare=lambda g, w: isinstance(g, (int, float))
                          and math.isclose(float(g), w, rel_tol=1e-6),
                          hint="each slot is honest with probability 1 - c; count the "
                               "slots that fit before the backstop, and give the backstop "
                               "time to every path that reaches it")


#: The preconfer of exercise 5: collateral (ETH), promises outstanding, detection.
PRECONF: dict[str, float] = {"collateral": 1.0, "n_promises": 8, "detection": 0.9}


def expected_preconf_value() -> float:
    """Exercise 5: the largest value per promise (ETH) that :data:`PRECONF` deters."""
    return dz.preconf_deterrence(PRECONF["collateral"], 0.0, int(PRECONF["n_promises"]),
                                 detection_probability=PRECONF["detection"]
                                 ).max_deterred_value_per_promise


def check_preconf_value(answer: Any) -> Feedback:
    """Exercise 5: the largest value per promise (ETH) that the collateral still deters."""
    return check_number(answer, expected_preconf_value(), rel_tol=1e-3,
                        hint="the preconfer can break all its promises in one block, and "
                             "loses the collateral only if it is caught")
