"""Fuzz baselines for seqlearn.exercises.ch10."""
from fuzz_baselines import student

BASELINES = {
    "check_three_sequencers": dict(answer=student("a")),
    "expected_halt": dict(),
    "check_halt": dict(answer=student(3e-5)),
    "check_nakamoto": dict(answer=student(3)),
    "check_hhi": dict(answer=student(0.135)),
    "check_mean_wait": dict(fn=student(lambda c, s, f: 1.0)),
    "expected_preconf_value": dict(),
    "check_preconf_value": dict(answer=student(0.1)),
}
