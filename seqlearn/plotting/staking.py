"""Figures for the chapter on sequencer collateral.

Each function takes outputs of :mod:`seqlearn.staking` and returns a matplotlib Figure in
the house style.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn.staking import StakingRegistry, balance_history
>>> reg = StakingRegistry(min_stake=20, max_stake=100, unbonding_period=86_400)
>>> reg.bond("a", 50, now=0)
>>> fig = plot_stake_timeline(balance_history(reg.events), decimals=0, unit="tokens")
>>> fig.axes[0].get_ylabel()
'stake (tokens)'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from seqlearn import validation as v
from seqlearn.plotting import COLORS, finish, new_figure
from seqlearn.staking import SECONDS_PER_DAY, BalanceHistory, CapitalCost, Event

__all__ = ["plot_stake_timeline", "plot_stake_value", "plot_capital_cost"]

_SERIES = (
    ("bonded", "bonded", COLORS["blue"], "-"),
    ("unbonding", "unbonding", COLORS["yellow"], "--"),
    ("withdrawn", "withdrawn", COLORS["green"], "-."),
    ("burned", "burned", COLORS["orange"], ":"),
    ("rewards_paid", "paid to reporter", COLORS["purple"], "-"),
)


def _thousands(x: float, _pos: object = None) -> str:
    return f"{x:,.0f}"


def plot_stake_timeline(history: BalanceHistory, *, events: Sequence[Event] | None = None,
                        unit: str = "METIS", decimals: int = 18,
                        until: float | None = None) -> Figure:
    """Where the deposited stake is over time: bonded, unbonding, withdrawn, burned.

    Parameters
    ----------
    history : BalanceHistory
        From :func:`seqlearn.staking.balance_history`.
    events : list of Event, optional
        If given, slash events are marked with a vertical line labelled with their reason.
    unit : str
        Token name for the axis label.
    decimals : int
        Token decimals, to convert smallest units into tokens.
    until : float, optional
        Extend the last state to this time (days), so the final balances stay visible.

    Returns
    -------
    matplotlib.figure.Figure
        Time in days on the x axis, tokens on the y axis (step lines).

    Raises
    ------
    TypeError
        If ``history`` is not a BalanceHistory.
    ValueError
        If the history is empty.
    """
    v.instance("history", history, BalanceHistory)
    if len(history.times) == 0:
        raise v.fail("history", "a non-empty BalanceHistory (there is nothing to plot)",
                     history)
    if events is not None:
        if isinstance(events, (str, bytes)) or not isinstance(events, Sequence):
            raise v.fail("events", "a list of Event or None", events, TypeError)
        for i, ev in enumerate(events):
            v.instance(f"events[{i}]", ev, Event)
    unit = v.text("unit", unit)
    scale = 10**v.integer("decimals", decimals, lo=0, hi=36)
    days = np.array([t / SECONDS_PER_DAY for t in history.times])
    if until is not None:
        until = v.nonnegative("until", until, hi=1e9)
    if until is not None and until > days[-1]:
        days = np.append(days, float(until))
        pad = True
    else:
        pad = False
    fig, ax = new_figure(height=4.4)
    for name, label, color, style in _SERIES:
        col = getattr(history, name)
        y = np.array([v / scale for v in col], dtype=float)  # int / int rounds correctly
        if name == "rewards_paid" and not np.any(y):
            continue
        if pad:
            y = np.append(y, y[-1])
        ax.step(days, y, where="post", color=color, linestyle=style, label=label)
    if events:
        top = max(v / scale for v in history.deposited)
        seen: list[tuple[int, str]] = []
        for ev in events:
            if ev.kind == "slash" and (ev.time, ev.reason) not in seen:
                seen.append((ev.time, ev.reason))
                x = ev.time / SECONDS_PER_DAY
                ax.axvline(x, color=COLORS["grey"], linewidth=1.0)
                # stagger the labels so that slashes close in time stay readable
                y = top * (1.08 - 0.07 * ((len(seen) - 1) % 4))
                ax.annotate(f"slash: {ev.reason}", (x, y), xytext=(4, 0),
                            textcoords="offset points", va="center", fontsize=9,
                            color=COLORS["grey"])
        ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_ylim(bottom=0)
    finish(ax, xlabel="time (days)", ylabel=f"stake ({unit})")
    # below the axes, in one row: the plot keeps the full house width and its text size
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=len(labels),
               frameon=False, handlelength=1.6, columnspacing=1.2)
    return fig


def plot_stake_value(days: np.ndarray, values: np.ndarray, *, stake: float,
                     unit: str = "METIS", currency: str = "USD", n_show: int = 12,
                     band: tuple[float, float] = (5.0, 95.0)) -> Figure:
    """The value of a fixed token stake along price paths: a few paths, median and a band.

    Parameters
    ----------
    days : ndarray
        Time axis in days, length ``n_days``.
    values : ndarray
        Value of the stake on each path, shape ``(n_paths, n_days)`` (from :func:`seqlearn.staking.stake_value_paths`).
    stake : float
        Tokens in the stake (for the legend).
    unit : str
        Token name for the legend.
    currency : str
        Currency name for the axis label.
    n_show : int
        How many individual paths to draw thinly.
    band : tuple of float
        Percentiles of the shaded band.

    Returns
    -------
    matplotlib.figure.Figure
    """
    d = v.array("days", days, ndim=1)
    vals = v.array("values", values, shape=(None, d.shape[0]))
    stake = v.nonnegative("stake", stake)
    unit, currency = v.text("unit", unit), v.text("currency", currency)
    n_show = v.count("n_show", n_show, lo=0, hi=1000)
    if not isinstance(band, (tuple, list)) or len(band) != 2:
        raise v.fail("band", "a pair of percentiles (low, high)", band, TypeError)
    band = (v.real("band[0]", band[0], lo=0.0, hi=100.0),
            v.real("band[1]", band[1], lo=0.0, hi=100.0))
    if band[0] >= band[1]:
        raise v.fail("band", "a pair (low, high) with low < high", band)
    lo, hi = np.percentile(vals, band, axis=0)
    fig, ax = new_figure()
    for path in vals[:n_show]:
        ax.plot(d, path, color=COLORS["sky"], linewidth=0.7, alpha=0.6)
    ax.fill_between(d, lo, hi, color=COLORS["sky"], alpha=0.25,
                    label=f"{band[0]:g}th to {band[1]:g}th percentile")
    ax.plot(d, np.median(vals, axis=0), color=COLORS["blue"], label="median")
    ax.axhline(vals[0, 0], color=COLORS["black"], linestyle="--", linewidth=1.2,
               label=f"value at day 0 ({stake:,.0f} {unit})")
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    ax.set_ylim(bottom=0)
    finish(ax, xlabel="time (days)", ylabel=f"value of the stake ({currency})", legend=True)
    return fig


def plot_capital_cost(rates: np.ndarray, curve: CapitalCost, *, rate: float,
                      point: CapitalCost, currency: str = "USD") -> Figure:
    """Cost of locking collateral against the opportunity rate, split into its two parts.

    Parameters
    ----------
    rates : ndarray
        Opportunity rates (decimals) on the x axis.
    curve : CapitalCost
        :func:`seqlearn.staking.capital_cost` evaluated at ``rates``.
    rate : float
        The chosen opportunity rate, marked on the curve.
    point : CapitalCost
        The cost at ``rate``.
    currency : str
        Currency of the costs.

    Returns
    -------
    matplotlib.figure.Figure
    """
    x = 100 * v.array("rates", rates, ndim=1, lo=-1.0, hi=10.0)
    v.instance("curve", curve, CapitalCost)
    v.instance("point", point, CapitalCost)
    for name, part in (("total", curve.total), ("carry", curve.carry),
                       ("exit_delay", curve.exit_delay)):
        v.array(f"curve.{name}", part, shape=(x.size,))
    v.real("point.total", point.total)
    rate = v.real("rate", rate, lo=-1.0, hi=10.0)
    currency = v.text("currency", currency)
    fig, ax = new_figure()
    ax.plot(x, curve.total, color=COLORS["blue"], label="total cost")
    ax.plot(x, curve.carry, color=COLORS["orange"], linestyle="--",
            label="carry: forgone return minus staking yield")
    ax.plot(x, curve.exit_delay, color=COLORS["green"], linestyle="-.",
            label="unbonding delay: extra locked time")
    ax.axhline(0, color=COLORS["grey"], linewidth=0.8)
    ax.plot([100 * rate], [point.total], "o", color=COLORS["black"])
    ax.annotate(f"{point.total:,.0f} {currency}", (100 * rate, point.total), xytext=(8, -4),
                textcoords="offset points", va="top", fontsize=10)
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    finish(ax, xlabel="opportunity cost of capital (% a year)",
           ylabel=f"cost of the collateral ({currency})", legend=True)
    return fig
