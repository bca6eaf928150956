"""Fuzz baselines for seqlearn.validation (the checkers must themselves never crash).

Only the checked ``value`` (and ``name``) are user input: bounds, options, classes and
flags are chosen by library code, so they are passed as given and not fuzzed.
"""
from fractions import Fraction

from fuzz_baselines import fixed

LIB = "chosen by library code, not user input"
BASELINES = {
    "describe": dict(value=[1, 2, 3], limit=fixed(60, LIB)),
    "fail": dict(name="x", expected="a number", value="y", exc=fixed(ValueError, LIB)),
    "real": dict(name="x", value=0.5, lo=fixed(0.0, LIB), hi=fixed(1.0, LIB),
                 lo_open=fixed(False, LIB), hi_open=fixed(False, LIB),
                 allow_inf=fixed(False, LIB)),
    "positive": dict(name="x", value=0.5, hi=fixed(10.0, LIB)),
    "nonnegative": dict(name="x", value=0.5, hi=fixed(10.0, LIB)),
    "probability": dict(name="p", value=0.5, lo_open=fixed(False, LIB),
                        hi_open=fixed(False, LIB)),
    "integer": dict(name="n", value=3, lo=fixed(0, LIB), hi=fixed(10, LIB)),
    "count": dict(name="n", value=3, lo=fixed(1, LIB), hi=fixed(10, LIB)),
    "whole": dict(name="watchers", value=3.0, lo=fixed(0, LIB), hi=fixed(10, LIB)),
    "wei": dict(name="amount", value=10**18, lo=fixed(0, LIB), hi=fixed(None, LIB)),
    "boolean": dict(name="flag", value=True),
    "option": dict(name="fork", value="a", options=fixed(("a", "b"), LIB)),
    "text": dict(name="label", value="x", allow_empty=fixed(False, LIB)),
    "instance": dict(name="x", value="a", cls=fixed(str, LIB)),
    "array": dict(name="xs", value=[1.0, 2.0], ndim=fixed(1, LIB), shape=fixed(None, LIB),
                  lo=fixed(0.0, LIB), hi=fixed(10.0, LIB), lo_open=fixed(False, LIB),
                  hi_open=fixed(False, LIB), allow_empty=fixed(False, LIB),
                  allow_inf=fixed(False, LIB), integer=fixed(False, LIB),
                  whole=fixed(False, LIB), max_size=fixed(1000, LIB)),
    "curves": dict(name="curves", value={"a": [1.0, 2.0]}, length=fixed(2, LIB),
                   lo=fixed(0.0, LIB), hi=fixed(10.0, LIB), allow_inf=fixed(False, LIB),
                   max_curves=fixed(8, LIB)),
    "marks": dict(name="marks", value={"7 days": 7.0}, max_marks=fixed(8, LIB)),
    "budget": dict(name="n_paths * n_epochs", n_elements=100, hi=fixed(1000, LIB)),
    "seed": dict(name="seed", value=1),
    "rng": dict(name="seed", value=1),
    "fraction": dict(name="share", value=Fraction(1, 10), lo=fixed(0, LIB), hi=fixed(1, LIB),
                     lo_open=fixed(False, LIB), allow_float=fixed(False, LIB)),
    "finite_result": dict(what="price", value=[1.0, 2.0]),
}
