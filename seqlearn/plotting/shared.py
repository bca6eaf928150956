"""Figures for the chapter on shared sequencer networks.

Each function takes outputs of :mod:`seqlearn.shared` and returns a matplotlib Figure in
the house style. Wide figures stack their panels.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn import shared
>>> outs = [shared.bundle_outcome([0.9, 0.9], [0.9, 0.6], r) for r in shared.REGIMES]
>>> arbs = shared.compare_regimes([0.9, 0.9], [0.9, 0.6], 10.0, [4.0, 6.0])
>>> fig = plot_regimes(outs, arbs)
>>> fig.axes[1].get_xlabel()
'expected profit of the arbitrage (X)'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from seqlearn import shared as sh
from seqlearn import validation as v
from seqlearn.plotting import COLORS, CYCLE, STYLE, finish, new_figure

__all__ = ["REGIME_LABELS", "plot_regimes", "plot_latency", "plot_outages",
           "plot_espresso_rewards"]

#: How the book names the three regimes.
REGIME_LABELS: dict[str, str] = {"separate": "separate sequencers",
                                 "atomic_inclusion": "shared, atomic inclusion",
                                 "atomic_execution": "shared, atomic execution"}


def plot_regimes(outcomes: Sequence[sh.BundleOutcome],
                 arbitrages: Sequence[sh.ArbitrageResult], *, unit: str = "X") -> Figure:
    """Bundle outcomes (all legs / some / none) and expected arbitrage profit per regime.

    Top: stacked horizontal bars of the three outcome probabilities. Bottom: expected
    profit of the arbitrage, one bar per regime, in ``unit`` (the quote token).
    """
    unit = v.text("unit", unit)
    if not outcomes or not all(isinstance(o, sh.BundleOutcome) for o in outcomes):
        raise v.fail("outcomes", "a non-empty sequence of BundleOutcome", outcomes, TypeError)
    if not arbitrages or not all(isinstance(a, sh.ArbitrageResult) for a in arbitrages):
        raise v.fail("arbitrages", "a non-empty sequence of ArbitrageResult", arbitrages,
                     TypeError)
    fig, (top, bottom) = new_figure(2, 1, width=7.0, height=5.6)
    with plt.rc_context(STYLE):
        y = np.arange(len(outcomes))
        names = [REGIME_LABELS.get(o.regime, o.regime) for o in outcomes]
        left = np.zeros(len(outcomes))
        for key, label, color, hatch in (
                ("p_all", "all legs run", COLORS["green"], ""),
                ("p_partial", "some legs run (stranded)", COLORS["orange"], "//"),
                ("p_none", "no leg runs", COLORS["grey"], "")):
            vals = np.array([getattr(o, key) for o in outcomes])
            top.barh(y, 100 * vals, left=100 * left, color=color, hatch=hatch,
                     edgecolor="white", label=label)
            left += vals
        top.set_yticks(y, names)
        top.set_xlim(0, 100)
        top.legend(loc="upper center", bbox_to_anchor=(0.5, -0.28), ncol=3, fontsize=9)
        ya = np.arange(len(arbitrages))
        ev = [a.expected_profit for a in arbitrages]
        bottom.barh(ya, ev, color=[CYCLE[i % len(CYCLE)] for i in range(len(ev))])
        bottom.axvline(0, color=COLORS["black"], linewidth=0.8)
        bottom.set_yticks(ya, [REGIME_LABELS.get(a.regime, a.regime) for a in arbitrages])
        for yy, e in zip(ya, ev):
            bottom.annotate(f"{e:.2f}", (e, yy), xytext=(4 if e >= 0 else -4, 0),
                            textcoords="offset points", va="center",
                            ha="left" if e >= 0 else "right", fontsize=9)
    finish(top, xlabel="probability (%)", ylabel="regime")
    finish(bottom, xlabel=f"expected profit of the arbitrage ({unit})",
           ylabel="regime")
    return fig


def plot_latency(contests: Sequence[sh.LatencyContest]) -> Figure:
    """Share of the prize spent on latency, shared against separate, by number of players."""
    if not contests or not all(isinstance(c, sh.LatencyContest) for c in contests):
        raise v.fail("contests", "a non-empty sequence of LatencyContest", contests,
                     TypeError)
    n = [c.n_players for c in contests]
    fig, ax = new_figure(width=7.0, height=4.0)
    with plt.rc_context(STYLE):
        ax.plot(n, [100 * c.dissipation_shared for c in contests], marker="o",
                color=COLORS["orange"], label="shared sequencer (one race)")
        ax.plot(n, [100 * c.dissipation_separate for c in contests], marker="s",
                linestyle="--", color=COLORS["blue"], label="separate sequencers (two races)")
        ax.set_ylim(0, 105)
    finish(ax, xlabel="arbitrageurs racing (players)",
           ylabel="latency spending (% of the prize)", legend=True)
    return fig


def plot_outages(c: sh.OutageComparison) -> Figure:
    """Probability that ``k`` rollups are down at once, independent against shared."""
    v.instance("c", c, sh.OutageComparison)
    k = np.arange(c.pmf_separate.size)
    floor = 1e-12
    fig, ax = new_figure(width=7.0, height=4.0)
    with plt.rc_context(STYLE):
        ax.bar(k - 0.2, np.maximum(c.pmf_separate, floor), width=0.4, color=COLORS["blue"],
               label="independent sequencers")
        ax.bar(k + 0.2, np.maximum(c.pmf_shared, floor), width=0.4, color=COLORS["orange"],
               hatch="//", edgecolor="white", label="one shared sequencer")
        ax.set_yscale("log")
        ax.set_ylim(floor, 2)
        ax.set_xticks(k)
    finish(ax, xlabel="rollups down at the same time", ylabel="probability (log scale)",
           legend=True)
    return fig


def plot_espresso_rewards(points: int = 200) -> Figure:
    """Espresso's yearly reward rate and the inflation it implies, against the staked share."""
    points = v.count("points", points, lo=2, hi=10_000)
    p = np.linspace(0.001, 1.0, points)
    r = np.array([sh.espresso_reward_rate(float(x)) for x in p])
    fig, ax = new_figure(width=7.0, height=4.0)
    with plt.rc_context(STYLE):
        ax.plot(100 * p, 100 * r, color=COLORS["blue"], label="reward rate R(p)")
        ax.plot(100 * p, 100 * r * p, color=COLORS["orange"], linestyle="--",
                label="inflation R(p) p")
    finish(ax, xlabel="staked share of supply p (%)", ylabel="per year (%)", legend=True)
    return fig
