"""The house figure style, shared by every figure in the book.

Topic modules (``seqlearn.plotting.rollup``, ``seqlearn.plotting.staking``, ...) build
figures from model outputs; they all start from :func:`new_figure` and end with
:func:`finish`, so the whole book looks alike.

Examples
--------
>>> fig, ax = new_figure()
>>> _ = ax.plot([0, 1], [0, 1], color=COLORS["blue"])
>>> finish(ax, xlabel="time (s)", ylabel="stake (ETH)")
>>> ax.get_xlabel()
'time (s)'
"""

from __future__ import annotations

import matplotlib

import matplotlib.pyplot as plt

from seqlearn import validation as v
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["COLORS", "CYCLE", "STYLE", "MAX_PANELS", "new_figure", "finish"]

#: Most panels (axes) one figure may hold; a book figure has a handful.
MAX_PANELS: int = 64

# Okabe-Ito palette: distinguishable with the common forms of colour blindness, and each
# colour keeps at least 3:1 contrast against the white page.
COLORS: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#D55E00",
    "green": "#009E73",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#E69F00",
    "black": "#000000",
    "grey": "#666666",
}
CYCLE: list[str] = [COLORS[k] for k in ("blue", "orange", "green", "purple", "sky", "yellow")]

STYLE: dict[str, object] = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 200,  # HiDPI: PNGs at 2x, shown at the column width
    "savefig.dpi": 200,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.prop_cycle": matplotlib.cycler(color=CYCLE),
    "legend.frameon": False,
    "lines.linewidth": 2.0,
}


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = 7.0,
               height: float = 4.0) -> tuple[Figure, Axes | list[Axes]]:
    """Create a figure in the house style; returns ``(fig, ax)`` like ``plt.subplots``."""
    nrows = v.count("nrows", nrows, hi=MAX_PANELS)
    ncols = v.count("ncols", ncols, hi=MAX_PANELS)
    v.budget("nrows * ncols panels", nrows * ncols, hi=MAX_PANELS)
    width = v.real("width", width, lo=0.0, hi=50.0, lo_open=True, hi_open=True)
    height = v.real("height", height, lo=0.0, hi=50.0, lo_open=True, hi_open=True)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained")
    return fig, ax


def finish(ax: Axes, *, xlabel: str, ylabel: str, title: str | None = None,
           legend: bool = False) -> None:
    """Label an axis (units belong in the labels) and apply the final house touches."""
    v.instance("ax", ax, Axes)
    # every axis needs a label with units
    xlabel, ylabel = v.text("xlabel", xlabel), v.text("ylabel", ylabel)
    if title is not None:
        v.text("title", title, allow_empty=True)
    legend = v.boolean("legend", legend)
    with plt.rc_context(STYLE):
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title, loc="left")
        if legend:
            ax.legend()
