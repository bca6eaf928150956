"""Figures for the chapter on sequencer economics: profit and loss, ordering policies.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn import economics
>>> fig = plot_pnl(economics.daily_pnl())
>>> fig.axes[0].get_xlabel()
'ETH per day'
>>> plt.close(fig)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from seqlearn import economics
from seqlearn import validation as v
from seqlearn.plotting import COLORS, STYLE, finish, new_figure

__all__ = ["plot_pnl", "plot_pnl_curve", "plot_timeboost", "plot_policies"]

_ETH = 1e18


def plot_pnl(pnl: economics.DailyPnL, *, title: str = "A sequencer's day") -> Figure:
    """Revenue by fee vault, costs, profit and the revenue share under both rules.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> plt.close(plot_pnl(economics.daily_pnl()))
    """
    p = v.instance("pnl", pnl, economics.DailyPnL)
    t = v.text("title", title)
    rows = [
        ("L2 base fees", p.base_fees, COLORS["blue"]),
        ("priority fees", p.priority_fees, COLORS["blue"]),
        ("L1 data fees charged", p.l1_data_fees, COLORS["blue"]),
        ("operator fees", p.operator_fees, COLORS["blue"]),
        ("blobs (L1)", -p.blob_cost, COLORS["orange"]),
        ("batch transactions (L1)", -p.batch_tx_cost, COLORS["orange"]),
        ("outputs / disputes (L1)", -p.settlement_cost, COLORS["orange"]),
        ("infrastructure", -p.infra_cost, COLORS["orange"]),
        ("profit", p.profit, COLORS["green"] if p.profit >= 0 else COLORS["purple"]),
        ("share, on-chain rule", -p.share_onchain, COLORS["grey"]),
        ("share, docs rule", -p.share_docs, COLORS["sky"]),
    ]
    fig, ax = new_figure(width=7.0, height=4.8)
    with plt.rc_context(STYLE):
        y = np.arange(len(rows))[::-1]
        vals = np.array([r[1] for r in rows]) / _ETH
        ax.barh(y, vals, color=[r[2] for r in rows], height=0.65)
        ax.set_yticks(y, [r[0] for r in rows], fontsize=9)
        ax.axvline(0, color=COLORS["black"], lw=0.8)
        span = max(abs(vals).max(), 1e-12)
        for yy, val in zip(y, vals):
            ax.annotate(f"{val:+.4f}", (val, yy), xytext=(3 if val >= 0 else -3, 0),
                        textcoords="offset points", va="center", fontsize=8,
                        ha="left" if val >= 0 else "right")
        ax.set_xlim(-1.35 * span, 1.35 * span)
        ax.grid(axis="y", visible=False)
        ax.set_axisbelow(True)
    finish(ax, xlabel="ETH per day", ylabel="revenue (+) and costs (-)", title=t)
    return fig


def plot_pnl_curve(curve: dict[str, np.ndarray]) -> Figure:
    """Profit and the two revenue-share rules as the blob base fee varies.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> c = economics.pnl_curve(economics.ChainDay(), [10**3, 10**6, 10**9])
    >>> plt.close(plot_pnl_curve(c))
    """
    if not isinstance(curve, dict) or "blob_base_fee" not in curve:
        raise TypeError(f"curve must be the dict of economics.pnl_curve, got "
                        f"{v.describe(curve)}")
    x = v.array("curve['blob_base_fee']", curve["blob_base_fee"], ndim=1, lo=0.0)
    fig, ax = new_figure(width=7.0, height=4.2)
    with plt.rc_context(STYLE):
        xs = np.maximum(x, 1.0) / 1e9
        ax.plot(xs, curve["profit"] / _ETH, color=COLORS["green"], label="profit")
        ax.plot(xs, curve["share_onchain"] / _ETH, color=COLORS["grey"],
                label="share, on-chain rule")
        ax.plot(xs, curve["share_docs"] / _ETH, color=COLORS["sky"], ls="--",
                label="share, docs rule")
        ax.axhline(0, color=COLORS["black"], lw=0.8)
        ax.set_xscale("log")
        ax.set_yscale("symlog", linthresh=0.01)
    finish(ax, xlabel="blob base fee (gwei per blob gas)", ylabel="ETH per day",
           title="Profit and revenue share against the blob fee", legend=True)
    return fig


def plot_timeboost(tb: economics.TimeboostResult, *, bins: int = 40) -> Figure:
    """Distribution of the auction price per round and the winners' share of rounds.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> plt.close(plot_timeboost(economics.simulate_timeboost(500, seed=1)))
    """
    t = v.instance("tb", tb, economics.TimeboostResult)
    b = v.count("bins", bins, lo=2, hi=1000)
    fig, (ax, ax2) = new_figure(2, 1, width=7.0, height=6.4)
    with plt.rc_context(STYLE):
        sold = t.winner >= 0
        ax.hist(t.price[sold], bins=b, color=COLORS["blue"], alpha=0.8,
                label="price paid")
        ax.hist(t.realized_value[sold], bins=b, color=COLORS["orange"], alpha=0.5,
                label="value to the winner")
        counts = np.bincount(t.winner[sold]) if sold.any() else np.zeros(1)
        ax2.bar(np.arange(counts.size), counts / max(counts.sum(), 1),
                color=COLORS["blue"], width=0.6)
        ax2.set_xticks(np.arange(counts.size), [f"searcher {i}" for i in
                                                range(counts.size)])
    finish(ax, xlabel="ETH per one-minute round", ylabel="rounds",
           title="Express-lane price and value per round", legend=True)
    finish(ax2, xlabel="searcher (most skilled first)", ylabel="share of rounds won",
           title="Who wins the lane")
    return fig


def plot_policies(cmp: economics.PolicyComparison) -> Figure:
    """Where a day of MEV goes under FCFS, a priority gas auction and Timeboost.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> c = economics.compare_ordering_policies(economics.simulate_timeboost(500))
    >>> plt.close(plot_policies(c))
    """
    c = v.instance("cmp", cmp, economics.PolicyComparison)
    names = {"fcfs": "FCFS latency race", "pga": "priority gas auction",
             "timeboost": "Timeboost"}
    fig, ax = new_figure(width=7.0, height=4.2)
    with plt.rc_context(STYLE):
        x = np.arange(len(c.policy))
        bottom = np.zeros(len(c.policy))
        for vals, label, col in ((c.sequencer_revenue, "sequencer / DAO", COLORS["blue"]),
                                 (c.searcher_profit, "searchers' profit", COLORS["green"]),
                                 (c.wasted, "spent on latency and spam", COLORS["orange"])):
            ax.bar(x, vals, bottom=bottom, color=col, width=0.6, label=label)
            bottom = bottom + vals
        for xi, d in zip(x, c.added_delay_ms):
            if d:
                ax.annotate(f"+{d:.0f} ms for\nother users", (xi, bottom[xi]),
                            xytext=(0, 3), textcoords="offset points", ha="center",
                            fontsize=8)
        ax.set_xticks(x, [names.get(p, p) for p in c.policy])
        ax.set_ylim(0, bottom.max() * 1.25 if bottom.max() > 0 else 1)
        ax.grid(axis="x", visible=False)
        ax.set_axisbelow(True)
    finish(ax, xlabel="ordering policy", ylabel="ETH per day",
           title="Who gets the value of ordering", legend=True)
    return fig
