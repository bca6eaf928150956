"""Quick checks for the chapter on sequencers and sequencer networks."""

from seqlearn import params

_ARB_H = params.blocks_to_hours(params.value("arbitrum.delay_blocks"))
_OP_H = params.blocks_to_hours(params.value("op.seq_window_size"))
_GRACE_MIN = params.value("chainlink.grace_period") / 60
_HF = params.value("aave.liquidation_hf_during_grace")
_TB_MS = params.value("arbitrum.timeboost.nonexpress_delay_ms")

QUESTIONS = [
    dict(id="ch01-soft", kind="choice",
         question="What does a sequencer's soft confirmation give a user?",
         options=["The transaction is final on Ethereum.",
                  "The sequencer's promise of the transaction's place in the order, "
                  "before the batch reaches Ethereum.",
                  "A proof that the transaction's state transition is valid.",
                  "A refund if the sequencer goes down."],
         answer=1,
         explain="A soft confirmation comes within a fraction of a second and is only the "
                 "sequencer's word; the order becomes binding once the batch is posted "
                 "to and included on Ethereum, a minute or more later."),
    dict(id="ch01-arb-delay", kind="number",
         question=f"Arbitrum's delayed inbox lets a user force a transaction in after "
                  f"{params.value('arbitrum.delay_blocks'):,} L1 blocks of "
                  f"{params.L1_SLOT_SECONDS:.0f} s. How many hours is that?",
         answer=_ARB_H, rel_tol=0.01, unit="hours",
         explain=f"{params.value('arbitrum.delay_blocks'):,} blocks x "
                 f"{params.L1_SLOT_SECONDS:.0f} s = {_ARB_H * 3600:,.0f} s = "
                 f"{_ARB_H:.1f} hours."),
    dict(id="ch01-op-window", kind="number",
         question=f"The OP Stack's sequencing window is "
                  f"{params.value('op.seq_window_size'):,} L1 blocks. How many hours "
                  f"can a forced transaction wait at most?",
         answer=_OP_H, rel_tol=0.01, unit="hours",
         explain=f"{params.value('op.seq_window_size'):,} blocks x "
                 f"{params.L1_SLOT_SECONDS:.0f} s = {_OP_H:.0f} hours."),
    dict(id="ch01-grace", kind="choice",
         question=f"A lending protocol uses a sequencer uptime feed with a "
                  f"{_GRACE_MIN:.0f}-minute grace period. The sequencer came back 20 "
                  f"minutes ago. Which positions can be liquidated now?",
         options=["Every position with a health factor below 1.",
                  f"Only positions with a health factor below {_HF}.",
                  "None until the grace period is over.",
                  "Only positions opened after the restart."],
         answer=1,
         explain=f"During the grace period liquidations are allowed only for positions "
                 f"below a health factor of {_HF}, so that users who could not reach the "
                 f"chain during the outage get time to repair their positions."),
    dict(id="ch01-timeboost", kind="number",
         question="Under Arbitrum's Timeboost, how many milliseconds later than the "
                  "express lane are ordinary transactions sequenced?",
         answer=_TB_MS, rel_tol=0, abs_tol=0.5, unit="ms",
         explain=f"Non-express transactions are delayed by {_TB_MS} ms; the express "
                 f"lane's controller buys that head start in an auction."),
    dict(id="ch01-batch", kind="choice",
         question="Why do longer batch intervals lower the cost of posting data to "
                  "Ethereum?",
         options=["Ethereum charges less gas at night.",
                  "Blobs are paid for whole, so fuller batches waste less of each blob.",
                  "Longer intervals let the sequencer skip the compression step.",
                  "The L1 refunds gas for large batches."],
         answer=1,
         explain="A blob costs the same however full it is; waiting longer fills blobs "
                 "better, at the price of a longer wait for L1 inclusion."),
]
