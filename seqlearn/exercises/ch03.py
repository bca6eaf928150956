"""Self-checks for the exercises of the chapter on slashing.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.slashing`, whose
Ethereum functions read their constants from :mod:`seqlearn.params`.

Examples
--------
>>> check_bellatrix_correlation(1)
Correct.
>>> check_electra_reason("b")
Correct.
>>> check_deterrent_stake("a lot")
Not yet: expected a number, got str.
Hint: the attack stops paying when its expected loss reaches its profit;
count only what the attacker cannot win back
>>> check_deterrent_stake(100_000)
Not yet: 100,000 is what you get when the reporter's share is left out: the
attacker can report itself and win that share back, so it loses less.
"""

from __future__ import annotations

from typing import Any

from seqlearn import params, slashing
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "GWEI",
    "TOTAL_ACTIVE",
    "SHARE_SLASHED",
    "expected_bellatrix_correlation",
    "check_bellatrix_correlation",
    "ELECTRA_CASES",
    "check_electra_rule",
    "check_electra_reason",
    "ATTACK_PROFIT",
    "DETECTION_PROBABILITY",
    "PENALTY_FRACTION",
    "REPORTER_SHARE",
    "expected_deterrent_stake",
    "check_deterrent_stake",
]

GWEI: int = 10**9
#: Exercise 1: total active balance of the illustrative network (960,000 x 32 ETH), in gwei.
TOTAL_ACTIVE: int = 30_720_000 * GWEI
#: Exercise 1: share of all stake slashed in the same window (2%), as numerator/denominator.
SHARE_SLASHED: tuple[int, int] = (2, 100)


def expected_bellatrix_correlation() -> float:
    """Exercise 1: the Bellatrix correlation penalty of a 32-ETH validator, in ETH."""
    eb = int(params.value("ethereum.max_effective_balance"))
    s = TOTAL_ACTIVE * SHARE_SLASHED[0] // SHARE_SLASHED[1]
    p = slashing.ethereum_slashing_penalty(eb, s, TOTAL_ACTIVE, "bellatrix")
    return p.correlation_penalty / GWEI


def check_bellatrix_correlation(answer: Any) -> Feedback:
    """Exercise 1: correlation penalty (ETH) of a 32-ETH validator when 2% of stake is slashed."""
    return check_number(
        answer, expected_bellatrix_correlation(), rel_tol=0, abs_tol=1e-9,
        hint="which multiplier do the Bellatrix rules use, and what does the "
             "specification do with a fraction of an ETH?",
        mistakes=[(32 * 3 * SHARE_SLASHED[0] / SHARE_SLASHED[1],
                   "the penalty is not rounded: before Electra it is rounded down to "
                   "whole ETH"),
                  (32 * SHARE_SLASHED[0] / SHARE_SLASHED[1],
                   "the multiplier is 1: Bellatrix uses 3 (and rounds down to whole ETH)")])


#: Exercise 2: (effective_balance, total_slashed, total_active) in gwei, Electra rules.
ELECTRA_CASES: tuple[tuple[int, int, int], ...] = (
    (32 * GWEI, 32 * GWEI, 30_720_000 * GWEI),               # one validator alone
    (2048 * GWEI, 2048 * GWEI, 30_720_000 * GWEI),           # a consolidated validator alone
    (32 * GWEI, 10_240_000 * GWEI, 30_720_000 * GWEI),       # a third of all stake
    (64 * GWEI, 1_000_001 * GWEI, 33_333_333 * GWEI),        # awkward numbers: rounding matters
    (0, 5 * GWEI, 1_000 * GWEI),                             # nothing to take
)


def _electra_expected(eb: int, s: int, t: int) -> int:
    return slashing.ethereum_slashing_penalty(eb, s, t, "electra").correlation_penalty


def check_electra_rule(fn: Any) -> Feedback:
    """Exercise 2: ``fn(effective_balance, total_slashed, total_active)`` must return the
    Electra correlation penalty in gwei, exactly (integer arithmetic, as in the spec)."""
    cases = [((eb, s, t), _electra_expected(eb, s, t)) for eb, s, t in ELECTRA_CASES]
    return check_function(
        fn, cases,
        compare=lambda got, want: (not isinstance(got, bool) and isinstance(got, int)
                                   and got == want),
        hint="Electra works per 1-ETH increment of balance, in integers only: "
             "the order of the divisions decides the rounding")


def check_electra_reason(answer: Any) -> Feedback:
    """Exercise 3: why did Electra cut the initial penalty from EB/32 to EB/4096?

    Options: (a) lone accidental slashings had become too common; (b) with effective balances
    up to 2048 ETH, an initial penalty of EB/32 made one consolidated validator far riskier
    than many small ones, which discouraged consolidation; (c) the whistleblower reward had
    to fall and the two quotients are tied; (d) to remove the rounding to whole ETH.
    """
    return check_choice(
        answer, "b", options="abcd",
        hint="EIP-7251 changed how large one validator may be",
        mistakes=[("d", "rounding to whole ETH is a different Electra change, to the "
                        "correlation penalty")])


#: Exercise 4: the attack's profit, in METIS.
ATTACK_PROFIT: float = 30_000.0
#: Exercise 4: probability that the attack is detected and proven.
DETECTION_PROBABILITY: float = 0.6
#: Exercise 4: share of stake slashed when it is.
PENALTY_FRACTION: float = 0.5
#: Exercise 4: reporter's share of the slash (the attacker can report itself).
REPORTER_SHARE: float = 0.1


def expected_deterrent_stake() -> float:
    """Exercise 4: the smallest stake (METIS) that deters the attack."""
    d = slashing.deterrence(ATTACK_PROFIT, DETECTION_PROBABILITY, PENALTY_FRACTION,
                            REPORTER_SHARE, stake=0.0)
    return d.deterrent_stake


def check_deterrent_stake(answer: Any) -> Feedback:
    """Exercise 4: the deterrent stake in METIS, to 0.1%."""
    p, f, r = DETECTION_PROBABILITY, PENALTY_FRACTION, REPORTER_SHARE
    return check_number(
        answer, expected_deterrent_stake(), rel_tol=1e-3,
        hint="the attack stops paying when its expected loss reaches its profit; "
             "count only what the attacker cannot win back",
        mistakes=[(ATTACK_PROFIT / (p * f), "the reporter's share is left out: the "
                   "attacker can report itself and win that share back, so it loses less"),
                  (ATTACK_PROFIT / (p * f * r), "the slash is multiplied by the reporter's "
                   "share: the attacker loses the part that is not paid back"),
                  (ATTACK_PROFIT / (f * (1 - r)), "the detection probability is left out: "
                   "a slash only happens when the attack is caught"),
                  (ATTACK_PROFIT * p * f * (1 - r), "the profit is multiplied by the odds: "
                   "the stake is what the odds divide")])
