"""Quick checks for the chapter on shared sequencer networks (data; see COORD format)."""

from __future__ import annotations

from seqlearn import params
from seqlearn import shared as sh

__all__ = ["QUESTIONS"]

QUESTIONS = [
    dict(id="ch11-inclusion", kind="choice",
         question="A shared sequencer promises atomic inclusion of a two-rollup bundle. "
                  "What does that guarantee?",
         options=["Both legs succeed or both revert",
                  "Both legs are included in their rollups' blocks, or neither is",
                  "The bundle is executed before any other transaction"],
         answer=1,
         explain="Inclusion is about ordering; each leg can still fail when it runs "
                 "against its rollup's state. Both-or-neither success is atomic execution."),
    dict(id="ch11-partial", kind="number",
         question="A bundle is included atomically; once included, leg A succeeds with "
                  "probability 0.9 and leg B with 0.6, independently. What is the "
                  "probability that exactly one leg runs?",
         answer=sh.bundle_outcome([1, 1], [0.9, 0.6], "atomic_inclusion").p_partial,
         rel_tol=0.01, unit="",
         explain="0.9 x 0.4 + 0.1 x 0.6 = 0.42: atomic inclusion does not remove stranded "
                 "legs."),
    dict(id="ch11-atomic-exec", kind="choice",
         question="Does atomic execution always raise the expected profit of a "
                  "cross-rollup arbitrage?",
         options=["Yes, it removes the risk of a stranded leg",
                  "No: when a lone leg keeps value, reverting it loses that value",
                  "Only when gas is free"],
         answer=1,
         explain="Silva and Livshits show it does not always raise expected profit; in "
                 "this book's model it lowers it whenever lone legs are worth more than "
                 "the reverts cost."),
    dict(id="ch11-common-mode", kind="number",
         question="Five rollups each have a 1% chance of being down on a given day. With one "
                  "shared sequencer (also 1%), what is the probability that all five are "
                  "down together?",
         answer=sh.common_mode_outage(5, 0.01).p_all_down_shared, rel_tol=0.01, unit="",
         explain="The shared sequencer takes all of them down at once: 0.01, against "
                 "0.01^5 for independent sequencers."),
    dict(id="ch11-espresso", kind="number",
         question="Espresso's reward rate is R(p) = 0.03 / sqrt(2p) for staked share p "
                  "(floored at 1%). What is the yearly rate, in percent, when half the "
                  "supply is staked?",
         answer=100 * sh.espresso_reward_rate(0.5), rel_tol=0.01, unit="%",
         explain="0.03 / sqrt(1) = 3% a year."),
    dict(id="ch11-espresso-top", kind="number",
         question="How many validators does Espresso's active set hold (the top ones by "
                  "stake)?",
         answer=params.value("espresso.max_validators"), rel_tol=0.0, unit="validators",
         explain="The top 100 by stake, each with at least 1/1000 of the largest stake."),
]
