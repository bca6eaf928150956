"""Fuzz baselines for seqlearn.shared."""

RESULT = "a result record built by the model, not a user-facing constructor"
SKIP = {
    "BundleOutcome": RESULT,
    "CpmmArbitrage": RESULT,
    "ArbitrageResult": RESULT,
    "LatencyContest": RESULT,
    "OutageComparison": RESULT,
}

BASELINES = {
    "bundle_outcome": dict(inclusion=[0.9, 0.9], success=[0.8, 0.5], regime="separate",
                           shared_inclusion=None),
    "bundle_state_distribution": dict(inclusion=[0.9, 0.9], success=[0.8, 0.5],
                                      regime="atomic_inclusion", shared_inclusion=0.9),
    "leg_success_probability": dict(tolerance=0.01, volatility=0.01, delay=1.0),
    "cpmm_arbitrage": dict(x_a=100.0, y_a=100.0, x_b=121.0, y_b=100.0),
    "arbitrage": dict(inclusion=[1.0, 1.0], success=[0.9, 0.6], profit=10.0,
                      partial_values=[4.0, 6.0], regime="separate", revert_cost=0.1,
                      shared_inclusion=None),
    "compare_regimes": dict(inclusion=[0.9, 0.8], success=[0.9, 0.6], profit=10.0,
                            partial_values=[-8.0, -8.0], revert_cost=0.0,
                            shared_inclusion=None),
    "latency_contest": dict(n_players=4, prize=100.0, noise=1.0, partial_value=0.0),
    "simulate_latency_contest": dict(investments=[1.0, 2.0], noise=1.0, shared=True,
                                     n_rounds=100, seed=0),
    "common_mode_outage": dict(n_rollups=5, p_down=0.01, shared_p_down=None),
    "simulate_outages": dict(n_rollups=5, p_down=0.1, shared=True, n_days=100, seed=0),
    "espresso_reward_rate": dict(staked_share=0.5),
}
