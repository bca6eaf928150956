"""Figures for the chapter on sequencer economics: L1 fee markets and L1 pricing.

Each function takes outputs of :mod:`seqlearn.fees` and returns a matplotlib Figure in
the house style; wide figures stack their panels vertically.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn import fees
>>> fig = plot_fork_schedule()
>>> fig.axes[0].get_ylabel()
'blob base fee (wei per blob gas)'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from seqlearn import fees
from seqlearn import validation as v
from seqlearn.plotting import COLORS, CYCLE, STYLE, finish, new_figure

__all__ = [
    "plot_fork_schedule",
    "plot_blob_market",
    "plot_breakeven",
    "plot_batch_policy",
    "plot_pricer",
]

_FORK_COLORS = dict(zip(fees.FORKS, (COLORS["grey"], COLORS["blue"], COLORS["sky"],
                                     COLORS["orange"], COLORS["green"])))
_SECONDS_PER_BLOCK = 12.0


def plot_fork_schedule(n_full: int = 24, n_empty: int = 24) -> Figure:
    """The blob fee rule of every fork: the fee curve and its steps per block.

    Top: blob base fee against the excess blob gas for each fork's update fraction.
    Bottom: the fee, starting from 1 gwei, over ``n_full`` full blocks and then
    ``n_empty`` empty ones (Osaka and the BPO forks with a zero execution base fee, so that
    the reserve price does not act); the slopes are each fork's largest steps.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> plt.close(plot_fork_schedule(4, 4))
    """
    nf = v.count("n_full", n_full, hi=1000)
    ne = v.count("n_empty", n_empty, hi=1000)
    fig, (ax, ax2) = new_figure(2, 1, width=7.0, height=7.4)
    with plt.rc_context(STYLE):
        x = np.linspace(0, 120e6, 241)
        for fork in fees.FORKS:
            s = fees.blob_schedule(fork)
            ls = "--" if fork == "osaka" else "-"
            y = [fees.blob_base_fee(int(e), fork) for e in x]
            ax.plot(x / 1e6, y, color=_FORK_COLORS[fork], ls=ls,
                    label=f"{fork}: target {s.target}, max {s.max}, "
                          f"fraction {s.update_fraction:,}")
        ax.set_yscale("log")
        for fork in fees.FORKS:
            s = fees.blob_schedule(fork)
            e0 = int(s.update_fraction * np.log(1e9))  # 1 gwei
            blobs = [s.max] * nf + [0] * ne
            path = fees.excess_path(blobs, fork=fork, base_fee_per_gas=0, excess0=e0)
            up, down = s.max_step()
            ls = "--" if fork == "osaka" else "-"
            ax2.plot(np.arange(len(blobs)), path.fee / 1e9, color=_FORK_COLORS[fork],
                     ls=ls, marker="o", ms=2.5,
                     label=f"{fork}: +{100 * up:.1f}% / -{100 * down:.1f}% per block")
        ax2.axvline(nf, color=COLORS["black"], lw=0.8, ls=":")
        ax2.set_yscale("log")
    finish(ax, xlabel="excess blob gas (millions)", ylabel="blob base fee (wei per blob gas)",
           title="Blob base fee against excess, by fork")
    ax.legend(fontsize=8, loc="upper left")
    finish(ax2, xlabel=f"block ({nf} full blocks, then {ne} empty)",
           ylabel="blob base fee (gwei per blob gas)",
           title="Largest steps per block, from 1 gwei")
    ax2.legend(fontsize=8, loc="lower center")
    return fig


def plot_blob_market(paths: Mapping[str, fees.BlobFeePath], *,
                     base_fee_per_gas: float | None = None, window: int = 300) -> Figure:
    """Simulated blob base fee and blob use over time, one line per path.

    Parameters
    ----------
    paths : mapping of label to BlobFeePath
        Outputs of :func:`seqlearn.fees.simulate_blob_market` (1 to 6 of them).
    base_fee_per_gas : float, optional
        Draw EIP-7918's reserve price for this execution base fee.
    window : int
        Blocks in the moving average of blobs per block.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> p = fees.simulate_blob_market(500, fork="osaka", seed=1)
    >>> plt.close(plot_blob_market({"osaka": p}, base_fee_per_gas=1e9, window=10))
    """
    if not isinstance(paths, Mapping) or not 1 <= len(paths) <= 6:
        raise TypeError(f"paths must be a mapping of 1 to 6 labels to BlobFeePath, got "
                        f"{v.describe(paths)}")
    for p in paths.values():
        v.instance("paths value", p, fees.BlobFeePath)
    w = v.count("window", window, hi=100_000)
    fig, (ax, ax2) = new_figure(2, 1, width=7.0, height=6.6)
    with plt.rc_context(STYLE):
        for (label, p), c in zip(paths.items(), CYCLE):
            hours = np.arange(p.fee.size) * _SECONDS_PER_BLOCK / 3600
            fee = np.asarray(p.fee, dtype=float)
            ax.plot(hours, fee, color=c, lw=1.2, label=label)
            k = min(w, p.blobs.size)
            avg = np.convolve(p.blobs, np.ones(k) / k, mode="valid")
            ax2.plot(hours[k - 1:], avg, color=c, lw=1.2, label=label)
            target = fees.blob_schedule(p.fork).target
            ax2.axhline(target, color=c, lw=0.8, ls=":")
        if base_fee_per_gas is not None:
            r = fees.reserve_blob_base_fee(int(v.nonnegative("base_fee_per_gas",
                                                            base_fee_per_gas, hi=1e30)))
            ax.axhline(r, color=COLORS["black"], lw=1.0, ls="--",
                       label="EIP-7918 reserve price")
        ax.set_yscale("log")
    finish(ax, xlabel="time (hours)", ylabel="blob base fee (wei per blob gas)",
           title="Blob base fee")
    ax.legend(fontsize=9)
    finish(ax2, xlabel="time (hours)",
           ylabel=f"blobs per block ({w}-block average)",
           title="Blob use (dotted: target)")
    return fig


def plot_breakeven(base_fees_gwei: object | None = None) -> Figure:
    """Blob base fee above which calldata is the cheaper way to post a full blob of data.

    One line per rule: calldata at 16 gas per byte (before Prague) and at EIP-7623's
    floor of 40 gas per byte, for the OP encoding's usable bytes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> plt.close(plot_breakeven([0.1, 1.0, 10.0]))
    """
    grid = (np.geomspace(0.05, 100, 60) if base_fees_gwei is None else
            v.array("base_fees_gwei", base_fees_gwei, ndim=1, lo=0.0, lo_open=True, hi=1e6,
                    max_size=10_000))
    fig, ax = new_figure(width=7.0, height=4.2)
    with plt.rc_context(STYLE):
        lines = {}
        for floor, c, label in ((False, COLORS["grey"], "16 gas/byte (before Prague)"),
                                (True, COLORS["blue"], "40 gas/byte (EIP-7623 floor)")):
            lines[floor] = np.array([fees.breakeven_blob_base_fee(g * 1e9, floor=floor)
                                     / 1e9 for g in grid])
            ax.plot(grid, lines[floor], color=c, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        top = lines[True].max() * 30
        ax.fill_between(grid, lines[True], top, color=COLORS["blue"], alpha=0.08)
        ax.set_ylim(lines[False].min() / 5, top)
        mid = grid[len(grid) // 4]
        ax.text(mid, fees.breakeven_blob_base_fee(mid * 1e9) / 1e9 * 6,
                "calldata cheaper", fontsize=9)
        mid = grid[3 * len(grid) // 5]
        ax.text(mid, fees.breakeven_blob_base_fee(mid * 1e9, floor=False) / 1e9 / 6,
                "blobs cheaper", fontsize=9)
        ax.legend(loc="upper left")
    finish(ax, xlabel="L1 execution base fee (gwei per gas)",
           ylabel="break-even blob base fee (gwei)",
           title="When calldata beats a full blob")
    return fig


def plot_batch_policy(results: Mapping[str, fees.BatchPolicyResult]) -> Figure:
    """Cost per transaction against mean delay for a post-when-full-or-late policy.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> r = fees.batch_policy(5, 120, [10, 100], blob_base_fee_wei=1e8,
    ...                       base_fee_per_gas=1e9)
    >>> plt.close(plot_batch_policy({"5 tx/s": r}))
    """
    if not isinstance(results, Mapping) or not 1 <= len(results) <= 6:
        raise TypeError("results must be a mapping of 1 to 6 labels to BatchPolicyResult, "
                        f"got {v.describe(results)}")
    fig, ax = new_figure(width=7.0, height=4.2)
    with plt.rc_context(STYLE):
        for (label, r), c in zip(results.items(), CYCLE):
            v.instance("results value", r, fees.BatchPolicyResult)
            ax.plot(r.mean_delay_s, r.cost_per_tx_wei / 1e9, color=c, marker="o", ms=3,
                    label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
    finish(ax, xlabel="mean wait before posting (s)",
           ylabel="L1 cost per transaction (gwei)",
           title="Post when full or after a deadline", legend=True)
    return fig


def plot_pricer(path: fees.PricerPath, units: object) -> Figure:
    """Arbitrum's L1 price per unit against the cost per unit, and the pool's surplus.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> p = fees.simulate_arbitrum_pricer([10**6] * 5, [10**15] * 5)
    >>> plt.close(plot_pricer(p, [10**6] * 5))
    """
    p = v.instance("path", path, fees.PricerPath)
    u = v.array("units", units, ndim=1, shape=(p.price.size,), lo=0, integer=True)
    cost = np.asarray(p.cost, dtype=float)
    per_unit = np.where(u > 0, cost / np.maximum(u, 1), np.nan)
    fig, (ax, ax2) = new_figure(2, 1, width=7.0, height=6.4)
    with plt.rc_context(STYLE):
        x = np.arange(p.price.size)
        ax.plot(x, per_unit / 1e9, color=COLORS["grey"], lw=1.0,
                label="cost per unit in the report")
        ax.plot(x, np.asarray(p.price, dtype=float) / 1e9, color=COLORS["blue"],
                label="price per unit charged")
        ax2.plot(x, np.asarray(p.surplus, dtype=float) / 1e18, color=COLORS["orange"])
        ax2.axhline(0, color=COLORS["black"], lw=0.8)
    finish(ax, xlabel="batch-posting report", ylabel="gwei per data unit",
           title="Arbitrum's L1 pricer follows the cost", legend=True)
    finish(ax2, xlabel="batch-posting report", ylabel="surplus (ETH)",
           title="Pool surplus (negative: under-charged so far)")
    return fig
