"""Quick checks for the chapter on sequencer economics."""

from seqlearn import economics, fees, params

__all__ = ["QUESTIONS"]

_UP, _DOWN = fees.blob_schedule("cancun").max_step()
_FLOOR = 4 * params.value("ethereum.eip7623.floor_per_token")
_OP_BYTES = fees.usable_blob_bytes("op")
_SHARE = economics.superchain_revenue_share(100.0, 40.0)

QUESTIONS = [
    dict(id="ch09-cancun-step", kind="number",
         question="Under Cancun's blob schedule (target 3, max 6), by how much does the "
                  "blob base fee rise after a block with the maximum number of blobs?",
         answer=100 * _UP, rel_tol=0.01, unit="%",
         explain="The excess grows by 3 blobs of gas, 393,216, and the fee by "
                 "e^(393,216 / 3,338,477), about 12.5%."),
    dict(id="ch09-reserve", kind="choice",
         question="From which fork on does a blob's base fee have a reserve price tied "
                  "to the execution base fee (EIP-7918)?",
         options=["Cancun", "Prague", "Osaka", "BPO2"], answer=2,
         explain="EIP-7918 shipped with Fusaka (Osaka on the execution layer); the BPO "
                 "forks that followed kept it and changed only target, max and fraction."),
    dict(id="ch09-floor", kind="number",
         question="From Prague on (EIP-7623), how much gas does a non-zero calldata byte "
                  "cost under the floor that data-heavy transactions pay?",
         answer=_FLOOR, rel_tol=0, abs_tol=1e-9, unit="gas",
         explain="A non-zero byte is 4 tokens and the floor is 10 gas per token: 40 gas, "
                 "against 16 gas before. Batches posted as calldata pay the floor."),
    dict(id="ch09-blob-bytes", kind="number",
         question="How many bytes of batch data does the OP Stack fit into one blob?",
         answer=_OP_BYTES, rel_tol=0, abs_tol=0.5, unit="bytes",
         explain="4,096 field elements of 254 usable bits are 130,048 bytes; a 4-byte "
                 "header (version and length) leaves 130,044 (op-service/eth/blob.go)."),
    dict(id="ch09-share", kind="number",
         question="A chain's fee vaults hold 100 ETH, of which 40 ETH is L1 fee revenue. "
                  "What does the on-chain Superchain calculator send to the Collective?",
         answer=_SHARE, rel_tol=1e-9, unit="ETH",
         explain="max(2.5% of 100, 15% of (100 - 40)) = max(2.5, 9) = 9 ETH."),
    dict(id="ch09-second-price", kind="choice",
         question="In Timeboost's express-lane auction, the highest of several valid "
                  "bids wins. What does it pay?",
         options=["its own bid", "the second-highest valid bid",
                  "the reserve price", "nothing: the winner is paid"], answer=1,
         explain="A sealed-bid second-price auction: the winner pays the second-highest "
                 "valid bid, or the reserve price if its bid was the only valid one."),
]
