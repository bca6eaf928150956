"""Figures for the chapter on optimistic proofs.

Each function takes outputs of :mod:`seqlearn.fraudproof` and returns a matplotlib Figure
in the house style.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn.fraudproof import simulate_dispute
>>> fig = plot_bisection(simulate_dispute(1024, 300))
>>> fig.axes[0].get_ylabel()
'trace step (index)'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from seqlearn import validation as v
from seqlearn.fraudproof import DisputeResult
from seqlearn.plotting import COLORS, STYLE, finish, new_figure

__all__ = ["plot_bisection", "plot_clocks", "plot_op_bond_curve", "plot_arity_tradeoff"]

_PARTY_COLORS = {"asserter": COLORS["blue"], "challenger": COLORS["orange"]}


def plot_bisection(result: DisputeResult) -> Figure:
    """The narrowing interval ``[lo, hi]`` of a bisection game, round by round.

    Left panel: the interval as a bar per round, on the trace's own scale, with the step
    the referee finally checks marked. Right panel: the interval's width on a log scale
    against the ideal ``n / k^r``, which reaches one step after ``ceil(log_k n)`` rounds.

    Parameters
    ----------
    result : DisputeResult
        From :func:`seqlearn.fraudproof.play_bisection` or
        :func:`~seqlearn.fraudproof.simulate_dispute`.

    Returns
    -------
    matplotlib.figure.Figure
    """
    r = v.instance("result", result, DisputeResult)
    n, k = r.n_steps, r.arity
    lo = np.array([0] + [rd.new_lo for rd in r.rounds], dtype=float)
    hi = np.array([n] + [rd.new_hi for rd in r.rounds], dtype=float)
    x = np.arange(len(lo))
    fig, (left, right) = new_figure(1, 2, width=9.0, height=4.0)
    with plt.rc_context(STYLE):
        left.bar(x, hi - lo, bottom=lo, width=0.55, color=COLORS["sky"],
                 edgecolor=COLORS["blue"], linewidth=0.8, label="interval [lo, hi]")
        left.scatter(x, (lo + hi) / 2, s=8, color=COLORS["blue"], zorder=3)
        if r.reason == "one-step proof":
            step = r.interval[1]
            left.axhline(step, color=COLORS["orange"], linestyle="--", linewidth=1.2,
                         label=f"step checked by the referee ({step - 1:,} \u2192 {step:,})")
        left.set_ylim(0, n * 1.02)
        left.xaxis.set_major_locator(MaxNLocator(integer=True))
        left.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        width = hi - lo
        rounds = np.arange(0, max(len(x), 1))
        ideal = np.maximum(n / float(k) ** rounds, 1.0)
        # The ideal is drawn as a wide pale band underneath: when the game halves
        # exactly, the two coincide and a thin line would hide the other.
        right.semilogy(rounds, ideal, color=COLORS["sky"], linewidth=7,
                       solid_capstyle="round", alpha=0.6, zorder=1,
                       label=f"ideal n / {k}^round")
        right.semilogy(x, width, marker="o", markersize=4, color=COLORS["blue"],
                       zorder=3, label="interval width")
        right.axhline(1, color=COLORS["black"], linewidth=0.8)
        right.set_ylim(0.5, n * 2)
        right.xaxis.set_major_locator(MaxNLocator(integer=True))
    finish(left, xlabel="round", ylabel="trace step (index)",
           title=f"{k}-ary game on {n:,} steps: {r.n_rounds} rounds")
    finish(right, xlabel="round", ylabel="interval width (steps, log scale)",
           title=f"Width divides by {k} each round", legend=True)
    with plt.rc_context(STYLE):
        left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1)
    return fig


def plot_clocks(result: DisputeResult, *, unit: str = "h") -> Figure:
    """Each party's remaining chess-clock time after each move of the game.

    Parameters
    ----------
    result : DisputeResult
        A game played with a :class:`~seqlearn.fraudproof.ChessClock`.
    unit : str
        ``"h"`` (hours) or ``"d"`` (days) on the vertical axis.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        If the game was played without clocks, or the unit is unknown.
    """
    r = v.instance("result", result, DisputeResult)
    if r.clock is None:
        raise ValueError("result was played without a clock (clock=None); nothing to draw")
    scale = {"h": 3600.0, "d": 86400.0}[v.option("unit", unit, ("h", "d"))]
    name = {"h": "hours", "d": "days"}[unit]
    fig, ax = new_figure()
    with plt.rc_context(STYLE):
        for party, color in _PARTY_COLORS.items():
            mv = [m for m in r.moves if m.party == party]
            xs = [0] + [m.number + 1 for m in mv]
            ys = [r.clock.budget / scale] + [m.remaining / scale for m in mv]
            ax.step(xs, ys, where="post", color=color, label=f"{party}'s clock",
                    linestyle="-" if party == "asserter" else "--")
            ax.scatter(xs[1:], ys[1:], s=14, color=color, zorder=3)
            out = [m for m in mv if r.reason == "timeout" and m is mv[-1] and r.loser == party]
            for m in out:
                ax.scatter([m.number + 1], [0], marker="X", s=90, color=color, zorder=4,
                           label=f"{party} runs out of time")
        if r.clock.extension > 0:
            ax.axhline(r.clock.extension / scale, color=COLORS["grey"], linestyle=":",
                       linewidth=1.2, label="clock extension floor")
        ax.set_ylim(bottom=0, top=r.clock.budget / scale * 1.08)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    finish(ax, xlabel="moves made so far (both parties, count)", ylabel=f"time left on the clock ({name})",
           legend=True)
    return fig


def plot_op_bond_curve(bonds_eth: Sequence[float], *, split_depth: int) -> Figure:
    """The OP Stack dispute game's required bond against the depth of the move.

    Parameters
    ----------
    bonds_eth : list of float
        Bond in ETH at depths 0, 1, ..., max depth (from
        :func:`seqlearn.fraudproof.op_bond_curve`).
    split_depth : int
        Depth at which claims switch from output roots to execution-trace commitments.

    Returns
    -------
    matplotlib.figure.Figure
    """
    b = v.array("bonds_eth", bonds_eth, ndim=1, lo=0.0, lo_open=True, max_size=10_000)
    if b.size < 2:
        raise v.fail("bonds_eth", "a sequence of at least two positive bonds", bonds_eth)
    max_depth = b.size - 1
    split_depth = v.integer("split_depth", split_depth, lo=0, hi=max_depth)
    depths = np.arange(b.size)
    fig, ax = new_figure()
    with plt.rc_context(STYLE):
        ax.semilogy(depths, b, color=COLORS["blue"], marker="o", markersize=3,
                    label="required bond")
        ax.axvspan(0, split_depth, color=COLORS["sky"], alpha=0.15,
                   label="output-root claims (L2 blocks)")
        ax.axvspan(split_depth, max_depth, color=COLORS["yellow"], alpha=0.12,
                   label="execution-trace claims (VM steps)")
        ax.axvline(split_depth, color=COLORS["black"], linestyle="--", linewidth=1.0)
        for d in (0, split_depth, max_depth):
            below = d == 0
            ax.annotate(f"depth {d}: {b[d]:.4g} ETH", (d, b[d]),
                        xytext=(8, -14) if below else (-8, 10), textcoords="offset points",
                        fontsize=9, ha="left" if below else "right",
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"})
        ax.text(split_depth, b.max() * 1.4, f" split depth {split_depth}", fontsize=9,
                va="bottom")
        ax.set_xlim(0, max_depth)
        ax.set_ylim(b.min() / 2, b.max() * 4)
    finish(ax, xlabel="depth of the move in the game tree", ylabel="bond (ETH, log scale)",
           legend=True)
    ax.legend(loc="lower right")
    return fig


def plot_arity_tradeoff(arities: Sequence[int], rounds: Sequence[int], *, n_steps: int
                        ) -> Figure:
    """Rounds and hashes posted against the arity ``k`` of the game, for one trace length.

    A k-ary game needs ``ceil(log_k n)`` rounds but posts ``k - 1`` hashes per round.

    Parameters
    ----------
    arities : list of int
        The values of ``k``.
    rounds : list of int
        Rounds for each ``k`` (from :func:`seqlearn.fraudproof.bisection_rounds`).
    n_steps : int
        The trace length, for the title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    k = v.array("arities", arities, ndim=1, lo=2.0, hi=2.0**64, whole=True, max_size=1_000)
    r = v.array("rounds", rounds, shape=(k.size,), lo=0.0, hi=1e6, whole=True)
    v.integer("n_steps", n_steps, lo=1)
    fig, (left, right) = new_figure(1, 2, width=9.0, height=3.6)
    with plt.rc_context(STYLE):
        left.plot(k, r, marker="o", color=COLORS["blue"])
        right.plot(k, (k - 1) * r, marker="s", color=COLORS["orange"])
        for ax in (left, right):
            ax.set_xscale("log", base=2)
            ax.set_xticks(k)
            ax.set_xticklabels([f"{int(v)}" for v in k])
            ax.xaxis.set_minor_locator(plt.NullLocator())
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_ylim(bottom=0)
    finish(left, xlabel="arity k (parts per round)", ylabel="rounds (count)",
           title=f"Rounds to narrow {n_steps:,} steps to one")
    finish(right, xlabel="arity k (parts per round)", ylabel="hashes posted in total (count)",
           title="Hashes the asserter posts: (k - 1) per round")
    return fig
