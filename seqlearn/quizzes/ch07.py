"""Quick checks for the chapter on sequencer stability."""

from seqlearn import params, stability

__all__ = ["QUESTIONS"]

_GRACE = int(params.value("chainlink.grace_period"))
_FIRST_BORROW = next(t for t in range(_GRACE + 2)
                     if stability.aave_borrow_allowed(sequencer_up=True,
                                                      seconds_since_change=t,
                                                      grace_period=_GRACE))
_BASE = stability.outage_stats("Base")
_DOWN_HOURS = _BASE.downtime_hours_per_year.estimate
_NINES = float(stability.nines(0.9999))

QUESTIONS = [
    dict(id="ch07-uptime-answer", kind="choice",
         question="Chainlink's L2 sequencer uptime feed returns answer = 1. What does "
                  "that mean?",
         options=["The sequencer is up", "The sequencer is down",
                  "The grace period has passed", "The feed is stale"],
         answer=1,
         explain="0 means up and 1 means down; startedAt says when the status last "
                 "changed."),
    dict(id="ch07-grace-strict", kind="number",
         question=f"The sequencer is reported up again at startedAt. With a grace "
                  f"period of {_GRACE} s, how many whole seconds later does Aave v3.6 "
                  f"first allow a borrow?",
         answer=_FIRST_BORROW, rel_tol=0, abs_tol=0.5, unit="s",
         explain="The sentinel requires block.timestamp - startedAt > gracePeriod, "
                 f"strictly: {_GRACE} s is still blocked, {_FIRST_BORROW} s is not."),
    dict(id="ch07-downtime", kind="number",
         question=f"Base's record gives about {_BASE.rate.estimate:.2f} outages a year "
                  f"with a mean length of {_BASE.mttr_minutes.estimate:.1f} minutes. "
                  f"What is the expected downtime per year, in hours?",
         answer=_DOWN_HOURS, rel_tol=0.02, unit="hours",
         explain="Rate times mean duration, divided by 60. The interval around it is "
                 "wide: four outages do not pin either factor down."),
    dict(id="ch07-common-mode", kind="choice",
         question="Blast's two L1 RPC providers failed at the same time (22 Mar 2024). "
                  "Which change would have helped most?",
         options=["More sequencer replicas using the same providers",
                  "A shorter Raft election timeout",
                  "An independent L1 data source for the replicas",
                  "A longer grace period on lending markets"],
         answer=2,
         explain="The failure was common-mode: every replica depended on the same "
                 "providers. Only removing the shared dependency helps."),
    dict(id="ch07-nines", kind="number",
         question="How many 'nines' does an availability of 99.99 % have?",
         answer=_NINES, rel_tol=0.01, unit="",
         explain="-log10(1 - 0.9999) = 4: about 53 minutes of downtime a year."),
    dict(id="ch07-v37", kind="choice",
         question="What did Aave v3.7 do with the price-oracle sentinel?",
         options=["Raised the grace period to two hours",
                  "Removed it: borrows and liquidations are no longer gated by the "
                  "sequencer's status",
                  "Moved the 0.95 threshold to 0.9",
                  "Made it read updatedAt again"],
         answer=1,
         explain="v3.7.0 deleted PriceOracleSentinel and the 0.95 carve-out: uptime "
                 "signals gave false positives, and blocked liquidations let bad "
                 "positions get worse."),
]
