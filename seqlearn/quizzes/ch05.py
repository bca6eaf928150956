"""Quick checks for the chapter on optimistic systems."""

from seqlearn import optimistic, params

_DAYS = 7
_BLOCKS = optimistic.days_to_blocks(_DAYS)
_A = 0.0001
_S = optimistic.survival_probability(_BLOCKS, 1, _A)
_AMOUNT, _RATE = 100_000, 0.05
_INTEREST = optimistic.locked_capital_cost(_AMOUNT, _RATE, _DAYS)
_OP_DAYS = params.value("op.proof_maturity_delay") / 86_400

QUESTIONS = [
    dict(id="ch05-survival", kind="number",
         question=f"One watcher checks each L1 block with probability {_A}, "
                  f"independently. What is the probability that a fraud survives a "
                  f"{_DAYS}-day window ({_BLOCKS:,.0f} blocks) unchallenged, with no "
                  f"censorship and no common-mode failure?",
         answer=_S, rel_tol=0.02, unit="",
         explain=f"S = (1 - a)^(n W) = (1 - {_A})^{_BLOCKS:,.0f} = {_S:.4f}."),
    dict(id="ch05-all-or-none", kind="choice",
         question="In the watcher model, why does an attacker censor either the whole "
                  "window or none of it?",
         options=["Censoring is free after the first block.",
                  "Survival is convex in the censored blocks: partial censorship costs "
                  "money but buys little survival.",
                  "The L1 forbids partial censorship.",
                  "Watchers only look at the last block."],
         answer=1,
         explain="Each uncensored block gives the watchers another chance; survival "
                 "rises steeply only as the last uncensored blocks go, so the cost of a "
                 "partial attack buys little."),
    dict(id="ch05-interest", kind="number",
         question=f"A withdrawal of {_AMOUNT:,} USD waits {_DAYS} days. At {_RATE:.0%} a "
                  f"year (continuous compounding), how much interest does it forgo?",
         answer=_INTEREST, rel_tol=0.01, unit="USD",
         explain=f"A (e^(r t) - 1) = {_AMOUNT:,} x (e^({_RATE} x {_DAYS}/365) - 1) = "
                 f"{_INTEREST:,.2f} USD, about ten basis points."),
    dict(id="ch05-sqrt", kind="choice",
         question="A derivative's settlement waits on the L1. If the delay doubles, "
                  "its margin N z sigma sqrt(tau) is multiplied by about",
         options=["1 (unchanged)", "1.41", "2", "4"],
         answer=1,
         explain="The margin grows with the square root of the delay: sqrt(2) = 1.41."),
    dict(id="ch05-op-delay", kind="number",
         question="How many days does a withdrawal from an OP Stack chain wait after its "
                  "proof (the proof maturity delay)?",
         answer=_OP_DAYS, rel_tol=0.01, unit="days",
         explain=f"{params.value('op.proof_maturity_delay'):,} s = {_OP_DAYS:.0f} days "
                 f"in the standard configuration."),
]
