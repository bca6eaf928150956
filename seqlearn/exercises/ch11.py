"""Self-checks for the exercises of the chapter on shared sequencer networks.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.shared`, so the answer
key is the tested model.

Examples
--------
>>> check_inclusion_vs_execution("c")
Correct.
>>> check_partial(expected_partial())
Correct.
>>> check_reward("four")
Not yet: expected a number, got str.
Hint: compare the staked share with the formula's floor before using it
"""

from __future__ import annotations

import math
from typing import Any

from seqlearn import shared as sh
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "check_inclusion_vs_execution",
    "BUNDLE",
    "expected_partial",
    "check_partial",
    "POOLS",
    "check_cpmm_profit",
    "ARB_CASES",
    "check_expected_profit",
    "OUTAGE",
    "check_all_up",
    "STAKED_SHARE",
    "check_reward",
]


def check_inclusion_vs_execution(answer: Any) -> Feedback:
    """Exercise 1: what atomic inclusion promises (a-d)."""
    return check_choice(answer, "c", options="abcd",
                        hint="inclusion is about the order, execution about the state each "
                             "leg meets when it runs")


#: The bundle of exercise 2: inclusion and success probability of each leg.
BUNDLE: dict[str, tuple[float, float]] = {"inclusion": (0.95, 0.95),
                                          "success": (0.8, 0.7)}


def expected_partial() -> float:
    """Exercise 2: P(exactly one leg runs) under atomic inclusion."""
    return sh.bundle_outcome(BUNDLE["inclusion"], BUNDLE["success"],
                             "atomic_inclusion").p_partial


def check_partial(answer: Any) -> Feedback:
    """Exercise 2: probability that only one of the two legs runs, atomic inclusion."""
    return check_number(answer, expected_partial(), rel_tol=1e-3,
                        hint="the bundle is included as a whole; then each leg succeeds "
                             "or fails on its own")


#: Reserves (x_a, y_a, x_b, y_b) of the two pools of exercise 3.
POOLS: tuple[float, float, float, float] = (1000.0, 500.0, 1100.0, 400.0)


def check_cpmm_profit(answer: Any) -> Feedback:
    """Exercise 3: the profit of the best arbitrage between :data:`POOLS` (in X)."""
    return check_number(answer, sh.cpmm_arbitrage(*POOLS).profit, rel_tol=1e-4,
                        hint="the two trades together act like one constant-product pool "
                             "with virtual reserves")


#: Cases (q, s_a, s_b, profit, v_a, v_b) of exercise 4 (no revert cost).
ARB_CASES: tuple[tuple[float, ...], ...] = (
    (1.0, 1.0, 1.0, 10.0, 4.0, 6.0),
    (0.9, 0.9, 0.6, 10.0, 4.0, 6.0),
    (0.9, 0.9, 0.6, 10.0, -8.0, -8.0),
    (0.5, 0.2, 0.7, 3.0, 1.0, -2.0),
    (0.0, 0.5, 0.5, 3.0, 1.0, 1.0),
)


def check_expected_profit(fn: Any) -> Feedback:
    """Exercise 4: ``fn(q, s_a, s_b, profit, v_a, v_b)`` returns ``(inclusion, execution)``,
    the expected profits under atomic inclusion and atomic execution."""
    cases = []
    for q, sa, sb, g, va, vb in ARB_CASES:
        r = [sh.arbitrage([q, q], [sa, sb], g, [va, vb], regime).expected_profit
             for regime in ("atomic_inclusion", "atomic_execution")]
        cases.append(((q, sa, sb, g, va, vb), tuple(r)))

    def same(got: Any, want: tuple[float, float]) -> bool:
        try:
            a, b = got
            return all(math.isclose(float(x), y, rel_tol=1e-9, abs_tol=1e-12)
                       for x, y in zip((a, b), want))
        except (TypeError, ValueError):
            return False

    return check_function(fn, cases, compare=same,
                          hint="list the four cases of which legs succeed once the bundle "
                               "is included; atomic execution turns the two partial cases "
                               "into nothing")


#: Exercise 5: rollups and the probability that one sequencer is down on a given day.
OUTAGE: dict[str, float] = {"n_rollups": 4, "p_down": 0.002}


def check_all_up(separate: Any, shared: Any) -> Feedback:
    """Exercise 5: P(all rollups up) with separate sequencers and with one shared one."""
    c = sh.common_mode_outage(int(OUTAGE["n_rollups"]), OUTAGE["p_down"])
    first = check_number(separate, c.p_all_up_separate, rel_tol=1e-6,
                         hint="every one of the independent sequencers must be up")
    if not first:
        return first
    return check_number(shared, c.p_all_up_shared, rel_tol=1e-6,
                        hint="one machine decides for all of them")


#: Exercise 6: staked share of the ESP supply.
STAKED_SHARE: float = 0.25


def check_reward(answer: Any) -> Feedback:
    """Exercise 6: Espresso's yearly reward rate at :data:`STAKED_SHARE` (a fraction)."""
    want = sh.espresso_reward_rate(STAKED_SHARE)
    if isinstance(answer, (int, float)) and not isinstance(answer, bool) and answer > 1:
        return check_number(answer, want, rel_tol=1e-3,
                            hint="give the rate as a fraction (0.05 for 5%)")
    return check_number(answer, want, rel_tol=1e-3,
                        hint="compare the staked share with the formula's floor before using it")
