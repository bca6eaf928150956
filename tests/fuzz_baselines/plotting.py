"""Fuzz baselines for seqlearn.plotting (the house style)."""
from fuzz_baselines import fresh
from seqlearn.plotting import new_figure

BASELINES = {
    "new_figure": dict(nrows=1, ncols=2, width=7.0, height=4.0),
    "finish": dict(ax=fresh(lambda: new_figure()[1]), xlabel="time (s)", ylabel="ETH",
                   title="t", legend=False),
}
