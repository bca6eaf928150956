"""Fuzz baselines for seqlearn.exercises.ch06."""
from fuzz_baselines import student

BASELINES = {
    "check_wrong_way": dict(answer=student("a")),
    "expected_liquidation_value": dict(),
    "check_liquidation_value": dict(answer=student(1000.0)),
    "check_sample_var": dict(answer=student(25.0)),
    "check_sample_es": dict(answer=student(32.5)),
    "check_tokens_for": dict(fn=student(lambda *a: 1.0)),
}
