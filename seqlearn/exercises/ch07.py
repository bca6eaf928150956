"""Self-checks for the exercises of the chapter on sequencer stability.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.stability`, so the
answer key is the tested model.

Examples
--------
>>> check_replicas("d")
Correct.
>>> check_rate_upper(expected_rate_upper())
Correct.
>>> check_first_liquidation(3600)
Not yet: 3600 is too low.
Hint: read the sentinel's comparison carefully: is it > or >=?
"""

from __future__ import annotations

import math
from typing import Any

from seqlearn import stability
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "check_replicas",
    "RATE_CASE",
    "expected_rate_upper",
    "check_rate_upper",
    "LIQUIDATION_CASE",
    "expected_first_liquidation",
    "check_first_liquidation",
    "LONG_OUTAGE_CASES",
    "check_prob_long_outage",
    "EXPOSURE_CASE",
    "expected_exposure_seconds",
    "check_exposure",
]


def check_replicas(answer: Any) -> Feedback:
    """Exercise 1: which incident would five replicas instead of three have prevented."""
    return check_choice(answer, "d", options="abcd",
                        hint="for each incident, ask whether the cause was private to one "
                             "replica or shared by all of them")


#: Exercise 2: outages observed and the window in years.
RATE_CASE: dict[str, float] = {"n_events": 2, "years": 3.0, "level": 0.95}


def expected_rate_upper() -> float:
    """Exercise 2: the upper end of the exact 95 % interval of the rate, per year."""
    return stability.poisson_rate_interval(int(RATE_CASE["n_events"]), RATE_CASE["years"],
                                           RATE_CASE["level"]).high


def check_rate_upper(answer: Any) -> Feedback:
    """Exercise 2: upper end of the exact (Garwood) 95 % interval, outages per year."""
    return check_number(answer, expected_rate_upper(), rel_tol=2e-3,
                        hint="the exact interval's two ends come from different "
                             "chi-square distributions; check which one the upper end uses")


#: Exercise 3: a position's health factor and the sentinel's grace period (s).
LIQUIDATION_CASE: dict[str, float] = {"health_factor": 0.97, "grace_period": 3600}


def expected_first_liquidation() -> int:
    """Exercise 3: the first whole second after ``startedAt`` at which v3.6 allows it."""
    hf = LIQUIDATION_CASE["health_factor"]
    g = int(LIQUIDATION_CASE["grace_period"])
    t = 0
    while not stability.aave_liquidation_allowed(hf, sequencer_up=True,
                                                 seconds_since_change=t, grace_period=g):
        t += 1
        if t > 10 * g + 10:  # pragma: no cover - guards a broken rule
            raise RuntimeError("no liquidation time found")
    return t


def check_first_liquidation(answer: Any) -> Feedback:
    """Exercise 3: seconds after the sequencer is reported up (``startedAt``)."""
    want = expected_first_liquidation()
    if isinstance(answer, (int, float)) and not isinstance(answer, bool) and answer == 0:
        return check_number(answer, want, rel_tol=0, abs_tol=0.5,
                            hint="0 is the answer for a health factor below 0.95; this one "
                                 "is above it, so the sentinel must agree")
    return check_number(answer, want, rel_tol=0, abs_tol=0.5,
                        hint="read the sentinel's comparison carefully: is it > or >=?")


#: Exercise 4: (minutes, rate per year, mu, sigma) cases for the student's function.
LONG_OUTAGE_CASES: tuple[tuple[float, float, float, float], ...] = (
    (60.0, 1.4, math.log(40.0), 0.9),
    (600.0, 1.4, math.log(40.0), 0.9),
    (30.0, 0.5, math.log(120.0), 1.5),
    (10.0, 0.0, 3.0, 1.0),
    (1e4, 3.0, 4.0, 2.0),
)


def check_prob_long_outage(fn: Any) -> Feedback:
    """Exercise 4: ``fn(minutes, rate, mu, sigma)`` returns P(at least one outage longer
    than ``minutes`` within a year) for Poisson outages with lognormal durations."""
    cases = [((t, lam, mu, s), float(stability.prob_long_outage(t, lam, mu, s)))
             for t, lam, mu, s in LONG_OUTAGE_CASES]
    return check_function(fn, cases,
                          compare=lambda g, w: _close(g, w),
                          hint="thin the Poisson process: only outages longer than t "
                               "count, and they arrive at a smaller rate")


def _close(got: Any, want: float) -> bool:
    try:
        g = float(got)
    except (TypeError, ValueError):
        return False
    return math.isfinite(g) and math.isclose(g, want, rel_tol=1e-6, abs_tol=1e-12)


#: Exercise 5: batch interval and L1 delay (s) of a rollup, and the exchange's wait (s).
EXPOSURE_CASE: dict[str, float] = {"batch_interval": 600.0, "l1_delay": 60.0,
                                   "wait_seconds": 120.0}


def expected_exposure_seconds() -> float:
    """Exercise 5: mean seconds a deposit stays unsafe after the exchange credits it."""
    c = EXPOSURE_CASE
    return float(stability.expected_exposure(c["wait_seconds"],
                                             batch_interval=c["batch_interval"],
                                             l1_delay=c["l1_delay"]))


def check_exposure(answer: Any) -> Feedback:
    """Exercise 5: expected unsafe exposure in seconds after crediting."""
    return check_number(answer, expected_exposure_seconds(), rel_tol=1e-3,
                        hint="the time to safe is uniform over one batch interval after "
                             "the L1 delay; only the part after the wait counts")
