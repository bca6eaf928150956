"""Fuzz baselines for seqlearn.exercises.ch01."""
from fuzz_baselines import student

BASELINES = {
    "force_delay_hours": dict(key="arbitrum.delay_blocks"),
    "check_force_delay_hours": dict(answer=student(19.2)),
    "check_first_under_priority": dict(answer=student("B")),
    "check_median_soft_latency": dict(fn=student(lambda *a: 0.5)),
    "check_blob_cost": dict(answer=student(1.0)),
    "check_risk_category": dict(answer=student("exit window")),
}
