"""Figures of the rollup pipeline (chapter 1), drawn from :mod:`seqlearn.rollup` results.

Every function takes simulation results and returns a matplotlib Figure in the house style.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> from seqlearn import rollup
>>> res = rollup.simulate(rollup.poisson_workload(rate=2.0, duration=300.0, seed=1))
>>> fig = plot_latency_ecdf(res)
>>> fig.axes[0].get_xlabel()
'latency after arrival (s)'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter
from matplotlib.figure import Figure

from seqlearn import validation as v
from seqlearn.plotting import COLORS, CYCLE, STYLE, finish, new_figure
from seqlearn.rollup import PATH_FORCED, SimulationResult

__all__ = [
    "plot_ordering",
    "plot_latency_ecdf",
    "plot_outage_timeline",
    "plot_cost_latency",
    "plot_rollup_explorer",
]

_UNITS = {"s": 1.0, "min": 60.0, "h": 3600.0}


def _as_mapping(results: SimulationResult | Mapping[str, SimulationResult],
                name: str = "results") -> dict[str, SimulationResult]:
    if isinstance(results, SimulationResult):
        return {results.config.policy: results}
    if not isinstance(results, Mapping) or not 1 <= len(results) <= 16:
        raise v.fail(name, "a SimulationResult or a mapping of 1 to 16 labelled "
                     "SimulationResult", results, TypeError)
    return {str(k): v.instance(f"{name}[{k!r}]", r, SimulationResult)
            for k, r in results.items()}


def _unit(unit: str) -> float:
    return _UNITS[v.option("unit", unit, tuple(_UNITS))]


def _thin(idx: np.ndarray, most: int) -> np.ndarray:
    """At most ``most`` evenly spaced entries of ``idx`` (deterministic)."""
    if idx.size <= most:
        return idx
    return idx[np.linspace(0, idx.size - 1, most).astype(int)]


def _plain(v: float, _pos: int | None = None) -> str:
    """A tick label as a plain number: 0.001, 0.25, 30, 6,000 (no powers of ten)."""
    if v == 0:
        return "0"
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.10g}"


def _plain_log(axis, subs: tuple[float, ...] = (1.0,)) -> None:
    """Label a log axis with plain numbers at ``subs`` times each power of ten."""
    axis.set_major_locator(LogLocator(base=10.0, subs=subs))
    axis.set_major_formatter(FuncFormatter(_plain))
    axis.set_minor_formatter(NullFormatter())


def _ecdf(ax: Axes, x: np.ndarray, most: int = 2000, **kw) -> None:
    """Empirical CDF; above ``most`` points it is drawn through ``most`` evenly spaced ranks
    (the exact CDF at those ranks), which looks the same and draws much faster."""
    x = np.sort(x)
    y = np.arange(1, x.size + 1) / x.size
    keep = _thin(np.arange(x.size), most)
    ax.step(x[keep], y[keep], where="post", **kw)


def plot_ordering(results: Mapping[str, SimulationResult], *, n_bins: int = 10,
                  most_points: int = 1500, floor: float = 1e-3) -> Figure:
    """Soft-confirmation latency against priority fee, one colour per ordering policy.

    Dots are single transactions (at most ``most_points`` per policy, evenly thinned); the
    line is the median latency within each fee decile (``n_bins`` equal-count fee bins).
    Dots below ``floor`` seconds are drawn at ``floor`` (the bottom of the axis), so the
    axis does not spend decades on the few transactions that arrive just before a block.

    Parameters
    ----------
    results : dict
        Label (for the legend) to :class:`~seqlearn.rollup.SimulationResult`, usually the same workload under each policy.
    n_bins : int, optional
        Number of fee bins for the median line (2 to 100). Default 10.
    most_points : int, optional
        Most dots drawn per policy. Default 1500.
    floor : float, optional
        Lowest latency shown, in s (positive). Default 0.001.

    Returns
    -------
    matplotlib.figure.Figure
    """
    res = _as_mapping(results)
    n_bins = v.count("n_bins", n_bins, lo=2, hi=100)
    most_points = v.count("most_points", most_points, hi=100_000)
    floor = v.positive("floor", floor, hi=1e6)
    fig, ax = new_figure()
    for c, (label, r) in zip(CYCLE, res.items()):
        seq = np.flatnonzero(r.path != PATH_FORCED)
        fee = r.workload.fee[seq]
        lat = r.soft_time[seq] - r.arrival[seq]
        show = _thin(np.argsort(fee, kind="stable"), most_points)
        ax.scatter(fee[show], np.maximum(lat[show], floor), s=6, alpha=0.25, color=c,
                   linewidths=0)
        edges = np.quantile(fee, np.linspace(0, 1, n_bins + 1))
        which = np.clip(np.searchsorted(edges, fee, side="right") - 1, 0, n_bins - 1)
        mid = [np.median(fee[which == b]) for b in range(n_bins) if np.any(which == b)]
        med = [np.median(lat[which == b]) for b in range(n_bins) if np.any(which == b)]
        ax.plot(mid, med, color=c, marker="o", label=f"{label}: median per fee decile")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(bottom=floor * 0.8)
    _plain_log(ax.xaxis)
    _plain_log(ax.yaxis)
    finish(ax, xlabel="priority fee (gwei)", ylabel="soft-confirmation latency (s)",
           legend=True)
    return fig


def plot_latency_ecdf(results: SimulationResult | Mapping[str, SimulationResult], *,
                      floor: float = 1e-3) -> Figure:
    """Distributions (empirical CDFs) of soft-confirmation and L1-inclusion latency.

    Solid lines are soft confirmations, broken lines L1 inclusion (dashed for the first
    result, dotted for the second, ...); one colour per result, so curves that coincide
    stay distinguishable. The x-axis is logarithmic because the two differ by orders of
    magnitude, and starts at ``floor`` seconds.

    Parameters
    ----------
    results : seqlearn.rollup.SimulationResult or dict
        One result, or a dict of legend labels to results.
    floor : float, optional
        Left end of the latency axis, in s (positive). Default 0.001.

    Returns
    -------
    matplotlib.figure.Figure
    """
    res = _as_mapping(results)
    floor = v.positive("floor", floor, hi=1e6)
    fig, ax = new_figure()
    dashes = ("--", ":", "-.")
    for i, (c, (label, r)) in enumerate(zip(CYCLE, res.items())):
        if r.soft_latency.size:
            _ecdf(ax, r.soft_latency, color=c, label=f"{label}: soft confirmation")
        _ecdf(ax, r.inclusion_latency, color=c, linestyle=dashes[i % len(dashes)],
              linewidth=2.0 if i == 0 else 2.6, label=f"{label}: L1 inclusion")
    ax.set_xscale("log")
    ax.set_xlim(left=floor)
    ax.set_ylim(0, 1.02)
    _plain_log(ax.xaxis)
    finish(ax, xlabel="latency after arrival (s)", ylabel="share of transactions",
           legend=True)
    return fig


def _timeline(ax: Axes, r: SimulationResult, unit: str, most_points: int) -> None:
    u = _unit(unit)
    if r.config.outage is not None:
        a, b = r.config.outage
        label = "sequencer down" if r.config.outage_kind == "sequencer" else "batch poster down"
        ax.axvspan(a / u, b / u, color=COLORS["grey"], alpha=0.15, linewidth=0, label=label)
    seq = _thin(np.flatnonzero(r.path != PATH_FORCED), most_points)
    frc = _thin(np.flatnonzero(r.path == PATH_FORCED), most_points)
    arr = r.arrival
    ax.scatter(arr[seq] / u, (r.inclusion_time[seq] - arr[seq]) / u, s=6,
               color=COLORS["sky"], linewidths=0, label="L1 inclusion (sequencer batch)")
    ax.scatter(arr[seq] / u, (r.soft_time[seq] - arr[seq]) / u, s=6, color=COLORS["blue"],
               linewidths=0, label="soft confirmation (sequencer)")
    if frc.size:
        ax.scatter(arr[frc] / u, (r.inclusion_time[frc] - arr[frc]) / u, s=6,
                   color=COLORS["orange"], linewidths=0, label="L1 inclusion (forced)")


def plot_outage_timeline(results: SimulationResult | Mapping[str, SimulationResult], *,
                         unit: str = "h", most_points: int = 3000) -> Figure:
    """Latency of each transaction against its arrival time, around an outage.

    One panel per result (stacked). Soft confirmations and sequencer-batch L1 inclusions are
    blue; forced inclusions orange; the outage window is shaded.

    Parameters
    ----------
    results : seqlearn.rollup.SimulationResult or dict
        One result, or a dict of panel titles to results.
    unit : str, optional
        Time unit of both axes: ``"s"``, ``"min"`` or ``"h"``. Default ``"h"``.
    most_points : int, optional
        Most dots per series (evenly thinned). Default 3000.

    Returns
    -------
    matplotlib.figure.Figure
    """
    res = _as_mapping(results)
    _unit(unit)
    most_points = v.count("most_points", most_points, hi=100_000)
    fig, axes = new_figure(len(res), 1, height=3.2 * len(res) + 0.6)
    axes = np.atleast_1d(axes)
    for ax, (label, r) in zip(axes, res.items()):
        _timeline(ax, r, unit, most_points)
        finish(ax, xlabel=f"arrival time ({unit})", ylabel=f"latency ({unit})",
               title=label if len(res) > 1 else None)
    with plt.rc_context(STYLE):
        axes[0].legend(loc="upper right", fontsize=9, markerscale=3)
    return fig


def plot_cost_latency(results: Mapping[float, SimulationResult]) -> Figure:
    """L1 data cost per transaction against median L1-inclusion latency.

    Each point is one simulation (usually one batch interval), labelled with its key.

    Parameters
    ----------
    results : dict
        Batch interval in s (or any label) to result.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if not isinstance(results, Mapping) or not 1 <= len(results) <= 64:
        raise v.fail("results", "a mapping of 1 to 64 labelled SimulationResult", results,
                     TypeError)
    res = {k: v.instance(f"results[{k!r}]", r, SimulationResult) for k, r in results.items()}
    fig, ax = new_figure()
    lat = [float(np.median(r.inclusion_latency)) for r in res.values()]
    cost = [r.summary()["cost_per_tx_eth"] * 1e9 for r in res.values()]
    ax.plot(lat, cost, marker="o", color=COLORS["blue"])
    for k, x, y in zip(res, lat, cost):
        ax.annotate(f"{k:g} s" if isinstance(k, (int, float)) else str(k), (x, y),
                    textcoords="offset points", xytext=(6, 4), fontsize=9)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.margins(x=0.12, y=0.12)
    _plain_log(ax.xaxis, subs=(1.0, 2.0, 5.0))
    _plain_log(ax.yaxis, subs=(1.0, 2.0, 5.0))
    finish(ax, xlabel="median L1-inclusion latency (s)",
           ylabel="L1 data cost per transaction (gwei)")
    return fig


def plot_rollup_explorer(result: SimulationResult, *, unit: str = "min") -> Figure:
    """The explorer's figure: latency distributions (top) and latency over time (bottom).

    The two panels are stacked at the house width, so the text has the same size as in
    the book's other figures.

    Parameters
    ----------
    result : seqlearn.rollup.SimulationResult
        One simulation.
    unit : str, optional
        Time unit of the lower panel. Default ``"min"``.

    Returns
    -------
    matplotlib.figure.Figure
    """
    v.instance("result", result, SimulationResult)
    _unit(unit)
    fig, (left, right) = new_figure(2, 1, width=7.0, height=6.6)
    if result.soft_latency.size:
        _ecdf(left, result.soft_latency, color=COLORS["blue"], label="soft confirmation")
    _ecdf(left, result.inclusion_latency, color=COLORS["sky"], linestyle="--",
          label="L1 inclusion")
    left.set_xscale("log")
    left.set_xlim(left=1e-3)
    left.set_ylim(0, 1.02)
    _plain_log(left.xaxis)
    finish(left, xlabel="latency after arrival (s)", ylabel="share of transactions",
           legend=True)
    _timeline(right, result, unit, 1500)
    finish(right, xlabel=f"arrival time ({unit})", ylabel=f"latency ({unit})")
    with plt.rc_context(STYLE):
        right.legend(loc="upper right", fontsize=9, markerscale=3)
    return fig
