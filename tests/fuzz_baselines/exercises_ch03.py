"""Fuzz baselines for seqlearn.exercises.ch03."""
from fuzz_baselines import student

BASELINES = {
    "expected_bellatrix_correlation": dict(),
    "check_bellatrix_correlation": dict(answer=student(1.0)),
    "check_electra_rule": dict(fn=student(lambda eb, s, t: 0)),
    "check_electra_reason": dict(answer=student("a")),
    "expected_deterrent_stake": dict(),
    "check_deterrent_stake": dict(answer=student(1000.0)),
}
