"""Fuzz baselines for seqlearn.exercises.ch05."""
from fuzz_baselines import student

BASELINES = {
    "check_watchers": dict(answer=student(3)),
    "expected_locked_cost": dict(),
    "check_locked_cost": dict(answer=student(1000.0)),
    "expected_lp_fee": dict(),
    "check_lp_fee": dict(answer=student(1000.0)),
    "check_margin_function": dict(fn=student(lambda *a: 0.1)),
}
