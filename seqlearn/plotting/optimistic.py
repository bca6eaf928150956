"""Figures for the chapter on optimistic systems (challenge windows and their costs).

Every function takes model outputs from :mod:`seqlearn.optimistic` and returns a
matplotlib Figure in the house style.

Examples
--------
>>> import numpy as np
>>> import matplotlib.pyplot as plt
>>> from seqlearn import optimistic as op
>>> days = np.linspace(0, 10, 11)
>>> fig = plot_survival(days, {"3 watchers": op.survival_probability(
...     op.days_to_blocks(days), 3, 1e-4)})
>>> fig.axes[0].get_yscale()
'log'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from numpy.typing import ArrayLike

from seqlearn import validation as v
from seqlearn.optimistic import BLOCKS_PER_DAY, WindowTradeoff
from seqlearn.plotting import COLORS, CYCLE, finish, new_figure

__all__ = ["plot_survival", "plot_censorship_cost", "plot_margin", "plot_window_tradeoff"]

_STYLES = ("-", "--", "-.", ":", (0, (6, 2, 1, 2, 1, 2)))


def _grid(name: str, x: ArrayLike) -> np.ndarray:
    xs = v.array(name, x, ndim=1, max_size=1_000_000)
    if xs.size < 2:
        raise v.fail(name, "a 1-d grid of at least 2 points", x)
    return xs


def _on_log_axis(y: ArrayLike, floor: float) -> np.ndarray:
    """Clip to [floor, 1] and stop the curve where it first reaches the floor."""
    out = np.clip(np.asarray(y, dtype=float), floor, 1.0)
    below = np.flatnonzero(out <= floor)
    if below.size:
        out[below[0] + 1:] = np.nan
    return out


def _legend_right(ax) -> None:
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=9)


def _marks(ax, marks: Mapping[str, float]) -> None:
    for i, (label, x) in enumerate(marks.items()):
        ax.axvline(x, color=COLORS["grey"], lw=1.0, ls=_STYLES[(i + 1) % len(_STYLES)],
                   label=label)


def plot_survival(days: ArrayLike, curves: Mapping[str, ArrayLike], *, floor: float = 1e-12,
                  marks: Mapping[str, float] | None = None, title: str | None = None) -> Figure:
    """Survival probability of a fraud against the window length, one curve per label.

    Parameters
    ----------
    days : array_like
        Window lengths in days (x axis).
    curves : mapping of str to array_like
        Survival probabilities, one array per curve, same shape as ``days``.
    floor : float, optional
        Bottom of the logarithmic y axis; smaller values are drawn at the floor.
        Default ``1e-12``.
    marks : mapping of str to float, optional
        Vertical reference lines (for example real windows), label to days.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the shapes do not match or no curve is given.
    """
    xs = _grid("days", days)
    curves = v.curves("curves", curves, length=xs.size)
    floor = v.real("floor", floor, lo=1e-300, hi=1.0, hi_open=True)
    marks = v.marks("marks", marks)
    if title is not None:
        v.text("title", title, allow_empty=True)
    fig, ax = new_figure(width=8.5)
    for i, (label, y) in enumerate(curves.items()):
        ax.plot(xs, _on_log_axis(y, floor), label=label,
                color=CYCLE[i % len(CYCLE)], ls=_STYLES[i % len(_STYLES)])
    _marks(ax, marks)
    ax.set_yscale("log")
    ax.set_ylim(floor, 2.0)
    ax.set_xlim(xs[0], xs[-1])
    finish(ax, xlabel="challenge window (days)",
           ylabel="P(fraud survives the window)", title=title, legend=False)
    _legend_right(ax)
    return fig


def plot_censorship_cost(days: ArrayLike, costs: Mapping[str, ArrayLike], *, unit: str,
                         value: float | None = None,
                         marks: Mapping[str, float] | None = None,
                         slack: tuple[ArrayLike, ArrayLike] | None = None,
                         slack_marks: Sequence[float] = (),
                         title: str | None = None) -> Figure:
    """Attacker's cost of censorship against the window length.

    Parameters
    ----------
    days : array_like
        Window lengths in days (x axis).
    costs : mapping of str to array_like
        Censorship cost for each window, one array per curve, in ``unit``.
    unit : str
        Unit of the costs, for the axis label (for example ``"ETH"``).
    value : float, optional
        What the fraud is worth, drawn as a horizontal line: where a cost curve crosses
        it, censoring the window stops paying.
    marks : mapping of str to float, optional
        Vertical reference lines, label to days.
    slack : tuple of two array_like, optional
        ``(targets, saved)``: survival probabilities the attacker aims for, in [0, 1], and
        what it saves, in ``unit``, against censoring the whole window. When given, a
        second panel draws ``saved`` against ``targets``: the gap between the cost curves
        and full censorship, which is too small to see on the first panel.
    slack_marks : sequence of float, optional
        Targets to mark with a labelled dot on the second panel.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the shapes do not match, no curve is given, or a target lies outside [0, 1].
    """
    xs = _grid("days", days)
    costs = v.curves("costs", costs, length=xs.size)
    unit = v.text("unit", unit)
    if value is not None:
        value = v.real("value", value)
    marks = v.marks("marks", marks)
    if title is not None:
        v.text("title", title, allow_empty=True)
    slack_marks = v.array("slack_marks", slack_marks, ndim=1, lo=0.0, hi=1.0,
                          allow_empty=True, max_size=64)
    if slack is None:
        fig, ax = new_figure(width=8.5)
    else:
        if not isinstance(slack, (tuple, list)) or len(slack) != 2:
            raise v.fail("slack", "None or a pair (targets, saved)", slack, TypeError)
        targets = v.array("slack targets", slack[0], ndim=1, lo=0.0, hi=1.0)
        if targets.size < 2:
            raise v.fail("slack targets", "a 1-d grid of at least 2 survival targets",
                         slack[0])
        saved = v.array("slack[1]", slack[1], shape=(targets.size,))
        fig, (ax, right) = new_figure(1, 2, width=9.0, height=3.8)
    for i, (label, y) in enumerate(costs.items()):
        # later curves thinner, so a curve drawn on top of another leaves it visible
        ax.plot(xs, np.asarray(y, dtype=float), label=label, color=CYCLE[i % len(CYCLE)],
                ls=_STYLES[i % len(_STYLES)], lw=max(3.5 - 1.5 * i, 1.2))
    if value is not None:
        ax.axhline(value, color=COLORS["black"], lw=1.2, label=f"value of the fraud ({unit})")
    _marks(ax, marks)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    finish(ax, xlabel="challenge window (days)", ylabel=f"cost of censorship ({unit})",
           title=title, legend=False)
    if slack is None:
        _legend_right(ax)
        return fig
    ax.legend(loc="upper left", fontsize=9)
    right.plot(100 * targets, saved, color=COLORS["green"])
    for t in slack_marks:
        y = float(np.interp(t, targets, saved))
        right.plot([100 * t], [y], "o", color=COLORS["orange"])
        right.annotate(f"{100 * t:g}%: {y:,.0f} {unit}", (100 * t, y),
                       xytext=(-6, 12) if t > 0.9 else (6, 6), textcoords="offset points",
                       fontsize=9, ha="right" if t > 0.9 else "left")
    right.set_xlim(0, 100)
    right.set_ylim(bottom=0)
    right.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    finish(right, xlabel="survival the attacker aims for (%)",
           ylabel=f"saved vs. full censorship ({unit})",
           title="What leaving blocks open saves")
    return fig


def plot_margin(delay_days: ArrayLike, margins: Mapping[str, ArrayLike], *, unit: str,
                marks: Mapping[str, float] | None = None, title: str | None = None) -> Figure:
    """Margin tied up by a derivative that settles on the L1, against the settlement delay.

    Parameters
    ----------
    delay_days : array_like
        Settlement delays in days (x axis).
    margins : mapping of str to array_like
        Margin for each delay, one array per curve, in ``unit``.
    unit : str
        Unit of the margins, for the axis label (for example ``"million USD"``).
    marks : mapping of str to float, optional
        Vertical lines at real delays, label to days.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    xs = _grid("delay_days", delay_days)
    margins = v.curves("margins", margins, length=xs.size)
    unit = v.text("unit", unit)
    marks = v.marks("marks", marks)
    if title is not None:
        v.text("title", title, allow_empty=True)
    fig, ax = new_figure(width=8.5)
    for i, (label, y) in enumerate(margins.items()):
        ax.plot(xs, np.asarray(y, dtype=float), label=label, color=CYCLE[i % len(CYCLE)],
                ls=_STYLES[i % len(_STYLES)])
    _marks(ax, marks)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(bottom=0)
    finish(ax, xlabel="settlement delay (days)", ylabel=f"margin tied up ({unit})",
           title=title, legend=False)
    _legend_right(ax)
    return fig


def plot_window_tradeoff(result: WindowTradeoff, *, floor: float = 1e-12) -> Figure:
    """The explorer's figure: survival (left) and fast-exit fee (right) against the window.

    Parameters
    ----------
    result : WindowTradeoff
        Output of :func:`seqlearn.optimistic.window_tradeoff`.
    floor : float, optional
        Bottom of the logarithmic survival axis. Default ``1e-12``.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError
        If ``result`` is not a :class:`~seqlearn.optimistic.WindowTradeoff`.
    """
    v.instance("result", result, WindowTradeoff)
    floor = v.real("floor", floor, lo=1e-300, hi=1.0, hi_open=True)
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.8)
    x, w = result.days, result.window_days
    censored = result.censor_blocks / BLOCKS_PER_DAY
    if censored > 0:
        left.axvspan(0.0, min(censored, x[-1]), color=COLORS["grey"], alpha=0.15, lw=0,
                     label=f"censored: {censored:.1f} d")
    left.plot(x, _on_log_axis(result.survival, floor), color=COLORS["blue"])
    s = max(result.survival_at_window, floor)
    left.plot([w], [s], "o", color=COLORS["orange"],
              label=f"{w:.1f} d: P = {result.survival_at_window:.1e}")
    left.set_yscale("log")
    left.set_ylim(floor, 2.0)
    left.set_xlim(x[0], x[-1])
    finish(left, xlabel="challenge window (days)", ylabel="P(fraud survives the window)",
           title=f"{result.watchers} watchers, a = {result.availability:.0e} per block",
           legend=True)
    right.plot(x, result.fee_bp, color=COLORS["green"])
    right.plot([w], [result.fee_bp_at_window], "o", color=COLORS["orange"],
               label=f"{w:.1f} d: {result.fee_bp_at_window:.1f} bp")
    right.set_xlim(x[0], x[-1])
    right.set_ylim(bottom=0)
    finish(right, xlabel="challenge window (days)", ylabel="fast-exit fee (basis points)",
           title=f"time value at {100 * result.rate:.0f}% a year", legend=True)
    return fig
