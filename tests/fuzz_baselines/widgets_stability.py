"""Fuzz baselines for seqlearn.widgets.stability (format: tests/fuzz_baselines/README.md)."""

BASELINES = {
    "cluster": dict(n_replicas=3, failure_rate=2.0, repair_minutes=60.0,
                    p_standby_not_ready=0.05, common_rate=0.5, common_minutes=30.0),
    "render": dict(n_replicas=3, failure_rate=2.0, repair_minutes=60.0,
                   p_standby_not_ready=0.05, common_rate=0.5, common_minutes=30.0),
}

SKIP = {"stability_explorer": "needs a live Jupyter kernel"}
