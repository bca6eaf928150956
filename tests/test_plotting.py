"""The house style helpers."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from seqlearn.plotting import COLORS, CYCLE, finish, new_figure


def test_new_figure_and_finish():
    fig, ax = new_figure(width=5, height=3)
    ax.plot([0, 1], [1, 0])
    finish(ax, xlabel="time (h)", ylabel="stake (ETH)", title="A", legend=False)
    assert ax.get_xlabel() == "time (h)" and ax.get_ylabel() == "stake (ETH)"
    assert tuple(fig.get_size_inches()) == (5, 3)
    plt.close(fig)


def test_grid_of_axes():
    fig, axes = new_figure(1, 2)
    assert len(axes) == 2
    plt.close(fig)


@pytest.mark.parametrize("kwargs", [{"nrows": 0}, {"ncols": 1.5}, {"width": -1}, {"height": 100},
                                    {"nrows": 10**7}, {"ncols": 10**400},
                                    {"width": float("nan")}])
def test_bad_sizes_are_rejected(kwargs):
    # issue 7: counts are bounded (10**7 panels asked numpy/matplotlib for GiBs)
    with pytest.raises((ValueError, TypeError), match=next(iter(kwargs))):
        new_figure(**kwargs)


def test_axis_labels_are_required():
    fig, ax = new_figure()
    with pytest.raises(ValueError, match="xlabel"):
        finish(ax, xlabel="", ylabel="y")
    plt.close(fig)


def test_palette_is_distinct_hex_colours():
    assert len(set(CYCLE)) == len(CYCLE)
    assert all(c.startswith("#") and len(c) == 7 for c in COLORS.values())
