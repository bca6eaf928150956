"""Quick checks for the chapter on optimistic proofs."""

from seqlearn import fraudproof, params

_N = 1_000_000
_BIN = fraudproof.bisection_rounds(_N)
_QUAD = fraudproof.bisection_rounds(_N, 4)
_BOND = params.value("arbitrum.bold.assertion_stake")

QUESTIONS = [
    dict(id="ch04-rounds", kind="number",
         question=f"Two parties disagree about a trace of {_N:,} steps. How many rounds "
                  f"does a binary bisection game take to narrow it to one step?",
         answer=_BIN, rel_tol=0, abs_tol=0.5, unit="rounds",
         explain=f"Each round halves the disputed interval: ceil(log2 {_N:,}) = {_BIN}."),
    dict(id="ch04-kary", kind="number",
         question=f"And with a 4-ary game, where each move splits the interval into four, "
                  f"over the same {_N:,} steps?",
         answer=_QUAD, rel_tol=0, abs_tol=0.5, unit="rounds",
         explain=f"ceil(log4 {_N:,}) = {_QUAD}: fewer rounds, but each move posts more "
                 f"hashes."),
    dict(id="ch04-one-step", kind="choice",
         question="What does the L1 execute at the end of a dispute?",
         options=["The whole rollup block again.",
                  "One instruction, from the pre-state both parties agree on.",
                  "Every step the challenger disputes.",
                  "Nothing: the party with the larger bond wins."],
         answer=1,
         explain="Bisection leaves one step whose pre-state both parties agreed to; the "
                 "L1 runs that single instruction and compares the result with the "
                 "claimed post-state."),
    dict(id="ch04-clock", kind="choice",
         question="Why does each side of a dispute have a chess clock?",
         options=["To pay the winner by the hour.",
                  "To stop a party from stalling: whoever runs out of time loses.",
                  "To make the game finish in one block.",
                  "To limit the number of bisection rounds."],
         answer=1,
         explain="Without a clock a losing party could delay forever. With one, an "
                 "honest party only has to answer in time, which is why at least one "
                 "honest watcher must stay live."),
    dict(id="ch04-bold-bond", kind="number",
         question="How large is Arbitrum BoLD's assertion bond on Arbitrum One, in ETH?",
         answer=_BOND, rel_tol=0.001, unit="ETH",
         explain=f"{_BOND:,} ETH, from the rollup's on-chain configuration; it makes "
                 f"posting a false assertion expensive."),
]
