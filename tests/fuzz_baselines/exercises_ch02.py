"""Fuzz baselines for seqlearn.exercises.ch02."""
from fuzz_baselines import student

BASELINES = {
    "check_exit_dodge": dict(answer=student("a")),
    "expected_capital_cost": dict(),
    "check_capital_cost": dict(answer=student(1000.0)),
    "expected_withdrawable": dict(),
    "check_withdrawable": dict(answer=student(1000.0)),
    "breakeven_yield_reference": dict(opportunity_rate=0.06, unbonding_days=14.0, years=1.0),
    "check_breakeven_yield": dict(fn=student(lambda r, d, y: r)),
}
