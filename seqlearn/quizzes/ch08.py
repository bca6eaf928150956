"""Quick checks for the chapter on sequencer risk for derivatives."""

from seqlearn import derivatives, params

_SD_420 = 100 * float(derivatives.outage_move_sd(0.8, 420.0))
_GRACE_H = params.value("chainlink.grace_period") / 3600
_HF = params.value("aave.liquidation_hf_during_grace")
_BLOCKS = params.value("arbitrum.timeboost.express_lane_drop_blocks")
_MS = _BLOCKS * params.value("arbitrum.block_time_ms")

QUESTIONS = [
    dict(id="ch08-sd", kind="number",
         question="An asset has 80% annual volatility. What is the standard deviation of "
                  "its log-price move over a 420-minute outage, in percent?",
         answer=_SD_420, rel_tol=0.01, unit="%",
         explain=f"0.8 x sqrt(420 / 525,600) = {_SD_420:.2f}%: volatility grows with the "
                 "square root of time, so a seven-hour halt moves the price about 3.7 "
                 "times as much as a half-hour one."),
    dict(id="ch08-carveout", kind="choice",
         question=f"Under Aave v3.6's sentinel, in the first hour after a restart, which "
                  f"loans can be liquidated?",
         options=["None", f"Those with a health factor below {_HF}",
                  "Those with a health factor below 1", "All loans"],
         answer=1,
         explain=f"Liquidation needs HF < 1 and either HF < {_HF} or the grace period "
                 f"({_GRACE_H:g} h) over: deeply unhealthy loans are not protected."),
    dict(id="ch08-v37", kind="choice",
         question="What did Aave v3.7 change for rollup markets?",
         options=["It lengthened the grace period to a day.",
                  "It removed the sequencer sentinel: borrows and liquidations no longer "
                  "depend on the sequencer's status.",
                  "It stopped all liquidations after an outage.",
                  "It moved the price oracle to L1."],
         answer=1,
         explain="The sentinel and the 0.95 carve-out are gone; the stated reasons were "
                 "false positives of uptime signals and unhealthy loans deteriorating "
                 "while liquidations were blocked."),
    dict(id="ch08-hedge", kind="choice",
         question="A delta-hedged option seller cannot rebalance during an outage with no "
                  "jump at restart. On average, the frozen hedge",
         options=["loses money", "makes money", "roughly breaks even, but with a "
                  "fat-tailed loss", "is perfectly hedged"],
         answer=2,
         explain="Time decay pays for the gamma loss on average; the outage adds variance "
                 "and a tail, which belongs in the margin, not in the premium."),
    dict(id="ch08-express", kind="number",
         question="Arbitrum's express lane drops transactions that are not sequenced "
                  "within a few blocks. How many milliseconds is that?",
         answer=float(_MS), rel_tol=0.0, unit="ms",
         explain=f"{_BLOCKS} blocks of {params.value('arbitrum.block_time_ms')} ms: the "
                 "express lane buys a short head start, not a view of other users' "
                 "transactions."),
]
