"""Self-checks for the exercises of the chapter on sequencer economics.

Each check returns a :class:`~seqlearn.exercises.Feedback`; none raises on a wrong answer,
whatever its type. Expected values are computed with :mod:`seqlearn.fees` and
:mod:`seqlearn.economics`, so the answer key is the tested model.

Examples
--------
>>> check_reserve_price(expected_reserve_price())
Correct.
>>> check_op_fee(expected_op_fee())
Correct.
>>> check_auction_price("lots")
Not yet: expected a number, got str.
Hint: discard the bids below the reserve first; then ask what the winner
pays in a second-price auction
"""

from __future__ import annotations

import numbers
from typing import Any

from seqlearn import economics, fees
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "RESERVE_BASE_FEE",
    "expected_reserve_price",
    "check_reserve_price",
    "OP_TX",
    "expected_op_fee",
    "check_op_fee",
    "AUCTION",
    "expected_auction_price",
    "check_auction_price",
    "BASE_REPORTED",
    "expected_min_l1_share",
    "check_min_l1_share",
    "FEE_CASES",
    "check_blob_fee_after",
    "check_floor_concept",
]

def _near(answer: Any, value: float, tol: float) -> bool:
    """True if ``answer`` is a real number within ``tol`` of ``value`` (never raises)."""
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return False
    try:
        return abs(float(answer) - value) <= tol
    except (OverflowError, ValueError, TypeError):
        return False


def _same_int(got: Any, want: int) -> bool:
    """Exact integer equality (a fee must match to the wei); other types are wrong."""
    return (isinstance(got, numbers.Integral) and not isinstance(got, bool)
            and int(got) == want)


#: Exercise 1: the execution base fee (wei per gas) of the reserve-price exercise.
RESERVE_BASE_FEE: int = 16 * 10**9


def expected_reserve_price() -> float:
    """Exercise 1: the blob base fee (wei per blob gas) below which the excess stops
    falling from Osaka on, at :data:`RESERVE_BASE_FEE`."""
    return fees.reserve_blob_base_fee(RESERVE_BASE_FEE)


def check_reserve_price(answer: Any) -> Feedback:
    """Exercise 1: EIP-7918's reserve price in wei per blob gas."""
    return check_number(answer, expected_reserve_price(), rel_tol=1e-6,
                        hint="compare the price of one blob's blob gas with the price of "
                             "BLOB_BASE_COST execution gas")


#: Exercise 2: a transaction and the L1 prices and scalars of the OP fee exercise.
OP_TX: dict[str, int] = {"fastlz_size": 300, "l1_base_fee": 5 * 10**9,
                         "l1_blob_base_fee": 2 * 10**9, "base_fee_scalar": 5_000,
                         "blob_base_fee_scalar": 800_000}


def expected_op_fee() -> int:
    """Exercise 2: the Fjord L1 data fee of :data:`OP_TX` (wei)."""
    t = OP_TX
    return fees.op_l1_fee(t["fastlz_size"], l1_base_fee=t["l1_base_fee"],
                          l1_blob_base_fee=t["l1_blob_base_fee"],
                          base_fee_scalar=t["base_fee_scalar"],
                          blob_base_fee_scalar=t["blob_base_fee_scalar"])


def check_op_fee(answer: Any) -> Feedback:
    """Exercise 2: the L1 data fee in wei (to the wei)."""
    want = expected_op_fee()
    fb = check_number(answer, want, rel_tol=0.0, abs_tol=0.5,
                      hint="estimate the compressed size first (1e6-scaled, with its "
                           "minimum), then the scaled fee; divide by 1e12 last and round "
                           "down")
    if not fb.correct and _near(answer, want, 2):
        return check_number(answer, want, rel_tol=0.0, abs_tol=0.5,
                            hint="off by a wei or two: divide once, at the end, and round "
                                 "down as the contract does")
    return fb


#: Exercise 3: the sealed bids of one Timeboost round (ETH) and its reserve price (ETH).
AUCTION: dict[str, Any] = {"bids": {"alice": 0.05, "bob": 0.03, "carol": 0.0008},
                           "reserve": 0.001}


def expected_auction_price() -> float:
    """Exercise 3: what the winner of :data:`AUCTION` pays (ETH)."""
    valid = sorted((b for b in AUCTION["bids"].values() if b >= AUCTION["reserve"]),
                   reverse=True)
    return valid[1] if len(valid) > 1 else AUCTION["reserve"]


def check_auction_price(answer: Any) -> Feedback:
    """Exercise 3: the price paid by the winner, in ETH."""
    fb = check_number(answer, expected_auction_price(), rel_tol=1e-9,
                      hint="discard the bids below the reserve first; then ask what the "
                           "winner pays in a second-price auction")
    if not fb.correct and _near(answer, max(AUCTION["bids"].values()), 1e-12):
        return check_number(answer, expected_auction_price(), rel_tol=1e-9,
                            hint="that is the winner's own bid: Timeboost's auction is "
                                 "second-price")
    return fb


#: Exercise 4: Base's 2025 chain revenue as secondary sources report it (million USD);
#: the reported payment of 2.5% is the premise of the exercise, not a checked fact.
BASE_REPORTED: dict[str, float] = {"revenue_musd": 74.0, "share_rate": 0.025}


def expected_min_l1_share() -> float:
    """Exercise 4: the smallest L1 fee revenue (million USD) for which the on-chain rule
    pays only the 2.5% leg on :data:`BASE_REPORTED`'s revenue."""
    r = BASE_REPORTED["revenue_musd"]
    # 0.15 (r - l1) <= 0.025 r  <=>  l1 >= r (1 - 0.025 / 0.15)
    lo, hi = 0.0, r
    for _ in range(200):
        mid = (lo + hi) / 2
        gross = economics.superchain_revenue_share(r, mid)
        lo, hi = (mid, hi) if gross > 0.025 * r * (1 + 1e-12) else (lo, mid)
    return hi


def check_min_l1_share(answer: Any) -> Feedback:
    """Exercise 4: the L1 fee revenue in million USD."""
    return check_number(answer, expected_min_l1_share(), rel_tol=1e-3,
                        hint="the 2.5% leg wins when 15% of what is left after L1 fees is "
                             "no larger than it")


#: Exercise 5: (blob counts, fork) cases for ``blob_fee_after``.
FEE_CASES: tuple[tuple[tuple[int, ...], str], ...] = (
    ((6, 6, 6), "cancun"),
    ((6,) * 40, "cancun"),
    ((9,) * 60 + (0,) * 5, "prague"),
    ((3, 0, 6, 6, 6, 6), "cancun"),
    ((15,) * 30 + (10,) * 10, "bpo1"),
    ((21,) * 100, "bpo2"),
    ((6,) * 300, "cancun"),
    ((9,) * 400 + (0,) * 3, "prague"),
)


def _blob_fee_after(blobs: tuple[int, ...], fork: str) -> int:
    e = 0
    for k in blobs:
        e = fees.next_excess_blob_gas(e, k * fees.GAS_PER_BLOB, fork=fork,
                                      base_fee_per_gas=0)
    return fees.blob_base_fee(e, fork)


def check_blob_fee_after(fn: Any) -> Feedback:
    """Exercise 5: ``fn(blobs, fork)`` returns the blob base fee after the blocks."""
    cases = [((list(b), f), _blob_fee_after(b, f)) for b, f in FEE_CASES]
    return check_function(fn, cases, compare=_same_int,
                          hint="keep the excess as an integer, floor it at zero, and use "
                               "the fork's target and update fraction; the fee must "
                               "match to the wei")


def check_floor_concept(answer: Any) -> Feedback:
    """Exercise 6: why the blob fee sat at 1 wei before Osaka (one letter, a to d)."""
    return check_choice(answer, "c", options="abcd",
                        hint="ask what moves the excess blob gas down, and whether the "
                             "blob fee was a large part of a rollup's cost to post a blob")
