"""Quick checks for the chapter on sequencer decentralization (data; see COORD format)."""

from __future__ import annotations

from seqlearn import decentralization as dz
from seqlearn import params

_ASTRIA = dz.concentration(dz.astria_genesis_stakes(by_operator=True))

__all__ = ["QUESTIONS"]

QUESTIONS = [
    dict(id="ch10-quorum", kind="number",
         question="A BFT committee has 10 members with equal votes and needs "
                  "floor(2n/3) + 1 of them to finalise a block. How many members may be "
                  "offline at once without halting it?",
         answer=dz.bft_thresholds(10).liveness_tolerance, rel_tol=0.0, unit="members",
         explain="The quorum is floor(20/3) + 1 = 7, so 10 - 7 = 3 may be offline."),
    dict(id="ch10-three", kind="choice",
         question="Three sequencers with equal votes run Tendermint (a block needs strictly "
                  "more than two thirds of the votes). How many may crash without halting "
                  "the chain?",
         options=["none", "one", "two"], answer=0,
         explain="Two of three is exactly two thirds, not more, so all three must vote."),
    dict(id="ch10-astria", kind="number",
         question="Astria's mainnet genesis gave its own four validators 100 votes each and "
                  "seven external validators 25 each. What share of the votes, in percent, "
                  "did Astria hold?",
         answer=100 * _ASTRIA.largest_share, rel_tol=0.01, unit="%",
         explain="400 of 575 votes, about 69.6%: more than the two thirds needed to "
                 "finalise alone."),
    dict(id="ch10-nakamoto-tie", kind="choice",
         question="Six holders have equal stakes. What is the Nakamoto coefficient at one "
                  "third (strictly more than a third of the stake)?",
         options=["2", "3", "4"], answer=1,
         explain="Two holders hold exactly one third, which is not strictly more; three "
                 "are needed."),
    dict(id="ch10-lottery-wait", kind="number",
         question="Under a stake-weighted lottery, an operator holds 5% of the stake. How "
                  "many slots does it wait on average until it leads?",
         answer=dz.wait_for_leader([5, 95], 0).mean_slots, rel_tol=0.01, unit="slots",
         explain="The wait is geometric with success probability 0.05, so its mean is "
                 "1/0.05 = 20 slots."),
    dict(id="ch10-urc", kind="number",
         question="What is the minimum collateral, in ETH, to register as a proposer in "
                  "the Universal Registry Contract?",
         answer=params.value("urc.min_collateral"), rel_tol=0.0, unit="ETH",
         explain="minCollateralWei in the URC configuration is 1 ETH; whether that deters "
                 "depends on the value of the promises it backs."),
]
