"""Fuzz baselines for seqlearn.stability (format: tests/fuzz_baselines/README.md)."""

from fuzz_baselines import fixed
from seqlearn import stability

_TL = stability.feed_timeline([[3600.0, 7200.0]], horizon=86_400.0, step=600.0)
_ROWS = [stability.Outage("X", "2024-01-01", "halt", 30.0, 30.0),
         stability.Outage("X", "2025-01-01", "halt", 60.0, 90.0)]

BASELINES = {
    "Interval": dict(estimate=1.0, low=0.5, high=2.0, level=0.95),
    "Outage": dict(chain="Base", date="2025-08-05", kind="halt", minutes_low=33.0,
                   minutes_high=33.0),
    "LognormalFit": dict(mu=fixed(stability.Interval(3.0, 2.0, 4.0, 0.95), "a result"),
                         sigma=fixed(stability.Interval(1.0, 0.5, 3.0, 0.95), "a result"),
                         median_minutes=fixed(stability.Interval(20.0, 7.4, 54.6, 0.95),
                                              "a result"),
                         n=3),
    "OutageStats": dict(**{k: fixed(getattr(stability.outage_stats("Base"), k), "a result")
                           for k in ("chain", "n_outages", "n_durations", "years", "rate",
                                     "mtbf_days", "mttr_minutes", "fit",
                                     "downtime_hours_per_year", "availability", "nines",
                                     "minutes_low", "minutes_high")}),
    "OutageStats.prob_long_outage": dict(
        self=fixed(stability.outage_stats("Base"), "a model result"), minutes=60.0),
    "LognormalFit.survival": dict(
        self=fixed(stability.lognormal_fit([20.0, 40.0, 90.0]), "a model result"),
        minutes=[30.0, 60.0]),
    "outage_records": dict(kinds=("halt",)),
    "poisson_rate_interval": dict(n_events=3, years=4.8, level=0.95),
    "lognormal_fit": dict(minutes_low=[45.0, 420.0, 78.0], minutes_high=[45.0, 600.0, 88.0]),
    "lognormal_mean_interval": dict(minutes_low=[29.0, 33.0, 116.0, 20.0]),
    "outage_stats": dict(chain="Base"),
    "outage_table": dict(windows={"Base": "2023-08-09"}),
    "prob_long_outage": dict(minutes=60.0, rate_per_year=1.4, mu=3.6, sigma=0.9),
    "availability": dict(rate_per_year=1.4, mean_minutes=50.0),
    "nines": dict(avail=0.9999),
    "sample_outage_years": dict(rate_per_year=1.4, mu=3.6, sigma=0.9, n_paths=100, seed=1),
    "OutageYears": dict(counts=[1], path=[0], minutes=[30.0], downtime_minutes=[30.0]),
    "aave_borrow_allowed": dict(sequencer_up=True, seconds_since_change=4000),
    "aave_liquidation_allowed": dict(health_factor=0.97, sequencer_up=True,
                                     seconds_since_change=4000),
    "sentinel_allows_liquidation": dict(health_factor=[0.9, 0.97], seconds_since_restart=600.0),
    "FeedTimeline": dict(t=[0.0], sequencer_up=[True], answer=[0], started_at=[0.0],
                         updated_at=[0.0]),
    "feed_timeline": dict(outages=[[3600.0, 7200.0]], horizon=86_400.0, step=600.0),
    "sentinel_timeline": dict(timeline=fixed(_TL, "a model result"), grace_period=3600.0),
    "Cluster": dict(n_replicas=3),
    "Downtime": dict(failover=1.0, quorum=0.1, common=15.0),
    "expected_downtime": dict(cluster=fixed(stability.Cluster(), "a model object")),
    "ClusterSimulation": dict(failover=[1.0], quorum=[0.0], common=[3.0]),
    "simulate_cluster": dict(cluster=fixed(stability.Cluster(), "a model object"),
                             n_paths=50, seed=1),
    "common_mode_cases": dict(),
    "Heads": dict(t=[0.0], unsafe=[0], safe=[0], finalized=[0]),
    "heads": dict(t=[0.0, 700.0]),
    "expected_exposure": dict(wait_seconds=[0.0, 300.0]),
    "soft_confirmation_risk": dict(value=1e6, reorg_rate_per_year=1.0),
    "reorg_depth": dict(n_faults=100, seed=1),
}

SKIP = {
    "OutageYears": "a result container (arrays from sample_outage_years)",
    "FeedTimeline": "a result container (arrays from feed_timeline)",
    "ClusterSimulation": "a result container (arrays from simulate_cluster)",
    "Heads": "a result container (arrays from heads)",
    "Interval": "a result container",
    "LognormalFit": "a result container (from lognormal_fit)",
    "OutageStats": "a result container (from outage_stats)",
    "Downtime": "a result container (from expected_downtime)",
}
for _k in SKIP:
    BASELINES.pop(_k, None)

ALLOW_NONFINITE = {
    "lognormal_mean_interval": "an upper end of inf means the data cannot bound the mean",
    "lognormal_fit": "a sigma interval of inf means the data cannot bound the spread",
    "outage_stats": "unbounded upper ends where a window has no outage in it",
    "outage_table": "unbounded upper ends where the data cannot bound them",
}
