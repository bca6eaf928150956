"""Quick checks for the chapter on slashing."""

from seqlearn import params, slashing

_GWEI = 10**9
_EB = int(params.value("ethereum.max_effective_balance_electra"))
_TOTAL = 30_720_000 * _GWEI
_ELECTRA = slashing.ethereum_slashing_penalty(_EB, _EB, _TOTAL, "electra")
_INITIAL = _ELECTRA.initial_penalty / _GWEI
_D = slashing.deterrence(10_000, 0.5, 0.5, 0.0, 20_000)

QUESTIONS = [
    dict(id="ch03-evidence", kind="choice",
         question="What evidence proves that a sequencer equivocated?",
         options=["A user's complaint that a transaction was late.",
                  "Two batches for the same slot, both validly signed by the sequencer, "
                  "with different contents.",
                  "A drop in the rollup token's price.",
                  "The sequencer missed one slot."],
         answer=1,
         explain="Equivocation is signing two different things for the same slot; a "
                 "contract can check both signatures and the conflict on its own, so "
                 "the evidence needs no trust in the reporter."),
    dict(id="ch03-electra-initial", kind="number",
         question=f"Under Electra, what is the initial slashing penalty, in ETH, of a "
                  f"consolidated validator with an effective balance of "
                  f"{_EB // _GWEI:,} ETH?",
         answer=_INITIAL, rel_tol=0.01, unit="ETH",
         explain=f"Electra's initial penalty is EB/"
                 f"{params.value('ethereum.electra.min_slashing_penalty_quotient'):,}: "
                 f"{_EB // _GWEI:,}/"
                 f"{params.value('ethereum.electra.min_slashing_penalty_quotient'):,}"
                 f" = {_INITIAL} ETH, negligible, so consolidating is not punished."),
    dict(id="ch03-burn", kind="choice",
         question="Why do protocols burn most of a slash instead of paying it all to "
                  "the reporter?",
         options=["Burning raises the token's price.",
                  "An offender can report itself, so a large reporter reward is a "
                  "rebate on its own penalty.",
                  "Reporters do not want rewards.",
                  "Paying rewards costs gas."],
         answer=1,
         explain="Whoever submits the evidence gets the reward, and nothing stops the "
                 "offender from doing so: its real penalty is the slash minus the "
                 "reward."),
    dict(id="ch03-deterrent", kind="number",
         question="An attack earns 10,000 tokens. It is caught with probability 0.5, "
                  "then half the stake is slashed and the reporter gets nothing. What "
                  "is the smallest stake, in tokens, that deters it?",
         answer=_D.deterrent_stake, rel_tol=0.01, unit="tokens",
         explain=f"Deterred when p f (1 - r) s >= G: s = 10,000 / (0.5 x 0.5) = "
                 f"{_D.deterrent_stake:,.0f} tokens."),
    dict(id="ch03-schedule", kind="choice",
         question="Which penalty schedule separates accidents from coordinated attacks?",
         options=["A fixed fraction of the stake.",
                  "An escalating schedule.",
                  "A correlation penalty, which grows with how much stake is slashed "
                  "in the same period.",
                  "No penalty at all."],
         answer=2,
         explain="A lone fault is usually an accident; many validators slashed together "
                 "look like an attack. The correlation penalty charges more when more "
                 "stake is slashed at once. An escalating schedule separates slips from "
                 "habits instead."),
]
