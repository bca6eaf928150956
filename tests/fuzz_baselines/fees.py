"""Fuzz baselines for seqlearn.fees."""

from seqlearn import fees

BASELINES = {
    "blob_schedule": dict(fork="prague"),
    "fork_at": dict(timestamp=1_765_290_071),
    "fake_exponential": dict(factor=1, numerator=10 * 3338477, denominator=3338477),
    "blob_base_fee": dict(excess_blob_gas=10 * 5007716, fork="prague"),
    "next_excess_blob_gas": dict(excess_blob_gas=10**7, blob_gas_used=9 * 2**17,
                                 fork="osaka", base_fee_per_gas=10**9),
    "reserve_blob_base_fee": dict(base_fee_per_gas=10**9),
    "excess_path": dict(blobs=[6, 9, 0, 3], fork="osaka", base_fee_per_gas=10**9,
                        excess0=0),
    "BlobDemand": dict(base=6.0, reference_fee=1e9, elasticity=0.3, burst_factor=2.0,
                       burst_start=0.001, burst_end=0.01),
    "simulate_blob_market": dict(n_blocks=500, fork="bpo1", demand=fees.BlobDemand(),
                                 base_fee_per_gas=10**9, excess0=0, seed=1),
    "usable_blob_bytes": dict(encoding="op"),
    "calldata_gas": dict(n_bytes=1000, zero_bytes=10, floor=True, execution_gas=0),
    "calldata_cost": dict(n_bytes=1000, base_fee_per_gas=10**9, floor=True, zero_bytes=0),
    "blob_cost": dict(n_bytes=200_000, blob_base_fee_wei=10**6, base_fee_per_gas=10**9,
                      encoding="op", tx_gas=21_000),
    "breakeven_blob_base_fee": dict(base_fee_per_gas=1e9, floor=True, encoding="op"),
    "batch_policy": dict(tx_rate=10.0, tx_bytes=100.0, deadlines_s=[60.0, 600.0],
                         blob_base_fee_wei=1e6, base_fee_per_gas=1e9, blobs_per_batch=1,
                         encoding="op", tx_gas=21_000),
    "op_l1_fee": dict(fastlz_size=235, l1_base_fee=2 * 10**6, l1_blob_base_fee=3 * 10**6,
                      base_fee_scalar=20, blob_base_fee_scalar=15),
    "op_l1_fee_ecotone": dict(zero_bytes=10, nonzero_bytes=90, l1_base_fee=10**9,
                              l1_blob_base_fee=10**6, base_fee_scalar=1000,
                              blob_base_fee_scalar=100_000),
    "op_operator_fee": dict(gas_used=21_000, operator_fee_scalar=10**6,
                            operator_fee_constant=0),
    "op_base_fee_with_minimum": dict(computed_base_fee=50, min_base_fee=10**6),
    "ArbitrumPricer": dict(equilibration_units=160_000_000, inertia=10, per_unit_reward=10,
                           initial_price=10**9),
    "simulate_arbitrum_pricer": dict(units=[10**6, 10**6], cost_wei=[10**15, 10**15],
                                     pricer=fees.ArbitrumPricer()),
}

RESULT = "a result type: built by the model, not from user input"
SKIP = {"BlobSchedule": "built from seqlearn.params by blob_schedule(), not user input",
        "BlobFeePath": RESULT, "BatchPolicyResult": RESULT, "PricerPath": RESULT}
