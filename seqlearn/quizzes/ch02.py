"""Quick checks for the chapter on sequencer collateral."""

from seqlearn import params, staking

_STAKE = params.value("metis.min_lock")
_EXIT = params.value("metis.exit_delay")
_PRICE = 40.0
_RATE = 0.08
_COST = staking.capital_cost(_STAKE, _PRICE, _RATE, 0.0, _EXIT).total

QUESTIONS = [
    dict(id="ch02-wrong-way", kind="choice",
         question="Why is collateral in the rollup's own token worth least when it is "
                  "needed most?",
         options=["Tokens lose value slowly as they age.",
                  "A failure that calls on the collateral tends to knock the token's "
                  "price down at the same time.",
                  "The protocol burns the collateral before it can be used.",
                  "The stake is counted in dollars, not tokens."],
         answer=1,
         explain="The stake is fixed in tokens, not in value. The failure that makes the "
                 "collateral necessary is bad news for the rollup's token, so its price "
                 "tends to fall just then: wrong-way risk."),
    dict(id="ch02-unbonding", kind="choice",
         question="A sequencer has started to unbond its stake and then is caught "
                  "misbehaving. In seqlearn's staking ledger, what can a slash take?",
         options=["Only the stake still bonded.",
                  "Bonded stake and stake that is still unbonding.",
                  "Only stake already withdrawn.",
                  "Nothing: unbonding protects the stake."],
         answer=1,
         explain="Slashes reach unbonding stake; otherwise a sequencer could escape a "
                 "penalty by starting to unbond just before it misbehaves. Withdrawn "
                 "stake has left the contract and is out of reach."),
    dict(id="ch02-ledger", kind="choice",
         question="Which property of the staking ledger do the tests check after every "
                  "operation?",
         options=["Deposits equal bonded + unbonding + withdrawn + burned + paid to "
                  "reporters: nothing created, nothing lost.",
                  "The bonded stake never decreases.",
                  "Every sequencer holds the same stake.",
                  "Rewards are paid every block."],
         answer=0,
         explain="The ledger is exact (integer units): D = B + U + W + X + R holds after "
                 "every call, and a refused call changes nothing."),
    dict(id="ch02-cost", kind="number",
         question=f"A sequencer locks Metis's minimum of {_STAKE:,} METIS at an "
                  f"illustrative {_PRICE:.0f} USD per token for one year. Its capital "
                  f"could earn {_RATE:.0%} a year elsewhere, the stake earns no yield, "
                  f"and the exit delay is {_EXIT} days. What does the lock cost in USD?",
         answer=_COST, rel_tol=0.01, unit="USD",
         explain=f"S P [(r - y) T + r d / 365] = {_STAKE * _PRICE:,.0f} x "
                 f"({_RATE} + {_RATE} x {_EXIT}/365) = {_COST:,.0f} USD; the exit delay "
                 f"adds {_COST - _STAKE * _PRICE * _RATE:,.0f} USD."),
    dict(id="ch02-sybil", kind="choice",
         question="How does collateral resist sybil identities?",
         options=["It checks each operator's passport.",
                  "It weights selection by money locked, so many identities need as "
                  "much stake as one large one.",
                  "It bans operators that share an IP address.",
                  "It does not: only slashing does."],
         answer=1,
         explain="Selection weighted by stake makes splitting one operator into many "
                 "names pointless: the total stake, not the count, decides."),
]
