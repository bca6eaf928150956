"""Figures for the chapter on collateral risk.

Each function takes outputs of :mod:`seqlearn.risk` or :mod:`seqlearn.collateral` and
returns a matplotlib Figure in the house style. Values are shown as a percentage of the
collateral's initial value where that removes the need for a token price.

Examples
--------
>>> import matplotlib.pyplot as plt
>>> import numpy as np
>>> from seqlearn.collateral import Market, liquidation_value
>>> q = np.linspace(0, 5e6, 50)
>>> fig = plot_liquidation_value(q, {"thin": liquidation_value(q, 1.0, Market(1e5))}, 1.0)
>>> fig.axes[0].get_xlabel()
'stake sold (million tokens)'
>>> plt.close(fig)
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from seqlearn import validation as v
from seqlearn.collateral import CollateralReport
from seqlearn.plotting import COLORS, CYCLE, STYLE, finish, new_figure
from seqlearn.risk import CollateralSimulation

__all__ = [
    "plot_liquidation_value",
    "plot_scenario_risk",
    "plot_wrong_way",
    "plot_loss_tail",
    "plot_frontier",
]

_STEP_COLORS = (COLORS["grey"], COLORS["sky"], COLORS["orange"], COLORS["blue"])


def plot_liquidation_value(quantities: Sequence[float] | np.ndarray,
                           values: Mapping[str, np.ndarray], price: float, *,
                           token: str = "tokens", currency: str = "USD") -> Figure:
    """Money raised against the amount sold, for several markets, beside ``amount x price``.

    Parameters
    ----------
    quantities : array_like
        Amounts sold (tokens), increasing.
    values : dict
        For each market's label (str), an ndarray of the proceeds of selling each amount
        (:func:`seqlearn.collateral.liquidation_value`).
    price : float
        Market price per token before the sale (for the mark-to-market line).
    token, currency : str
        Units for the labels.

    Returns
    -------
    Figure
        Top: proceeds (million ``currency``);
        bottom: average price realised, as a
        percentage of the market price.
    """
    q = v.array("quantities", quantities, ndim=1, lo=0.0)
    values = v.curves("values", values, length=q.size)
    price = v.positive("price", price)
    token, currency = v.text("token", token), v.text("currency", currency)
    fig, (ax, ax2) = new_figure(2, 1, width=7.0, height=7.4)
    with plt.rc_context(STYLE):
        ax.plot(q / 1e6, q * price / 1e6, color=COLORS["black"], ls="--", lw=1.5)
        ax.annotate("stake x price", (q[-1] / 1e6, q[-1] * price / 1e6), xytext=(-4, 4),
                    textcoords="offset points", ha="right", va="bottom", fontsize=10)
        for (label, raised), c in zip(values.items(), CYCLE):
            ax.plot(q / 1e6, raised / 1e6, color=c, label=label)
            with np.errstate(divide="ignore", invalid="ignore"):
                share = np.where(q > 0, raised / (q * price), np.nan) * 100
            ax2.plot(q / 1e6, share, color=c, label=label)
        ax2.set_ylim(0, 105)
    finish(ax, xlabel=f"stake sold (million {token})", ylabel=f"money raised (million {currency})",
           title="Proceeds of a forced sale")
    finish(ax2, xlabel=f"stake sold (million {token})",
           ylabel="average price realised (% of market)", title="Price per token", legend=True)
    return fig


def plot_scenario_risk(labels: Sequence[str], expected: Sequence[float],
                       var: Sequence[float], es: Sequence[float], alpha: float) -> Figure:
    """Expected loss, value-at-risk and expected shortfall for each failure scenario.

    Parameters
    ----------
    labels : list
        Scenario names, one bar group each.
    expected, var, es : list
        Mean, VaR and ES of the provider's loss, in % of the initial collateral value.
    alpha : float
        Tail probability of the VaR and ES (for the legend).

    Returns
    -------
    Figure
        Horizontal grouped bars.
    """
    if isinstance(labels, (str, bytes)) or not isinstance(labels, Sequence) \
            or not 1 <= len(labels) <= 64:
        raise v.fail("labels", "a sequence of 1 to 64 labels", labels, TypeError)
    labels = [v.text(f"labels[{i}]", lab) for i, lab in enumerate(labels)]
    n = len(labels)
    expected = v.array("expected", expected, shape=(n,))
    var = v.array("var", var, shape=(n,))
    es = v.array("es", es, shape=(n,))
    alpha = v.probability("alpha", alpha, lo_open=True, hi_open=True)
    fig, ax = new_figure(width=8.0, height=0.9 + 0.75 * n)
    y = np.arange(n)[::-1]
    level = f"{100 * (1 - alpha):g}%"
    with plt.rc_context(STYLE):
        for k, (vals, lab, c) in enumerate((
                (expected, "expected loss", COLORS["sky"]),
                (var, f"{level} VaR", COLORS["orange"]),
                (es, f"{level} ES", COLORS["blue"]))):
            ax.barh(y + (1 - k) * 0.26, vals, height=0.26, color=c, label=lab)
        ax.set_yticks(y, list(labels))
        ax.axvline(0, color=COLORS["black"], lw=0.8)
        ax.grid(axis="y", visible=False)
    finish(ax, xlabel="provider's loss over the year (% of initial collateral value)",
           ylabel="failure scenario", legend=True)
    return fig


def plot_wrong_way(results: Mapping[str, CollateralSimulation]) -> Figure:
    """Distribution of the final and the lowest collateral value, one histogram per run.

    Parameters
    ----------
    results : dict
        Runs (CollateralSimulation, by label) to compare (for example with and without the wrong-way jump), same initial value.

    Returns
    -------
    Figure
        Top: final value; bottom: lowest value over the horizon; both in % of the initial
        value, with the runs' threshold marked on the lower panel.
    """
    if not isinstance(results, Mapping) or not 1 <= len(results) <= 64:
        raise v.fail("results", "a mapping of 1 to 64 labelled CollateralSimulation results",
                     results, TypeError)
    runs = [v.instance(f"results[{k!r}]", r, CollateralSimulation)
            for k, r in results.items()]
    fig, (ax, ax2) = new_figure(2, 1, width=7.0, height=7.4)
    finals = [100 * r.final_value / r.initial_value for r in runs]
    mins = [100 * r.min_total_value / r.initial_value for r in runs]
    hi = float(np.quantile(np.concatenate(finals), 0.995))
    bins_f = np.linspace(0, max(hi, 110.0), 70)
    bins_m = np.linspace(0, 100.0, 60)
    with plt.rc_context(STYLE):
        for label, f, m, c in zip(results, finals, mins, CYCLE):
            ax.hist(f, bins=bins_f, histtype="step", lw=2, color=c, density=True, label=label)
            ax2.hist(m, bins=bins_m, histtype="step", lw=2, color=c, density=True, label=label)
        thr = 100 * runs[0].threshold / runs[0].initial_value
        ax2.axvline(thr, ymax=0.68, color=COLORS["black"], ls=":", lw=1.5,
                    label=f"threshold ({thr:g}%)")
        ax.axvline(100, color=COLORS["black"], ls="--", lw=1)
    finish(ax, xlabel="final collateral value (% of initial)", ylabel="density (1/%)",
           title="At the end of the year", legend=True)
    finish(ax2, xlabel="lowest collateral value (% of initial)", ylabel="density (1/%)",
           title="At its lowest")
    for a in (ax, ax2):                      # head-room so the legend clears the bars
        a.set_ylim(0, a.get_ylim()[1] * 1.45)
    ax2.legend(loc="upper right", frameon=False)
    return fig


def plot_loss_tail(losses: Mapping[str, np.ndarray], var: Mapping[str, float],
                   es: Mapping[str, float], alpha: float) -> Figure:
    """Histogram of losses with the value-at-risk (dashed) and expected shortfall (solid).

    The histogram starts at the lowest 1st percentile of the runs, so that rare large
    gains do not squeeze the tail that matters.

    Parameters
    ----------
    losses : dict
        Loss per path (ndarray) for each run's label, in % of the initial value.
    var, es : dict
        VaR and ES of each run, same labels and units.
    alpha : float
        Tail probability (for the legend).

    Returns
    -------
    Figure
    """
    losses = v.curves("losses", losses)
    for name, m in (("var", var), ("es", es)):
        m = v.marks(name, m)
        if set(m) != set(losses):
            raise v.fail(name, "a mapping with the same labels as losses", sorted(m))
    alpha = v.probability("alpha", alpha, lo_open=True, hi_open=True)
    fig, ax = new_figure(width=8.0, height=4.0)
    allx = np.concatenate(list(losses.values()))
    # The left tail (large gains) would squeeze the picture: start at the lowest 1st
    # percentile of the runs; the right tail, where VaR and ES live, is shown in full.
    left = min(float(np.quantile(x, 0.01)) for x in losses.values())
    bins = np.linspace(left, float(max(allx.max(), max(es.values()))), 80)
    level = f"{100 * (1 - alpha):g}%"
    with plt.rc_context(STYLE):
        for (label, x), c in zip(losses.items(), CYCLE):
            ax.hist(np.asarray(x, dtype=float), bins=bins, histtype="step", lw=2, color=c,
                    label=label, weights=np.full(len(x), 1.0 / (len(x) * (bins[1] - bins[0]))))
            ax.axvline(var[label], color=c, ls="--", lw=1.5,
                       label=f"{level} VaR, {label}: {var[label]:.0f}%")
            ax.axvline(es[label], color=c, ls="-", lw=2.5, alpha=0.6,
                       label=f"{level} ES, {label}: {es[label]:.0f}%")
    finish(ax, xlabel="provider's loss over the year (% of initial value)",
           ylabel="density (1/%)", legend=True)
    return fig


def _security_axis(alphas: np.ndarray) -> np.ndarray:
    return -np.log10(alphas)


def plot_frontier(report: CollateralReport, *, currency: str = "USD") -> Figure:
    """The security/capital frontier and what each risk adds to the required stake.

    Parameters
    ----------
    report : CollateralReport
        Output of :func:`seqlearn.collateral.collateral_report`.
    currency : str
        Unit of the loss, for the title.

    Returns
    -------
    Figure
        Top: collateralisation ratio needed against the security level, once for each
        risk switched on, with the chosen level marked; its right-hand axis gives the
        yearly cost of locking the stake, as a percentage of the loss covered. Bottom: the
        ratio at the chosen level as each risk is switched on.
    """
    v.instance("report", report, CollateralReport)
    currency = v.text("currency", currency)
    model, req, dec = report.model, report.required, report.decomposition
    fig, (ax, ax2) = new_figure(2, 1, width=7.0, height=8.0)
    finite = [r for f in report.frontiers for r in f.ratios if math.isfinite(r)]
    top = max(finite + [1.0]) * 1.15
    with plt.rc_context(STYLE):
        for f, label, c in zip(report.frontiers, dec.labels, _STEP_COLORS):
            ax.plot(_security_axis(f.alphas), np.where(np.isfinite(f.ratios), f.ratios, np.nan),
                    color=c, marker="o", ms=3, label=label)
        x0 = _security_axis(np.array([req.alpha]))[0]
        if math.isfinite(req.ratio):
            ax.plot([x0], [req.ratio], marker="*", ms=14, color=COLORS["black"], ls="none",
                    label=f"chosen: {100 * (1 - req.alpha):g}%")
        ax.axhline(1.0, color=COLORS["black"], lw=0.8, ls=":")
        ticks = np.array([0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001])
        lo, hi = _security_axis(report.frontiers[0].alphas).min(), \
            _security_axis(report.frontiers[0].alphas).max()
        keep = (_security_axis(ticks) >= lo - 1e-9) & (_security_axis(ticks) <= hi + 1e-9)
        ax.set_xticks(_security_axis(ticks[keep]),
                      [f"{100 * (1 - t):g}%" for t in ticks[keep]])
        ax.set_ylim(0, top)
        cost = 100.0 * model.capital_cost
        if cost > 0:
            sec = ax.secondary_yaxis("right", functions=(lambda r: r * cost,
                                                         lambda p: p / cost))
            sec.set_ylabel(f"yearly capital cost (% of loss, at {cost:g}%/yr)")
        vals = [r if math.isfinite(r) else np.nan for r in dec.ratios]
        bars = ax2.bar(range(len(vals)), np.nan_to_num(vals, nan=0.0), color=_STEP_COLORS,
                       width=0.65)
        for b, ratio in zip(bars, dec.ratios):
            txt = f"{ratio:.2f}" if math.isfinite(ratio) else "no stake\nsuffices"
            ax2.annotate(txt, (b.get_x() + b.get_width() / 2, b.get_height()),
                         ha="center", va="bottom", fontsize=10, xytext=(0, 2),
                         textcoords="offset points")
        ax2.set_xticks(range(len(vals)), [s.replace("wrong-way ", "wrong-way\n")
                                          for s in dec.labels], fontsize=9)
        ax2.set_ylim(0, max([v for v in vals if np.isfinite(v)] + [1.0]) * 1.2)
        ax2.axhline(1.0, color=COLORS["black"], lw=0.8, ls=":")
        ax2.grid(axis="x", visible=False)
    finish(ax, xlabel="security level 1 - alpha (alpha on a log scale)",
           ylabel="collateralisation ratio (stake value / loss)",
           title="Security/capital frontier", legend=False)
    ax.legend(fontsize=9, loc="upper left")
    level = f"{100 * (1 - req.alpha):g}%"
    finish(ax2, xlabel="risks switched on, in turn",
           ylabel=f"ratio needed at {level} (stake value / loss)",
           title="Where the requirement comes from")
    return fig
