"""Fuzz baselines for seqlearn.params."""

BASELINES = {
    "Param": dict(key="x.y", value=1, unit="blocks", description="d", source="s",
                  holds_for="2025", confidence="H"),
    "get": dict(key="metis.min_lock"),
    "value": dict(key="metis.min_lock"),
    "keys": dict(prefix="op."),
    "table": dict(selected=["metis.min_lock", "arbitrum.delay_blocks"]),
    "blocks_to_days": dict(blocks=7200, slot_seconds=12.0),
    "blocks_to_hours": dict(blocks=5760, slot_seconds=12.0),
    "seconds_to_days": dict(seconds=86400.0),
}
