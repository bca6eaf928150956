"""Fuzz baselines for seqlearn.exercises.ch08."""
from fuzz_baselines import student

BASELINES = {
    "check_sentinel": dict(answer=student("a")),
    "expected_gap": dict(),
    "check_gap": dict(answer=student(0.01)),
    "expected_stop_slippage": dict(),
    "check_stop_slippage": dict(answer=student(0.1)),
    "check_cascade": dict(fn=student(lambda *a: 1)),
    "expected_frozen_hedge_loss": dict(),
    "check_frozen_hedge_loss": dict(answer=student(0.2)),
}
