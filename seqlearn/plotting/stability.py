"""Figures for the chapter on sequencer stability.

Each function takes outputs of :mod:`seqlearn.stability` and returns a matplotlib Figure in
the house style (panels stacked vertically).

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn import stability
>>> fig = plot_outage_record(stability.outage_records())
>>> fig.axes[0].get_xlabel()
'date of the outage'
>>> plt.close(fig)
"""

from __future__ import annotations

from datetime import date
from typing import Any, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from seqlearn import stability
from seqlearn import validation as v
from seqlearn.plotting import COLORS, CYCLE, finish, new_figure

__all__ = [
    "plot_outage_record",
    "plot_outage_intervals",
    "plot_long_outage",
    "plot_failover",
    "plot_heads",
    "plot_sentinel",
]

_MARKERS = ("o", "s", "D", "^", "v", "P", "*", "h", "<", ">", "p")


def _rows(records: Any) -> list[stability.Outage]:
    if isinstance(records, (str, bytes)) or not isinstance(records, (list, tuple)):
        raise v.fail("records", "a list of Outage", records, TypeError)
    return [v.instance("records", r, stability.Outage) for r in records]


def plot_outage_record(records: Sequence[stability.Outage]) -> Figure:
    """The documented outages: duration (log scale) against date, one row per chain.

    A vertical bar spans ``minutes_low`` to ``minutes_high`` where sources disagree;
    outages without a documented duration are marked at the bottom of the axis.
    """
    rows = _rows(records)
    if not rows:
        raise v.fail("records", "a non-empty list of Outage", records)
    fig, ax = new_figure(height=5.2)
    chains = sorted({r.chain for r in rows})
    palette = CYCLE + [COLORS["black"], COLORS["grey"]]
    color = {c: palette[i % len(palette)] for i, c in enumerate(chains)}
    marker = {c: _MARKERS[i % len(_MARKERS)] for i, c in enumerate(chains)}
    known = [r.minutes_low for r in rows if r.known]
    floor = (min(known) if known else 10.0) / 2
    for c in chains:
        mine = [r for r in rows if r.chain == c]
        ax.plot([], [], marker[c], color=color[c], ms=7, label=c)
        for r in mine:
            d = date.fromisoformat(r.date)
            if r.known:
                if r.minutes_high > r.minutes_low:
                    ax.vlines(d, r.minutes_low, r.minutes_high, color=color[c], lw=3)
                mid = (r.minutes_low * r.minutes_high) ** 0.5
                ax.plot([d], [mid], marker[c], color=color[c], ms=7,
                        mfc="white" if r.kind != "halt" else color[c])
            else:
                ax.plot([d], [floor], "x", color=color[c], ms=8, mew=2)
    ax.set_yscale("log")
    ax.axhline(floor * 1.4, color=COLORS["grey"], lw=0.8, ls=":")
    ax.set_title("x at the bottom: duration not documented; open marker: not a full halt",
                 fontsize=9, loc="left", color=COLORS["grey"])
    finish(ax, xlabel="date of the outage", ylabel="duration (minutes, log scale)")
    fig.legend(loc="outside lower center", ncol=4, fontsize=8)
    return fig


def plot_outage_intervals(table: Sequence[stability.OutageStats]) -> Figure:
    """Rate per year and mean duration per chain (and pooled), with their intervals."""
    if isinstance(table, (str, bytes)) or not isinstance(table, (list, tuple)) or not table:
        raise v.fail("table", "a non-empty list of OutageStats", table, TypeError)
    rows = [v.instance("table", r, stability.OutageStats) for r in table]
    fig, axes = new_figure(2, 1, height=5.6)
    y = np.arange(len(rows))[::-1]
    names = [f"{r.chain} (n={r.n_outages})" for r in rows]
    for ax, get, label in (
            (axes[0], lambda r: r.rate, "outages per year"),
            (axes[1], lambda r: r.mttr_minutes, "mean duration, MTTR (minutes, log scale)")):
        for yi, r in zip(y, rows):
            iv = get(r)
            c = COLORS["orange"] if r.chain == "pooled" else COLORS["blue"]
            ax.plot([iv.low, iv.high], [yi, yi], color=c, lw=3, solid_capstyle="butt")
            ax.plot([iv.estimate], [yi], "o", color="white", mec=c, mew=2, ms=8)
        ax.set_yticks(y, names)
        ax.set_xscale("log")
        lo = min(get(r).low for r in rows if get(r).low > 0)
        hi = max(get(r).high for r in rows)
        wide = np.log10(hi / lo) > 3.5
        ax.xaxis.set_major_locator(LogLocator(subs=(1.0,) if wide else (1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:g}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_ylim(-0.6, len(rows) - 0.4)
        finish(ax, xlabel=label, ylabel="chain")
    lv = rows[0].rate.level
    axes[0].set_title(f"estimates (circles) and {lv:.1%} intervals (bars)", fontsize=10)
    return fig


def plot_long_outage(stats: stability.OutageStats, minutes: Any) -> Figure:
    """P(at least one outage longer than t within a year), with its interval band."""
    s = v.instance("stats", stats, stability.OutageStats)
    t = v.array("minutes", minutes, ndim=1, lo=0.0, lo_open=True, max_size=2000)
    ps = [s.prob_long_outage(float(x)) for x in t]
    est = np.array([p.estimate for p in ps])
    lo = np.array([p.low for p in ps])
    hi = np.array([p.high for p in ps])
    fig, ax = new_figure()
    ax.fill_between(t, lo, hi, color=COLORS["sky"], alpha=0.35,
                    label=f"{ps[0].level:.0%} interval")
    ax.plot(t, est, color=COLORS["blue"], label="estimate")
    ax.set_xscale("log")
    ax.set_ylim(0, 1)
    finish(ax, xlabel="outage length t (minutes, log scale)",
           ylabel="P(an outage > t within a year)", title=s.chain, legend=True)
    return fig


def plot_failover(by_n: Sequence[stability.Downtime], replicas: Sequence[int], *,
                  chosen: int | None = None,
                  simulation: stability.ClusterSimulation | None = None) -> Figure:
    """Expected downtime per year by cause against the number of replicas.

    With ``simulation`` (a :class:`~seqlearn.stability.ClusterSimulation` of the ``chosen``
    cluster) a second panel shows the distribution of yearly downtime.
    """
    if not isinstance(by_n, (list, tuple)) or not by_n:
        raise v.fail("by_n", "a non-empty list of Downtime", by_n, TypeError)
    ds = [v.instance("by_n", d, stability.Downtime) for d in by_n]
    ns = [v.count("replicas", n, hi=99) for n in replicas]
    if len(ns) != len(ds):
        raise v.fail("replicas", f"{len(ds)} replica counts (one per Downtime)", replicas)
    if simulation is not None:
        v.instance("simulation", simulation, stability.ClusterSimulation)
    if chosen is not None:
        chosen = v.count("chosen", chosen, hi=99)
    fig, axes = new_figure(2 if simulation is not None else 1, 1,
                           height=6.4 if simulation is not None else 4.0)
    ax = axes[0] if simulation is not None else axes
    x = np.arange(len(ns))
    bottom = np.zeros(len(ns))
    parts = (("quorum", "replicas down (repair / quorum loss)", COLORS["sky"]),
             ("failover", "failover (detect, elect, standby not ready)", COLORS["yellow"]),
             ("common", "common-mode (shared cause)", COLORS["orange"]))
    for attr, lab, c in parts:
        h = np.array([getattr(d, attr) for d in ds])
        ax.bar(x, h, bottom=bottom, color=c, label=lab, width=0.7)
        bottom += h
    if chosen is not None and chosen in ns:
        i = ns.index(chosen)
        ax.bar([i], [bottom[i]], fill=False, edgecolor=COLORS["black"], lw=2, width=0.7)
    for xi, b in zip(x, bottom):
        ax.text(xi, b, f"{b:.0f}" if b >= 10 else f"{b:.1f}", ha="center", va="bottom",
                fontsize=8)
    ax.set_xticks(x, [str(n) for n in ns])
    ax.set_ylim(0, bottom.max() * 1.6 + 1e-9)
    finish(ax, xlabel="replicas in the cluster", ylabel="expected downtime (min/year)",
           legend=True)
    ax.legend(fontsize=8, loc="upper right")
    if simulation is not None:
        ax2 = axes[1]
        tot = simulation.total
        counts, edges = np.histogram(tot, bins=40, range=(0.0, max(float(tot.max()), 1.0)))
        ax2.stairs(counts, edges, fill=True, color=COLORS["blue"], alpha=0.8)
        ax2.axvline(tot.mean(), color=COLORS["orange"], ls="--",
                    label=f"mean {tot.mean():.0f} min")
        ax2.set_yscale("log")
        finish(ax2, xlabel=f"downtime in one year, {chosen} replicas (minutes)",
               ylabel="simulated years (log)", legend=True)
    return fig


def plot_heads(h: stability.Heads, *, fault_time: float | None = None) -> Figure:
    """Unsafe, safe and finalized heads over time; a fault drops the unsafe blocks."""
    hh = v.instance("h", h, stability.Heads)
    fig, ax = new_figure()
    t = hh.t / 60
    ax.step(t, hh.unsafe, where="post", color=COLORS["orange"], label="unsafe (latest)")
    ax.step(t, hh.safe, where="post", color=COLORS["blue"], label="safe")
    ax.step(t, hh.finalized, where="post", color=COLORS["green"], label="finalized")
    if fault_time is not None:
        ft = v.nonnegative("fault_time", fault_time)
        i = min(int(np.searchsorted(hh.t, ft)), hh.t.size - 1)
        ax.vlines(ft / 60, hh.safe[i], hh.unsafe[i], color=COLORS["purple"], lw=4,
                  label=f"reorged by a fault: {hh.unsafe[i] - hh.safe[i]} blocks")
    finish(ax, xlabel="time (minutes)", ylabel="L2 block number", legend=True)
    return fig


def plot_sentinel(timeline: stability.FeedTimeline, *, grace_period: float = 3600.0
                  ) -> Figure:
    """When Aave's sentinel allowed borrowing: reading ``startedAt`` vs ``updatedAt``."""
    tl = v.instance("timeline", timeline, stability.FeedTimeline)
    fixed = stability.sentinel_timeline(tl, grace_period=grace_period, reads="startedAt")
    bug = stability.sentinel_timeline(tl, grace_period=grace_period, reads="updatedAt")
    fig, axes = new_figure(2, 1, height=5.0)
    hrs = tl.t / 3600
    axes[0].fill_between(hrs, 0, 1 - tl.sequencer_up.astype(float), step="post",
                         color=COLORS["grey"], alpha=0.5, label="sequencer down")
    axes[0].step(hrs, tl.answer, where="post", color=COLORS["orange"],
                 label="feed answer on L2 (1 = down)")
    finish(axes[0], xlabel="time (hours)", ylabel="status", legend=True)
    axes[0].set_yticks([0, 1])
    for k, (ok, lab, c) in enumerate(((fixed, "reads startedAt (correct)", COLORS["blue"]),
                                      (bug, "reads updatedAt (the 2023 bug)",
                                       COLORS["purple"]))):
        axes[1].fill_between(hrs, k + 0.1, k + 0.1 + 0.8 * ok, step="post", color=c,
                             alpha=0.8, label=lab)
    axes[1].set_yticks([0.5, 1.5], ["startedAt", "updatedAt"])
    finish(axes[1], xlabel="time (hours)", ylabel="borrowing allowed")
    axes[1].legend(fontsize=8, loc="lower right")
    return fig
