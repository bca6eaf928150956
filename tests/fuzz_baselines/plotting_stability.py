"""Fuzz baselines for seqlearn.plotting.stability (format: tests/fuzz_baselines/README.md)."""

from fuzz_baselines import fixed
from seqlearn import stability

_C = [stability.expected_downtime(stability.Cluster(n_replicas=n)) for n in (1, 3)]

BASELINES = {
    "plot_outage_record": dict(records=fixed(list(stability.outage_records()),
                                             "the documented record")),
    "plot_outage_intervals": dict(table=fixed(stability.outage_table(), "a model result")),
    "plot_long_outage": dict(stats=fixed(stability.outage_stats("Base"), "a model result"),
                             minutes=[10.0, 60.0, 600.0]),
    "plot_failover": dict(by_n=fixed(_C, "model results"), replicas=[1, 3], chosen=3),
    "plot_heads": dict(h=fixed(stability.heads([0.0, 600.0, 1200.0]), "a model result"),
                       fault_time=700.0),
    "plot_sentinel": dict(timeline=fixed(stability.feed_timeline(
        [[3600.0, 7200.0]], horizon=86_400.0, step=600.0), "a model result")),
}
