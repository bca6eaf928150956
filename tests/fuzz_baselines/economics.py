"""Fuzz baselines for seqlearn.economics."""

import numpy as np

from seqlearn import economics

BASELINES = {
    "superchain_revenue_share": dict(gross_revenue=100 * 10**18, l1_fee_revenue=10 * 10**18),
    "superchain_share_docs": dict(chain_revenue=100.0, l1_costs_paid=60.0),
    "ChainDay": dict(tx_per_day=3_000_000, l2_gas_per_tx=120_000, l2_base_fee=10**6,
                     priority_fee=10**5, fastlz_size=200, l1_base_fee=10**9,
                     l1_blob_base_fee=10**6, base_fee_scalar=8000,
                     blob_base_fee_scalar=1_000_000, operator_fee_scalar=0,
                     operator_fee_constant=0, compressed_bytes_per_tx=120.0, blob_fill=0.9,
                     blobs_per_batch=6, batch_tx_gas=50_000,
                     settlement_gas_per_day=9_600_000, infra_wei_per_day=3 * 10**17),
    "daily_pnl": dict(day=economics.ChainDay()),
    "pnl_curve": dict(day=economics.ChainDay(), blob_base_fees=[1, 10**6, 10**9]),
    "keccak256": dict(data=b"abc"),
    "resolve_express_lane_auction": dict(
        bids=[("0x" + "aa" * 20, 5 * 10**15), ("0x" + "bb" * 20, 3 * 10**15)],
        reserve_price=10**15),
    "simulate_timeboost": dict(n_rounds=200, skills=[1.0, 0.9, 0.6], mean_value=0.005,
                               value_sigma=0.8, forecast_sigma=0.3, reserve_price=0.001,
                               shading=0.0, seed=1),
    "compare_ordering_policies": dict(tb=economics.simulate_timeboost(200, seed=1),
                                      skills=[1.0, 0.9, 0.6, 0.4], nonexpress_delay_ms=200.0),
    "probe_breakeven_base_fee": dict(expected_gain_wei=1e9, gas_per_probe=100_000),
}

RESULT = "a result type: built by the model, not from user input"
SKIP = {"DailyPnL": RESULT, "AuctionResult": RESULT, "TimeboostResult": RESULT,
        "PolicyComparison": RESULT}
