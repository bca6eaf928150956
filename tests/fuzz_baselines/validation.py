"""Fuzz baselines for seqlearn.validation (the checkers must themselves never crash)."""

BASELINES = {
    "describe": dict(value=[1, 2, 3], limit=60),
    "fail": dict(name="x", expected="a number", value="y", exc=ValueError),
    "real": dict(name="x", value=0.5, lo=0.0, hi=1.0),
    "positive": dict(name="x", value=0.5, hi=10.0),
    "nonnegative": dict(name="x", value=0.5, hi=10.0),
    "probability": dict(name="p", value=0.5),
    "integer": dict(name="n", value=3, lo=0, hi=10),
    "count": dict(name="n", value=3, lo=1, hi=10),
    "wei": dict(name="amount", value=10**18),
    "boolean": dict(name="flag", value=True),
    "option": dict(name="fork", value="a", options=("a", "b")),
    "text": dict(name="label", value="x"),
    "instance": dict(name="x", value=1.0, cls=float),
    "array": dict(name="xs", value=[1.0, 2.0], ndim=1, lo=0.0),
    "budget": dict(name="n_paths * n_epochs", n_elements=100),
    "seed": dict(name="seed", value=1),
    "finite_result": dict(what="price", value=[1.0, 2.0]),
}
