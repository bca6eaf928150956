"""Fuzz baselines for seqlearn.decentralization."""
from seqlearn import stability


RESULT = "a result record built by the model, not a user-facing constructor"
SKIP = {
    "WaitDistribution": RESULT,
    "BFTThresholds": RESULT,
    "Concentration": RESULT,
    "CensorshipWait": RESULT,
    "DesignMetrics": RESULT,
    "PreconfDeterrence": RESULT,
}

BASELINES = {
    "leader_schedule": dict(weights=[3.0, 2.0, 1.0], n_slots=20, rule="lottery", n_paths=2,
                            seed=0),
    "turn_counts": dict(schedule=[[0, 1, 1, 2]], n_operators=3),
    "turn_distribution": dict(weights=[1.0, 1.0], n_slots=4, operator=0, rule="lottery"),
    "longest_streak": dict(schedule=[[0, 0, 1]]),
    "expected_streaks": dict(share=0.5, k=2, n_slots=10),
    "wait_for_leader": dict(weights=[1.0, 1.0], target=0, rule="lottery", max_slots=10),
    "simulate_committee_halts": dict(n=10, p_offline=0.05, shock_probability=0.02,
                                     shock_members=4, n_epochs=10, n_paths=10, seed=0),
    "simulate_wait_for_leader": dict(weights=[1.0, 1.0], target=0, rule="lottery",
                                     max_slots=10, n_paths=100, seed=0),
    "metis_selection_probabilities": dict(locked=[20_000, 100_000]),
    "bft_thresholds": dict(n=4),
    "binomial_tail": dict(n=4, p=0.5, k=3),
    "committee_halt_probability": dict(n=4, p_offline=0.1),
    "committee_halt_probability_with_shock": dict(n=10, p_offline=0.01,
                                                  shock_probability=0.01, shock_members=4),
    "committee_safety_failure_probability": dict(n=4, p_byzantine=0.1, shock_probability=0.01,
                                                 shock_members=1),
    "nakamoto_coefficient": dict(stakes=[3, 2, 1], threshold=1 / 3),
    "hhi": dict(stakes=[3, 2, 1]),
    "concentration": dict(stakes=[3, 2, 1]),
    "astria_genesis_stakes": dict(by_operator=False),
    "espresso_max_top_share": dict(n_validators=100, min_ratio=0.001),
    "censorship_wait": dict(weights=[1.0, 1.0], censoring=[0], rule="lottery",
                            slot_seconds=2.0, forced_inclusion_seconds=3600.0),
    "compare_designs": dict(n=4, p_offline=0.01),
    "compare_designs_from_cluster": dict(cluster=stability.Cluster(n_replicas=3)),
    "preconf_deterrence": dict(collateral=1.0, value_per_promise=0.1, n_promises=5),
}

ALLOW_NONFINITE = {
    "censorship_wait": "mean_without_backstop is inf when every leader censors",
    "preconf_deterrence": "deterrent_stake is inf when nothing can be slashed",
}
