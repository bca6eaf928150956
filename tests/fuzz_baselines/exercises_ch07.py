"""Fuzz baselines for seqlearn.exercises.ch07 (format: tests/fuzz_baselines/README.md)."""

from fuzz_baselines import student

BASELINES = {
    "check_replicas": dict(answer=student("d")),
    "expected_rate_upper": dict(),
    "check_rate_upper": dict(answer=student(2.4)),
    "expected_first_liquidation": dict(),
    "check_first_liquidation": dict(answer=student(3601)),
    "check_prob_long_outage": dict(fn=student(lambda t, lam, mu, s: 0.5)),
    "expected_exposure_seconds": dict(),
    "check_exposure": dict(answer=student(243.0)),
}
