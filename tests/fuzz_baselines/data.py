"""Valid baseline calls for seqlearn.data (one per public callable in ``__all__``)."""

BASELINES = {
    "outages": dict(),
    "OutageRecord": dict(chain="Base", date="2025-08-05", minutes_low=33.0,
                         minutes_high=33.0, kind="halt", cause="failover to a standby",
                         source_low="status page", source_high="status page",
                         confidence="H"),
}
