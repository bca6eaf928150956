"""Figures for the chapter on sequencer risk for derivatives.

Each function takes outputs of :mod:`seqlearn.derivatives` and returns a matplotlib
Figure in the house style (:func:`seqlearn.plotting.new_figure`). Wide content is stacked
in panels one above the other, so the figures stay legible at phone width.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> import numpy as np
>>> from seqlearn import derivatives as d
>>> m = np.array([10.0, 60.0, 420.0])
>>> fig = plot_gap_probability(m, {"HF 1.00": d.gap_probability(1.0, 0.8, m, threshold=0.95)})
>>> fig.axes[0].get_xlabel()
'outage length (minutes)'
>>> plt.close(fig)
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
from matplotlib.figure import Figure

from seqlearn import validation as v
from seqlearn.derivatives import GraceTradeoff
from seqlearn.plotting import COLORS, CYCLE, finish, new_figure

__all__ = ["plot_gap_probability", "plot_grace_tradeoff", "plot_hedging_error",
           "plot_outage_addon"]


def _mapping(name: str, m: object) -> Mapping:
    if not isinstance(m, Mapping) or not m:
        raise v.fail(name, "a non-empty mapping of label to data", m, TypeError)
    return m


def plot_gap_probability(minutes: object, curves: Mapping[str, object], *,
                         ylabel: str = "probability (log scale)") -> Figure:
    """Probabilities against outage length, one curve per label, log-log axes.

    Parameters
    ----------
    minutes : array_like
        Outage lengths in minutes (> 0), increasing.
    curves : dict
        For each label, the probabilities at ``minutes``
        (:func:`seqlearn.derivatives.gap_probability`).
    ylabel : str, optional

    Returns
    -------
    Figure
    """
    m = v.array("minutes", minutes, ndim=1, lo=0.0, lo_open=True)
    cv = _mapping("curves", curves)
    fig, ax = new_figure(height=4.2)
    floor = 1e-8
    for (label, p), color in zip(cv.items(), CYCLE):
        y = v.array(f"curves[{label!r}]", p, shape=(m.size,), lo=0.0, hi=1.0)
        # below the axis floor a curve is not drawn (a flat line there would mislead)
        ax.plot(m, np.where(y >= floor, y, np.nan), color=color, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(float(m.min()), float(m.max()))
    ax.set_ylim(floor, 1.5)
    finish(ax, xlabel="outage length (minutes)", ylabel=ylabel)
    ax.legend(loc="upper left", frameon=False)
    return fig


def plot_grace_tradeoff(tradeoffs: Mapping[str, GraceTradeoff],
                        marks: Mapping[str, tuple[str, float]] | None = None, *,
                        unit: str = "USD", scale: float = 1.0) -> Figure:
    """The grace-period trade-off: bad debt against needless liquidations.

    Top panel: mean bad debt per outage against the mean number of liquidated owners who
    would have added collateral, one curve per family of rules, each point a grace period
    (labelled in minutes; a label that would overlap the previous one is left out). Bottom panel: the same with the 99 % expected shortfall of bad
    debt (the ``alpha`` of the tradeoff).

    Parameters
    ----------
    tradeoffs : dict
        Label to :class:`seqlearn.derivatives.GraceTradeoff`.
    marks : dict, optional
        Label to ``(family label, grace period in s)``: points to highlight (for example
        the Aave v3.6 and v3.7 rules); the grace period must be one of the family's.
    unit : str, optional
        Unit of bad debt after ``scale`` (for the axis label).
    scale : float, optional
        Divide bad debt by this (e.g. 1e3 with ``unit="thousand USD"``).

    Returns
    -------
    Figure
    """
    tr = _mapping("tradeoffs", tradeoffs)
    for label, t in tr.items():
        v.instance(f"tradeoffs[{label!r}]", t, GraceTradeoff)
    mk = {} if marks is None else _mapping("marks", marks)
    sc = v.positive("scale", scale)
    v.text("unit", unit)
    fig, axes = new_figure(2, 1, height=8.0)
    symbols = ("*", "D", "s", "^")
    for ax, field, what in ((axes[0], "bad_debt", "mean bad debt"),
                            (axes[1], "bad_debt_es", "bad debt, 99% ES")):
        span_x = max(float(np.ptp(np.concatenate([t.needless for t in tr.values()]))), 1e-9)
        span_y = max(float(np.ptp(np.concatenate([getattr(t, field) for t in tr.values()])))
                     / sc, 1e-9)
        for (label, t), color in zip(tr.items(), CYCLE):
            x, y = t.needless, getattr(t, field) / sc
            ax.plot(x, y, "o-", color=color, label=label, markersize=4)
            last = None
            for g, xi, yi in zip(t.grace_periods, x, y):
                # label a grace period (minutes) unless it would sit on the previous label
                if g > 0 and (last is None or abs(xi - last[0]) / span_x > 0.04
                              or abs(yi - last[1]) / span_y > 0.06):
                    ax.annotate(f"{g / 60:g}", (xi, yi), textcoords="offset points",
                                xytext=(4, 4), fontsize=8, color=color)
                    last = (xi, yi)
        for (name, (family, g)), sym in zip(mk.items(), symbols):
            t = v.option("marks family", family, tuple(tr))
            t = tr[t]
            hits = np.nonzero(np.isclose(t.grace_periods, g))[0]
            if not hits.size:
                raise v.fail(f"marks[{name!r}]", "a grace period of its family", g)
            i = int(hits[0])
            ax.plot(t.needless[i], getattr(t, field)[i] / sc, sym, color=COLORS["black"],
                    markersize=11, markerfacecolor="none", markeredgewidth=1.6,
                    label=name)
        finish(ax, xlabel="owners liquidated who would have added collateral (per outage)",
               ylabel=f"{what} ({unit})")
    axes[1].legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=9,
                   frameon=False)
    return fig


def plot_hedging_error(minutes: object, errors: object, *, premium: float | None = None
                       ) -> Figure:
    """Distribution of a frozen hedge's loss against outage length (quantile bands).

    Parameters
    ----------
    minutes : array_like
        Outage lengths (minutes), increasing.
    errors : array_like, shape (len(minutes), n_paths)
        Losses per option (:func:`seqlearn.derivatives.hedging_error`).
    premium : float, optional
        The option's price: losses are then shown in percent of it.

    Returns
    -------
    Figure
    """
    m = v.array("minutes", minutes, ndim=1, lo=0.0)
    e = v.array("errors", errors, ndim=2, shape=(m.size, None))
    unit = "per option"
    if premium is not None:
        e = 100.0 * e / v.positive("premium", premium)
        unit = "% of premium"
    q = np.percentile(e, [1, 5, 50, 95, 99], axis=1)
    es99 = np.array([np.sort(row)[-max(1, row.size // 100):].mean() for row in e])
    fig, ax = new_figure(height=4.2)
    ax.fill_between(m, q[0], q[4], color=COLORS["sky"], alpha=0.35, label="1%-99% range")
    ax.fill_between(m, q[1], q[3], color=COLORS["blue"], alpha=0.35, label="5%-95% range")
    ax.plot(m, q[2], color=COLORS["blue"], label="median")
    ax.plot(m, es99, "--", color=COLORS["orange"], label="99% expected shortfall")
    ax.axhline(0.0, color=COLORS["grey"], linewidth=0.8)
    finish(ax, xlabel="outage length (minutes)", ylabel=f"hedger's loss ({unit})",
           legend=True)
    return fig


def plot_outage_addon(labels: object, expected: object, es: object, *,
                      unit: str = "% of premium") -> Figure:
    """Expected cost and 99 % expected shortfall of outages, one bar pair per case.

    Parameters
    ----------
    labels : sequence of str
        One label per case (a rollup's outage record, a what-if).
    expected, es : array_like
        Expected cost and expected shortfall per case, in ``unit``.

    Returns
    -------
    Figure
    """
    if not isinstance(labels, (list, tuple)) or not labels or not all(
            isinstance(s, str) for s in labels):
        raise v.fail("labels", "a non-empty list of strings", labels, TypeError)
    ex = v.array("expected", expected, shape=(len(labels),))
    sh = v.array("es", es, shape=(len(labels),))
    v.text("unit", unit)
    y = np.arange(len(labels))
    fig, ax = new_figure(height=2.0 + 0.7 * len(labels))
    ax.barh(y - 0.18, ex, height=0.34, color=COLORS["blue"],
            label="expected cost (premium add-on)")
    ax.barh(y + 0.18, sh, height=0.34, color=COLORS["orange"],
            label="99% expected shortfall (margin add-on)")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    finish(ax, xlabel=f"outage cost over the option's life ({unit})", ylabel="outage record")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1, frameon=False)
    return fig
