"""Figures for the chapter on sequencer decentralization.

Each function takes inputs or outputs of :mod:`seqlearn.decentralization` and returns a
matplotlib Figure in the house style. Wide figures stack their panels.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> fig = plot_halt(7, 0.05)
>>> fig.axes[0].get_ylabel()
'P(committee halts)'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from seqlearn import decentralization as dz
from seqlearn import validation as v
from seqlearn.plotting import COLORS, CYCLE, STYLE, finish, new_figure

__all__ = ["plot_halt", "plot_concentration", "plot_censorship", "plot_turns",
           "plot_designs"]


def plot_halt(n: int, p_offline: float, *, shock_probability: float = 0.0,
              shock_members: int = 0, max_n: int = 40) -> Figure:
    """Committee halt probability against committee size, and the chosen committee's
    distribution of online members.

    Top: halt probability for ``n = 1..max_n`` at ``p_offline`` (log scale), without and
    with the common shock, the chosen ``n`` marked. Bottom: probability of each number of
    online members for the chosen ``n``, with the quorum.
    """
    n = v.count("n", n, hi=dz.MAX_COMMITTEE)
    p = v.probability("p_offline", p_offline)
    pi = v.probability("shock_probability", shock_probability)
    m = v.integer("shock_members", shock_members, lo=0, hi=n)
    max_n = v.count("max_n", max(v.count("max_n", max_n, hi=2000), n), hi=2000)
    sizes = np.arange(1, max_n + 1)
    plain = np.array([dz.committee_halt_probability(int(k), p) for k in sizes])
    floor = 1e-15
    fig, (top, bottom) = new_figure(2, 1, width=7.0, height=6.4)
    with plt.rc_context(STYLE):
        top.semilogy(sizes, np.maximum(plain, floor), marker="o", markersize=3,
                     color=COLORS["blue"], label="independent failures")
        if pi > 0 and m > 0:
            frac = m / n
            shocked = np.array([dz.committee_halt_probability_with_shock(
                int(k), p, pi, int(round(frac * k))) for k in sizes])
            top.semilogy(sizes, np.maximum(shocked, floor), linestyle="--",
                         color=COLORS["orange"],
                         label=f"with a shock ({pi:g}) hitting {frac:.0%} of members")
        here = dz.committee_halt_probability_with_shock(n, p, pi, m)
        top.plot([n], [max(here, floor)], marker="*", markersize=14, color=COLORS["black"],
                 linestyle="none", label=f"n = {n}: {here:.2g}")
        top.set_ylim(floor / 2, 1.5)
        t = dz.bft_thresholds(n)
        k = np.arange(n + 1)
        pmf = dz._binomial_pmf(n, 1.0 - p)
        colors = [COLORS["orange"] if kk < t.quorum else COLORS["green"] for kk in k]
        bottom.bar(k, pmf, color=colors, width=0.8)
        bottom.axvline(t.quorum - 0.5, color=COLORS["black"], linewidth=1)
        bottom.annotate(f"quorum {t.quorum} of {n}", (t.quorum - 0.5, 0.95),
                        xycoords=("data", "axes fraction"), xytext=(4, 0),
                        textcoords="offset points", fontsize=9, va="top")
    finish(top, xlabel="committee size n (members)", ylabel="P(committee halts)",
           title=f"Each member offline with probability {p:g}", legend=True)
    finish(bottom, xlabel="members online (without a shock)", ylabel="probability",
           title="Orange: too few to finalise")
    return fig


def plot_concentration(sets: Mapping[str, Sequence[float]]) -> Figure:
    """Cumulative stake share of the largest holders, for each named set.

    The first holder count whose curve crosses the 1/3 (2/3) line strictly is the
    Nakamoto coefficient for halting (controlling).
    """
    if not isinstance(sets, Mapping) or not sets:
        raise v.fail("sets", "a non-empty mapping of names to stakes", sets, TypeError)
    fig, ax = new_figure(width=7.0, height=4.2)
    with plt.rc_context(STYLE):
        for i, (name, stakes) in enumerate(sets.items()):
            w = np.sort(v.array(f"sets[{name!r}]", stakes, ndim=1, lo=0.0))[::-1]
            cum = np.concatenate(([0.0], np.cumsum(w) / w.sum()))
            c = dz.concentration(stakes)
            ax.step(np.arange(cum.size), 100 * cum, where="post",
                    color=CYCLE[i % len(CYCLE)],
                    label=f"{name}: halt {c.nakamoto_halt}, control {c.nakamoto_control}")
        for level, text in ((100 / 3, "1/3: can halt"), (200 / 3, "2/3: can finalise")):
            ax.axhline(level, color=COLORS["grey"], linestyle=":", linewidth=1)
            ax.annotate(text, (ax.get_xlim()[1], level), xytext=(-4, 3),
                        textcoords="offset points", ha="right", fontsize=9)
        ax.set_ylim(0, 105)
    finish(ax, xlabel="number of largest holders", ylabel="their share of stake (%)",
           legend=True)
    return fig


def plot_censorship(censor_shares: Sequence[float], waits: Mapping[str, Sequence[float]],
                    *, backstop_seconds: float) -> Figure:
    """Mean time to inclusion of a censored transaction against the censoring share.

    ``waits`` maps a label (a selection rule) to mean waits in seconds, one per share.
    """
    x = v.array("censor_shares", censor_shares, ndim=1, lo=0.0, hi=1.0)
    f = v.positive("backstop_seconds", backstop_seconds)
    if not isinstance(waits, Mapping) or not waits:
        raise v.fail("waits", "a non-empty mapping of labels to waits", waits, TypeError)
    fig, ax = new_figure(width=7.0, height=4.2)
    styles = ("-", "--", ":", "-.")
    with plt.rc_context(STYLE):
        for i, (label, y) in enumerate(waits.items()):
            yy = v.array(f"waits[{label!r}]", y, shape=(x.size,), lo=0.0)
            ax.semilogy(100 * x, yy, color=CYCLE[i % len(CYCLE)],
                        linestyle=styles[i % len(styles)], label=label)
        ax.axhline(f, color=COLORS["black"], linewidth=0.8)
        ax.annotate("forced-inclusion backstop", (0, f), xytext=(2, -12),
                    textcoords="offset points", fontsize=9)
    finish(ax, xlabel="share of leaders that censor (%)",
           ylabel="mean time to inclusion (s)", legend=True)
    return fig


def plot_turns(counts: np.ndarray, pmf: np.ndarray, *, label: str) -> Figure:
    """Histogram of simulated turns of one operator against the closed-form pmf."""
    c = v.array("counts", counts, ndim=1, lo=0, integer=True, max_size=dz.MAX_DRAWS)
    p = v.array("pmf", pmf, ndim=1, lo=0.0, hi=1.0, max_size=dz.MAX_COMMITTEE + 1)
    label = v.text("label", label)
    emp = np.bincount(c, minlength=p.size)[: p.size] / c.size
    seen = np.flatnonzero((p > 1e-4) | (emp > 0))
    lo, hi = (int(seen.min()), int(seen.max())) if seen.size else (0, p.size - 1)
    if hi - lo > 400:                    # keep the figure legible and quick to draw
        mid = int(np.argmax(p))
        lo, hi = max(0, mid - 200), min(p.size - 1, mid + 200)
    k = np.arange(lo, hi + 1)
    fig, ax = new_figure(width=7.0, height=3.8)
    with plt.rc_context(STYLE):
        ax.bar(k, emp[lo:hi + 1], color=COLORS["sky"], width=0.9, label="simulated")
        ax.plot(k, p[lo:hi + 1], marker="o", markersize=3, color=COLORS["blue"],
                linestyle="none", label="binomial (closed form)")
        ax.set_xlim(lo - 1.5, hi + 1.5)
    finish(ax, xlabel=f"turns of {label}", ylabel="probability", legend=True)
    return fig


def plot_designs(rows: Sequence[dz.DesignMetrics]) -> Figure:
    """Downtime (hours a year) and finality time of each design, stacked panels."""
    if not rows or not all(isinstance(r, dz.DesignMetrics) for r in rows):
        raise v.fail("rows", "a non-empty sequence of DesignMetrics", rows, TypeError)
    names = [r.design for r in rows]
    down = [max((1 - r.availability) * 365 * 24, 1e-6) for r in rows]
    fin = [r.finality_seconds for r in rows]
    fig, (top, bottom) = new_figure(2, 1, width=7.0, height=5.4)
    with plt.rc_context(STYLE):
        y = np.arange(len(rows))
        top.barh(y, down, color=[CYCLE[i % len(CYCLE)] for i in range(len(rows))])
        top.set_xscale("log")
        top.set_yticks(y, names)
        bottom.barh(y, fin, color=[CYCLE[i % len(CYCLE)] for i in range(len(rows))])
        bottom.set_yticks(y, names)
    finish(top, xlabel="expected downtime (hours a year, log scale)", ylabel="design")
    finish(bottom, xlabel="time to sequencing-layer finality (s)", ylabel="design")
    return fig
