"""Self-checks for the exercises of chapter 1, "Sequencers and sequencer networks".

Every check returns a :class:`seqlearn.exercises.Feedback` and never raises on a wrong
answer, whatever its type.

Examples
--------
>>> check_force_delay_hours(19.2)
Correct.
>>> check_force_delay_hours("a day")
Not yet: expected a number, got str.
Hint: the delay is counted in L1 blocks: how long does one block take?
>>> check_force_delay_hours(69_120)
Not yet: 69,120 is what you get when the time is left in seconds: the
question asks for hours.
>>> check_first_under_priority("B")
Correct.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from seqlearn import params, rollup
from seqlearn.exercises import Feedback, check_choice, check_function, check_number

__all__ = [
    "PRIORITY_TXS",
    "RISK_CATEGORIES",
    "BLOB_EXERCISE",
    "force_delay_hours",
    "check_force_delay_hours",
    "check_first_under_priority",
    "check_median_soft_latency",
    "check_blob_cost",
    "check_risk_category",
]

#: The three transactions of the ordering exercise: name -> (arrival in s, priority fee in gwei).
#: All three arrive before the same 250 ms L2 block.
PRIORITY_TXS: dict[str, tuple[float, float]] = {
    "A": (0.00, 0.02),
    "B": (0.10, 0.50),
    "C": (0.05, 0.10),
}

#: L2BEAT's five risk categories (the options of the risk-category exercise).
RISK_CATEGORIES: tuple[str, ...] = ("state validation", "data availability", "exit window",
                                    "sequencer failure", "proposer failure")

#: The blob-cost exercise: batch size in bytes and blob base fee in gwei (execution gas ignored).
BLOB_EXERCISE: dict[str, float] = {"batch_bytes": 300_000, "blob_base_fee_gwei": 2.0}


def force_delay_hours(key: str = "arbitrum.delay_blocks") -> float:
    """The force-inclusion delay of ``key`` (in L1 blocks) in hours at 12-second slots.

    Examples
    --------
    >>> force_delay_hours(), force_delay_hours("op.seq_window_size")
    (19.2, 12.0)
    """
    return params.blocks_to_hours(params.value(key))


def check_force_delay_hours(answer: Any) -> Feedback:
    """Exercise *Arbitrum's escape hatch in hours*: ``delayBlocks`` converted to hours."""
    hours = force_delay_hours()
    return check_number(
        answer, hours, rel_tol=0.005,
        hint="the delay is counted in L1 blocks: how long does one block take?",
        mistakes=[(hours * 3600, "the time is left in seconds: the question asks for hours"),
                  (hours * 60, "the time is left in minutes: the question asks for hours"),
                  (hours / 24, "the time is in days: the question asks for hours")])


def check_first_under_priority(answer: Any) -> Feedback:
    """Exercise *Who goes first*: the letter of the first transaction under ``priority_fee``."""
    wl = rollup.Workload(arrival=[v[0] for v in PRIORITY_TXS.values()],
                         fee=[v[1] for v in PRIORITY_TXS.values()])
    res = rollup.simulate(wl, rollup.RollupConfig(policy="priority_fee"))
    first = list(PRIORITY_TXS)[int(np.argmin(res.position))]
    earliest = min(PRIORITY_TXS, key=lambda k: PRIORITY_TXS[k][0])
    return check_choice(answer, first, options=PRIORITY_TXS,
                        hint="the three land in the same block: what does this policy "
                             "sort a block by?",
                        mistakes=[(earliest, "it arrived first, but this policy does not "
                                             "order by arrival")] if earliest != first else ())


@lru_cache(maxsize=1)
def _median_cases() -> tuple[tuple[tuple, float], ...]:
    wl = rollup.poisson_workload(rate=4.0, duration=900.0, seed=11)
    calm = rollup.simulate(wl, rollup.RollupConfig.op_like())
    wl2 = rollup.poisson_workload(rate=0.05, duration=6 * 3600.0, seed=12)
    stormy = rollup.simulate(wl2, rollup.RollupConfig.op_like(
        outage=(1800.0, 1800.0 + 14 * 3600.0), escape_after=0.0))
    return tuple(((r,), float(np.median(r.soft_time[r.path == rollup.PATH_SEQUENCER]
                                         - r.arrival[r.path == rollup.PATH_SEQUENCER])))
                 for r in (calm, stormy))


def check_median_soft_latency(fn: Any) -> Feedback:
    """Exercise *Median soft latency*: ``fn(result)`` returns the median soft latency in s.

    It is called on two seeded simulations; the second has an outage long enough that some
    transactions are forced in and have no soft confirmation.
    """
    return check_function(fn, _median_cases(), show_expected=False,
                          hint="which transactions have a soft confirmation at all? "
                               "Look at how each one reached the chain.")


def check_blob_cost(answer: Any) -> Feedback:
    """Exercise *A batch in blobs*: the blob cost in ETH of the batch in :data:`BLOB_EXERCISE`,
    posted with the OP Stack's blob encoding (130,044 bytes of data per blob)."""
    cfg = rollup.RollupConfig.op_like(
        blob_base_fee_gwei=BLOB_EXERCISE["blob_base_fee_gwei"], batch_tx_gas=0)
    expected = float(rollup.batch_data_cost_eth(int(BLOB_EXERCISE["batch_bytes"]), cfg))
    per_byte = BLOB_EXERCISE["batch_bytes"] * BLOB_EXERCISE["blob_base_fee_gwei"] / 1e9
    return check_number(answer, expected, rel_tol=1e-3,
                        hint="what does a batch buy on L1: bytes, or something larger?",
                        mistakes=[(per_byte, "the batch pays for its bytes only: blob "
                                             "space is bought in whole blobs"),
                                  (expected * 1e9, "the cost is left in gwei: the question "
                                                   "asks for ETH")])


def check_risk_category(answer: Any) -> Feedback:
    """Exercise *Which risk is it*: the L2BEAT category for "what if the sequencer stops"."""
    return check_choice(answer, "sequencer failure", options=RISK_CATEGORIES,
                        hint="the category is named after the party that stopped.")
